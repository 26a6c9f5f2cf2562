"""Walk content/ and read every record file into a RawRecord.

The only code that reads content/. Files are classified by where they sit;
YAML is parsed strictly (sources/yamlsafe.py) and Markdown split from its
front matter. Problems are collected; a file that cannot be read is skipped.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from site_builder.problems import Loc, Problems
from site_builder.sources.frontmatter import split_front_matter
from site_builder.sources.text import decode_text
from site_builder.sources.yamlsafe import YamlFailure, load_yaml

Kind = Literal[
    "site",
    "glossary",
    "term",
    "term-targets",
    "term-awards",
    "year",
    "year-targets",
    "year-awards",
    "conference",
    "page",
]

MAX_FILE_BYTES = 2_000_000
_IGNORED = re.compile(r"(^\.|~$|\.swp$|\.tmp$|^Thumbs\.db$|^desktop\.ini$)", re.IGNORECASE)

_PATTERNS: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    ("site", re.compile(r"site\.yaml")),
    ("glossary", re.compile(r"glossary\.yaml")),
    ("term", re.compile(r"terms/(?P<folder>[^/]+)/term\.md")),
    ("term-targets", re.compile(r"terms/(?P<folder>[^/]+)/targets\.yaml")),
    ("term-awards", re.compile(r"terms/(?P<folder>[^/]+)/awards\.yaml")),
    ("year", re.compile(r"years/(?P<folder>[^/]+)/year\.md")),
    ("year-targets", re.compile(r"years/(?P<folder>[^/]+)/targets\.yaml")),
    ("year-awards", re.compile(r"years/(?P<folder>[^/]+)/awards\.yaml")),
    ("conference", re.compile(r"years/(?P<folder>[^/]+)/conferences/(?P<stem>[^/]+)\.md")),
    ("page", re.compile(r"pages/(?P<stem>[^/]+)\.md")),
)


@dataclass(frozen=True)
class RawRecord:
    kind: Kind
    path: str  # site-relative, e.g. "content/years/2019/year.md"
    folder: str | None  # term or year folder name
    stem: str | None  # file name without ".md" (conferences, pages)
    data: object  # YMap / YList / YStr / None from yamlsafe
    body: str | None  # Markdown body (Markdown records only)
    body_line: int


@dataclass(frozen=True)
class SourceSet:
    site_root: Path
    records: tuple[RawRecord, ...]
    media: frozenset[str]  # files under content/media/, relative to it ("photos/a.jpg")


def classify(rel: str) -> tuple[Kind, dict[str, str]] | None:
    """Record kind of a path relative to content/, or None for an unknown file."""
    for kind, pattern in _PATTERNS:
        match = pattern.fullmatch(rel)
        if match:
            return kind, match.groupdict()
    return None


def read_sources(site_root: Path, problems: Problems, max_file_bytes: int = MAX_FILE_BYTES) -> SourceSet:
    content = site_root / "content"
    if not (content / "site.yaml").is_file():
        problems.error("site.missing", Loc("content/site.yaml"))
        return SourceSet(site_root, (), frozenset())
    records: list[RawRecord] = []
    media: set[str] = set()
    for rel in _walk(content, site_root, problems):
        if rel.startswith("media/"):
            media.add(rel.removeprefix("media/"))
            continue
        found = classify(rel)
        path = f"content/{rel}"
        if found is None:
            if not rel.lower().endswith((".gitkeep", "readme.md")):
                problems.warning("file.unknown", Loc(path), hint=None)
            continue
        record = read_record(content / rel, path, found, problems, max_file_bytes)
        if record is not None:
            records.append(record)
    return SourceSet(site_root, tuple(records), frozenset(media))


def _walk(content: Path, site_root: Path, problems: Problems) -> list[str]:
    """Sorted content-relative POSIX paths; symlinks leaving the site are refused."""
    root = site_root.resolve()
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(content):
        dirnames[:] = sorted(d for d in dirnames if not _IGNORED.search(d))
        for name in sorted(filenames):
            if _IGNORED.search(name):
                continue
            full = Path(dirpath) / name
            rel = PurePosixPath(full.relative_to(content)).as_posix()
            if full.is_symlink() and not full.resolve().is_relative_to(root):
                problems.error("file.symlink-outside", Loc(f"content/{rel}"))
                continue
            found.append(rel)
    return sorted(found)


def read_record(
    file: Path, path: str, found: tuple[Kind, dict[str, str]], problems: Problems, max_bytes: int
) -> RawRecord | None:
    kind, parts = found
    text = read_text(file, path, problems, max_bytes)
    if text is None:
        return None
    folder, stem = parts.get("folder"), parts.get("stem")
    try:
        if not path.endswith(".md"):
            return RawRecord(kind, path, folder, stem, load_yaml(text, path, problems), None, 1)
        split = split_front_matter(text)
        if split.yaml_text is None:
            problems.error("frontmatter.missing", Loc(path, 1))
            return None
        if not split.closed:
            problems.error("frontmatter.unclosed", Loc(path, 1))
            return None
        data = load_yaml(split.yaml_text, path, problems, first_line=split.yaml_line)
        return RawRecord(kind, path, folder, stem, data, split.body, split.body_line)
    except YamlFailure:
        return None


def read_text(file: Path, path: str, problems: Problems, max_bytes: int) -> str | None:
    try:
        size = file.stat().st_size
        if size > max_bytes:
            problems.error("file.too-big", Loc(path), size=size // 1000, limit=max_bytes // 1000)
            return None
        data = file.read_bytes()
    except OSError as exc:
        problems.error("file.unreadable", Loc(path), detail=exc.strerror or str(exc))
        return None
    return decode_text(data, path, problems)
