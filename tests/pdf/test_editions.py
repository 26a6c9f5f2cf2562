"""A book per term and per year, and draft rounds (issue 9, parts C and D), on the demo site.

The year book of 2023 and the second term's book are rendered once per module from a copy
of the demo; their text is read back with pypdf and their page numbers are checked against
where WeasyPrint laid the anchors out, as the term book's are (test_yearbook.py). A draft
round is rendered once more, to find its watermark on every page and its label on the cover.
"""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pikepdf
import pypdf
import pytest

from site_builder.build import load_site
from site_builder.model.editions import term_edition, with_draft, year_edition
from site_builder.problems import Problems
from site_builder.render.environment import make_environment
from site_builder.sources.themes import resolve_theme
from site_builder.yearbook.index import anchor_pages
from site_builder.yearbook.pdf import render_yearbook
from tests.conftest import copy_demo

pytestmark = pytest.mark.pdf

WATERMARK_FILL = b"0.501961 0.501961 0.501961 rg"  # the watermark's grey (yearbook/watermark.py)
_ARTIFACT_DRAWING = re.compile(rb"/Artifact\s+BMC(?:(?!EMC).)*?/(\w+)\s+Do", re.DOTALL)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, object]:
    site = copy_demo(tmp_path_factory.mktemp("editions") / "site")
    problems = Problems()
    loaded = load_site(site, problems)
    assert loaded is not None and not problems.errors
    return site, loaded


def render(demo, edition_of, draft: str | None = None):
    site, loaded = demo
    model = with_draft(loaded.model, draft)
    problems = Problems()
    theme = resolve_theme(site, model.site.theme, problems)
    env = make_environment(theme, model.site.language)
    result = render_yearbook(model, loaded.bodies, theme, env, site, problems, edition=edition_of(model))
    assert result is not None and not problems.errors, [p.format() for p in problems]
    return result, pypdf.PdfReader(io.BytesIO(result.file.data))


@pytest.fixture(scope="module")
def year_book(demo):
    return render(demo, lambda model: year_edition(model, 2023))


@pytest.fixture(scope="module")
def term_book(demo):
    return render(demo, lambda model: term_edition(model, "2020-2025"))


@pytest.fixture(scope="module")
def draft_book(demo):
    return render(demo, lambda model: year_edition(model, 2023), draft="Dự thảo lần 2")


def page_text(reader, number: int) -> str:
    return unicodedata.normalize("NFC", " ".join((reader.pages[number - 1].extract_text() or "").split()))


def all_text(reader) -> str:
    return " ".join(page_text(reader, n) for n in range(1, len(reader.pages) + 1))


def test_a_year_book_is_that_year_alone(year_book, demo):
    result, reader = year_book
    assert result.file.out_path == "ky-yeu-nam-2023.pdf"
    cover = page_text(reader, 1)
    assert cover.startswith("ĐẢNG CỘNG SẢN VIỆT NAM") and "KỶ YẾU NĂM 2023" in cover
    assert "Kiên Giang, 2023" in cover and "DỰ THẢO" not in cover
    text = all_text(reader)
    model = demo[1].model
    for year in model.years:
        for conference in year.conferences:
            short = conference.title[:40]
            assert (short in text) == (year.year == 2023), conference.title
    assert "Kết nạp đảng viên mới" in text and "283" in text and "113,2%" in text  # 2023's targets
    assert "Lời nói đầu" not in text and "Biểu đồ" not in text  # the term book's parts


def test_a_year_books_contents_and_people_index_pages_are_right(year_book, demo):
    result, reader = year_book
    pages = anchor_pages(result.document.pages)
    toc = page_text(reader, pages["muc-luc"])
    for label, anchor in (("Năm 2023", "nam-2023"), ("Danh mục nhân vật", "nhan-vat")):
        match = re.search(re.escape(label) + r"[ .]*?(\d+)\b", toc)
        assert match and int(match.group(1)) == pages[anchor], (label, toc)
    assert "Nhiệm kỳ" not in toc  # no term chapter
    mentions = anchor_pages(result.document.pages, "ix-")
    index = " ".join(page_text(reader, n) for n in range(pages["nhan-vat"], len(reader.pages) + 1))
    printed = 0
    for person in demo[1].model.people:
        in_2023 = any(m.path.startswith("content/years/2023/") for m in person.mentions)
        assert (person.name in index) == in_2023, person.name
        if in_2023:
            expected = sorted({n for a, n in mentions.items() if a.startswith(f"ix-{person.anchor}-")})
            match = re.search(re.escape(person.name) + r"[ .]*?(\d+(?:, \d+)*)", index)
            assert match and [int(n) for n in match.group(1).split(", ")] == expected, person.name
            printed += 1
    assert printed


def test_another_terms_book_has_its_own_cover_and_chapters(term_book):
    result, reader = term_book
    assert result.file.out_path == "ky-yeu-2020-2025.pdf"
    cover = page_text(reader, 1)
    assert "KỶ YẾU NHIỆM KỲ 2020 - 2025" in cover and "Kiên Giang, 2025" in cover
    assert "Đoàn kết, chủ động" not in cover  # the main book's slogan stays on the main book
    pages = anchor_pages(result.document.pages)
    toc = page_text(reader, pages["muc-luc"])
    for label, anchor in (("Nhiệm kỳ 2020 - 2025", "nhiem-ky"), ("Năm 2021", "nam-2021"), ("Năm 2024", "nam-2024")):
        match = re.search(re.escape(label) + r"[ .]*?(\d+)\b", toc)
        assert match and int(match.group(1)) == pages[anchor], (label, toc)
    assert "Năm 2019" not in toc


def _watermarked(pdf: pikepdf.Pdf, page: pikepdf.Page) -> bool:
    """The page draws the watermark's grey outlines, inside an /Artifact sequence."""
    content = b"".join(s.read_bytes() for s in _streams(page.obj.Contents))
    forms = page.obj.Resources.get("/XObject", {})
    for name in _ARTIFACT_DRAWING.findall(content):
        form = forms.get("/" + name.decode())
        if form is not None and WATERMARK_FILL in form.read_bytes():
            return True
    return False


def _streams(contents) -> list:
    return list(contents) if isinstance(contents, pikepdf.Array) else [contents]


def test_a_draft_is_watermarked_on_every_page_as_an_artifact(draft_book, year_book):
    result, reader = draft_book
    with pikepdf.open(io.BytesIO(result.file.data)) as pdf:
        assert all(_watermarked(pdf, page) for page in pdf.pages)
    with pikepdf.open(io.BytesIO(year_book[0].file.data)) as pdf:
        assert not any(_watermarked(pdf, page) for page in pdf.pages)
    cover = page_text(reader, 1)
    assert "DỰ THẢO LẦN 2" in cover  # the label on the cover
    # Outlines, not text: the body reads as without the watermark.
    plain = all_text(year_book[1])
    assert all_text(reader).replace("DỰ THẢO LẦN 2", "").split() == plain.split()
    assert "DỰ THẢO" not in page_text(reader, 5)
