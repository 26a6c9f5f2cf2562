"""The load memo's keys (model/memo.py): by a text's digest, or by the content hash of the one file
a text is made from; each text digested once."""

from __future__ import annotations

from site_builder.model.memo import LoadMemo, text_key

PATH = "content/years/2021/conferences/2021-01-14-tong-ket.md"


def test_a_fact_of_a_text_is_kept_by_its_digest_and_asked_once():
    memo = LoadMemo()
    asked: list[str] = []
    for _ in range(2):
        assert memo.fact("len", "Nội dung.", lambda text: asked.append(text) or len(text)) == 9
    assert asked == ["Nội dung."] and list(memo.facts) == [text_key("len", "Nội dung.")]
    assert memo.key("other", "Nội dung.") == text_key("other", "Nội dung.")
    assert list(memo.digests) == ["Nội dung."]  # digested once for both kinds


def test_a_text_of_one_file_is_kept_by_the_files_content_hash():
    memo = LoadMemo(tokens={PATH: "hash 1"})
    assert memo.fact("len", "Một.", len, PATH) == 4
    # The key names the file's content, not the text: the text is not even digested.
    assert list(memo.facts) == ["len:file:hash 1"] and memo.digests == {}
    next_build = LoadMemo(facts=dict(memo.facts), tokens={PATH: "hash 1"})
    assert next_build.fact("len", "Một.", lambda _: 99, PATH) == 4  # kept
    edited = LoadMemo(facts=dict(memo.facts), tokens={PATH: "hash 2"})
    assert edited.fact("len", "Một hai.", len, PATH) == 8  # another content, made again


def test_without_the_files_hash_the_text_is_digested():
    memo = LoadMemo(tokens={})
    memo.fact("len", "Một.", len, PATH)
    assert list(memo.facts) == [text_key("len", "Một.")]


def test_a_file_fact_makes_its_text_only_when_it_is_not_kept():
    made: list[str] = []

    def text() -> str:
        made.append("x")
        return "Một."

    memo = LoadMemo(tokens={PATH: "hash 1"})
    assert memo.file_fact("len", PATH, text, len) == 4
    again = LoadMemo(facts=dict(memo.facts), tokens={PATH: "hash 1"})
    assert again.file_fact("len", PATH, text, len) == 4
    assert made == ["x"]
    assert LoadMemo().file_fact("len", PATH, text, len) == 4 and made == ["x", "x"]  # no hash: by its text


def test_only_facts_asked_for_are_kept_and_get_keeps_nothing_by_itself():
    memo = LoadMemo(facts={"a": 1, "b": 2})
    assert memo.get("a") == 1 and memo.used_facts == set()
    memo.put("b", 3)
    assert memo.used_facts == {"b"} and memo.facts["b"] == 3
