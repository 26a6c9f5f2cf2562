"""A year that straddles two terms: each conference belongs to the term it was held in.

Staff review #7: the 30/07/2020 conference (before the congress of 14/08/2020) was printed in
both term books and listed on both term pages. The year itself still belongs to both terms (its
targets and awards are the year's), but its conferences are split by the terms' dates.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from site_builder.model.editions import Edition
from site_builder.problems import Problems
from site_builder.render.environment import make_environment
from site_builder.sources.themes import resolve_theme
from site_builder.yearbook.book import assemble
from site_builder.yearbook.manifest import edition_manifest
from tests.factories import make_conference, make_model, make_person, make_target, make_term, make_year
from tests.unit.test_html_pages import parse, render_site

BEFORE = make_conference(
    "Hội nghị giao ban chuẩn bị Đại hội",
    dt.date(2020, 7, 30),
    "khac",
    slug="giao-ban",
    attendees=(make_person("Lâm Đông", "Phó Bí thư"),),
)
CONGRESS = make_conference(
    "Đại hội Đảng bộ Khối lần thứ VII",
    dt.date(2020, 8, 14),
    "dai-hoi",
    slug="dai-hoi-vii",
    attendees=(make_person("Mai Văn Huỳnh", "Bí thư"),),
)


def _model():
    old = make_term("2015-2020", start=dt.date(2015, 8, 1), end=dt.date(2020, 8, 13))
    new = make_term("2020-2025", "Đoàn kết, đổi mới", start=dt.date(2020, 8, 14), end=dt.date(2025, 7, 31))
    year = make_year(2020, [BEFORE, CONGRESS], targets=[make_target()], terms=("2015-2020", "2020-2025"))
    return make_model([old, new], [year])


def _book(model, edition: Edition, tmp_path: Path) -> str:
    theme = resolve_theme(tmp_path, "default", Problems())
    return assemble(model, {}, make_environment(theme, "vi"), tmp_path, edition=edition).html


def _titles(html: str) -> list[str]:
    return [h.text() for h in parse(html).find_all("h2", "section-title")]


def test_a_term_book_prints_only_the_conferences_held_within_its_dates(tmp_path):
    model = _model()
    old = _book(model, Edition("term", "2015-2020", "ky-yeu-2015-2020.pdf", main=True), tmp_path)
    new = _book(model, Edition("term", "2020-2025", "ky-yeu-2020-2025.pdf"), tmp_path)
    assert "Hội nghị giao ban chuẩn bị Đại hội" in _titles(old)
    assert "Đại hội Đảng bộ Khối lần thứ VII" not in _titles(old)
    assert "Hội nghị giao ban chuẩn bị Đại hội" not in _titles(new)
    assert "Đại hội Đảng bộ Khối lần thứ VII" in _titles(new)
    # The year still belongs to both terms: its chapter and its targets are in both books.
    for html in (old, new):
        assert parse(html).find("section", "year").find("h1").text() == "Năm 2020"
        assert 'id="nam-2020-chi-tieu"' in html
    # The index of names follows: the guest of the July conference is not in the new term's book.
    people = [e.text() for e in parse(new).find_all("section") if e.attrs.get("id") == "nhan-vat"]
    assert people and "Mai Văn Huỳnh" in people[0] and "Lâm Đông" not in people[0]


def test_a_year_book_prints_every_conference_of_the_year(tmp_path):
    html = _book(_model(), Edition("year", "2020", "ky-yeu-nam-2020.pdf"), tmp_path)
    assert {"Hội nghị giao ban chuẩn bị Đại hội", "Đại hội Đảng bộ Khối lần thứ VII"} <= set(_titles(html))


def test_the_term_book_manifest_lists_only_its_own_conferences():
    model = _model()
    old = edition_manifest(model, Edition("term", "2015-2020", "ky-yeu-2015-2020.pdf", main=True))
    new = edition_manifest(model, Edition("term", "2020-2025", "ky-yeu-2020-2025.pdf"))
    assert BEFORE.path in old.records and CONGRESS.path not in old.records
    assert CONGRESS.path in new.records and BEFORE.path not in new.records


def test_a_term_page_lists_each_year_with_the_conferences_held_within_the_term():
    pages, problems, _ = render_site(_model())
    assert not problems.items
    for term, held, other in (
        ("2015-2020", "giao-ban", "dai-hoi-vii"),
        ("2020-2025", "dai-hoi-vii", "giao-ban"),
    ):
        sections = parse(pages[f"nhiem-ky/{term}/index.html"]).find_all("section")
        section = next(s for s in sections if s.attrs.get("aria-labelledby") == "cac_nam")
        item = section.find("li")
        assert item.find("a").text() == "Năm 2020"
        assert "1 hội nghị" in item.text()
        links = [a.attrs["href"] for a in item.find_all("a")]
        assert any(held in href for href in links) and not any(other in href for href in links)
