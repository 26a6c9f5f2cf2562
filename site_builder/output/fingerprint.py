"""Skip a build whose inputs have not changed since the output was made.

The fingerprint hashes the content of every file the output depends on
(content/, the site's templates/ and themes/, the built-in theme and the package
code) with its relative path, plus the options that change the output. It is
stored with the previous run's report in the output's marker file, so an
unchanged build replays its warnings without parsing or rendering anything.
Content, not modification times, so the same inputs give the same marker bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import site_builder
from site_builder.output.guard import MARKER
from site_builder.problems import Loc, Problem, Problems

PACKAGE_DIR = Path(site_builder.__file__).parent
# Libraries whose upgrade changes the output bytes: their versions are part of the fingerprint.
LIBRARIES = ("markdown", "nh3", "jinja2", "babel", "weasyprint", "pyyaml")


@dataclass(frozen=True)
class Previous:
    """What the last successful build recorded."""

    problems: Problems
    records: int
    pages: int
    pdf_pages: int


def _files(root: Path) -> Iterable[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__" and not d.startswith("."))
        for name in sorted(filenames):
            yield Path(dirpath) / name


def library_versions() -> list[str]:
    """ "name==version" of each library in LIBRARIES ("name==?" when it is not installed)."""
    found = []
    for name in LIBRARIES:
        try:
            found.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}==?")
    return found


def fingerprint(site_root: Path, options: Iterable[object]) -> str:
    header = [site_builder.__version__, *library_versions(), *map(str, options)]
    digest = hashlib.sha256(json.dumps(header).encode())
    roots = [("site", site_root / "content"), ("site", site_root / "templates"), ("site", site_root / "themes")]
    for label, root in [*roots, ("package", PACKAGE_DIR)]:
        base = PACKAGE_DIR if label == "package" else site_root
        for path in _files(root):
            try:
                file_hash = _hash_file(path)
            except OSError:
                continue
            digest.update(f"{label}:{path.relative_to(base).as_posix()}\0{file_hash}\n".encode())
    return digest.hexdigest()


def _hash_file(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def tree_listing(output: Path) -> str:
    """Digest of the output's file names and sizes: a hand-edited output is rebuilt, not trusted."""
    digest = hashlib.sha256()
    for path in _files(output):
        if path.name != MARKER:
            digest.update(f"{path.relative_to(output).as_posix()}\0{path.stat().st_size}\n".encode())
    return digest.hexdigest()


def marker_text(stamp: str, staged: Path, problems: Problems, records: int, pages: int, pdf_pages: int) -> str:
    listed = [[p.severity, p.code, p.loc.path, p.loc.line, p.loc.col, dict(p.params)] for p in problems]
    report = {"records": records, "pages": pages, "pdf_pages": pdf_pages, "problems": listed}
    data = {"generator": "site-builder", "fingerprint": stamp, "tree": tree_listing(staged), "report": report}
    return json.dumps(data, default=str) + "\n"


def previous_build(output: Path, stamp: str) -> Previous | None:
    """The recorded report when `output` was built from exactly these inputs, else None."""
    try:
        data = json.loads((output / MARKER).read_text(encoding="utf-8"))
        if data["fingerprint"] != stamp or data["tree"] != tree_listing(output):
            return None
        report = data["report"]
        problems = Problems()
        for severity, code, path, line, col, params in report["problems"]:
            problems.items.append(Problem(severity, code, Loc(path, line, col), tuple(params.items())))
        return Previous(problems, int(report["records"]), int(report["pages"]), int(report["pdf_pages"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
