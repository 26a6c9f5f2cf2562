"""The back of the Word yearbook: honour roll, glossary, people index, colophon,
as in the PDF's yearbook/back.html (the charts chapter stays in the PDF: Word
cannot show its SVG figures).

The people index gives the chapters each person appears in, not page numbers:
pages are Word's to lay out, and they change with every edit of a draft.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER

from site_builder.formatting import format_term
from site_builder.model.records import GlossaryEntry
from site_builder.yearbook.index import IndexEntry
from site_builder.yearbook.word.chapters import add_award
from site_builder.yearbook.word.emit import Pen
from site_builder.yearbook.word.setup import TEXT_WIDTH


def add_honours(pen: Pen, ctx: Mapping[str, Any]) -> None:
    rows, ui, term = ctx["honours"], pen.ui, ctx["term"]
    if not rows:
        return
    pen.heading(ui("awards.honour-roll"), 1)
    for number, row in enumerate(rows, start=1):
        source = (
            ui("term.label", id=format_term(term.id)) if row.source == "term" else ui("year.label", year=row.source)
        )
        add_award(pen, row.award, "Normal", f"{number}. ", source)
    if any(r.award.status == "proposed" for r in rows):
        pen.para(ui("yearbook.proposed-note"), italic=True)


def add_glossary(pen: Pen, glossary: Sequence[GlossaryEntry]) -> None:
    if not glossary:
        return
    pen.heading(pen.ui("yearbook.glossary"), 1)
    for g in glossary:
        paragraph = pen.para()
        paragraph.add_run(g.abbr).bold = True
        paragraph.add_run(f": {g.expansion}")


def chapters_by_record(ctx: Mapping[str, Any], term_title: str) -> dict[str, str]:
    """Record path -> the title of the chapter that prints it."""
    found = {ctx["term"].path: term_title}
    for view in ctx["years"]:
        for cv in view.conferences:
            found[cv.conference.path] = view.year.title
    return found


def person_chapters(entry: IndexEntry, chapters: Mapping[str, str]) -> list[str]:
    """The chapters naming this person, in book order, each once."""
    order = list(dict.fromkeys(chapters.values()))
    named = {chapters[m.path] for m in entry.person.mentions if m.path in chapters}
    return [c for c in order if c in named]


def add_people(pen: Pen, people: Sequence[IndexEntry], ctx: Mapping[str, Any]) -> None:
    if not people:
        return
    pen.heading(pen.ui("yearbook.people"), 1)
    chapters = chapters_by_record(ctx, pen.ui("term.label", id=format_term(ctx["term"].id)))
    for entry in people:
        paragraph = pen.para()
        paragraph.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        paragraph.add_run(entry.person.name).bold = True
        if entry.person.roles:
            paragraph.add_run(f", {'; '.join(entry.person.roles)}")
        paragraph.add_run("\t" + (", ".join(person_chapters(entry, chapters)) or pen.ui("yearbook.no-pages")))


def add_colophon(pen: Pen, ctx: Mapping[str, Any]) -> None:
    ui, options, site = pen.ui, ctx["options"], ctx["site"]
    pen.para(ui("yearbook.colophon"), "TOC Heading")
    pen.para(options.title + (f" — {options.subtitle}" if options.subtitle else ""), bold=True)
    lines = [(ui("yearbook.published-by"), site.organization)]
    if ctx["built"]:
        lines.append((ui("yearbook.built-on"), pen.f["nd30"](ctx["built"].date())))
    lines.append((ui("yearbook.generator"), f"site-builder {ctx['version']}"))
    for label, value in lines:
        paragraph = pen.para()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    pen.para(ui("yearbook.docx-fonts"))
    pen.para(ui("yearbook.printing"))
