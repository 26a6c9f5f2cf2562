"""The term and year chapters: narrative, conferences with guests and photos,
target tables and award lists, as in the PDF's yearbook/term.html, year.html and
macros.html. Every figure is the model's own (ratio, points, status, tally),
formatted by the same filters the templates use.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from site_builder.formatting import format_term
from site_builder.model.records import Award, Tally, Target, TargetSet, Term
from site_builder.yearbook.views import PhotoView, YearView
from site_builder.yearbook.word import ooxml
from site_builder.yearbook.word.emit import Pen, add_body
from site_builder.yearbook.word.setup import TABLE_TEXT

_TARGET_COLUMNS = ("no", "name", "unit", "plan", "actual", "ratio", "status")  # targets.col.<name>
_NUMERIC = {3, 4, 5}  # plan, actual, ratio: right-aligned
# 165 mm, the text width. "STT" in 11 pt bold is 7,3 mm wide and a cell keeps 1,9 mm on either
# side: 11 mm broke it as "ST / T" (staff review #22).
_WIDTHS_MM = (14, 47, 18, 20, 20, 27, 19)


def add_term(pen: Pen, ctx: Mapping[str, Any]) -> None:
    term: Term = ctx["term"]
    ui, f = pen.ui, pen.f
    pen.heading(ui("term.label", id=format_term(term.id)), 1)
    pen.para(term.title + sample_mark(term, ui), "Subtitle", italic=True)
    _fact(pen, ui("term.period"), ui("term.dates", start=f["nd30"](term.start), end=f["nd30"](term.end)))
    if term.congress:
        _fact(pen, ui("term.congress"), term.congress)
    if ctx["secretary"] is not None:
        person = ctx["secretary"].person
        _fact(pen, ui("term.secretary"), person.name + (f", {person.role}" if person.role else ""))
    add_body(pen, ctx["term_body"], term.body.loc)
    if term.stats:
        pen.heading(ui("term.headline"), 3)  # not in the contents, as in the PDF
        for s in term.stats:
            value = f["number"](s.value) + (f" {s.unit}" if s.unit else "")
            paragraph = pen.para(style="List Bullet")
            paragraph.add_run(value).bold = True
            paragraph.add_run().add_break()  # the label on its own line under the figure, as in the PDF
            paragraph.add_run(s.label)
    if term.targets.items:
        pen.heading(ui("yearbook.term-targets"), 2)
        add_targets(pen, term.targets)
    if term.awards.items:
        pen.heading(ui("awards.title"), 2)
        add_awards(pen, term.awards.items)


def _fact(pen: Pen, label: str, value: str) -> None:
    paragraph = pen.para()
    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(value)


def add_year(pen: Pen, view: YearView) -> None:
    ui = pen.ui
    pen.heading(view.year.title + sample_mark(view.year, ui), 1)
    if view.body is not None and view.year.body is not None:
        add_body(pen, view.body, view.year.body.loc)
    for cv in view.conferences:
        c = cv.conference
        pen.heading(c.title + sample_mark(c, ui), 2)
        meta = f"{ui('kind.' + c.kind)} · {pen.f['weekday'](c.date)}, {pen.f['nd30'](c.date)}"
        pen.para(meta + (f" · {ui('conference.host')}: {c.host}" if c.host else ""), italic=True)
        if cv.guests:
            names = "; ".join(g.person.name + (f" ({g.person.role})" if g.person.role else "") for g in cv.guests)
            _fact(pen, ui("conference.attendees"), names + ".")
        # The photos stand where the PDF and the web page have them: the first under the
        # attendees, before the report; the rest after the author line.
        for p in cv.photos[:1]:
            _photo(pen, p)
        add_body(pen, cv.body, c.body.loc)
        if c.author:
            pen.para(c.author, italic=True).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for p in cv.photos[1:]:
            _photo(pen, p)
    if view.year.targets.items:
        pen.heading(ui("yearbook.targets"), 2)
        add_targets(pen, view.year.targets)
    if view.year.awards.items:
        pen.heading(ui("awards.title"), 2)
        add_awards(pen, view.year.awards.items)


def _photo(pen: Pen, p: PhotoView) -> None:
    credit = f" {pen.ui('photo.credit', credit=p.photo.credit)}" if p.photo.credit else ""
    pen.picture(p.url, p.photo.caption + credit, p.photo.loc)


def target_row(t: Target, number: int, ui: Callable[..., str], f: Mapping[str, Callable[..., str]]) -> tuple[str, ...]:
    """One row as the PDF's targets_table macro prints it."""
    figure = f["rate"] if t.is_rate else f["number"]
    plan = ""
    if t.planned is not None:
        plan = ("≤ " if t.direction == "at_most" else "") + figure(t.planned) + ("*" if t.planned_is_implied else "")
    ratio = f["points"](t.points) if t.points is not None else f["percent"](t.ratio) if t.ratio is not None else ""
    name = t.name + (f" ({t.period})" if t.period else "") + sample_mark(t, ui)
    actual = figure(t.actual) if t.actual is not None else "—"  # no data yet: the status says so
    return (str(number), name, t.unit or "", plan, actual, ratio, ui("status." + t.status, period=t.period or ""))


