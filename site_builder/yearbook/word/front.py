"""The front of the Word yearbook: cover, title page, foreword, table of contents.

The same parts, order and words as the PDF's yearbook/cover.html and front.html.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from site_builder.yearbook.word import ooxml
from site_builder.yearbook.word.emit import Pen, add_body, stream
from site_builder.yearbook.word.images import Image, fit, load_image

TOC_FIELD = r'TOC \o "1-2" \h \z \u'  # headings 1-2 (chapters and their sections), as hyperlinks


def add_cover(pen: Pen, ctx: Mapping[str, Any]) -> None:
    site, options = ctx["site"], ctx["options"]
    pen.para(pen.ui("yearbook.party"), "Subtitle", bold=True)  # as Party documents head their covers
    pen.para(site.organization.upper(), "Subtitle", bold=True)  # in capitals, as print.css sets .cover-org
    _emblem(pen, options.emblem)
    spacer = pen.para()
    spacer.paragraph_format.space_before = Mm(40)
    pen.para(options.title, "Title")
    if options.subtitle:
        pen.para(options.subtitle, "Subtitle", italic=True)
    if options.slogan:
        pen.para(options.slogan, "Subtitle", bold=True)
    if ctx["draft"]:  # a draft round says so on its cover ("Dự thảo lần 2")
        pen.para(ctx["draft"].upper(), "Subtitle", bold=True)
    year = ctx["cover_year"]
    foot = pen.para(f"{site.province}, {year}" if site.province else str(year), "Subtitle")
    foot.paragraph_format.space_before = Mm(60)
    _title_page(pen, ctx)


def _emblem(pen: Pen, src: str | None) -> None:
    """The emblem when Word can show it (PNG, JPEG, GIF); an SVG emblem stays in the PDF only."""
    if not src:
        return
    found = load_image(pen.media_root, src)
    if isinstance(found, Image):
        width, height = fit(found, Mm(35), Mm(35))
        paragraph = pen.para()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run().add_picture(stream(found.data), width=width, height=height)


def _title_page(pen: Pen, ctx: Mapping[str, Any]) -> None:
    site, options, term, f = ctx["site"], ctx["options"], ctx["term"], pen.f
    first = pen.para(site.organization.upper(), "Subtitle", bold=True)  # .tp-org: bold capitals too
    first.paragraph_format.page_break_before = True
    title = pen.para(options.title, "Title")
    title.paragraph_format.space_before = Mm(50)
    if options.subtitle:
        pen.para(options.subtitle, "Subtitle", italic=True)
    if ctx["edition"].kind == "term":
        pen.para(pen.ui("term.dates", start=f["nd30"](term.start), end=f["nd30"](term.end)), "Subtitle")
        if term.congress:
            pen.para(term.congress, "Subtitle")


def add_foreword(pen: Pen, ctx: Mapping[str, Any]) -> None:
    page = ctx["foreword"]
    if page is None:
        return
    pen.heading(page.title + (f" ({pen.ui('sample.badge')})" if page.sample else ""), 1)
    add_body(pen, ctx["foreword_body"], page.body.loc)
    signature, signer = ctx["options"].signature, ctx["foreword_signer"]
    if signature is not None:  # "T/M BAN THƯỜNG VỤ" / "BÍ THƯ" / room to sign / the name
        for line in (signature.on_behalf, signature.title):
            if line:
                _signature(pen.para(line, bold=True))
        _signature(pen.para(signature.name, bold=True)).paragraph_format.space_before = Pt(36)
    elif signer is not None:
        if signer.person.role:
            _signature(pen.para(signer.person.role, bold=True))
        _signature(pen.para(signer.person.name, bold=True)).paragraph_format.space_before = Pt(36)


def _signature(paragraph: Paragraph) -> Paragraph:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return paragraph


def add_contents(pen: Pen) -> None:
    """A TOC field over Heading 1-2: Word fills it in (F9 / Update Field, or when the file
    opens, since the settings ask for it); until then it shows how to."""
    pen.para(pen.ui("yearbook.contents"), "TOC Heading")
    hint = pen.para()
    ooxml.add_field(hint, TOC_FIELD, pen.ui("yearbook.docx-toc-hint"), dirty=True)
