"""Skip a build whose inputs have not changed since the output was made.

The fingerprint hashes the content of every file the output depends on
(content/, the site's templates/ and themes/, the built-in theme and the package
code) with its relative path, plus the options that change the output (the hashes
themselves come from input_hashes.py, which hashes only files that may have changed). It is
stored with the previous run's report in the output's marker file, so an
unchanged build replays its warnings without parsing or rendering anything.
Content, not modification times, so the same inputs give the same marker bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import site_builder
from site_builder.atomic import write_atomic
from site_builder.output.guard import MARKER
from site_builder.output.input_hashes import read_inputs
from site_builder.problems import Loc, Problem, Problems

# Libraries whose upgrade changes the output bytes: their versions are part of the fingerprint.
LIBRARIES = ("markdown", "nh3", "jinja2", "babel", "weasyprint", "pyyaml")


@dataclass(frozen=True)
class Counts:
    records: int
    pages: int
    pdf_pages: int


@dataclass(frozen=True)
class Previous(Counts):
    """What the last successful build recorded."""

    problems: Problems


def library_versions() -> list[str]:
    """ "name==version" of each library in LIBRARIES ("name==?" when it is not installed)."""
    found = []
    for name in LIBRARIES:
        try:
            found.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}==?")
    return found


def input_digests(site_root: Path) -> dict[str, str]:
    """Content hash of every input file: "site:<path from the site root>" or "package:<path>"."""
    return read_inputs(site_root).digests


def site_digests(digests: Mapping[str, str]) -> dict[str, str]:
    """The site's files only, by site-relative path ("content/years/2019/year.md")."""
    return {key[5:]: value for key, value in digests.items() if key.startswith("site:")}


def generation(digests: Mapping[str, str]) -> str:
    """The program itself: version, libraries and package files. Caches from another one are dropped."""
    digest = hashlib.sha256(json.dumps([site_builder.__version__, *library_versions()]).encode())
    for key, value in digests.items():
        if key.startswith("package:"):
            digest.update(f"{key}\0{value}\n".encode())
    return digest.hexdigest()


def fingerprint(site_root: Path | Mapping[str, str], options: Iterable[object]) -> str:
    """One digest of every input (`input_digests`, or computed here from a site root) and the options."""
    digests = input_digests(site_root) if isinstance(site_root, Path) else site_root
    header = [site_builder.__version__, *library_versions(), *map(str, options)]
    digest = hashlib.sha256(json.dumps(header).encode())
    for key, value in digests.items():
        digest.update(f"{key}\0{value}\n".encode())
    return digest.hexdigest()


def tree_digest(listing: Mapping[str, tuple[int, int]]) -> str:
    """Digest of the output's file names and sizes: a hand-edited output is rebuilt, not trusted.
    (Not modification times: the same inputs give the same marker bytes.)"""
    digest = hashlib.sha256()
    for path in sorted(listing):
        digest.update(f"{path}\0{listing[path][0]}\n".encode())
    return digest.hexdigest()


def marker_text(stamp: str, listing: Mapping[str, tuple[int, int]], problems: Problems, report: Counts) -> str:
    listed = [[p.severity, p.code, p.loc.path, p.loc.line, p.loc.col, dict(p.params)] for p in problems]
    counts = {"records": report.records, "pages": report.pages, "pdf_pages": report.pdf_pages, "problems": listed}
    data = {"generator": "site-builder", "fingerprint": stamp, "tree": tree_digest(listing), "report": counts}
    return json.dumps(data, default=str) + "\n"


def marker_stamp(output: Path) -> str | None:
    """The input fingerprint recorded in `output`'s marker, if any."""
    try:
        stamp = json.loads((output / MARKER).read_text(encoding="utf-8"))["fingerprint"]
        return stamp if isinstance(stamp, str) else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def previous_build(output: Path, stamp: str, listing: Mapping[str, tuple[int, int]]) -> Previous | None:
    """The recorded report when `output` (whose files are `listing`) was built from exactly these
    inputs, else None."""
    try:
        data = json.loads((output / MARKER).read_text(encoding="utf-8"))
        if data["fingerprint"] != stamp or data["tree"] != tree_digest(listing):
            return None
        report = data["report"]
        problems = Problems()
        for severity, code, path, line, col, params in report["problems"]:
            problems.items.append(Problem(severity, code, Loc(path, line, col), tuple(params.items())))
        return Previous(int(report["records"]), int(report["pages"]), int(report["pdf_pages"]), problems)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def unstamp(output: Path) -> str | None:
    """Mark `output` as changed outside a build (`site-builder pdf` wrote into it): its marker's
    fingerprint no longer matches any build's, so the next build is never a mere replay (the
    files' names and sizes alone cannot tell that a PDF was made again). The new stamp, for the
    saved state to go with; None when the folder has no marker."""
    try:
        data = json.loads((output / MARKER).read_text(encoding="utf-8"))
        data["fingerprint"] = f"{data['fingerprint']}+edited".removeprefix("+")
    except (OSError, ValueError, KeyError, TypeError):
        return None
    write_atomic(output / MARKER, json.dumps(data, default=str) + "\n")
    return str(data["fingerprint"])
