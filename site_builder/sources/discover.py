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

from site_builder import layout
from site_builder.catalogue import clause
from site_builder.layout import SITE_YAML, content_relative, in_content
from site_builder.problems import Loc, Problem, Problems
from site_builder.sources.frontmatter import split_front_matter
from site_builder.sources.limits import SourceLimits, limits_from_site
from site_builder.sources.location import site_above, way_up
from site_builder.sources.media_files import check_media_files
from site_builder.sources.text import decode_text
from site_builder.sources.walk import Stat, Tree, walk_tree
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

MAX_FILE_BYTES = 2_000_000  # before site.yaml's own limits are known (and for site.yaml itself)
_IGNORED = re.compile(r"(^\.|~$|\.swp$|\.tmp$|^Thumbs\.db$|^desktop\.ini$)", re.IGNORECASE)

# Content-relative names ("years", "media/"), as the walk below sees the files.
_SITE, _GLOSSARY = content_relative(layout.SITE_YAML), content_relative(layout.GLOSSARY_YAML)
_TERMS, _YEARS, _PAGES = content_relative(layout.TERMS), content_relative(layout.YEARS), content_relative(layout.PAGES)
_MEDIA = content_relative(layout.MEDIA) + "/"
_FOLDER, _STEM_MD = r"(?P<folder>[^/]+)", r"(?P<stem>[^/]+)\.md"
_e = re.escape


def _path(*parts: str) -> re.Pattern[str]:
    return re.compile("/".join(parts))


