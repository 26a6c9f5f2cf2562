"""The demo's Word yearbook read back with python-docx: headings, contents field,
tables, pictures, page setup, header, fonts, and reproducible bytes.

The tables and the heading outline are compared with the PDF's own book (the
HTML `assemble` hands to WeasyPrint), so the two formats cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
import tinyhtml5
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from tests.conftest import copy_demo, text_of
from tests.word.helpers import headings, instructions, read, render_site, table_texts

EPOCH = "1700000000"  # 2023-11-14 22:13:20 UTC


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    site = copy_demo(tmp_path_factory.mktemp("word") / "site")
    result, problems, book = render_site(site, SOURCE_DATE_EPOCH=EPOCH)
    assert result is not None and not problems.items, [p.format() for p in problems]
    return site, result, book, read(result.data)


def test_file_is_named_after_the_pdf(demo):
    _site, result, _book, _doc = demo
    assert result.name == "ky-yeu-2015-2020.docx"


def test_headings_follow_the_pdf_contents(demo):
    """Heading 1-2 are the PDF's table of contents (the charts stay in the PDF),
    after the foreword; body headings sit below, at levels 3-4."""
    _site, _result, book, doc = demo
    expected = []
    for entry in book.toc:
        if entry.id != "bieu-do":
            expected.append((1, entry.label))
            expected.extend((2, child.label) for child in entry.children)
    found = headings(doc, 1, 2)
    assert found[0] == (1, "Lời nói đầu")
    assert found[1:] == expected
    assert len(headings(doc, 3, 4)) >= 10  # the reports' own ## headings


def test_heading_styles_carry_outline_levels(demo):
    doc = demo[3]
    for level in range(1, 5):
        ppr = doc.styles[f"Heading {level}"].element.pPr
        assert ppr.find(qn("w:outlineLvl")).get(qn("w:val")) == str(level - 1)


def test_contents_is_a_toc_field_updated_on_open(demo):
    doc = demo[3]
    assert [i for i in instructions(doc.element.body) if i.startswith("TOC")] == [r'TOC \o "1-2" \h \z \u']
    toc_title = next(p for p in doc.paragraphs if p.style.name == "TOC Heading")
    assert toc_title.text == "Mục lục"
    assert doc.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"


def _book_tables(book) -> list[list[list[str]]]:
    root = tinyhtml5.parse(book.html, namespace_html_elements=False)
    tables = [t for t in root.iter("table") if "targets" in (t.get("class") or "").split()]
    return [[[text_of(cell) for cell in row if cell.tag in ("td", "th")] for row in t.iter("tr")] for t in tables]


def test_target_tables_hold_the_pdf_figures(demo):
    """Every target table, cell for cell, as the PDF prints it (derived ratio, points, status)."""
    _site, _result, book, doc = demo
    printed = _book_tables(book)
    header = printed[0][0]
    assert header[:3] == ["STT", "Chỉ tiêu", "Đơn vị"]
    word = [table_texts(t) for t in doc.tables if table_texts(t)[0] == header]
    assert word == printed
    assert word  # the demo term's 15 targets
    cells = {cell for table in word for row in table for cell in row}
    assert {"101,3%", "Vượt", "Không đạt"} <= cells
    assert any(c.startswith("+") and c.endswith("điểm %") for c in cells)


def test_target_tables_repeat_their_header_row(demo):
    doc = demo[3]
    table = next(t for t in doc.tables if t.cell(0, 0).text == "STT")
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_term_figures_and_tally(demo):
    doc = demo[3]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "3.281" in text
    assert "Đạt và vượt 13/15 chỉ tiêu" in text


def test_photos_are_inline_pictures_with_captions(demo):
    site, _result, book, doc = demo
    photos = [p.photo for y in book.context["years"] for c in y.conferences for p in c.photos]
    assert len(doc.inline_shapes) == len(photos) > 0  # the demo's SVG emblem stays in the PDF
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    for photo, caption in zip(photos, captions, strict=True):
        assert caption.startswith(photo.caption)
        if photo.credit:
            assert caption.endswith(f"Ảnh: {photo.credit}")
    text_width = Mm(165)
    for shape in doc.inline_shapes:
        assert shape.width <= text_width and shape.height <= Mm(257)
    assert any(abs(shape.width - text_width) < Mm(1) for shape in doc.inline_shapes)


def test_page_is_a4_with_van_kien_margins(demo):
    (section,) = demo[3].sections
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert tuple(round(m.mm) for m in margins) == (20, 20, 30, 15)


def test_page_number_centred_at_the_top_but_not_on_the_cover(demo):
    (section,) = demo[3].sections
    assert section.different_first_page_header_footer
    (paragraph,) = section.header.paragraphs  # the header's only paragraph: its fields are the header's
    assert instructions(section.header.part.element) == ["PAGE"]  # public API, not python-docx's _p
    assert paragraph.alignment == 1  # centred
    assert not instructions(section.first_page_header.part.element)
    assert not section.footer.paragraphs or not "".join(p.text for p in section.footer.paragraphs)


def test_fonts_are_times_new_roman_13_and_14_pt(demo):
    doc = demo[3]
    styles = doc.styles.element
    fonts = list(styles.iter(qn("w:rFonts")))
    assert fonts
    for rfonts in fonts:
        assert not any(k.endswith("Theme") or k.endswith("theme") for k in rfonts.attrib), rfonts.attrib
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            assert rfonts.get(qn(attr)) == "Times New Roman"
    assert doc.styles["Normal"].font.size == Pt(13)
    assert doc.styles["Heading 1"].font.size == Pt(14)
    assert doc.styles["Heading 2"].font.size == Pt(13)
    lang = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "vi-VN"


def test_glossary_and_people_are_the_pdfs(demo):
    _site, _result, book, doc = demo
    paragraphs = [p.text for p in doc.paragraphs]
    start = paragraphs.index("Giải thích từ ngữ viết tắt")
    people_at = paragraphs.index("Danh mục nhân vật")
    glossary = paragraphs[start + 1 : people_at]
    assert glossary == [f"{g.abbr}: {g.expansion}" for g in book.glossary]
    index = paragraphs[people_at + 1 : people_at + 1 + len(book.people)]
    assert [line.split(",")[0].split("\t")[0] for line in index] == [e.person.name for e in book.people]
    secretary = next(line for line in index if line.startswith("Vũ Văn Lương"))
    assert secretary.split("\t")[1].startswith("Nhiệm kỳ 2015 - 2020")  # the chapters naming him


def test_colophon_and_core_properties(demo):
    doc = demo[3]
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[paragraphs.index("Thông tin xuất bản") :][1].startswith("Kỷ yếu nhiệm kỳ 2015 - 2020")
    assert "Ngày tạo bản in: ngày 14 tháng 11 năm 2023" in paragraphs
    props = doc.core_properties
    assert props.title == "Kỷ yếu nhiệm kỳ 2015 - 2020"
    assert props.created == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)
    assert props.modified == props.created


def test_two_renders_give_identical_bytes(demo):
    site, result, _book, _doc = demo
    again, problems, _ = render_site(site, SOURCE_DATE_EPOCH=EPOCH)
    assert not problems.items
    assert again.data == result.data
    with zipfile.ZipFile(io.BytesIO(result.data)) as package:
        assert {info.date_time for info in package.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_without_source_date_epoch_the_date_is_the_terms_end(demo):
    site = demo[0]
    result, _problems, _ = render_site(site, SOURCE_DATE_EPOCH="")
    doc = read(result.data)
    assert doc.core_properties.created == dt.datetime(2020, 8, 13, tzinfo=dt.UTC)
    assert not any(p.text.startswith("Ngày tạo bản in") for p in doc.paragraphs)


def test_photos_stand_where_the_pdf_has_them(demo):
    # Staff review #4: the first photo came after the author line; it stands under the
    # attendees, before the report, and the others after the author, as in the PDF.
    _site, _result, book, doc = demo
    authors = {c.conference.author for y in book.context["years"] for c in y.conferences if c.conference.author}
    word = [
        " ".join(p.text.split())
        for p in doc.paragraphs
        if p.style.name == "Caption" or (p.text in authors and p.alignment == 2)  # 2: right-aligned
    ]
    root = tinyhtml5.parse(book.html, namespace_html_elements=False)
    pdf = []
    for e in root.iter():
        classes = (e.get("class") or "").split()
        if e.tag == "figure" and "photo" in classes:
            pdf.append(text_of(e.find("figcaption")))
        elif "conf-author" in classes:
            pdf.append(text_of(e))
    assert word == pdf
    assert word.index("Duy Tiến") == 1  # the 2019 report: its first photo before, its second after


def test_the_stt_column_holds_its_heading_on_one_line(demo):
    # Staff review #22: "STT" wrapped as "ST / T" in an 11 mm column.
    from PIL import ImageFont

    from site_builder.sources.themes import BUILTIN_ROOT

    font = ImageFont.truetype(str(BUILTIN_ROOT / "default/static/fonts/LiberationSerif-Bold.ttf"), 1000)
    heading_pt = font.getlength("STT") / 1000 * 11  # 11 pt bold table text
    cell_margins = 2 * Mm(1.9)  # Word's default left and right cell margins (0,08 in)
    table = next(t for t in demo[3].tables if t.cell(0, 0).text == "STT")
    assert table.columns[0].width - cell_margins >= Pt(heading_pt)


def test_the_cover_prints_the_organisation_in_capitals_as_the_pdf(demo):
    _site, _result, book, doc = demo
    organization = book.context["site"].organization
    front = []
    for p in doc.paragraphs:
        if p.style.name == "TOC Heading":
            break
        front.append(p.text)
    assert front.count(organization.upper()) == 2  # the cover and the title page
    assert organization not in front


def test_a_headline_figure_has_its_label_on_a_line_of_its_own(demo):
    # Staff review #3: "3.281 đảng viên Đảng viên" read as one phrase.
    texts = [p.text for p in demo[3].paragraphs]
    assert "3.281\nTổng số đảng viên" in texts
    assert "76 tổ chức\nTổ chức cơ sở đảng trực thuộc" in texts
