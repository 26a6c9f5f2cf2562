"""Parsed records kept between builds, in the site's .cache/site-builder/ folder.

Reading a record (decoding, front matter, strict YAML) is the part of loading
that depends on one file alone, so `build` keeps each file's result: the
RawRecord and the problems met while reading it, keyed by the file's path, size,
modification time and content hash. An entry is used again only when all four
match and the program (package code and library versions: `generation`) is the
one that wrote it; anything else is read again. A conference whose model value the
build already has (load_store.py) is handed out as an outline, and its data and body
(the bulk of the store) are not even read.

JSON, not pickle: the folder travels with the site, and loading it must never
run code. A record the codec cannot represent exactly is simply not kept.
"""

from __future__ import annotations

import zlib
from collections.abc import Collection, Mapping
from pathlib import Path

from site_builder import cachejson, layout
from site_builder.problems import Loc, Problem
from site_builder.sources.discover import RawRecord, RecordCache
from site_builder.sources.yamlsafe import YList, YMap, YStr

FORMAT = "site-builder records 2"
BUCKETS = 32
_PLAIN = (str, int, float, bool, type(None))
_ATTRS: dict[type, set[str]] = {
    YStr: {"line", "col", "plain"},
    YMap: {"line", "col", "key_locs"},
    YList: {"line", "col"},
}
Json = cachejson.Json  # a value as read back from a cache: checked where it is taken apart


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
    if not all(type(v) in _PLAIN and cachejson.plain_number(v) for v in params.values()):
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


def outline_of(record: RawRecord) -> list[Json]:
    return [record.kind, record.path, record.folder, record.stem, record.body_line]


def outline_record(data: list[Json]) -> RawRecord:
    """A kept record without its data and body: where it is and what kind."""
    kind, path, folder, stem, body_line = data
    return RawRecord(kind, path, folder, stem, None, None, body_line)


class RecordStore:
    """The kept records of one site, in buckets so that one edit rewrites one small file.

    Each bucket is two files: records-NN.json holds every entry's key, content hash, outline
    (kind, path, folder, stem) and problems; record-data-NN.json its data and body, read only
    when a record of the bucket is wanted whole. Conferences are spread over BUCKETS buckets;
    the other records (terms, years, targets, pages...), which every build wants whole, share
    the last one, so a build with every conference in its memo reads one small data file."""

    def __init__(self, folder: Path, generation: str):
        self.folder = folder
        self.generation = generation
        self._loaded: dict[str, tuple[object, str | None]] = {}  # path -> (stat key, content hash) as loaded
        self._outlined: dict[str, RawRecord] = {}  # outlined records as given out: written back from the data file
        self._data: dict[int, dict[str, Json]] = {}  # the data files read, by bucket

    def bucket_file(self, index: int) -> Path:
        return self.folder / f"records-{index:02d}.json"

    def data_file(self, index: int) -> Path:
        return self.folder / f"record-data-{index:02d}.json"

    def load(self, digests: Mapping[str, str], outlined: Collection[str] = ()) -> RecordCache:
        """The kept records whose file still has the recorded content hash (`digests`: path -> hash).

        Records in `outlined` (whose model values the caller has already: model/memo.py) come
        without their data and body, which are not read; they are written back as they were."""
        cache: RecordCache = {}
        for index in range(BUCKETS + 1):
            for path, (size, mtime, cap, digest, outline, problems) in self._read(self.bucket_file(index)).items():
                if digests.get(path) != digest:
                    continue
                try:
                    record = self._record(index, path, digest, outline, path in outlined)
                    cache[path] = ((size, mtime, cap), record, tuple(map(decode_problem, problems)))
                except _DAMAGED:
                    continue  # its data is missing or damaged: read again
                self._loaded[path] = (cache[path][0], digest)
        return cache

    def _record(self, index: int, path: str, digest: str, outline: Json, outlined: bool) -> RawRecord | None:
        """The record of an entry (None: unreadable, kept as such); KeyError when its data is missing."""
        if outline is None:
            return None
        if outlined:
            record = outline_record(outline)
            self._outlined[path] = record
            return record
        data = self._data_of(index)[path]
        if data[0] != digest:
            raise KeyError(path)
        kind, path_, folder, stem, body_line = outline
        return RawRecord(kind, path_, folder, stem, decode_value(data[1]), data[2], body_line)

    def save(self, cache: RecordCache, digests: Mapping[str, str]) -> None:
        """Rewrite the buckets whose entries changed since `load`; failures only cost speed."""
        current = {path: (entry[0], digests.get(path)) for path, entry in cache.items()}
        changed = {p for p in current.keys() | self._loaded.keys() if current.get(p) != self._loaded.get(p)}
        for index in sorted({bucket(p) for p in changed}):
            entries: dict[str, list[Json]] = {}
            data: dict[str, list[Json]] = {}
            for path, ((size, mtime, cap), record, problems) in cache.items():
                digest = digests.get(path)
                if bucket(path) != index or digest is None or (record is not None and record.path != path):
                    continue
                try:
                    body = self._encode_data(index, path, digest, record)
                    entries[path] = [size, mtime, cap, digest, None, [encode_problem(p) for p in problems]]
                except Unkept:
                    continue
                if record is not None:
                    entries[path][4] = outline_of(record)
                    data[path] = body
            head = {"format": FORMAT, "generation": self.generation}
            cachejson.write(self.data_file(index), {**head, "data": data})
            cachejson.write(self.bucket_file(index), {**head, "records": entries})
        self._loaded = {p: k for p, k in current.items() if k[1] is not None}

    def _encode_data(self, index: int, path: str, digest: str, record: RawRecord | None) -> list[Json]:
        if record is None:
            return []
        if self._outlined.get(path) is record:  # outlined, never read whole: its data as it was kept
            kept = self._data_of(index).get(path)
            if kept is None or kept[0] != digest:
                raise Unkept
            return list(kept)
        return [digest, encode_value(record.data), record.body]

    def _data_of(self, index: int) -> dict[str, Json]:
        if index not in self._data:
            found = self._read(self.data_file(index), "data")
            self._data[index] = {p: d for p, d in found.items() if isinstance(d, list) and len(d) == 3}
        return self._data[index]

    def _read(self, file: Path, name: str = "records") -> dict[str, Json]:
        """{} when missing or damaged: its records are read again."""
        return cachejson.read_section(file, name, FORMAT, self.generation)


_DAMAGED = cachejson.DAMAGED
_CONFERENCES = f"/{layout.CONFERENCES}/"


def bucket(path: str) -> int:
    """Conferences: one of BUCKETS by their path; every other record: the last bucket (BUCKETS)."""
    return zlib.crc32(path.encode()) % BUCKETS if _CONFERENCES in path else BUCKETS
