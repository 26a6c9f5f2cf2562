"""Shared helpers of the hardening tests: tiny sites, whole-loader runs, CLI runs."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tests.conftest import load, run_cli, site_with

__all__ = ["load", "run_cli", "site_with", "messages", "tree_hash", "codes", "CONFERENCE"]

CONFERENCE = "content/years/2021/conferences/2021-01-14-tong-ket.md"


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
