"""Page, typeface, styles and running header of the Word yearbook.

Nghị định 30/2020/NĐ-CP, as the PDF's `van-kien` profile applies it: A4 portrait,
margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm; Times New Roman 13 pt
(14 pt headings), black; page numbers centred in the top margin, none on page 1.
Times New Roman is named in the file (Word has it; LibreOffice substitutes its
metric twin Liberation Serif, so line breaks match).
"""

from __future__ import annotations

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_PARAGRAPH_ALIGNMENT
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.styles.styles import Styles

from site_builder.yearbook.word import ooxml

FONT = "Times New Roman"
BODY_PT = 13
HEADING_PT = 14
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
TEXT_WIDTH = Mm(210 - 30 - 15)
TEXT_HEIGHT = Mm(297 - 20 - 20)
BLACK = RGBColor(0, 0, 0)
LANG = {"vi": "vi-VN", "en": "en-GB"}
TABLE_TEXT = "Table Text"  # our own paragraph style for table cells (11 pt, no indent)

# style name -> (size pt, bold, italic, alignment, space before pt, space after pt)
_LOOK = {
    "Title": (18, True, False, WD_ALIGN_PARAGRAPH.CENTER, 0, 12),
    "Subtitle": (HEADING_PT, False, False, WD_ALIGN_PARAGRAPH.CENTER, 0, 12),
    "Heading 1": (HEADING_PT, True, False, WD_ALIGN_PARAGRAPH.CENTER, 0, 12),
    "TOC Heading": (HEADING_PT, True, False, WD_ALIGN_PARAGRAPH.CENTER, 0, 12),
    "Heading 2": (BODY_PT, True, False, WD_ALIGN_PARAGRAPH.LEFT, 12, 6),
    "Heading 3": (BODY_PT, True, True, WD_ALIGN_PARAGRAPH.LEFT, 9, 6),
    "Heading 4": (BODY_PT, False, True, WD_ALIGN_PARAGRAPH.LEFT, 6, 6),
    "Caption": (11, False, True, WD_ALIGN_PARAGRAPH.CENTER, 3, 9),
    "Quote": (BODY_PT, False, True, WD_ALIGN_PARAGRAPH.JUSTIFY, 0, 6),
}


def new_document(lang: str) -> DocxDocument:
    """An empty document with the page, fonts, styles and header of the yearbook."""
    document = Document()
    section = document.sections[0]
    _page(section)
    _styles(document.styles, lang)
    _header(section)
    ooxml.update_fields_on_open(document.settings.element)
    return document


def _page(section: Section) -> None:
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.header_distance = section.footer_distance = Mm(10)
    section.gutter = 0


def _styles(styles: Styles, lang: str) -> None:
    ooxml.set_all_fonts(styles.element, FONT)
    ooxml.set_language(styles.element, LANG.get(lang, "vi-VN"))
    normal = styles["Normal"]
    normal.font.size, normal.font.color.rgb = Pt(BODY_PT), BLACK
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    body = styles["Body Text"]
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.paragraph_format.first_line_indent = Cm(1.27)
    body.paragraph_format.space_after = Pt(6)
    for name, look in _LOOK.items():
        _look(styles[name], *look)
    for level, name in enumerate(("Heading 1", "Heading 2", "Heading 3", "Heading 4")):
        ooxml.set_outline_level(styles[name].element.get_or_add_pPr(), level)
    styles["Heading 1"].font.all_caps = True
    styles["Heading 1"].paragraph_format.page_break_before = True  # every chapter opens a page
    styles["TOC Heading"].paragraph_format.page_break_before = True
    for name in ("Title", "Subtitle"):
        _plain(styles[name])
    table = styles.add_style(TABLE_TEXT, 1)  # 1: a paragraph style
    table.base_style = normal
    table.font.size = Pt(11)
    table.paragraph_format.space_after = Pt(0)


def _look(
    style: ParagraphStyle,
    size: float,
    bold: bool,
    italic: bool,
    align: WD_PARAGRAPH_ALIGNMENT,
    before: float,
    after: float,
) -> None:
    style.font.size, style.font.bold, style.font.italic = Pt(size), bold, italic
    style.font.color.rgb = BLACK
    style.font.underline = False
    fmt = style.paragraph_format
    fmt.alignment, fmt.space_before, fmt.space_after = align, Pt(before), Pt(after)


def _plain(style: ParagraphStyle) -> None:
    """The default Title and Subtitle have a blue rule, list numbering, letter spacing and
    kerning; official documents have none of these."""
    ppr = style.element.get_or_add_pPr()
    for child in [*ppr.findall(qn("w:pBdr")), *ppr.findall(qn("w:numPr"))]:
        ppr.remove(child)
    rpr = style.element.get_or_add_rPr()
    for child in [*rpr.findall(qn("w:spacing")), *rpr.findall(qn("w:kern"))]:
        rpr.remove(child)


def _header(section: Section) -> None:
    """The page number centred at the top; the first page (the cover) has none."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    ooxml.add_field(paragraph, "PAGE", "1")
