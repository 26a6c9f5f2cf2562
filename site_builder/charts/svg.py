"""Static SVG drawing: one horizontal (stacked) bar chart, no JavaScript.

The same markup prints in the PDF (WeasyPrint draws inline SVG) and shows on
the HTML site. Text is escaped here; numbers arrive already formatted.
Deterministic: the same rows always give the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

WIDTH = 640
LABEL_WIDTH = 230
VALUE_WIDTH = 170  # room for "91,4% (kế hoạch 85%)"
BAR_HEIGHT = 16
LINE_HEIGHT = 13
PAD = 8
FONT = "Liberation Sans, sans-serif"
WRAP_CHARS = 42
LEGEND_LINE = 18
_ATTRIBUTE_WHITESPACE = (("\n", "&#10;"), ("\r", "&#13;"), ("\t", "&#9;"))


def escape(data: str) -> str:
    """`&`, `<` and `>` as entities: what xml.sax.saxutils.escape does, written here because that
    module imports urllib.request (with http.client and ssl), a tenth of a build's start-up."""
    return data.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(data: str) -> str:
    """An attribute value escaped and quoted, as xml.sax.saxutils.quoteattr writes it."""
    data = escape(data)
    for char, entity in _ATTRIBUTE_WHITESPACE:
        data = data.replace(char, entity)
    if '"' not in data:
        return f'"{data}"'
    if "'" not in data:
        return f"'{data}'"
    return '"' + data.replace('"', "&quot;") + '"'


@dataclass(frozen=True)
class Segment:
    value: Decimal
    css: str  # class name, also selects the colour: "met", "missed", "collective" ...


@dataclass(frozen=True)
class Row:
    label: str
    segments: tuple[Segment, ...]
    text: str  # the value shown at the end of the bar, already formatted
    marker: Decimal | None = None  # a reference tick (e.g. the planned figure)


COLOURS = {
    "met": "#1f4e79",
    "missed": "#c55a11",
    "unknown": "#a6a6a6",
    "collective": "#1f4e79",
    "individual": "#8fb4d9",
    "proposed": "#d9d9d9",
    "actual": "#1f4e79",
    "rate": "#548235",
}


def wrap(label: str, width: int = WRAP_CHARS, max_lines: int = 3) -> list[str]:
    """Greedy word wrap; an over-long last line is cut with an ellipsis."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines or [""]


def _text(x: float, y: float, body: str, anchor: str = "start", css: str = "") -> str:
    klass = f' class="{css}"' if css else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{klass}>{escape(body)}</text>'


def _bar(x: float, y: float, w: float, css: str) -> str:
    colour = COLOURS.get(css, "#404040")
    return (
        f'<rect class="{css}" x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{BAR_HEIGHT}" fill="{colour}"/>'
    )


def _row(row: Row, y: float, scale: float) -> tuple[list[str], float]:
    lines = wrap(row.label)
    height = max(BAR_HEIGHT, LINE_HEIGHT * len(lines)) + PAD
    parts = [_text(LABEL_WIDTH - 6, y + 11 + i * LINE_HEIGHT, line, "end") for i, line in enumerate(lines)]
    x = float(LABEL_WIDTH)
    for seg in row.segments:
        w = float(seg.value) * scale
        parts.append(_bar(x, y, w, seg.css))
        x += w
    mx = LABEL_WIDTH + float(row.marker) * scale if row.marker is not None else x
    parts.append(_text(max(x, mx + 2) + 4, y + 12, row.text, css="value"))  # clear of the plan tick
    if row.marker is not None:
        parts.append(
            f'<line x1="{mx:.1f}" y1="{y - 2:.1f}" x2="{mx:.1f}" '
            f'y2="{y + BAR_HEIGHT + 2:.1f}" stroke="#000" stroke-width="1.5"/>'
        )
    return parts, height


def _legend(items: tuple[tuple[str, str], ...], y: float) -> tuple[list[str], float]:
    """The legend's parts and the y below it: items flow from the bars' left edge and wrap onto
    another line rather than run past the chart's right edge."""
    parts, x = [], float(LABEL_WIDTH)
    for css, label in items:
        width = 24 + 6.2 * len(label)
        if x > LABEL_WIDTH and x + width - 10 > WIDTH:
            x, y = float(LABEL_WIDTH), y + LEGEND_LINE
        if css == "marker":
            parts.append(
                f'<line x1="{x + 5:.1f}" y1="{y - 1:.1f}" x2="{x + 5:.1f}" y2="{y + 11:.1f}" '
                'stroke="#000" stroke-width="1.5"/>'
            )
        else:
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="10" height="10" fill="{COLOURS.get(css, "#404040")}"/>')
        parts.append(_text(x + 14, y + 9, label))
        x += width
    return parts, y + LEGEND_LINE


def title_element(chart_id: str, text: str) -> str:
    """The chart's <title>: its name on the web, its whole text alternative in the PDF."""
    return f'<title id="{chart_id}-title">{escape(text)}</title>'


def bar_chart(
    chart_id: str, title: str, rows: tuple[Row, ...], alt: str, legend: tuple[tuple[str, str], ...] = ()
) -> str:
    """A horizontal bar chart as an accessible inline SVG element."""
    biggest = max((sum(float(s.value) for s in r.segments) for r in rows), default=0.0)
    biggest = max([biggest] + [float(r.marker) for r in rows if r.marker is not None])
    scale = (WIDTH - LABEL_WIDTH - VALUE_WIDTH) / biggest if biggest > 0 else 0.0
    body, y = _legend(legend, 4.0) if legend else ([], 4.0)
    for row in rows:
        parts, height = _row(row, y, scale)
        body += parts
        y += height
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{chart_id}-svg" '
        f'viewBox="0 0 {WIDTH} {y:.0f}" role="img" aria-labelledby="{chart_id}-title" '
        f'aria-label={quoteattr(alt)} font-family="{FONT}" font-size="11">'
        f"{title_element(chart_id, title)}"
        f"<desc>{escape(alt)}</desc>" + "".join(body) + "</svg>"
    )
