"""Parsed records kept between builds, in the site's .cache/site-builder/ folder.

Reading a record (decoding, front matter, strict YAML) is the part of loading
that depends on one file alone, so `build` keeps each file's result: the
RawRecord and the problems met while reading it, keyed by the file's path, size,
modification time and content hash. An entry is used again only when all four
match and the program (package code and library versions: `generation`) is the
one that wrote it; anything else is read again.

JSON, not pickle: the folder travels with the site, and loading it must never
run code. A record the codec cannot represent exactly is simply not kept.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from site_builder.atomic import write_atomic
from site_builder.problems import Loc, Problem
from site_builder.sources.discover import RawRecord, RecordCache, RecordCacheEntry
from site_builder.sources.yamlsafe import YList, YMap, YStr

FORMAT = "site-builder records 1"
BUCKETS = 32
_PLAIN = (str, int, float, bool, type(None))
_ATTRS: dict[type, set[str]] = {
    YStr: {"line", "col", "plain"},
    YMap: {"line", "col", "key_locs"},
    YList: {"line", "col"},
}
Json = Any  # a value as json.loads gives it back: checked where it is taken apart


class Unkept(Exception):
    """A value the codec cannot write back exactly."""


def encode_value(value: object) -> object:
    kind = type(value)
    if kind in _ATTRS and set(vars(value)) != _ATTRS[kind]:
        raise Unkept
    if kind is YStr:
        assert isinstance(value, YStr)
        return ["s", str(value), value.line, value.col, value.plain]
    if kind is YMap:
        assert isinstance(value, YMap)
        items = [[k, *value.key_locs[k], encode_value(v)] for k, v in value.items() if type(k) is str]
        if len(items) != len(value):
            raise Unkept
        return ["m", items, value.line, value.col]
    if kind is YList:
        assert isinstance(value, YList)
        return ["l", [encode_value(v) for v in value], value.line, value.col]
    if value is None:
        return None
    raise Unkept


def decode_value(data: object) -> object:
    if data is None:
        return None
    assert isinstance(data, list)
    tag = data[0]
    if tag == "s":
        return YStr(data[1], data[2], data[3], data[4])
    if tag == "m":
        mapping = YMap((key, decode_value(value)) for key, _, _, value in data[1])
        mapping.line, mapping.col = data[2], data[3]
        mapping.key_locs = {key: (line, col) for key, line, col, _ in data[1]}
        return mapping
    if tag == "l":
        items = YList(decode_value(value) for value in data[1])
        items.line, items.col = data[2], data[3]
        return items
    raise ValueError(f"unknown value tag {tag!r}")


def encode_problem(problem: Problem) -> list[Json]:
    params = dict(problem.params)
    if not all(type(v) in _PLAIN for v in params.values()):
        raise Unkept
    loc = problem.loc
    return [problem.severity, problem.code, loc.path, loc.line, loc.col, params]


def decode_problem(data: list[Json]) -> Problem:
    severity, code, path, line, col, params = data
    return Problem(severity, code, Loc(path, line, col), tuple(params.items()))


def encode_record(record: RawRecord | None) -> list[Json] | None:
    if record is None:
        return None
    fields = (record.kind, record.path, record.folder, record.stem)
    return [*fields, encode_value(record.data), record.body, record.body_line]


def decode_record(data: list[Json] | None) -> RawRecord | None:
    if data is None:
        return None
    kind, path, folder, stem, value, body, body_line = data
    return RawRecord(kind, path, folder, stem, decode_value(value), body, body_line)


def outline_record(data: list[Json]) -> RawRecord:
    """A kept record without its data and body (not decoded): where it is and what kind."""
    kind, path, folder, stem, _value, _body, body_line = data
    return RawRecord(kind, path, folder, stem, None, None, body_line)


class RecordStore:
    """The kept records of one site, in BUCKETS files so that one edit rewrites one small file."""

    def __init__(self, folder: Path, generation: str):
        self.folder = folder
        self.generation = generation
        self._loaded: dict[str, tuple[object, str | None]] = {}  # path -> (stat key, content hash) as loaded
        self._raw: dict[str, tuple[RawRecord, list[Json]]] = {}  # outlined records as read: written back

    def bucket_file(self, index: int) -> Path:
        return self.folder / f"records-{index:02d}.json"

    def load(self, digests: Mapping[str, str], outlined: Collection[str] = ()) -> RecordCache:
        """The kept records whose file still has the recorded content hash (`digests`: path -> hash).

        Records in `outlined` (whose model values the caller has already: model/memo.py) come
        without their data and body, which are not decoded; they are written back as they were."""
        cache: RecordCache = {}
        for index in range(BUCKETS):
            for path, entry, digest in self._read_bucket(index, outlined):
                if digests.get(path) == digest:
                    cache[path] = entry
                    self._loaded[path] = (entry[0], digest)
        return cache

    def save(self, cache: RecordCache, digests: Mapping[str, str]) -> None:
        """Rewrite the buckets whose entries changed since `load`; failures only cost speed."""
        current = {path: (entry[0], digests.get(path)) for path, entry in cache.items()}
        changed = {p for p in current.keys() | self._loaded.keys() if current.get(p) != self._loaded.get(p)}
        for index in sorted({bucket(p) for p in changed}):
            kept: dict[str, list[Json]] = {}
            for path, ((size, mtime, cap), record, problems) in cache.items():
                digest = digests.get(path)
                if bucket(path) != index or digest is None or (record is not None and record.path != path):
                    continue
                try:
                    raw = self._raw.get(path)
                    if raw is not None and raw[0] is record:  # outlined, never read again
                        encoded = raw[1]
                    else:
                        encoded = [encode_record(record), [encode_problem(p) for p in problems]]
                except Unkept:
                    continue
                kept[path] = [size, mtime, cap, digest, *encoded]
            write_json(self.bucket_file(index), {"format": FORMAT, "generation": self.generation, "records": kept})
        self._loaded = {p: k for p, k in current.items() if k[1] is not None}

    def _read_bucket(self, index: int, outlined: Collection[str]) -> list[tuple[str, RecordCacheEntry, str]]:
        try:
            data = json.loads(self.bucket_file(index).read_text(encoding="utf-8"))
            if data.get("format") != FORMAT or data.get("generation") != self.generation:
                return []
            found: list[tuple[str, RecordCacheEntry, str]] = []
            for path, (size, mtime, cap, digest, record, problems) in data["records"].items():
                made: RawRecord | None
                if path in outlined and record is not None:
                    made = outline_record(record)
                    self._raw[path] = (made, [record, problems])
                else:
                    made = decode_record(record)
                found.append((path, ((size, mtime, cap), made, tuple(map(decode_problem, problems))), digest))
            return found
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError):
            return []  # missing or damaged: its records are read again


def bucket(path: str) -> int:
    return zlib.crc32(path.encode()) % BUCKETS


def write_json(file: Path, data: object) -> None:
    """Write atomically (a reader never sees half a file); failures are ignored: it is a cache."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(file, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    except OSError:
        pass
