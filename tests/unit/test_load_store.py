"""What loading made of each file, kept between builds (model/memo.py, output/load_store.py)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from site_builder.build import load_site
from site_builder.markup.nesting import deepest, refuse_deep_html, refuse_too_deep
from site_builder.model.checks import unused_glossary
from site_builder.model.chronicle import remembered_conference
from site_builder.model.duplicates import body_key, check_duplicate_conferences
from site_builder.model.memo import LoadMemo
from site_builder.model.records import Markdown
from site_builder.output.load_store import FACT_BUCKETS, LoadStore, decode_conference, encode_conference, fact_bucket
from site_builder.output.record_store import Unkept
from site_builder.problems import Loc, Problems
from site_builder.sources.discover import classify, parse_record
from tests.conftest import copy_demo

PATH = "content/years/2019/conferences/2019-08-02-so-ket.md"
CONFERENCE = """\
---
title: "Hội nghị sơ kết"
date: 2019-08-02
kind: so-ket
ghi_chu: x
attendees:
  - name: "Lâm Đông"
    role: "Trưởng Ban Tổ chức"
  - name: "Lâm Đông"
photos:
  - src: anh/a.jpg
    caption: "Toàn cảnh"
---

Nội dung.
"""


def record(text: str = CONFERENCE, path: str = PATH):
    found = classify(path.removeprefix("content/"))
    assert found is not None
    made = parse_record(text, path, found, Problems())
    assert made is not None
    return made


def formatted(problems: Problems) -> list[str]:
    return [p.format() for p in problems]


def test_every_demo_conference_comes_back_from_json_equal(tmp_path: Path) -> None:
    loaded = load_site(copy_demo(tmp_path / "site"), Problems())
    assert loaded is not None and loaded.model.conferences
    for conference in loaded.model.conferences:
        assert decode_conference(json.loads(json.dumps(encode_conference(conference)))) == conference


def test_a_conference_is_made_once_and_its_problems_reported_every_time() -> None:
    memo = LoadMemo()
    first, again = Problems(), Problems()
    conference = remembered_conference(record(), 2019, first, memo)
    assert conference is not None and list(memo.made) == [PATH]
    memo.known[PATH] = memo.made.pop(PATH)  # as the next build finds it
    other = record(CONFERENCE.replace("Hội nghị sơ kết", "Khác"))  # never read: the memo answers by path
    assert remembered_conference(other, 2019, again, memo) is conference
    assert formatted(again) == formatted(first) and len(first.items) == 2  # unknown field, attendee twice
    assert not memo.made


def test_the_store_keeps_only_entries_whose_content_hash_and_program_match(tmp_path: Path) -> None:
    memo = LoadMemo()
    problems = Problems()
    remembered_conference(record(), 2019, problems, memo)
    memo.fact("depth", "Nội dung.", deepest)
    LoadStore(tmp_path, "program 1").save(memo, {PATH: "hash 1"})
    kept = LoadStore(tmp_path, "program 1").load({PATH: "hash 1"})
    assert kept.known[PATH] == memo.made[PATH] and list(kept.facts.values()) == [1]
    assert LoadStore(tmp_path, "program 1").load({PATH: "hash 2"}).known == {}
    assert LoadStore(tmp_path, "program 2").load({PATH: "hash 1"}).known == {}
    assert LoadStore(tmp_path, "program 2").load({PATH: "hash 1"}).facts == {}


@pytest.mark.parametrize("damage", [b"\x00{not json", b'{"format": "site-builder load 1"}', b"[1, 2]"])
def test_a_damaged_store_is_ignored(tmp_path: Path, damage: bytes) -> None:
    memo = LoadMemo()
    remembered_conference(record(), 2019, Problems(), memo)
    store = LoadStore(tmp_path, "p")
    store.save(memo, {PATH: "h"})
    assert list(tmp_path.glob("conferences-*.kept"))
    for file in tmp_path.iterdir():
        file.write_bytes(damage)
    assert store.load({PATH: "h"}).known == {}


def test_a_value_json_cannot_give_back_exactly_is_not_kept(tmp_path: Path) -> None:
    class Text(str):
        pass

    conference = remembered_conference(record(), 2019, Problems(), LoadMemo())
    assert conference is not None
    odd = dataclasses.replace(conference, title=Text(conference.title))
    with pytest.raises(Unkept):
        encode_conference(odd)
    memo = LoadMemo(made={PATH: (odd, ())})
    LoadStore(tmp_path, "p").save(memo, {PATH: "h"})
    assert LoadStore(tmp_path, "p").load({PATH: "h"}).known == {}


def test_facts_give_the_checks_results_with_and_without_a_memo() -> None:
    deep = "".join(f"{'  ' * n}- mục\n" for n in range(40))
    docs = [Markdown(deep, Loc("content/pages/a.md", 3)), Markdown("Nội dung.", Loc("content/pages/b.md", 3))]
    memo = LoadMemo()
    for run in range(2):  # computed, then from the memo
        plain, memoised = Problems(), Problems()
        assert refuse_too_deep(docs, 30, plain) == refuse_too_deep(docs, 30, memoised, memo) == {"content/pages/a.md"}
        assert formatted(plain) == formatted(memoised), run
    html = {"content/pages/a.md": "<div>" * 120 + "</div>" * 120, "content/pages/b.md": "<p>x</p>"}
    assert refuse_deep_html(docs, html, Problems(), memo) == {"content/pages/a.md"}
    assert memo.facts[next(k for k in memo.facts if k.startswith("html-depth:"))] in (120, 1)
    assert body_key("Ngắn.") == "" and body_key("Hội nghị " * 20) == body_key("hoi nghi " * 20)


def test_the_duplicate_check_finds_the_same_copies_with_a_memo() -> None:
    body = "Ngày 05 tháng 10 năm 2023, Ban Chấp hành họp mở rộng " * 5
    text = CONFERENCE.replace("Nội dung.", body)
    copy = PATH.replace("so-ket.md", "so-ket - Copy.md")
    made = [remembered_conference(record(text, p), 2019, Problems(), None) for p in (PATH, copy)]
    conferences = [c for c in made if c is not None]
    memo = LoadMemo()
    for _ in range(2):
        plain, memoised = Problems(), Problems()
        check_duplicate_conferences(conferences, plain)
        check_duplicate_conferences(conferences, memoised, memo)
        assert formatted(plain) == formatted(memoised) and len(plain.items) == 1
    assert {key.split(":")[0] for key in memo.facts} == {"fold", "similar"}  # bodies, and titles of one date


def test_the_unused_glossary_is_the_same_with_a_memo(tmp_path: Path) -> None:
    site = copy_demo(tmp_path / "site")
    glossary = site / "content/glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + 'KHONGDUNG: "không ai dùng"\n', encoding="utf-8")
    loaded = load_site(site, Problems())
    assert loaded is not None
    plain = [e.abbr for e in unused_glossary(loaded.model)]
    memo = LoadMemo()
    assert [e.abbr for e in unused_glossary(loaded.model, memo)] == plain == ["KHONGDUNG"]
    assert any(k.startswith("abbr:") for k in memo.facts)
    assert [e.abbr for e in unused_glossary(loaded.model, memo)] == plain  # from the memo


def test_the_unused_glossary_stops_reading_texts_once_every_entry_is_found(tmp_path: Path) -> None:
    site = copy_demo(tmp_path / "site")
    loaded = load_site(site, Problems())
    assert loaded is not None
    assert unused_glossary(loaded.model) == []  # the demo uses every entry
    every_text = LoadMemo()
    glossary = site / "content/glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + 'KHONGDUNG: "không ai dùng"\n', encoding="utf-8")
    unused = load_site(site, Problems())
    assert unused is not None
    assert [e.abbr for e in unused_glossary(unused.model, every_text)] == ["KHONGDUNG"]  # every text read
    stopped = LoadMemo()
    assert unused_glossary(loaded.model, stopped) == []
    abbr_facts = [k for k in stopped.used_facts if k.startswith("abbr:")]
    assert len(abbr_facts) < len([k for k in every_text.used_facts if k.startswith("abbr:")])


def test_positions_in_the_conference_own_file_are_kept_without_its_path_and_others_with_theirs(
    tmp_path: Path,
) -> None:
    loaded = load_site(copy_demo(tmp_path / "site"), Problems())
    assert loaded is not None
    conference = next(c for c in loaded.model.conferences if c.attendees)
    person = conference.attendees[0]
    elsewhere = dataclasses.replace(person, loc=Loc("content/glossary.yaml", 3, 1))
    changed = dataclasses.replace(conference, attendees=(elsewhere, *conference.attendees[1:]))
    encoded = encode_conference(changed)
    assert encoded[8][0][2] == ["content/glossary.yaml", 3, 1]
    assert encode_conference(conference)[13] == [conference.loc.line, conference.loc.col]
    back = decode_conference(json.loads(json.dumps(encoded)))
    assert back == changed and back.attendees[1:] == conference.attendees[1:]
    assert back.body.loc.path is back.path  # one string, not one per position


def test_a_new_fact_rewrites_only_its_own_facts_file_and_unused_facts_go(tmp_path: Path) -> None:
    texts = [f"Nội dung {n}." for n in range(40)]
    memo = LoadMemo()
    for text in texts:
        memo.fact("depth", text, deepest)
    LoadStore(tmp_path, "p").save(memo, {})
    stamps = {f.name: f.stat().st_ino for f in tmp_path.glob("facts-*.json")}  # written anew: another inode
    assert len(stamps) > FACT_BUCKETS // 2  # the facts are spread out
    store = LoadStore(tmp_path, "p")
    again = store.load({})
    assert len(again.facts) == len(texts)
    for text in texts[1:]:
        again.fact("depth", text, deepest)  # used again; texts[0] is not: its fact goes
    again.fact("depth", "Mới.", deepest)
    store.save(again, {})
    changed = {f.name for f in tmp_path.glob("facts-*.json") if f.stat().st_ino != stamps[f.name]}
    gone, new = (
        next(k for k in memo.facts if k not in again.used_facts),
        next(iter(again.facts.keys() - memo.facts.keys())),
    )
    assert changed == {store.facts_file(fact_bucket(gone)).name, store.facts_file(fact_bucket(new)).name}
    assert set(LoadStore(tmp_path, "p").load({}).facts) == again.used_facts


def test_a_fact_kept_anew_under_its_key_is_written(tmp_path: Path) -> None:
    """A body's kept link resolution is replaced under the same key when a lookup answers
    otherwise (markup/links.py): the next build must read the new one."""
    memo = LoadMemo()
    memo.put("links:a", "old")
    LoadStore(tmp_path, "p").save(memo, {})
    store = LoadStore(tmp_path, "p")
    again = store.load({})
    again.put("links:a", "new")
    assert again.replaced == {"links:a"}
    store.save(again, {})
    assert LoadStore(tmp_path, "p").load({}).facts == {"links:a": "new"}


def test_bodies_are_kept_as_text_after_the_entries_and_come_back_whole(tmp_path: Path) -> None:
    memo = LoadMemo()
    digests = {}
    bodies = ["Nội dung một.\n\n- dòng {json} \\n\n", "", "Đoạn \u2028 hai\r\n"]
    for n, body in enumerate(bodies):
        path = PATH.replace(".md", f"-{n}.md")
        text = CONFERENCE.replace("Nội dung.\n", body)
        remembered_conference(record(text, path), 2019, Problems(), memo)
        digests[path] = f"h{n}"
    LoadStore(tmp_path, "p").save(memo, digests)
    kept = LoadStore(tmp_path, "p").load(digests)
    assert kept.known == memo.made
    assert any("{json} \\n" in c.body.source for c, _ in kept.known.values() if c is not None)
    for file in tmp_path.glob("conferences-*.kept"):  # the bodies' text cut short: those entries are made again
        file.write_bytes(file.read_bytes()[:-3])
    assert len(LoadStore(tmp_path, "p").load(digests).known) < len(bodies)
