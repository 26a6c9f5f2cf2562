"""Heading levels of a body placed inside the book's outline.

A body is written for its own web page, where its `##` headings sit under the page's
`<h1>`. In the book the same body sits under a chapter (`h1`) or a conference (`h2`),
and a tagged PDF must not skip levels (H1 -> H3) nor put a body's headings beside
the heading they belong under. `nest_headings` renumbers a body's headings so that
its top level is one below its container and no level is skipped, keeping the
body's own nesting. Bodies are sanitised HTML from our markup stage: headings are
never nested, so a closing tag always belongs to the last opening one.
"""

from __future__ import annotations

import re

_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)
DEEPEST = 6


def nest_headings(html: str, parent_level: int) -> str:
    """`html` with every heading renumbered to sit below a heading of `parent_level`."""
    stack: list[tuple[int, int]] = []  # (level written, level given) of the open sections
    current = parent_level + 1

    def renumber(match: re.Match[str]) -> str:
        nonlocal current
        closing, level = match.group(1), int(match.group(2))
        if not closing:
            while stack and stack[-1][0] >= level:
                stack.pop()
            current = min((stack[-1][1] if stack else parent_level) + 1, DEEPEST)
            stack.append((level, current))
        return f"<{closing}h{current}"

    return _HEADING_TAG.sub(renumber, html)