def add_targets(pen: Pen, targets: TargetSet) -> None:
    ui = pen.ui
    rows = [tuple(ui("targets.col." + c) for c in _TARGET_COLUMNS)]
    rows += [target_row(t, i, ui, pen.f) for i, t in enumerate(targets.items, start=1)]
    table = pen.table(len(rows), len(_TARGET_COLUMNS))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, _WIDTHS_MM, strict=True):
        column.width = Mm(width)  # the grid LibreOffice reads
        for cell in column.cells:
            cell.width = Mm(width)  # the cell widths Word reads
    for r, (values, row) in enumerate(zip(rows, table.rows, strict=True)):
        for c, (value, cell) in enumerate(zip(values, row.cells, strict=True)):
            paragraph = cell.paragraphs[0]
            pen.set_style(paragraph, TABLE_TEXT)
            run = paragraph.add_run(value)
            if r == 0:
                run.bold = True
            if r and c in _NUMERIC:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    ooxml.repeat_header_row(table.rows[0])
    tally = tally_text(targets.tally, ui)
    if any(t.planned_is_implied for t in targets.items):
        tally += f" (*) {ui('targets.implied')}"
    pen.para(tally, italic=True)


def award_line(a: Award, ui: Callable[..., str], f: Mapping[str, Callable[..., str]]) -> str:
    line = f"{a.title} {ui('awards.by')} {a.issuer}: {f['number'](a.count)} {ui('recipient.' + a.recipient_kind)}"
    return line + (f" ({ui('awards.proposed')})" if a.status == "proposed" else "") + sample_mark(a, ui)


def sample_mark(record: object, ui: Callable[..., str]) -> str:
    """ " (MẪU)" after a record written with `sample: true`, as partials/sample.html marks it."""
    return f" ({ui('sample.badge')})" if getattr(record, "sample", False) else ""


def tally_text(tally: Tally, ui: Callable[..., str]) -> str:
    """The tally line of partials/tally_text.html: with full-period data only, saying how many
    have none and how many only a partial figure."""
    parts = []
    if tally.total and (tally.no_data or tally.partial):
        parts.append(ui("targets.tally-with-data", met=tally.met, total=tally.total))
    elif tally.total:
        parts.append(ui("targets.tally", met=tally.met, total=tally.total))
    if tally.no_data:
        parts.append(ui("targets.tally-none", no_data=tally.no_data))
    if tally.partial:
        parts.append(ui("targets.tally-partial", partial=tally.partial))
    return "; ".join(parts)


def award_details(a: Award, f: Mapping[str, Callable[..., str]]) -> str:
    decision = ", ".join(x for x in (a.decision, f["nd30"](a.date) if a.date else None) if x)
    return " · ".join(x for x in (a.reason, decision, "; ".join(a.recipients)) if x)


def add_award(pen: Pen, a: Award, style: str = "List Bullet", prefix: str = "", source: str = "") -> None:
    paragraph = pen.para(style=style)
    paragraph.paragraph_format.keep_with_next = True
    paragraph.add_run(prefix + award_line(a, pen.ui, pen.f)).bold = True
    details = " · ".join(x for x in (source, award_details(a, pen.f)) if x)
    if details:
        more = pen.para(details, "List Paragraph")
        more.paragraph_format.space_after = Pt(6)


def add_awards(pen: Pen, items: Sequence[Award]) -> None:
    for a in items:
        add_award(pen, a)
    if any(a.status == "proposed" for a in items):
        pen.para(pen.ui("yearbook.proposed-note"), italic=True)