_PATTERNS: tuple[tuple[Kind, re.Pattern[str]], ...] = (  # no path matches two; the most common first
    ("conference", _path(_e(_YEARS), _FOLDER, _e(layout.CONFERENCES), _STEM_MD)),
    ("site", _path(_e(_SITE))),
    ("glossary", _path(_e(_GLOSSARY))),
    ("term", _path(_e(_TERMS), _FOLDER, _e(layout.TERM_MD))),
    ("term-targets", _path(_e(_TERMS), _FOLDER, _e(layout.TARGETS_YAML))),
    ("term-awards", _path(_e(_TERMS), _FOLDER, _e(layout.AWARDS_YAML))),
    ("year", _path(_e(_YEARS), _FOLDER, _e(layout.YEAR_MD))),
    ("year-targets", _path(_e(_YEARS), _FOLDER, _e(layout.TARGETS_YAML))),
    ("year-awards", _path(_e(_YEARS), _FOLDER, _e(layout.AWARDS_YAML))),
    ("page", _path(_e(_PAGES), _STEM_MD)),
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
    # every record file found, relative to content/ ("pages/a.md"), read successfully or not
    files: frozenset[str] = frozenset()


def classify(rel: str) -> tuple[Kind, dict[str, str]] | None:
    """Record kind of a path relative to content/, or None for an unknown file."""
    for kind, pattern in _PATTERNS:
        match = pattern.fullmatch(rel)
        if match:
            return kind, match.groupdict()
    return None


def read_sources(
    site_root: Path, problems: Problems, limits: SourceLimits | None = None, cache: RecordCache | None = None,
    tree: Tree | None = None,
) -> SourceSet:  # fmt: skip
    """Read every record under content/ (site.yaml first: its `limits:` govern the rest).

    `limits` overrides site.yaml's values (tests use it); `cache` keeps parsed records between
    the preview server's rebuilds; `tree` is content/ as listed already (the build's input hashes
    were taken from it), else it is listed here.
    """
    folders = layout.SiteLayout(site_root)
    content, site_file = folders.content, folders.site_yaml
    if not site_file.is_file():
        site = site_above(site_root)  # run from inside content/: say "cd ..", not "new site"
        if site is not None:
            problems.error("site.inside-content", Loc(SITE_YAML), cd=way_up(site_root, site))
        else:
            problems.error("site.missing", Loc(SITE_YAML))
        return SourceSet(site_root, (), frozenset())
    if not _allowed_file(site_file, _SITE, content.resolve(), problems):  # before a byte is read
        return SourceSet(site_root, (), frozenset())
    tree = walk_tree(content) if tree is None else tree
    stats = {rel: info for rel, info in tree.files.items() if rel not in tree.links}
    site_record = read_record(site_file, SITE_YAML, ("site", {}), problems, MAX_FILE_BYTES, cache, stats.get(_SITE))
    limits = limits or limits_from_site(site_record.data if site_record else None)
    files = _walk(tree, problems)
    media = frozenset(rel.removeprefix(_MEDIA) for rel in files if rel.startswith(_MEDIA))
    check_media_files(folders.media, media, limits, problems)
    found = _classify_all([rel for rel in files if not rel.startswith(_MEDIA) and rel != _SITE], problems)
    record_files = frozenset([_SITE, *(rel for rel, _ in found)])
    if len(found) + 1 > limits.max_records:
        problems.error("limit.records", Loc(layout.CONTENT), count=len(found) + 1, limit=limits.max_records)
        return SourceSet(site_root, (), media, record_files)
    records = [site_record] if site_record else []
    for rel, kind in found:
        at = stats.get(rel)
        file = f"{content}/{rel}"  # a string: a Path per record costs more than reading a kept one
        record = read_record(file, in_content(rel), kind, problems, limits.max_file_bytes, cache, at)
        if record is not None:
            records.append(record)
    return SourceSet(site_root, tuple(records), media, record_files)


RECORD_SUFFIXES = (".md", ".markdown", ".yaml", ".yml")
# Spreadsheets kept beside targets.yaml / awards.yaml (what `site-builder import` reads) and the
# .bak an import leaves: not records, and no reason to warn (media/ files are published as usual).
NOT_RECORDS = (".xlsx", ".xlsm", ".csv", ".bak")
_CANONICAL_SUFFIX = {".md": ".md", ".markdown": ".md", ".yaml": ".yaml", ".yml": ".yaml"}


def _classify_all(rels: list[str], problems: Problems) -> list[tuple[str, tuple[Kind, dict[str, str]]]]:
    found = []
    for rel in rels:
        kind = classify(rel)
        if kind is not None:
            found.append((rel, kind))
            continue
        name = PurePosixPath(rel).name.lower()
        if name.endswith((".gitkeep", *NOT_RECORDS)):
            continue
        if name.endswith(RECORD_SUFFIXES):  # meant as a record: ignoring it would lose content silently
            if PurePosixPath(name).stem == "readme":  # notes for the people editing the folder
                continue
            code, params = misplaced_record(rel)
            problems.error(code, Loc(in_content(rel)), **params)
        else:
            problems.warning("file.unknown", Loc(in_content(rel)))
    return found


def misplaced_record(rel: str) -> tuple[str, dict[str, str]]:
    """What to do with a record-like file (.md/.markdown/.yaml/.yml) no record kind matches:
    ("file.misnamed", {name}), ("file.misplaced", {folder}) or ("file.not-a-record", {})."""
    path = PurePosixPath(rel)
    suffix = _CANONICAL_SUFFIX[path.suffix.lower()]
    for stem in (path.stem, path.stem.lower()):
        renamed = path.with_name(stem + suffix)
        if renamed != path and classify(renamed.as_posix()) is not None:
            return "file.misnamed", {"name": renamed.name}
    parts = path.parts
    md = suffix == ".md"
    conferences = f"{_YEARS}/{parts[1]}/{layout.CONFERENCES}/" if len(parts) > 1 else ""
    if md and len(parts) == 3 and parts[0] == _YEARS:  # a conference put directly in years/2025/
        return "file.misplaced", {"folder": conferences}
    if md and len(parts) > 3 and parts[0] == _YEARS and parts[2] == layout.CONFERENCES:  # a sub-folder too deep
        return "file.misplaced", {"folder": conferences}
    if md and (parts[0] == _PAGES or len(parts) == 1):  # pages/sub/x.md, or x.md beside site.yaml
        return "file.misplaced", {"folder": f"{_PAGES}/"}
    return "file.not-a-record", {}


def _walk(tree: Tree, problems: Problems) -> list[str]:
    """Sorted content-relative POSIX paths of regular files.

    A symbolic link is followed only when it stays inside content/ (media links
    inside content/media/); linked folders are never descended into.
    """
    content = tree.root
    root = content.resolve()
    # Folders whose files are not read (a folder "x~" is listed: the fingerprint covers it).
    ignored = tuple(f + "/" for f in tree.folders if _IGNORED.search(f.rpartition("/")[2]))
    odd = tree.links | tree.special
    names = sorted([*tree.files, *tree.linked_folders]) if tree.linked_folders else tree.files
    found: list[str] = []
    for rel in names:
        if _IGNORED.search(rel.rpartition("/")[2]) or (ignored and rel.startswith(ignored)):
            continue
        if rel in tree.linked_folders:
            problems.error("file.symlink-outside", Loc(in_content(rel)))
        elif rel not in odd or _allowed_file(content / rel, rel, root, problems):
            found.append(rel)
    return found


def _allowed_file(full: Path, rel: str, root: Path, problems: Problems) -> bool:
    confine = root / content_relative(layout.MEDIA) if rel.startswith(_MEDIA) else root
    if full.is_symlink() and not full.resolve().is_relative_to(confine):
        problems.error("file.symlink-outside", Loc(in_content(rel)))
        return False
    if not full.is_file():  # a FIFO, socket or device would hang or flood the reader
        problems.error("file.unreadable", Loc(in_content(rel)), detail=clause("clause.not-a-regular-file"))
        return False
    return True


# path -> ((size, mtime_ns, size cap), record, problems met while reading it)
RecordCacheEntry = tuple[tuple[int, int, int], "RawRecord | None", tuple[Problem, ...]]
RecordCache = dict[str, RecordCacheEntry]


def read_record(
    file: Path | str, path: str, found: tuple[Kind, dict[str, str]], problems: Problems, max_bytes: int,
    cache: RecordCache | None = None, known: Stat | None = None,
) -> RawRecord | None:  # fmt: skip
    """Read and parse one record; with `cache` (the preview server's), unchanged files are not re-read.
    `known` is the file's lstat from the listing (not for a symbolic link), saving a stat call."""
    if cache is None:
        text = read_text(Path(file), path, problems, max_bytes)
        return None if text is None else parse_record(text, path, found, problems)
    if known is not None:
        key = (known[0], known[1], max_bytes)
    else:
        try:
            stat = os.stat(file)
            key = (stat.st_size, stat.st_mtime_ns, max_bytes)
        except OSError:
            return read_record(file, path, found, problems, max_bytes)
    if path in cache and cache[path][0] == key:
        problems.extend(cache[path][2])
        return cache[path][1]
    local = Problems()
    record = read_record(file, path, found, local, max_bytes)
    cache[path] = (key, record, tuple(local))
    problems.extend(local)
    return record


def record_from_bytes(data: bytes, path: str, problems: Problems) -> RawRecord | None:
    """In-memory reading of one content file (`path` like "content/years/2021/year.md")."""
    found = classify(content_relative(path))
    if found is None:
        raise ValueError(f"not a record path: {path}")
    text = decode_text(data, path, problems)
    return None if text is None else parse_record(text, path, found, problems)


def parse_record(text: str, path: str, found: tuple[Kind, dict[str, str]], problems: Problems) -> RawRecord | None:
    """Decoded text of a record file -> RawRecord (None when it cannot be read; reported)."""
    kind, parts = found
    folder, stem = parts.get("folder"), parts.get("stem")
    try:
        if not path.endswith(".md"):
            data = load_yaml(text, path, problems)
            if data is None and kind in _LIST_KINDS:
                problems.warning("file.empty", Loc(path))
            return RawRecord(kind, path, folder, stem, data, None, 1)
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


_LIST_KINDS = frozenset({"term-targets", "term-awards", "year-targets", "year-awards"})


def read_text(file: Path, path: str, problems: Problems, max_bytes: int) -> str | None:
    try:
        with file.open("rb") as stream:
            data = stream.read(max_bytes + 1)  # never more than the cap, even if the file grows
    except OSError as exc:
        problems.error("file.unreadable", Loc(path), detail=exc.strerror or str(exc))
        return None
    if len(data) > max_bytes:
        size = max(len(data), _size(file))
        problems.error("file.too-big", Loc(path), size=-(-size // 1000), limit=max_bytes // 1000)
        return None
    return decode_text(data, path, problems)


def _size(file: Path) -> int:
    try:
        return file.stat().st_size
    except OSError:
        return 0
