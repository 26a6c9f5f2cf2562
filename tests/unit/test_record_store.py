"""Parsed records kept between builds (output/record_store.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from site_builder.output.record_store import BUCKETS, RecordStore, bucket, decode_record, encode_record
from site_builder.problems import Loc, Problem, Problems
from site_builder.sources.discover import classify, parse_record

CONFERENCE = """\
---
title: "Hội nghị sơ kết"
date: 2019-08-02
kind: so-ket
attendees:
  - name: "Lâm Đông"
    role: "Trưởng Ban Tổ chức"
tags: []
note:
---

Nội dung.
"""
PATH = "content/years/2019/conferences/2019-08-02-so-ket.md"


def parsed(text: str = CONFERENCE, path: str = PATH):
    found = classify(path.removeprefix("content/"))
    assert found is not None
    return parse_record(text, path, found, Problems())


def same(a: object, b: object) -> bool:
    """Equal values with equal positions (line, col, plain, key_locs) all the way down."""
    if type(a) is not type(b) or a != b or getattr(a, "__dict__", {}) != getattr(b, "__dict__", {}):
        return False
    if isinstance(a, dict):
        return all(same(a[k], b[k]) for k in a)  # type: ignore[index]
    if isinstance(a, list):
        return all(same(x, y) for x, y in zip(a, b, strict=True))  # type: ignore[arg-type]
    return True


def test_a_record_round_trips_with_every_position() -> None:
    record = parsed()
    back = decode_record(json.loads(json.dumps(encode_record(record))))
    assert back is not None and (back.kind, back.path, back.body, back.body_line) == (
        record.kind,
        record.path,
        record.body,
        record.body_line,
    )
    assert same(back.data, record.data)
    targets = parsed('- id: a\n  name: "Kết nạp"\n  actual:\n', "content/years/2019/targets.yaml")
    assert same(decode_record(json.loads(json.dumps(encode_record(targets)))).data, targets.data)


def entry(record, problems=()):
    return ((100, 5, 2_000_000), record, tuple(problems))


def test_kept_records_come_back_only_for_the_same_content_and_program(tmp_path: Path) -> None:
    warning = Problem("warning", "field.unknown", Loc(PATH, 3, 1), (("field", "note"),))
    store = RecordStore(tmp_path, "program-1")
    store.save({PATH: entry(parsed(), [warning])}, {PATH: "hash-1"})
    loaded = RecordStore(tmp_path, "program-1").load({PATH: "hash-1"})
    assert list(loaded) == [PATH]
    key, record, problems = loaded[PATH]
    assert key == (100, 5, 2_000_000) and problems == (warning,) and same(record.data, parsed().data)
    assert RecordStore(tmp_path, "program-1").load({PATH: "hash-2"}) == {}  # the file changed
    assert RecordStore(tmp_path, "program-2").load({PATH: "hash-1"}) == {}  # another program wrote it
    assert RecordStore(tmp_path, "program-1").load({}) == {}  # the file is gone


def test_an_unreadable_record_is_kept_as_none_with_its_problems(tmp_path: Path) -> None:
    error = Problem("error", "yaml.syntax", Loc(PATH, 2, 5), (("detail", "x"), ("explain", "yaml.generic")))
    RecordStore(tmp_path, "p").save({PATH: entry(None, [error])}, {PATH: "h"})
    assert RecordStore(tmp_path, "p").load({PATH: "h"})[PATH] == ((100, 5, 2_000_000), None, (error,))


def test_what_the_codec_cannot_keep_exactly_is_read_again(tmp_path: Path) -> None:
    odd = Problem("warning", "x", Loc(PATH), (("value", object()),))
    other = "content/pages/a.md"
    page = parsed("---\ntitle: A\n---\nB\n", other)
    RecordStore(tmp_path, "p").save({PATH: entry(parsed(), [odd]), other: entry(page)}, {PATH: "h", other: "g"})
    assert list(RecordStore(tmp_path, "p").load({PATH: "h", other: "g"})) == [other]


def test_a_damaged_bucket_loses_only_its_own_records(tmp_path: Path) -> None:
    paths = [f"content/pages/trang-{n}.md" for n in range(40)]
    cache = {p: entry(parsed("---\ntitle: T\n---\n", p)) for p in paths}
    digests = {p: "h" for p in paths}
    RecordStore(tmp_path, "p").save(cache, digests)
    broken = bucket(paths[0])
    RecordStore(tmp_path, "p").bucket_file(broken).write_bytes(b"\0not json")
    loaded = RecordStore(tmp_path, "p").load(digests)
    assert set(loaded) == {p for p in paths if bucket(p) != broken}


def test_one_changed_record_rewrites_one_bucket(tmp_path: Path) -> None:
    paths = [f"content/pages/trang-{n}.md" for n in range(64)]
    digests = {p: "h" for p in paths}
    store = RecordStore(tmp_path, "p")
    store.save({p: entry(parsed("---\ntitle: T\n---\n", p)) for p in paths}, digests)
    assert len(list(tmp_path.glob("records-*.json"))) == len({bucket(p) for p in paths}) <= BUCKETS
    stamps = {f.name: os.stat(f).st_mtime_ns for f in tmp_path.glob("records-*.json")}
    again = RecordStore(tmp_path, "p")
    cache = again.load(digests)
    cache[paths[5]] = ((101, 6, 2_000_000), parsed("---\ntitle: U\n---\n", paths[5]), ())
    again.save(cache, {**digests, paths[5]: "h2"})
    rewritten = {f.name for f in tmp_path.glob("records-*.json") if os.stat(f).st_mtime_ns != stamps[f.name]}
    assert rewritten == {f"records-{bucket(paths[5]):02d}.json"}
    assert RecordStore(tmp_path, "p").load({**digests, paths[5]: "h2"})[paths[5]][0] == (101, 6, 2_000_000)


def test_outlined_records_are_not_decoded_and_are_written_back_whole(tmp_path: Path) -> None:
    """A record whose model value the build already has (model/memo.py) comes without its data and
    body; saving the bucket again (another record in it changed) keeps its full entry."""
    other = PATH.replace("so-ket.md", "khac.md")
    while bucket(other) != bucket(PATH):
        other = other.replace(".md", "-x.md")
    store = RecordStore(tmp_path, "p")
    store.save({PATH: entry(parsed()), other: entry(parsed(path=other))}, {PATH: "h", other: "h2"})
    outlined = RecordStore(tmp_path, "p")
    cache = outlined.load({PATH: "h", other: "h2"}, outlined=[PATH])
    record = cache[PATH][1]
    assert record is not None and (record.kind, record.path, record.data, record.body) == (
        "conference",
        PATH,
        None,
        None,
    )
    assert cache[other][1] is not None and cache[other][1].data is not None
    cache[other] = ((101, 6, 2_000_000), parsed(path=other), ())  # the other file changed
    outlined.save(cache, {PATH: "h", other: "h3"})
    again = RecordStore(tmp_path, "p").load({PATH: "h", other: "h3"})
    assert same(again[PATH][1].data, parsed().data) and again[PATH][1].body == parsed().body


def test_conferences_the_memo_has_are_loaded_without_reading_their_data(tmp_path: Path) -> None:
    """A build whose memo has every conference reads only the data of the other records: the
    conferences' data files may be missing, their entries still come back (outlined); a
    conference wanted whole without its data is read again instead (not in the cache)."""
    page = "content/pages/a.md"
    other = PATH.replace("so-ket.md", "khac.md")
    records = {
        PATH: entry(parsed()),
        other: entry(parsed(path=other)),
        page: entry(parsed("---\ntitle: A\n---\nB\n", page)),
    }
    digests = {PATH: "h", other: "h2", page: "g"}
    RecordStore(tmp_path, "p").save(records, digests)
    assert bucket(page) == BUCKETS and bucket(PATH) < BUCKETS  # the other records share the last bucket
    for index in {bucket(PATH), bucket(other)}:
        RecordStore(tmp_path, "p").data_file(index).unlink()
    cache = RecordStore(tmp_path, "p").load(digests, outlined=[PATH])
    assert sorted(cache) == sorted([PATH, page])  # `other` was wanted whole: it is read again
    assert cache[PATH][1] is not None and cache[PATH][1].data is None
    assert cache[page][1] is not None and cache[page][1].body == "B\n"


def test_an_outlined_record_whose_data_is_gone_is_not_written_back_half(tmp_path: Path) -> None:
    other = PATH.replace("so-ket.md", "khac.md")
    while bucket(other) != bucket(PATH):
        other = other.replace(".md", "-x.md")
    RecordStore(tmp_path, "p").save({PATH: entry(parsed()), other: entry(parsed(path=other))}, {PATH: "h", other: "h2"})
    store = RecordStore(tmp_path, "p")
    cache = store.load({PATH: "h", other: "h2"}, outlined=[PATH, other])  # no data read
    store.data_file(bucket(PATH)).write_bytes(b"\0damaged")
    cache[other] = ((101, 6, 2_000_000), parsed(path=other), ())  # the other file changed: the bucket is rewritten
    store.save(cache, {PATH: "h", other: "h3"})
    again = RecordStore(tmp_path, "p").load({PATH: "h", other: "h3"})
    assert list(again) == [other]  # PATH is read again next time, never decoded without its data
