"""The term's charts, drawn at build time from the model as static SVG.

`charts_for(model, term)` is shared by the yearbook and the HTML site, so the
same figures appear in both. Every chart carries a text alternative (`alt`)
that states the same numbers in words. A chart with no data is left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from site_builder.charts.svg import Row, Segment, bar_chart
from site_builder.model.records import SiteModel, Target, Term, Year
from site_builder.render.filters import format_number, format_percent, format_points

_WORDS = {
    "vi": {
        "term": "Mức hoàn thành chỉ tiêu Nghị quyết nhiệm kỳ {term}",
        "years": "Kết quả thực hiện chỉ tiêu theo năm",
        "recurring": "{name} qua các năm",
        "awards": "Khen thưởng theo năm",
        "marker": "Vạch đen: mức kế hoạch",
        "met": "Đạt và vượt",
        "missed": "Không đạt",
        "unknown": "Chưa đánh giá",
        "collective": "Tập thể",
        "individual": "Cá nhân",
        "tally": "{met}/{total} chỉ tiêu",
        "year": "Năm {year}",
        "plan": "kế hoạch {plan}",
        "awards_row": "{c} tập thể, {i} cá nhân",
    },
    "en": {
        "term": "Completion of the {term} term's resolution targets",
        "years": "Targets met per year",
        "recurring": "{name} over the years",
        "awards": "Awards per year",
        "marker": "Black tick: the plan",
        "met": "Met or exceeded",
        "missed": "Missed",
        "unknown": "Not assessed",
        "collective": "Collective",
        "individual": "Individual",
        "tally": "{met}/{total} targets",
        "year": "{year}",
        "plan": "plan {plan}",
        "awards_row": "{c} collective, {i} individual",
    },
}


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    svg: str  # inline <svg> markup, safe to insert as is
    alt: str  # the same data in words


def _result(t: Target, lang: str) -> str:
    if t.is_rate:
        shown = format_percent(t.actual, lang, None)
        return f"{shown} ({format_points(t.points, lang)})" if t.points is not None else shown
    return format_percent(t.ratio, lang) if t.ratio is not None else format_number(t.actual, lang)


def _term_chart(term: Term, lang: str) -> Chart | None:
    w = _WORDS[lang]
    items = term.targets.items
    if not items:
        return None
    rows = tuple(
        Row(
            t.name,
            (Segment(t.progress, "missed" if t.status == "khong-dat" else "met"),),
            _result(t, lang),
            t.target if t.is_rate else Decimal(100),
        )
        for t in items
    )
    title = w["term"].format(term=term.id)
    alt = title + ": " + "; ".join(f"{r.label}: {r.text}" for r in rows) + "."
    legend = (("met", w["met"]), ("missed", w["missed"]), ("marker", w["marker"]))
    return Chart(f"chart-term-{term.id}", title, bar_chart(f"chart-term-{term.id}", title, rows, alt, legend), alt)


def _years_chart(term: Term, years: tuple[Year, ...], lang: str) -> Chart | None:
    w = _WORDS[lang]
    rows = []
    for y in years:
        tally = y.targets.tally
        if tally.total:
            segs = (Segment(Decimal(tally.met), "met"), Segment(Decimal(tally.missed + tally.unknown), "missed"))
            rows.append(Row(w["year"].format(year=y.year), segs, w["tally"].format(met=tally.met, total=tally.total)))
    if not rows:
        return None
    cid, title = f"chart-years-{term.id}", w["years"]
    alt = title + ": " + "; ".join(f"{r.label}: {r.text}" for r in rows) + "."
    legend = (("met", w["met"]), ("missed", w["missed"]))
    return Chart(cid, title, bar_chart(cid, title, tuple(rows), alt, legend), alt)


def recurring_ids(years: tuple[Year, ...]) -> list[str]:
    """Target ids found in two or more years, plus admission ("ket-nap") ids, first seen order."""
    seen: dict[str, int] = {}
    for y in years:
        for t in y.targets.items:
            seen[t.id] = seen.get(t.id, 0) + 1
    wanted = [i for i, n in seen.items() if n >= 2 or "ket-nap" in i]
    return sorted(wanted, key=lambda i: ("ket-nap" not in i, list(seen).index(i)))


def _recurring_chart(target_id: str, years: tuple[Year, ...], lang: str) -> Chart:
    w = _WORDS[lang]
    pairs = [(y, t) for y in years for t in y.targets.items if t.id == target_id]
    name = pairs[-1][1].name
    rows = []
    for y, t in pairs:
        text = format_percent(t.actual, lang, None) if t.is_rate else format_number(t.actual, lang)
        if t.planned is not None:
            plan = format_percent(t.planned, lang, None) if t.is_rate else format_number(t.planned, lang)
            text += " (" + w["plan"].format(plan=plan) + ")"
        rows.append(
            Row(w["year"].format(year=y.year), (Segment(t.actual, "rate" if t.is_rate else "actual"),), text, t.planned)
        )
    cid, title = f"chart-target-{target_id}", w["recurring"].format(name=name)
    alt = title + ": " + "; ".join(f"{r.label}: {r.text}" for r in rows) + "."
    return Chart(cid, title, bar_chart(cid, title, tuple(rows), alt), alt)


def _awards_chart(term: Term, years: tuple[Year, ...], lang: str) -> Chart | None:
    w = _WORDS[lang]
    rows = []
    for y in years:
        tot = y.awards.totals
        if tot.granted:
            segs = (Segment(Decimal(tot.collective), "collective"), Segment(Decimal(tot.individual), "individual"))
            text = w["awards_row"].format(c=format_number(tot.collective, lang), i=format_number(tot.individual, lang))
            rows.append(Row(w["year"].format(year=y.year), segs, text))
    if not rows:
        return None
    cid, title = f"chart-awards-{term.id}", w["awards"]
    alt = title + ": " + "; ".join(f"{r.label}: {r.text}" for r in rows) + "."
    legend = (("collective", w["collective"]), ("individual", w["individual"]))
    return Chart(cid, title, bar_chart(cid, title, tuple(rows), alt, legend), alt)


def charts_for(model: SiteModel, term: Term, lang: str | None = None) -> list[Chart]:
    """All charts of a term, in reading order; charts without data are left out."""
    lang = lang or model.site.language
    years = model.term_years(term)
    charts = [_term_chart(term, lang), _years_chart(term, years, lang)]
    charts += [_recurring_chart(i, years, lang) for i in recurring_ids(years)]
    charts.append(_awards_chart(term, years, lang))
    return [c for c in charts if c is not None]
