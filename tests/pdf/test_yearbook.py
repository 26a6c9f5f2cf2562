"""The printed yearbook, asserted on the rendered Document and on the PDF (pypdf).

One small but complete model is rendered once per module (ky-yeu) and once in
the van-kien profile; the reproducibility test renders twice more.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import logging
import os
import re
from pathlib import Path

import pikepdf
import pypdf
import pytest

from site_builder.model.collation import person_sort_key
from site_builder.model.slugs import slugify
from site_builder.problems import Loc, Problems
from site_builder.render.environment import make_environment
from site_builder.sources.themes import resolve_theme
from site_builder.yearbook.index import anchor_pages
from site_builder.yearbook.pdf import render_yearbook
from tests.factories import (
    make_award,
    make_conference,
    make_model,
    make_page,
    make_person,
    make_photo,
    make_site,
    make_target,
    make_term,
    make_year,
    people_from,
)

pytestmark = pytest.mark.pdf

A4 = (793.7, 1122.5)
MM = 96 / 25.4
EPOCH = "1700000000"  # 2023-11-14 UTC
LONG = "\n\n".join(
    f"Đoạn {i}: các ĐV và TCCSĐ thực hiện nghiêm Nghị quyết, kết nạp đảng viên mới, "
    "củng cố tổ chức, nâng cao chất lượng sinh hoạt chi bộ; công tác kiểm tra, giám sát "
    "được tăng cường, bảo đảm đúng nguyên tắc, thủ tục theo quy định của Điều lệ Đảng."
    for i in range(1, 16)
)
SECRETARY = make_person("Vũ Văn Lương", "Bí thư Đảng ủy Khối")
GUEST = make_person("Trần Đình Quế", "Phó Bí thư Tỉnh ủy")
OTHER = make_person("Nguyễn Thị Ánh", "Ủy viên Ban Thường vụ")


def _model(profile: str = "ky-yeu"):
    term_targets = [
        make_target("ket-nap-dang-vien", target=1000, actual=1035, path="content/terms/2015-2020/targets.yaml"),
        make_target("quan-triet", "Cán bộ được quán triệt", unit="%", target=95, actual=98.8),
        make_target("tccsd-xuat-sac", "TCCSĐ hoàn thành xuất sắc", unit="%", target=20, actual=16.7),
    ]
    conf = lambda y, m, title, people, **kw: make_conference(  # noqa: E731
        title, dt.date(y, m, 5), body=LONG, attendees=tuple(people), **kw
    )
    years = [
        make_year(
            2019,
            [
                conf(2019, 1, "Tổng kết năm 2018", [GUEST, SECRETARY], kind="tong-ket"),
                conf(
                    2019, 8, "Sơ kết 6 tháng", [OTHER], photos=(make_photo("photos/a.png", "Toàn cảnh.", "Duy Tiến"),)
                ),
            ],
            targets=[make_target("ket-nap-dang-vien", target=150, actual=152)],
            awards=[make_award()],
        ),
        make_year(
            2020,
            [conf(2020, 3, "Hội nghị chuyên đề", [GUEST], kind="chuyen-de")],
            targets=[make_target("ket-nap-dang-vien", target=160, actual=171)],
        ),
    ]
    term = make_term(
        targets=term_targets,
        awards=[make_award(status="proposed"), make_award()],
        secretary=SECRETARY,
        years=(2019, 2020),
    )
    site = make_site()
    site = dataclasses.replace(
        site,
        yearbook=dataclasses.replace(site.yearbook, foreword="pages/loi-noi-dau.md", profile=profile),
    )
    foreword = make_page("loi-noi-dau", "Lời nói đầu")
    glossary = [("ĐV", "đảng viên"), ("TCCSĐ", "tổ chức cơ sở đảng"), ("HĐND", "Hội đồng nhân dân")]
    conferences = [c for y in years for c in y.conferences]
    people = sorted(people_from(conferences, [term]), key=lambda e: person_sort_key(e.name))  # as the loader does
    return make_model(terms=[term], years=years, pages=[foreword], glossary=glossary, site=site, people=people)


def _render(site_root: Path, model, environ: dict[str, str] | None = None, variant: str | None = None, bodies=None):
    problems = Problems()
    theme = resolve_theme(site_root, "default", problems)
    env = make_environment(theme, model.site.language)
    saved = {k: os.environ.get(k) for k in (environ or {})}
    os.environ.update(environ or {})
    try:
        result = render_yearbook(model, bodies or {}, theme, env, site_root, problems, variant=variant)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return result, problems


@pytest.fixture(scope="module")
def book(site_root):
    result, problems = _render(site_root, _model(), {"SOURCE_DATE_EPOCH": EPOCH})
    assert result is not None, [p.format() for p in problems]
    return result, problems


@pytest.fixture(scope="module")
def pdf(book):
    return pypdf.PdfReader(io.BytesIO(book[0].file.data))


def _page_text(pdf, number: int) -> str:
    return re.sub(r"\s+", " ", pdf.pages[number - 1].extract_text())


def _anchor_page(document, anchor: str) -> int:
    return anchor_pages(document.pages)[anchor]


def test_clean_render_reports_nothing(book):
    result, problems = book
    assert [p.format() for p in problems] == []
    assert result.file.out_path == "ky-yeu-2015-2020.pdf"
    assert result.page_count == len(result.document.pages) > 10


def test_every_page_is_a4(book):
    for page in book[0].document.pages:
        assert (round(page.width, 1), round(page.height, 1)) == A4


def test_every_font_is_embedded_and_bundled(pdf):
    names = set()
    for page in pdf.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            names.add(font["/BaseFont"].split("+", 1)[-1])
            descriptor = (font.get("/DescendantFonts") or [font])[0].get_object().get("/FontDescriptor")
            assert descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            ), font["/BaseFont"]
    assert names and all(n.startswith(("Liberation-Serif", "Liberation-Sans")) for n in names), names


def test_metadata(book, pdf):
    metadata = book[0].document.metadata
    assert metadata.title == "Kỷ yếu nhiệm kỳ 2015-2020"
    assert metadata.lang == "vi"
    assert metadata.authors == ["Đảng bộ Khối Các cơ quan và Doanh nghiệp tỉnh"]
    assert pdf.trailer["/Root"]["/Lang"] == "vi"
    assert pdf.metadata.title == "Kỷ yếu nhiệm kỳ 2015-2020"
    assert pdf.metadata["/CreationDate"].startswith("D:20231114")


def test_bookmarks_per_chapter_year_and_section(book):
    tree = book[0].document.make_bookmark_tree()
    labels = [label for label, _target, _children, _state in tree]
    for wanted in ("Lời nói đầu", "Mục lục", "Nhiệm kỳ 2015 - 2020", "Năm 2019", "Năm 2020", "Biểu đồ"):
        assert wanted in labels
    assert labels.index("Năm 2019") < labels.index("Năm 2020")
    y2019 = tree[labels.index("Năm 2019")]
    assert [child[0] for child in y2019[2]][:2] == ["Tổng kết năm 2018", "Sơ kết 6 tháng"]
    assert y2019[1][0] + 1 == anchor_pages(book[0].document.pages)["nam-2019"]
    assert "Danh mục nhân vật" in labels and "Giải thích từ ngữ viết tắt" in labels


def test_toc_page_numbers_are_where_the_sections_are(book, pdf):
    document = book[0].document
    toc_page = _anchor_page(document, "muc-luc")
    text = _page_text(pdf, toc_page)
    checked = 0
    for label, anchor in (
        ("Năm 2019", "nam-2019"),
        ("Năm 2020", "nam-2020"),
        ("Biểu đồ", "bieu-do"),
        ("Danh mục nhân vật", "nhan-vat"),
        ("Hội nghị chuyên đề", "hoi-nghi-2020-hoi-nghi-chuyen-de"),
    ):
        match = re.search(re.escape(label) + r"[ .]*?(\d+)\b", text)
        assert match, (label, text)
        assert int(match.group(1)) == _anchor_page(document, anchor), label
        checked += 1
    assert checked == 5


def test_chapters_start_on_right_hand_pages_without_running_header(book):
    document = book[0].document
    for anchor in ("nhiem-ky", "nam-2019", "nam-2020"):
        assert _anchor_page(document, anchor) % 2 == 1, anchor


def test_people_index_pages_are_right(book, pdf):
    document = book[0].document
    pages = anchor_pages(document.pages, "ix-")
    index_page = _anchor_page(document, "nhan-vat")
    text = " ".join(_page_text(pdf, n) for n in range(index_page, len(pdf.pages) + 1))
    for person in (SECRETARY, GUEST, OTHER):
        slug = slugify(person.name)
        expected = sorted({p for a, p in pages.items() if a.startswith(f"ix-{slug}-")})
        assert expected, person.name
        match = re.search(re.escape(person.name) + r"[ .]*?(\d+(?:, \d+)*)", text)
        assert match, (person.name, text)
        assert [int(n) for n in match.group(1).split(", ")] == expected
    # Vietnamese order by given name: Ánh < Lương < Quế
    assert text.index("Nguyễn Thị Ánh") < text.index("Vũ Văn Lương") < text.index("Trần Đình Quế")


def test_glossary_lists_the_abbreviations_used(book, pdf):
    document = book[0].document
    page = _anchor_page(document, "viet-tat")
    text = _page_text(pdf, page)
    for word in ("ĐV", "đảng viên", "TCCSĐ", "tổ chức cơ sở đảng"):
        assert word in text
    assert "HĐND" not in text  # never used in the book


def test_targets_table_and_tally_are_formatted(pdf, book):
    page = _anchor_page(book[0].document, "nhiem-ky-chi-tieu")
    text = " ".join(_page_text(pdf, n) for n in (page, page + 1))
    assert "1.035" in text and "103,5%" in text and "+3,8 điểm %" in text
    assert "Đạt và vượt 2/3 chỉ tiêu" in text


def test_identical_bytes_under_source_date_epoch(site_root, book):
    again, problems = _render(site_root, _model(), {"SOURCE_DATE_EPOCH": EPOCH})
    assert again is not None and again.file.data == book[0].file.data


def test_van_kien_profile_margins_and_page_numbers(site_root):
    result, problems = _render(site_root, _model("van-kien"))
    assert result is not None, [p.format() for p in problems]
    first, second = result.document.pages[0], result.document.pages[1]
    for page in result.document.pages[:3]:
        box = page._page_box
        assert box.margin_left == pytest.approx(30 * MM, abs=0.1)
        assert box.margin_right == pytest.approx(15 * MM, abs=0.1)
        assert box.margin_top == pytest.approx(20 * MM, abs=0.1)
        assert box.margin_bottom == pytest.approx(20 * MM, abs=0.1)

    def margin_texts(page):
        found = {}
        for box in page._page_box.children:
            at = getattr(box, "at_keyword", None)
            if at:
                found[at] = "".join(t.text for t in box.descendants() if hasattr(t, "text") and t.text)
        return found

    assert "@top-center" not in margin_texts(first) or margin_texts(first)["@top-center"] == ""
    assert margin_texts(second).get("@top-center") == "2"
    assert not any(k.startswith("@bottom") and v for k, v in margin_texts(second).items())


def test_progress_lines_and_warnings_become_problems():
    from site_builder.yearbook import logs

    problems = Problems()
    lines: list[str] = []
    handler = logs.ProgressHandler(lines.append, lambda n: f"page {n}", every=1)
    main = logging.getLogger("weasyprint")
    before = list(main.handlers)
    with logs.capture(problems, Loc("content/site.yaml"), handler):
        logging.getLogger("weasyprint").warning("Ignored `colr: red` at 1:2, unknown property.")
        logging.getLogger("weasyprint.progress").info("Step 5 - Creating layout - Page %d", 3)
    assert [p.code for p in problems] == ["pdf.warning"]
    assert lines == ["page 3"]
    assert main.handlers == before  # the handlers are gone after the render


def test_a_system_font_is_detected():
    from weasyprint import HTML

    from site_builder.sources.themes import BUILTIN_ROOT
    from site_builder.yearbook.fonts import bundled_font_hashes, foreign_fonts

    document = HTML(string='<p style="font-family: DejaVu Sans">Đảng bộ</p>').render()
    document.write_pdf()
    bundled = bundled_font_hashes([BUILTIN_ROOT / "default" / "static"])
    assert len(bundled) == 8  # Liberation Serif and Sans, four faces each
    assert foreign_fonts(document.fonts, bundled) == ["DejaVu Sans"]


# WeasyPrint 70 leaves its sRGB ICC profile file open when writing PDF/A: not ours to fix.
@pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize(
    ("variant", "marker"),
    [("pdf/a-3b", b'pdfaid:part="3"'), ("pdf/ua-1", b'pdfuaid:part="1"')],
)
def test_pdf_variants_pass_through_for_archiving_and_accessibility(site_root, variant, marker):
    result, problems = _render(site_root, _model(), {"SOURCE_DATE_EPOCH": EPOCH}, variant=variant)
    assert result is not None, [p.format() for p in problems]
    reader = pypdf.PdfReader(io.BytesIO(result.file.data))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert marker in xmp
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged in every variant, for screen readers
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])
    assert reader.outline and reader.metadata.title == "Kỷ yếu nhiệm kỳ 2015-2020"
    content = reader.pages[len(reader.pages) // 2].get_contents().get_data()
    assert re.search(rb"/Artifact\s*<<\s*/Type\s*/Pagination\s*>>\s*BDC", content)  # running head, page number
    assert len(reader.trailer["/ID"]) == 2  # kept through the tagging's save (PDF/A requires it)
    with pikepdf.open(io.BytesIO(result.file.data)) as checked:
        assert checked.check_pdf_syntax() == []  # qpdf finds nothing wrong in the file's syntax
    if variant.startswith("pdf/a"):
        assert reader.trailer["/Root"]["/OutputIntents"][0]["/S"] == "/GTS_PDFA1"
    for page in reader.pages:
        assert "/Annots" not in page or page["/Tabs"] == "/S"  # links in structure order


def test_a_headline_figure_prints_its_label_on_a_line_of_its_own(pdf, book):
    # Staff review #3: "3.281 đảng viên Đảng viên" read as one phrase; the web page sets the
    # label under the figure, and so does the book.
    page = _anchor_page(book[0].document, "nhiem-ky-so-lieu")
    lines = [line.strip() for line in pdf.pages[page - 1].extract_text().splitlines()]
    at = lines.index("3.281")
    assert lines[at + 1] == "Đảng viên"
