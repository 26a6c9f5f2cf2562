"""What loading made of each file, kept between builds in .cache/site-builder/ (model/memo.py).

- conferences-NN.kept  each conference file's validated Conference and the problems met making
  it, keyed by path and content hash (BUCKETS files, so an edit rewrites one small file): a
  line of JSON, then the bodies' text (`_write_bucket`);
- facts-NN.json        facts of texts (nesting depths, the duplicate check's folded digest),
  keyed by a digest of the text itself (FACT_BUCKETS files: an edit rewrites the few whose
  facts changed).

Like the parsed records (record_store.py), an entry is trusted only when the program that wrote
it (`generation`) is this one and the file's content hash is the recorded one; a missing or
damaged file is ignored (its entries are made again). JSON only: loading never runs code, and a
value the codec cannot write back exactly is not kept.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Mapping
from pathlib import Path

from site_builder import cachejson
from site_builder.model.memo import ConferenceEntry, LoadMemo
from site_builder.model.records import CONFERENCE_KINDS, Conference, Markdown, Person, Photo
from site_builder.output.record_store import (
    Json,
    Unkept,
    bucket,
    decode_problem,
    encode_problem,
)
from site_builder.problems import Loc

FORMAT = "site-builder load 2"
BUCKETS = 32
FACT_BUCKETS = 16
_DAMAGED = cachejson.DAMAGED


def _text(value: object) -> str:
    if type(value) is not str:  # a subclass (a YAML string with its place) would not come back as one
        raise Unkept
    return value


def _optional(value: object) -> str | None:
    return None if value is None else _text(value)


def _loc(loc: Loc, path: str) -> list[Json]:
    """[line, col] in the conference's own file (`path`), else [path, line, col]."""
    if loc.sheet is not None:
        raise Unkept
    return [loc.line, loc.col] if _text(loc.path) == path else [loc.path, loc.line, loc.col]


def encode_conference(c: Conference) -> list[Json]:
    if type(c.date) is not dt.date or type(c.year) is not int or type(c.sample) is not bool:
        raise Unkept
    at = _text(c.path)
    people = [[_text(p.name), _optional(p.role), _loc(p.loc, at)] for p in c.attendees]
    photos = [
        [_text(p.src), _text(p.caption), _optional(p.credit), _loc(p.loc, at), _optional(p.alt)] for p in c.photos
    ]
    texts = [at, _text(c.slug), _text(c.title), _text(c.kind), _optional(c.host), _optional(c.author)]
    return [
        *texts, c.year, c.date.isoformat(), people, _text(c.summary), [_text(t) for t in c.tags], photos,
        [_text(c.body.source), _loc(c.body.loc, at)], _loc(c.loc, at), c.sample,
    ]  # fmt: skip


def _decode_loc(data: list[Json], own: str) -> Loc:
    """A position written by `_loc`; in the conference's own file, its path is the one string `own`."""
    if len(data) == 2:
        path, (line, col) = own, data
    else:
        path, line, col = data
        if type(path) is not str:
            raise ValueError("not a path")
    if not ((line is None or type(line) is int) and (col is None or type(col) is int)):
        raise ValueError("not a position")
    return Loc(path, line, col)


def decode_conference(data: list[Json]) -> Conference:
    path, slug, title, kind, host, author, year, date, people, summary, tags, photos, body, loc, sample = data
    if not (type(path) is str and kind in CONFERENCE_KINDS and type(year) is int and type(sample) is bool):
        raise ValueError("not a kept conference")
    # Lists, not generators, into the tuples: 10,000 conferences are decoded on every build.
    return Conference(
        path=path, slug=slug, year=year, title=title, date=dt.date.fromisoformat(date), kind=kind, host=host,
        attendees=tuple([Person(name, role, _decode_loc(where, path)) for name, role, where in people]),
        author=author, summary=summary, tags=tuple(tags),
        photos=tuple([Photo(src, caption, credit, _decode_loc(at, path), alt) for src, caption, credit, at, alt in photos]),  # noqa: E501
        body=Markdown(body[0], _decode_loc(body[1], path)), loc=_decode_loc(loc, path), sample=sample,
    )  # fmt: skip


