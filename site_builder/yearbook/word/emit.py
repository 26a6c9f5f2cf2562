"""Write blocks (prose.py) and pictures into the document.

`Pen` bundles what every section writer needs: the document, the theme texts
and formatting filters of the site's language (the PDF templates' own), the media
folder and the problem collector. Styles are set by id from a table made once:
python-docx looks a style name up by scanning every style of the template, which
made a 200-conference book take seconds. Body headings become Heading 3-4, below the
chapter (1) and section (2) levels the table of contents lists.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from site_builder.problems import Loc, Problems
from site_builder.yearbook.word import ooxml
from site_builder.yearbook.word.images import Image, fit, load_image, media_file
from site_builder.yearbook.word.prose import Block, Para, Picture, Run, Table, parse_body
from site_builder.yearbook.word.setup import TABLE_TEXT, TEXT_HEIGHT, TEXT_WIDTH

_MAX_PICTURE_HEIGHT = int(TEXT_HEIGHT * 0.6)
_STYLES = {"body": "Body Text", "quote": "Quote", "pre": "Normal", "term": "Normal", "caption": "Caption"}


@dataclass(frozen=True)
class Pen:
    document: DocxDocument
    ui: Callable[..., str]  # the theme's texts, as the templates' _() (book.theme_words)
    f: Mapping[str, Callable[..., str]]  # the templates' filters: number, percent, rate, points, nd30 ...
    media_root: Path
    problems: Problems
    styles: Mapping[str, str]  # style name -> style id, see style_ids()

    def paragraph(self, style: str = "Normal", container: _Cell | None = None) -> Paragraph:
        """A new paragraph at the end of `container` (the document, or a table cell)."""
        paragraph = (container or self.document).add_paragraph()
        self.set_style(paragraph, style)
        return paragraph

    def set_style(self, paragraph: Paragraph, style: str) -> None:
        paragraph._p.style = self.styles[style]

    def table(self, rows: int, columns: int) -> DocxTable:
        table: DocxTable = self.document.add_table(rows=rows, cols=columns)
        table._tbl.tblStyle_val = self.styles["Table Grid"]
        return table

    def para(self, text: str = "", style: str = "Normal", *, bold: bool = False, italic: bool = False) -> Paragraph:
        paragraph = self.paragraph(style)
        if text:
            run = paragraph.add_run(text)
            run.bold, run.italic = bold or None, italic or None
        return paragraph

    def heading(self, text: str, level: int) -> Paragraph:
        return self.para(text, f"Heading {level}")

    def picture(self, src: str, caption: str | None, loc: Loc) -> bool:
        """A photo in its own centred paragraph, its caption below; a problem when refused."""
        found = load_image(self.media_root, src)
        if not isinstance(found, Image):
            self.problems.error(found.code, loc, src=_shown(src, self.media_root))
            return False
        width, height = fit(found, TEXT_WIDTH, _MAX_PICTURE_HEIGHT)
        paragraph = self.para()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = bool(caption)
        paragraph.add_run().add_picture(stream(found.data), width=width, height=height)
        if caption:
            self.para(caption, "Caption")
        return True


def style_ids(document: DocxDocument) -> dict[str, str]:
    return {style.name: style.style_id for style in document.styles}


def add_body(pen: Pen, html: str, loc: Loc) -> None:
    """A record's rendered body (sanitised HTML, localised for the book)."""
    for block in parse_body(str(html)):
        add_block(pen, block, loc)


def add_block(pen: Pen, block: Block, loc: Loc) -> None:
    if isinstance(block, Picture):
        pen.picture(block.src, block.alt or None, loc)
    elif isinstance(block, Table):
        add_table(pen, block)
    else:
        add_para(pen, block)


def add_para(pen: Pen, block: Para) -> None:
    if block.kind == "heading":
        paragraph = pen.paragraph("Heading 3" if block.level <= 2 else "Heading 4")
    elif block.kind in ("bullet", "number", "item"):
        paragraph = _list_item(pen, block)
    else:
        paragraph = pen.paragraph(_STYLES.get(block.kind, "Body Text"))
        if block.kind == "definition":
            paragraph.paragraph_format.left_indent = Cm(1.27)
    add_runs(paragraph, block.runs, code=block.kind == "pre")
    if block.kind == "term":
        for run in paragraph.runs:
            run.bold = True


def _list_item(pen: Pen, block: Para) -> Paragraph:
    depth = min(block.level, 3)
    if block.kind == "bullet":
        return pen.paragraph("List Bullet" if depth == 1 else f"List Bullet {depth}")
    # Numbers are written as text: Word's list numbering would continue from one list to the next.
    paragraph = pen.paragraph("List Paragraph")
    fmt = paragraph.paragraph_format
    fmt.left_indent = Cm(1.27 * depth)
    if block.kind == "number":
        fmt.first_line_indent = Cm(-0.63)
        paragraph.add_run(f"{block.label} ")
    return paragraph


_MARKS = {"bold": "bold", "italic": "italic", "underline": "underline"}
_FONT_MARKS = {"strike": "strike", "sup": "superscript", "sub": "subscript"}


def add_runs(paragraph: Paragraph, runs: Iterable[Run], code: bool = False) -> None:
    for item in runs:
        run = paragraph.add_run(item.text)
        for mark in item.marks:  # only what is set: every property touched adds XML
            if mark in _MARKS:
                setattr(run, _MARKS[mark], True)
            elif mark in _FONT_MARKS:
                setattr(run.font, _FONT_MARKS[mark], True)
        if code or "code" in item.marks:
            run.font.name = "Courier New"
            run.font.size = Pt(11)


def add_table(pen: Pen, block: Table) -> None:
    columns = max(sum(c.span for c in row) for row in block.rows)
    table = pen.table(len(block.rows), columns)
    for row, word_row in zip(block.rows, table.rows, strict=True):
        cells = word_row.cells  # computed once: table.cell() walks the whole table
        at = 0
        for cell in row:
            if at >= columns:
                break
            target = cells[at]
            if cell.span > 1:
                target = target.merge(cells[min(columns, at + cell.span) - 1])
            paragraph = target.paragraphs[0]
            pen.set_style(paragraph, TABLE_TEXT)
            add_runs(paragraph, cell.runs)
            if cell.header:
                for run in paragraph.runs:
                    run.bold = True
            at += cell.span
    if all(c.header for c in block.rows[0]):
        ooxml.repeat_header_row(table.rows[0])
    pen.para()  # Word joins two tables that touch: keep a paragraph after each


def stream(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)


def _shown(src: str, media_root: Path) -> str:
    """The picture's path as staff wrote it (under content/media/), not a file: URL."""
    if not src.startswith("file:"):
        return src
    path = media_file(media_root, src)
    return path.relative_to(media_root.resolve()).as_posix() if path else src
