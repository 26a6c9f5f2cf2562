"""A body's links resolved through the memo (markup/links.py): replayed only while every lookup
it made answers the same; a body with problems is resolved, and its problems reported, every time."""

from __future__ import annotations

from site_builder.markup.links import Lookups, resolve_body, resolve_links
from site_builder.model.memo import LoadMemo
from site_builder.problems import Loc, Problems

PATH = "content/pages/gioi-thieu.md"
LINKS = {"content/pages/lich-su.md": "/trang/lich-su/"}
FRAGMENT = '<p><a href="lich-su.md#dau">a</a> <img src="../media/a.jpg"> <a href="cu.md">b</a></p>'
SOURCE = "[a](lich-su.md#dau) ![](../media/a.jpg) [b](cu.md)\n"
MEDIA = frozenset({"a.jpg"})


def doc():
    from site_builder.model.records import Markdown

    return Markdown(SOURCE, Loc(PATH, 4))


def resolve(memo, links=LINKS, media=MEDIA, files=frozenset()):
    """(HTML, problems formatted, media used) of FRAGMENT resolved through `memo`."""
    problems, used = Problems(), set()
    out = resolve_body(FRAGMENT, doc(), Lookups(links, files, media), problems, used, memo)
    return out, [p.format() for p in problems], used


def next_build(memo: LoadMemo) -> LoadMemo:
    """The memo the next build starts from: the facts this one kept."""
    return LoadMemo(facts={k: memo.facts[k] for k in memo.used_facts})


def test_a_resolution_through_the_memo_is_the_one_made_without():
    with_cu = {**LINKS, "content/pages/cu.md": "/trang/cu/"}
    plain = Problems()
    expected = resolve_links(FRAGMENT, doc(), with_cu, plain, media_files=MEDIA, used=(used := set()))
    first = LoadMemo()
    assert resolve(first, with_cu) == (expected, [], used)
    assert resolve(next_build(first), with_cu) == (expected, [], used)
    assert expected == (
        '<p><a href="/trang/lich-su/#dau">a</a> <img src="/media/a.jpg"> <a href="/trang/cu/">b</a></p>'
    )


def test_kept_resolution_is_replayed_without_resolving_again():
    with_cu = {**LINKS, "content/pages/cu.md": "/trang/cu/"}
    first = LoadMemo()
    resolve(first, with_cu)
    kept = next_build(first)
    # The kept changes are applied as kept: a forged entry shows it was replayed, not remade.
    (key,) = kept.facts
    kept.facts[key] = str(kept.facts[key]).replace('href=\\"/trang/cu/', 'href=\\"/trang/kept/')  # not the answer
    assert 'href="/trang/kept/"' in resolve(kept, with_cu)[0]


def test_a_changed_answer_resolves_again_and_is_kept_anew():
    with_cu = {**LINKS, "content/pages/cu.md": "/trang/cu-moi/"}
    first = LoadMemo()
    resolve(first, {**LINKS, "content/pages/cu.md": "/trang/cu/"})
    second = next_build(first)
    assert 'href="/trang/cu-moi/"' in resolve(second, with_cu)[0]
    assert 'href="/trang/cu-moi/"' in resolve(next_build(second), with_cu)[0]


def test_a_broken_link_is_reported_on_every_build_and_never_kept():
    memo = LoadMemo()
    for _ in range(3):
        out, problems, used = resolve(memo)
        assert problems == [f"{PATH}:4:45: warning: liên kết “cu.md” không trỏ tới bản ghi hay tệp nào"]
        assert "<a>b</a>" in out and used == {"a.jpg"}
        memo = next_build(memo)
        assert memo.facts == {}


def test_a_link_that_breaks_later_is_reported():
    memo = LoadMemo()
    resolve(memo, {**LINKS, "content/pages/cu.md": "/trang/cu/"})
    _, problems, _ = resolve(next_build(memo))  # cu.md deleted since
    assert [p.split(": ")[1] for p in problems] == ["warning"]


