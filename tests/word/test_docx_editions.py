"""The Word file of a year's book and of a draft round: its chapters, its cover label and the
"DỰ THẢO" watermark Word draws behind every page (a VML text shape in every header)."""

from __future__ import annotations

from site_builder.build import find_theme, load_site
from site_builder.model.editions import with_draft, year_edition
from site_builder.problems import Problems
from site_builder.render.environment import make_environment
from site_builder.yearbook.word.writer import render_docx
from tests.word.helpers import read

VML = "urn:schemas-microsoft-com:vml"


def render(site, draft=None, year=None):
    problems = Problems()
    loaded = load_site(site, problems, {}, 1)
    assert loaded is not None
    model = with_draft(loaded.model, draft)
    jinja = make_environment(find_theme(site, model.site, problems), model.site.language)
    edition = year_edition(model, year) if year else None
    result = render_docx(model, loaded.bodies, jinja, site, problems, edition=edition)
    assert result is not None and not problems.errors, [p.format() for p in problems]
    return result, read(result.data)


def watermarks(document) -> list[list[str]]:
    """The watermark words of each header of each section (default, first page)."""
    found = []
    for section in document.sections:
        for header in (section.header, section.first_page_header):
            paths = header.part.element.iter(f"{{{VML}}}textpath")  # public API: the header part's XML
            found.append([p.get("string") for p in paths if p.get("string")])  # the shape, not its type
    return found


def test_a_draft_round_is_watermarked_in_every_header_and_labelled_on_the_cover(demo_site):
    result, document = render(demo_site, draft="Dự thảo lần 2")
    assert result.name == "ky-yeu-2015-2020.docx"
    marks = watermarks(document)
    assert marks and all(m == ["DỰ THẢO"] for m in marks)
    assert document.sections[0].different_first_page_header_footer  # the cover's header has it too
    cover = [p.text for p in document.paragraphs[:12]]
    assert "DỰ THẢO LẦN 2" in cover


def test_without_a_draft_there_is_no_watermark_nor_label(demo_site):
    _result, document = render(demo_site)
    assert all(m == [] for m in watermarks(document))
    assert not any("DỰ THẢO" in p.text.upper() for p in document.paragraphs[:12])


def test_a_years_word_file_holds_that_year_only(demo_site):
    result, document = render(demo_site, year=2023)
    assert result.name == "ky-yeu-nam-2023.docx"
    chapters = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Năm 2023" in chapters and "Năm 2022" not in chapters
    assert not any(c.startswith("Nhiệm kỳ") for c in chapters)
    assert any(p.text.upper() == "KỶ YẾU NĂM 2023" for p in document.paragraphs[:8])
