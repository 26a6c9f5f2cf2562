"""Glossary abbreviations in the plain text fields a page prints (roles, reasons, captions).

Bodies get <abbr> from Python-Markdown's abbr extension; a guest's role or an award's
reason is plain text printed by a template, so the theme's `abbr` filter marks it up
the same way, by the same rule (model/abbreviations.py: longest first, whole words).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from markupsafe import Markup, escape

from site_builder.model.abbreviations import abbr_pattern
from site_builder.model.records import GlossaryEntry


@functools.lru_cache(maxsize=16)
def _compiled(pairs: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    expansions = dict(pairs)
    return abbr_pattern(expansions), expansions


def mark_abbreviations(text: object, entries: Iterable[GlossaryEntry]) -> Markup:
    """`text` escaped, each glossary abbreviation in it wrapped in <abbr title="expansion">."""
    pattern, expansions = _compiled(tuple((e.abbr, e.expansion) for e in entries))
    plain = str(text)
    if pattern is None:
        return escape(plain)
    parts, last = [], 0
    for match in pattern.finditer(plain):
        parts.append(escape(plain[last : match.start()]))
        found = match.group(0)
        parts.append(Markup('<abbr title="{}">{}</abbr>').format(expansions[found], found))
        last = match.end()
    parts.append(escape(plain[last:]))
    return Markup("").join(parts)
