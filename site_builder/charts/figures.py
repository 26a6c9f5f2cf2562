"""The term's charts, drawn at build time from the model as static SVG.

`charts_for(model, term)` is shared by the yearbook and the HTML site, so the
same figures appear in both. Every chart carries a text alternative (`alt`)
that states the same numbers in words. A chart with no data is left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from site_builder.catalogue import ntext, text
from site_builder.charts.svg import Row, Segment, bar_chart, title_element
from site_builder.formatting import format_number, format_percent, format_points, format_term
from site_builder.model.records import SiteModel, Target, Term, Year


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    svg: str  # inline <svg> markup, safe to insert as is
    alt: str  # the same data in words

    @property
    def print_svg(self) -> str:
        """The SVG for the tagged PDF, whose <title> is the whole text alternative: WeasyPrint
        takes a figure's /Alt from an SVG's <title> only, and the alt must state the figures."""
        return self.svg.replace(title_element(self.id, self.title), title_element(self.id, self.alt), 1)


def _result(t: Target, lang: str) -> str:
    if t.is_rate:
        shown = format_percent(achieved(t), lang, None)
        return f"{shown} ({format_points(t.points, lang)})" if t.points is not None else shown
    return format_percent(t.ratio, lang) if t.ratio is not None else format_number(achieved(t), lang)


def achieved(t: Target) -> Decimal:
    """The result of a target charted() kept: only targets with a result are drawn."""
    if t.actual is None:
        raise ValueError(f"the target {t.id} has no result to draw")
    return t.actual


def charted(targets: tuple[Target, ...]) -> list[Target]:
    """The targets a chart draws: with a result (no bar for "chưa có số liệu") and not samples."""
    return [t for t in targets if t.actual is not None and not t.sample]


def _status_css(status: str) -> str:
    """The bar colour of a target's status: met (vuot, dat), missed, or unknown (not assessed,
    as a figure for part of the period is)."""
    return {"khong-dat": "missed", "unknown": "unknown", "partial": "unknown"}.get(status, "met")


def _legend(lang: str, used: set[str], *extra: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    """Met and missed always; "not assessed" only when a bar shows it."""
    entries = [("met", text("chart.met", lang)), ("missed", text("status.khong-dat", lang))]
    if "unknown" in used:
        entries.append(("unknown", text("status.unknown", lang)))
    return (*entries, *extra)


def _term_chart(term: Term, lang: str) -> Chart | None:
    items = charted(term.targets.items)
    if not items:
        return None
    rows = tuple(
        Row(
            t.name,
            (Segment(t.progress, _status_css(t.status)),),
            _result(t, lang)
            + (f" ({text('status.unknown', lang).lower()})" if t.status in ("unknown", "partial") else ""),
            t.target if t.is_rate else Decimal(100),
        )
        for t in items
    )
    title = text("chart.term", lang, term=format_term(term.id))
    alt = title + ": " + "; ".join(f"{r.label}: {r.text}" for r in rows) + "."
    legend = _legend(lang, {_status_css(t.status) for t in items}, ("marker", text("chart.marker", lang)))
    return Chart(f"chart-term-{term.id}", title, bar_chart(f"chart-term-{term.id}", title, rows, alt, legend), alt)


def _years_chart(term: Term, years: tuple[Year, ...], lang: str) -> Chart | None:
    rows = []
    for y in years:
        tally = y.targets.tally
        if tally.total:
            segs = (
                Segment(Decimal(tally.met), "met"),
                Segment(Decimal(tally.missed), "missed"),
                Segment(Decimal(tally.unknown), "unknown"),
            )
            shown = text("chart.tally", lang, met=tally.met, total=tally.total)
            if tally.unknown:
                shown += ", " + text("chart.unknown-count", lang, count=tally.unknown)
            if tally.no_data:
                shown += ", " + text("chart.no-data-count", lang, count=tally.no_data)
            if tally.partial:
                shown += ", " + text("chart.partial-count", lang, count=tally.partial)
            rows.append(Row(text("year.label", lang, year=y.year), segs, shown))
    if not rows:
        return None
    cid, title = f"chart-years-{term.id}", text("chart.years", lang)
    alt = title + ": " + "; ".join(f"{r.label}: {r.text}" for r in rows) + "."
    used = {s.css for r in rows for s in r.segments if s.value}
    legend = _legend(lang, used)
    return Chart(cid, title, bar_chart(cid, title, tuple(rows), alt, legend), alt)


def is_admission(target: Target) -> bool:
    """A full-period target for admitting new members ("kết nạp đảng viên")."""
    return "ket-nap" in target.id and target.period is None


def recurring_ids(years: tuple[Year, ...]) -> list[str]:
    """Target ids found in two or more years (admissions have their own chart), first seen order."""
    seen: dict[str, int] = {}
    for y in years:
        for t in charted(y.targets.items):
            if "ket-nap" not in t.id:
                seen[t.id] = seen.get(t.id, 0) + 1
    return [i for i, n in seen.items() if n >= 2]


def _admissions_chart(term: Term, years: tuple[Year, ...], lang: str) -> Chart | None:
    """New members per year, whatever id each year's admissions target has."""
    pairs = [(y, t) for y in years for t in charted(y.targets.items) if is_admission(t)]
    per_year = list({y.year: (y, t) for y, t in reversed(pairs)}.values())[::-1]  # the first per year
    if len(per_year) < 2:
        return None
    return _series_chart(f"chart-admissions-{term.id}", text("chart.admissions", lang), per_year, lang)


