"""When a glossary abbreviation counts as used: the one rule the Markdown rendering, the theme's
`abbr` filter, the unused-glossary warning and the yearbook's glossary all follow.

Part of the model (not of markup) so that the model's checks can apply it without importing
the rendering stage above them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def abbr_pattern(abbrs: Iterable[str]) -> re.Pattern[str] | None:
    """The rule Python-Markdown's abbr extension marks abbreviations by (markdown/extensions/abbr.py):
    one alternation, longest first, between `\\b` word boundaries. None for no abbreviations.
    Anything deciding whether an abbreviation "is used" should match with this."""
    ordered = sorted(set(abbrs), key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(f"\\b(?:{'|'.join(re.escape(abbr) for abbr in ordered)})\\b")


def used_abbreviations(text: str, abbrs: Iterable[str]) -> set[str]:
    """The abbreviations the rendering would mark up in `text` (where two overlap, the longer)."""
    pattern = abbr_pattern(abbrs)
    return {match.group(0) for match in pattern.finditer(text)} if pattern else set()
