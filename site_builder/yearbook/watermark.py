"""The "DỰ THẢO" watermark of a draft round, drawn behind every page of the PDF.

The word is drawn as glyph outlines (fontTools, from the theme's bundled Liberation
Sans Bold) in an SVG that print CSS sets as every page's background: outlines are
not text, so copying or searching the book's text never picks the watermark up, and
WeasyPrint draws page backgrounds as artifacts, so a tagged PDF's reader skips it.
The SVG is served to WeasyPrint from memory under WATERMARK_URL by the confining
fetcher (fetcher.py); nothing is written to disk.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont

WATERMARK_URL = "file:///site-builder-generated/watermark.svg"
FONT_FILE = "fonts/LiberationSans-Bold.ttf"
PAGE_MM = (210, 297)  # A4, the only paper the yearbook prints on
COLOUR, OPACITY = "#808080", "0.22"  # grey: seen on the white pages and on the red cover
SHARE_OF_DIAGONAL = 0.72  # how much of the page's diagonal the word spans


def watermark_font(static_dirs: Iterable[Path]) -> Path | None:
    """The bold sans face of the first static folder that has it."""
    return next((d / FONT_FILE for d in static_dirs if (d / FONT_FILE).is_file()), None)


def _outline(word: str, font_file: Path) -> tuple[str, float, float]:
    """SVG path data of `word` (baseline at y=0, y downwards), its advance and cap height."""
    font = TTFont(str(font_file))
    cmap, glyphs, metrics = font.getBestCmap(), font.getGlyphSet(), font["hmtx"]
    pen = SVGPathPen(glyphs)
    x = 0.0
    for char in word:
        name = cmap.get(ord(char), ".notdef")
        glyphs[name].draw(TransformPen(pen, (1, 0, 0, -1, x, 0)))  # font units have y upwards
        x += metrics[name][0]
    cap = getattr(font["OS/2"], "sCapHeight", 0) or font["head"].unitsPerEm * 0.7
    return pen.getCommands(), x, float(cap)


def watermark_svg(word: str, font_file: Path) -> bytes:
    """An A4-sized SVG with `word` across the page's diagonal, light and centred."""
    path, advance, cap = _outline(word, font_file)
    width, height = PAGE_MM
    angle = -math.degrees(math.atan2(height, width))
    scale = SHARE_OF_DIAGONAL * math.hypot(width, height) / max(advance, 1.0)
    transform = (
        f"translate({width / 2} {height / 2}) rotate({angle:.3f}) scale({scale:.6f}) "
        f"translate({-advance / 2:.1f} {cap / 2:.1f})"
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}mm" height="{height}mm" '
        f'viewBox="0 0 {width} {height}"><path transform="{transform}" fill="{COLOUR}" '
        f'fill-opacity="{OPACITY}" d="{path}"/></svg>'
    )
    return svg.encode("utf-8")


def watermark_css() -> str:
    """Every page's background, the cover's colour kept (print.css sets it with `background`)."""
    image = f'background-image: url("{WATERMARK_URL}"); background-repeat: no-repeat;'
    place = f"background-position: center; background-size: {PAGE_MM[0]}mm {PAGE_MM[1]}mm;"
    return f"@page {{ {image} {place} }} @page cover {{ {image} {place} }}"
