"""The one way to read and write a cache file (site_builder/cachejson.py) and what its users keep."""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path

import pytest

from site_builder import cachejson
from site_builder.markup.cache import load_cache, save_cache
from site_builder.model.chronicle import remembered_conference
from site_builder.model.memo import LoadMemo
from site_builder.output.load_store import LoadStore
from site_builder.output.record_store import RecordStore, Unkept, encode_problem
from site_builder.problems import Loc, Problem, Problems
from tests.unit.test_load_store import PATH as LOAD_PATH
from tests.unit.test_load_store import record as load_record
from tests.unit.test_record_store import PATH, entry, parsed

VALUE = {"b": [1, -(2**63), 2**64 - 1, None, True, 'Hội nghị "sơ kết"\n</script>'], "a": {"x": []}}


def test_what_is_written_reads_back_equal_and_is_plain_json(tmp_path: Path) -> None:
    file = tmp_path / "deep" / "v.json"
    cachejson.write(file, VALUE)
    assert cachejson.read(file) == VALUE
    assert json.loads(file.read_bytes()) == VALUE  # any JSON reader reads it: nothing but JSON
    assert list(cachejson.read(file)) == ["b", "a"]  # the dict's own order, every time
    assert file.read_bytes() == cachejson.encode(VALUE)
    assert not list(file.parent.glob(".*.tmp"))


def test_a_file_written_by_the_standard_library_still_reads(tmp_path: Path) -> None:
    file = tmp_path / "old.json"
    file.write_text(json.dumps(VALUE, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    assert cachejson.read(file) == VALUE


@pytest.mark.parametrize("damage", [b"", b"\x00{not json", b'{"a": 1', b"\xff\xfe", b'"\\ud800"'])
def test_a_damaged_file_is_a_value_error(tmp_path: Path, damage: bytes) -> None:
    file = tmp_path / "bad.json"
    file.write_bytes(damage)
    with pytest.raises(ValueError):
        cachejson.read(file)


@pytest.mark.parametrize("odd", ["a\ud800b", 2**64, -(2**63) - 1, {1: "not a text key"}, {"a", "set"}])
def test_what_would_not_come_back_as_it_was_is_refused_and_the_old_file_goes(tmp_path: Path, odd: object) -> None:
    with pytest.raises(ValueError):
        cachejson.encode([odd])
    file = tmp_path / "v.json"
    cachejson.write(file, {"old": 1})
    cachejson.write(file, {"new": [odd]})
    assert not file.exists()  # never trusted again, never read back changed


@pytest.mark.parametrize("number", [math.nan, math.inf, -math.inf, 2**64, -(2**63) - 1])
def test_a_number_the_cache_would_change_is_not_plain(number: float) -> None:
    assert not cachejson.plain_number(number)
    problem = Problem("warning", "x", Loc(PATH, 1, 1), (("value", number),))
    with pytest.raises(Unkept):
        encode_problem(problem)


def test_plain_numbers_and_other_values_pass() -> None:
    assert all(cachejson.plain_number(v) for v in (0, 2**64 - 1, -(2**63), 101.3, -0.0, True, "x", None))


def test_a_problem_with_a_nan_param_is_read_again_not_kept_as_null(tmp_path: Path) -> None:
    odd = Problem("warning", "x", Loc(PATH, 2, 1), (("ratio", math.nan),))
    RecordStore(tmp_path, "p").save({PATH: entry(parsed(), [odd])}, {PATH: "h"})
    assert RecordStore(tmp_path, "p").load({PATH: "h"}) == {}


def test_the_markup_cache_comes_back_whole_across_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("site_builder.markup.cache.CHUNK", 3)
    cache = {f"key{n}": f'<p>Đoạn {n} "trích"</p>\n' for n in range(10)}
    file = tmp_path / "markup.json"
    save_cache(file, cache)
    assert load_cache(file) == cache
    assert list(load_cache(file)) == list(cache)
    assert json.loads(file.read_bytes()) == cache
    save_cache(file, {})
    assert load_cache(file) == {}


def test_markup_added_by_a_build_goes_to_the_journal_until_it_is_folded_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from site_builder.markup.cache import add_to_cache, journal_file

    monkeypatch.setattr("site_builder.markup.cache.FOLD_AT_LEAST", 2)
    file = tmp_path / "markup.json"
    cache = {f"key{n}": f"<p>{n}</p>" for n in range(10)}
    add_to_cache(file, cache, 0)  # no cache yet: written whole
    assert json.loads(file.read_bytes()) == cache and not journal_file(file).exists()
    grown = load_cache(file)
    grown["new1"] = "<p>mới</p>"
    add_to_cache(file, grown, len(cache))
    assert json.loads(file.read_bytes()) == cache  # the big file is not written again
    assert json.loads(journal_file(file).read_bytes()) == {"new1": "<p>mới</p>"}
    assert load_cache(file) == grown
    again = load_cache(file)
    add_to_cache(file, again, len(again))  # nothing new: nothing written
    again.update({"new2": "2", "new3": "3"})
    add_to_cache(file, again, len(again) - 2)  # the journal would hold 3 > 2: folded in
    assert json.loads(file.read_bytes()) == again and not journal_file(file).exists()
    journal_file(file).write_text("{damaged")
    assert load_cache(file) == again  # a damaged journal is ignored


def test_a_markup_entry_that_cannot_be_kept_is_left_out_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("site_builder.markup.cache.CHUNK", 2)
    cache = {"a": "1", "b\ud800": "2", "c": "3", "d": "\ud800", "e": "5"}
    file = tmp_path / "markup.json"
    save_cache(file, cache)
    assert load_cache(file) == {"a": "1", "c": "3", "e": "5"}
    save_cache(file, {"x": "\ud800"})
    assert load_cache(file) == {}


def test_a_kept_conference_with_a_lone_surrogate_is_made_again_and_its_old_file_goes(tmp_path: Path) -> None:
    conference = remembered_conference(load_record(), 2019, Problems(), LoadMemo())
    assert conference is not None
    store = LoadStore(tmp_path, "p")
    store.save(LoadMemo(made={LOAD_PATH: (conference, ())}), {LOAD_PATH: "h"})
    assert LoadStore(tmp_path, "p").load({LOAD_PATH: "h"}).known == {LOAD_PATH: (conference, ())}
    odd = dataclasses.replace(conference, summary="a\ud800")
    store.save(LoadMemo(made={LOAD_PATH: (odd, ())}), {LOAD_PATH: "g"})
    assert LoadStore(tmp_path, "p").load({LOAD_PATH: "h"}).known == {}
    assert LoadStore(tmp_path, "p").load({LOAD_PATH: "g"}).known == {}


def test_a_section_is_read_only_from_its_own_format_and_generation(tmp_path):
    from site_builder import cachejson

    file = tmp_path / "kept.json"
    cachejson.write(file, {"format": "f 1", "generation": "g1", "records": {"a": [1, 2]}, "list": [1]})
    assert cachejson.read_section(file, "records", "f 1", "g1") == {"a": [1, 2]}
    assert cachejson.read_section(file, "records", "f 2", "g1") == {}  # another format
    assert cachejson.read_section(file, "records", "f 1", "g2") == {}  # another program
    assert cachejson.read_section(file, "list", "f 1", "g1") == {}  # not a mapping
    assert cachejson.read_section(file, "missing", "f 1", "g1") == {}
    assert cachejson.read_section(tmp_path / "none.json", "records", "f 1", "g1") == {}
    file.write_bytes(b'{"format": "f 1", "generation"')
    assert cachejson.read_section(file, "records", "f 1", "g1") == {}  # damaged
