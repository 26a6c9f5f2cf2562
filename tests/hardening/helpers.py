"""Shared helpers of the hardening tests: tiny sites, whole-loader runs, CLI runs."""

from __future__ import annotations

import hashlib
from pathlib import Path

from site_builder.build import load_site
from site_builder.problems import Problems
from tests.conftest import run_cli, site_with

__all__ = ["load", "run_cli", "site_with", "messages", "tree_hash", "codes", "CONFERENCE"]

CONFERENCE = "content/years/2021/conferences/2021-01-14-tong-ket.md"


def load(site: Path):
    """(model or None, Problems) of the whole loader, as `check` runs it: read, load, cross-check and
    render the bodies (images and links inside bodies are checked by the markup stage)."""
    problems = Problems()
    loaded = load_site(site, problems)
    return (loaded.model if loaded else None), problems


def messages(problems, lang: str = "en") -> list[str]:
    return [p.format(lang) for p in problems.sorted()]


def codes(problems) -> list[str]:
    return [p.code for p in problems.sorted()]


def tree_hash(folder: Path) -> str:
    """One digest of every path, file mode and byte under `folder`."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        if path.is_file() and not path.is_symlink():
            digest.update(path.read_bytes())
    return digest.hexdigest()
