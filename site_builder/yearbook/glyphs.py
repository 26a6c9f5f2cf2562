"""Characters the theme's bundled fonts cannot print, found before the PDF is laid out.

The yearbook may use only the theme's fonts (yearbook/fonts.py fails the build
on any other). A character none of them has (an emoji, a CJK character, the
U+FFFD that `&#0;` turns into) makes WeasyPrint fall back to a system font,
so the build would fail after `check` passed. `unprintable` reads the fonts'
character maps and reports such characters in the Markdown bodies, at the line
where they are written; `check` and the PDF render both call it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

from fontTools.ttLib import TTFont, TTLibError

from site_builder.model.records import Markdown
from site_builder.problems import Loc, Problem
from site_builder.yearbook.fonts import FONT_SUFFIXES

_TAG = re.compile(r"<[^>]*>")


def covered_characters(static_dirs: Iterable[Path]) -> frozenset[int]:
    """Code points of every bundled font under <static>/fonts/ (their union)."""
    covered: set[int] = set()
    for folder in static_dirs:
        fonts = folder / "fonts"
        for path in sorted(fonts.iterdir()) if fonts.is_dir() else ():
            if path.suffix.lower() in FONT_SUFFIXES:
                try:
                    with TTFont(path, lazy=True) as font:
                        covered.update(font["cmap"].getBestCmap() or {})
                except (TTLibError, OSError, KeyError, ImportError):  # ImportError: WOFF2 without brotli
                    continue  # not a font we can read: the PDF render reports what it cannot use
    return frozenset(covered)


def unprintable(docs: Iterable[Markdown], bodies: Mapping[str, str], covered: frozenset[int]) -> list[Problem]:
    """One error per body and character that the bundled fonts lack."""
    if not covered:
        return []  # no bundled fonts to judge by (a theme that relies on its own setup)
    found = []
    for doc in docs:
        text = html.unescape(_TAG.sub(" ", bodies.get(doc.loc.path, "")))
        for char in sorted(set(text), key=text.index):
            if ord(char) not in covered and _printed(char):
                loc = _where(doc, char)
                found.append(
                    Problem("error", "text.unprintable", loc, (("char", char), ("code", f"U+{ord(char):04X}")))
                )
    return found


def _printed(char: str) -> bool:
    """Whitespace and invisible format characters (zero-width space, soft hyphen) need no glyph."""
    return not char.isspace() and unicodedata.category(char) != "Cf"


def _where(doc: Markdown, char: str) -> Loc:
    offset = doc.source.find(char)
    if offset < 0:  # written as an entity or escape: point at the body
        return doc.loc
    before = doc.source[:offset]
    return Loc(doc.loc.path, (doc.loc.line or 1) + before.count("\n"), offset - before.rfind("\n"))