class LoadStore:
    """The kept conferences and facts of one site."""

    def __init__(self, folder: Path, generation: str):
        self.folder = folder
        self.generation = generation
        self._facts_read: dict[int, set[str]] = {}  # the facts as loaded, by bucket: unchanged ones are not written

    def bucket_file(self, index: int) -> Path:
        return self.folder / f"conferences-{index:02d}.kept"

    def facts_file(self, index: int) -> Path:
        return self.folder / f"facts-{index:02d}.json"

    def load(self, digests: Mapping[str, str]) -> LoadMemo:
        """The memo of what was made from files whose content hash (`digests`: path -> hash) is unchanged."""
        memo = LoadMemo(tokens=digests)
        for index in range(BUCKETS):
            entries, bodies = self._read_bucket(index)
            for path, (digest, entry) in entries.items():
                if digests.get(path) == digest:
                    try:
                        conference = None if entry[0] is None else decode_conference(_with_body(entry[0], bodies))
                        memo.known[path] = (conference, tuple(map(decode_problem, entry[1])))
                    except _DAMAGED:
                        continue  # made again
        for index in range(FACT_BUCKETS):
            facts = {k: v for k, v in self._read(self.facts_file(index), "facts").items() if type(v) in (int, str)}
            memo.facts.update(facts)
            self._facts_read[index] = set(facts)
        return memo

    def save(self, memo: LoadMemo, digests: Mapping[str, str]) -> None:
        """Rewrite the buckets that gained an entry (entries of files now gone leave with them)
        and the facts when this build learnt or dropped any. Failures only cost speed."""
        entries = {**memo.known, **memo.made}  # `known` holds only files whose hash matched
        for index in sorted({bucket(p) for p in memo.made}):
            here = {p: _encode_entry(e, digests[p]) for p, e in entries.items() if bucket(p) == index and p in digests}
            data = {p: e for p, e in here.items() if e is not None}
            _write_bucket(self.bucket_file(index), {"format": FORMAT, "generation": self.generation}, data)
        self._save_facts(memo)

    def _save_facts(self, memo: LoadMemo) -> None:
        """Rewrite the facts files that gained or lost a fact (an edit changes the facts of a few texts)."""
        used = memo.used_facts & memo.facts.keys()
        read = set().union(*self._facts_read.values())
        changed = (used ^ read) | memo.replaced  # replaced: kept anew under its key (markup/links.py)
        for index in sorted({fact_bucket(key) for key in changed}):
            keys = (self._facts_read.get(index, set()) & used) | {k for k in changed & used if fact_bucket(k) == index}
            kept = {key: memo.facts[key] for key in sorted(keys)}
            cachejson.write(self.facts_file(index), {"format": FORMAT, "generation": self.generation, "facts": kept})

    def _read_bucket(self, index: int) -> tuple[dict[str, Json], str]:
        """The entries of a conferences file and the text their bodies are cut from."""
        try:
            data = self.bucket_file(index).read_bytes()
            end = data.index(b"\n")
            head = cachejson.decode(data[:end])
            if head.get("format") != FORMAT or head.get("generation") != self.generation:
                return {}, ""
            found = head["conferences"]
            return (found, data[end + 1 :].decode("utf-8")) if isinstance(found, dict) else ({}, "")
        except _DAMAGED:
            return {}, ""

    def _read(self, file: Path, name: str) -> dict[str, Json]:
        return cachejson.read_section(file, name, FORMAT, self.generation)


def _write_bucket(file: Path, head: dict[str, Json], entries: dict[str, list[Json]]) -> None:
    """One JSON line of entries whose bodies are [offset, length] in the text after it: the
    bodies are half of the bytes, and decoding them as plain UTF-8 is far cheaper than as JSON."""
    bodies: list[str] = []
    offset = 0
    for _digest, (conference, _problems) in entries.values():
        if conference is not None:
            source = conference[12][0]
            conference[12] = [[offset, len(source)], conference[12][1]]
            bodies.append(source)
            offset += len(source)
    try:
        data = b"".join([cachejson.encode({**head, "conferences": entries}), b"\n", "".join(bodies).encode()])
    except ValueError:  # a lone surrogate (UnicodeEncodeError is one): not kept, made again next time
        cachejson.drop(file)
        return
    cachejson.write_bytes(file, data)


def _with_body(encoded: list[Json], bodies: str) -> list[Json]:
    """`encoded` (as read, used once) with its body's text put back in place of its place."""
    (offset, length), loc = encoded[12]
    if not (type(offset) is int and type(length) is int and offset >= 0 and length >= 0):
        raise ValueError("not a body's place")
    if offset + length > len(bodies):
        raise ValueError("a body past the end")
    encoded[12] = [bodies[offset : offset + length], loc]
    return encoded


def fact_bucket(key: str) -> int:
    return zlib.crc32(key.encode()) % FACT_BUCKETS


def _encode_entry(entry: ConferenceEntry, digest: str) -> list[Json] | None:
    conference, problems = entry
    try:
        encoded = None if conference is None else encode_conference(conference)
        return [digest, [encoded, [encode_problem(p) for p in problems]]]
    except Unkept:
        return None