def test_a_media_file_removed_later_is_an_error_again():
    with_cu = {**LINKS, "content/pages/cu.md": "/trang/cu/"}
    memo = LoadMemo()
    resolve(memo, with_cu)
    out, problems, used = resolve(next_build(memo), with_cu, media=frozenset())
    assert [p.split(": ")[1] for p in problems] == ["error"] and used == set()
    assert "<img>" in out


def test_the_same_body_in_another_file_is_resolved_for_that_file():
    from site_builder.model.records import Markdown

    memo = LoadMemo()
    resolve(memo, {**LINKS, "content/pages/cu.md": "/trang/cu/"})
    other = Markdown(SOURCE, Loc("content/years/2021/year.md", 4))
    problems = Problems()
    resolve_body(FRAGMENT, other, Lookups(LINKS, frozenset(), MEDIA), problems, set(), next_build(memo))
    assert len(problems.items) == 3  # nothing there: both links broken, the image outside media


def test_kept_by_the_file_while_the_html_is_made_alike():
    """With the renderer's signature, an entry is kept by the body file's content hash; another
    signature (the glossary changed, so the HTML may have) resolves again."""
    with_cu = {**LINKS, "content/pages/cu.md": "/trang/cu/"}
    first = LoadMemo(tokens={PATH: "hash"})
    lookups = Lookups(with_cu, frozenset(), MEDIA)
    out = resolve_body(FRAGMENT, doc(), lookups, Problems(), set(), first, "sig 1")
    assert [k.rsplit(":", 2)[1:] for k in first.facts] == [["file", "hash"]]
    forged = {k: str(v).replace('href=\\"/trang/cu/', 'href=\\"/trang/kept/') for k, v in first.facts.items()}
    kept = LoadMemo(facts=dict(forged), tokens={PATH: "hash"})  # not the answer: the applied change
    assert "/trang/kept/" in resolve_body(FRAGMENT, doc(), lookups, Problems(), set(), kept, "sig 1")
    assert resolve_body(FRAGMENT, doc(), lookups, Problems(), set(), kept, "sig 2") == out


def test_a_body_without_links_or_images_is_kept_as_it_is_and_nothing_is_kept_for_it():
    memo = LoadMemo(tokens={PATH: "hash"})
    fragment = '<p>Không có liên kết, <abbr title="đảng viên">ĐV</abbr> thì có.</p>'
    problems = Problems()
    assert resolve_body(fragment, doc(), Lookups(LINKS, frozenset(), MEDIA), problems, set(), memo, "sig") == fragment
    assert memo.facts == {} and problems.items == []


def changes_of(memo, links, files=frozenset()):
    """(HTML, the `changes` text) of FRAGMENT resolved through `memo` (None: without one)."""
    changes: dict[str, str] = {}
    out = resolve_body(FRAGMENT, doc(), Lookups(links, files, MEDIA), Problems(), set(), memo, "sig", changes)
    return out, changes[PATH]


def test_the_changes_text_names_the_html_made_from_the_fragment():
    """Pages are signed by this text (output/signatures.py): the same text on a kept replay as
    when resolved, another one whenever an answer changes the HTML."""
    with_cu = {**LINKS, "content/pages/cu.md": "/trang/cu/"}
    first = LoadMemo(tokens={PATH: "hash"})
    made = changes_of(first, with_cu)
    assert changes_of(next_build(first), with_cu) == made  # replayed from the memo
    moved = changes_of(next_build(first), {**LINKS, "content/pages/cu.md": "/trang/cu-moi/"})
    assert "/trang/cu-moi/" in moved[0] and moved[1] != made[1]
    plain = changes_of(None, with_cu)
    assert plain[0] == made[0] and plain[1] != changes_of(None, LINKS)[1]
    changes: dict[str, str] = {}
    resolve_body("<p>x</p>", doc(), Lookups(LINKS, frozenset(), MEDIA), Problems(), set(), None, None, changes)
    assert changes == {PATH: ""}