def _recurring_chart(target_id: str, years: tuple[Year, ...], lang: str) -> Chart:
    pairs = [(y, t) for y in years for t in charted(y.targets.items) if t.id == target_id]
    title = text("chart.recurring", lang, name=pairs[-1][1].name)
    return _series_chart(f"chart-target-{target_id}", title, pairs, lang)


def _series_chart(cid: str, title: str, pairs: list[tuple[Year, Target]], lang: str) -> Chart:
    """One bar per year with the figure achieved and a tick at the plan."""
    rows = []
    for y, t in pairs:
        shown = format_percent(achieved(t), lang, None) if t.is_rate else format_number(achieved(t), lang)
        if t.planned is not None:
            plan = format_percent(t.planned, lang, None) if t.is_rate else format_number(t.planned, lang)
            shown += " (" + text("chart.plan", lang, plan=plan) + ")"
        segment = Segment(achieved(t), "rate" if t.is_rate else "actual")
        rows.append(Row(text("year.label", lang, year=y.year), (segment,), shown, t.planned))
    alt = title + ": " + "; ".join(f"{r.label}: {r.text}" for r in rows) + "."
    return Chart(cid, title, bar_chart(cid, title, tuple(rows), alt), alt)


def _awards_text(collective: int, individual: int, lang: str) -> str:
    """ "20 tập thể, 3 cá nhân", leaving out a part that is zero ("20 tập thể")."""
    parts = [
        ntext(key, n, lang, num=format_number(n, lang))
        for key, n in (("chart.n-collective", collective), ("chart.n-individual", individual))
        if n
    ]
    return ", ".join(parts) or "0"


def _awards_chart(term: Term, years: tuple[Year, ...], lang: str) -> Chart | None:
    rows = []
    for y in years:
        tot = y.awards.totals
        if tot.granted:
            segs = (Segment(Decimal(tot.collective), "collective"), Segment(Decimal(tot.individual), "individual"))
            shown = _awards_text(tot.collective, tot.individual, lang)
            rows.append(Row(text("year.label", lang, year=y.year), segs, shown))
    if not rows:
        return None
    cid, title = f"chart-awards-{term.id}", text("chart.awards", lang)
    alt = title + ": " + "; ".join(f"{r.label}: {r.text}" for r in rows) + "."
    legend = tuple((kind, text(f"recipient.{kind}", lang).capitalize()) for kind in ("collective", "individual"))
    return Chart(cid, title, bar_chart(cid, title, tuple(rows), alt, legend), alt)


def charts_for(model: SiteModel, term: Term, lang: str | None = None) -> list[Chart]:
    """All charts of a term, in reading order; charts without data are left out."""
    lang = lang or model.site.language
    years = model.term_years(term)
    charts = [_term_chart(term, lang), _years_chart(term, years, lang)]
    charts.append(_admissions_chart(term, years, lang))
    charts += [_recurring_chart(i, years, lang) for i in recurring_ids(years)]
    charts.append(_awards_chart(term, years, lang))
    return [c for c in charts if c is not None]
