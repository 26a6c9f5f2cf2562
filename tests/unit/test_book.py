"""The yearbook's HTML from `assemble` (no PDF rendering): what each chapter prints."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from site_builder.model.records import Stat
from site_builder.problems import Problems
from site_builder.render.environment import make_environment
from site_builder.sources.themes import resolve_theme
from site_builder.yearbook.book import assemble
from site_builder.yearbook.views import honour_roll
from tests.factories import make_award, make_model, make_target, make_term, make_year


def _assemble(model, tmp_path: Path):
    problems = Problems()
    theme = resolve_theme(tmp_path, "default", problems)
    env = make_environment(theme, "vi")
    book = assemble(model, {}, env, tmp_path)
    assert not problems.items
    return book


def test_term_stats_print_their_unit(tmp_path):
    term = make_term(stats=(Stat("Đảng viên", Decimal(3281), "đảng viên"), Stat("Chi bộ", Decimal(12), None)))
    book = _assemble(make_model(terms=[term], years=[make_year(2019)]), tmp_path)
    assert (
        '3.281<span class="stat-unit"> đảng viên</span></span> <span class="stat-label">Đảng viên</span>' in book.html
    )
    assert '<span class="stat-value">12</span> <span class="stat-label">Chi bộ</span>' in book.html


def test_a_term_without_targets_has_no_targets_section_or_toc_entry(tmp_path):
    book = _assemble(make_model(terms=[make_term(targets=())], years=[make_year(2019)]), tmp_path)
    assert 'id="nhiem-ky-chi-tieu"' not in book.html
    assert "nhiem-ky-chi-tieu" not in [kid.id for entry in book.toc for kid in entry.children]


def test_a_term_with_targets_keeps_its_section(tmp_path):
    book = _assemble(make_model(terms=[make_term(targets=[make_target()])], years=[make_year(2019)]), tmp_path)
    assert 'id="nhiem-ky-chi-tieu"' in book.html
    assert "nhiem-ky-chi-tieu" in [kid.id for entry in book.toc for kid in entry.children]


def test_honour_roll_keeps_the_models_order_within_a_rank():
    # The model orders a set by rank, granted before proposed, then date; the book must not
    # re-sort (by kind, say) so that it disagrees with the web site.
    early = make_award("Bằng khen", recipient_kind="individual", rank=10, date=dt.date(2019, 1, 5))
    late = make_award("Bằng khen", recipient_kind="collective", rank=10, date=dt.date(2019, 12, 5))
    proposed = make_award("Huân chương", status="proposed", rank=1)
    top = make_award("Huân chương", rank=1, recipient_kind="individual")
    term = make_term(awards=[top, proposed], years=(2019,))
    year = make_year(2019, awards=[early, late])
    model = make_model(terms=[term], years=[year])
    assert [a for a in year.awards.items] == [early, late]  # the model's order
    rows = honour_roll(model, term)
    assert [r.award for r in rows] == [top, proposed, early, late]


def _parsed(book):
    import tinyhtml5

    return tinyhtml5.parse(book.html, namespace_html_elements=False)


def _texts(root, cls):
    return [" ".join("".join(e.itertext()).split()) for e in root.iter() if cls in (e.get("class") or "").split()]


def test_the_cover_carries_the_party_name_first_and_the_slogan(tmp_path):
    import dataclasses

    from tests.factories import make_site

    site = make_site()
    site = dataclasses.replace(site, yearbook=dataclasses.replace(site.yearbook, slogan="Đoàn kết, chủ động, sáng tạo"))
    root = _parsed(_assemble(make_model(site=site, years=[make_year(2019)]), tmp_path))
    cover = next(e for e in root.iter("section") if e.get("id") == "bia")
    lines = [" ".join("".join(p.itertext()).split()) for p in cover.iter("p")]
    assert lines[0] == "ĐẢNG CỘNG SẢN VIỆT NAM" and lines[1] == site.organization
    assert _texts(cover, "cover-slogan") == ["Đoàn kết, chủ động, sáng tạo"]


def test_the_foreword_signs_on_behalf_of_the_standing_committee(tmp_path):
    import dataclasses

    from site_builder.model.records import Signature
    from tests.factories import make_page, make_person, make_site

    site = make_site()
    signature = Signature("Vũ Văn Lương", "BÍ THƯ", "T/M BAN THƯỜNG VỤ")
    options = dataclasses.replace(site.yearbook, foreword="pages/loi-noi-dau.md", signature=signature)
    term = make_term(secretary=make_person("Vũ Văn Lương", "Bí thư Đảng ủy Khối"))
    model = make_model(
        site=dataclasses.replace(site, yearbook=options), terms=[term], pages=[make_page("loi-noi-dau", "Lời nói đầu")]
    )
    root = _parsed(_assemble(model, tmp_path))
    block = next(e for e in root.iter("div") if e.get("class") == "signature")
    assert [" ".join("".join(p.itertext()).split()) for p in block.iter("p")] == [
        "T/M BAN THƯỜNG VỤ",
        "BÍ THƯ",
        "Vũ Văn Lương",
    ]


def test_photos_stand_where_the_web_page_has_them(tmp_path):
    """The first photo before the report, the others after it, as conference.html places them."""
    from tests.factories import make_conference, make_photo

    photos = tuple(make_photo(f"photos/{n}.jpg", f"Ảnh {n}.") for n in ("a", "b", "c"))
    year = make_year(2019, [make_conference(photos=photos, body="Nội dung báo cáo.")])
    root = _parsed(_assemble(make_model(years=[year]), tmp_path))
    article = next(e for e in root.iter("article") if "conference" in (e.get("class") or ""))
    order = [
        "prose" if "prose" in (e.get("class") or "") else e.find("figcaption").text.strip()
        for e in article.iter()
        if e.tag == "figure" or "prose" in (e.get("class") or "").split()
    ]
    assert order == ["Ảnh a.", "prose", "Ảnh b.", "Ảnh c."]
