"""Plain text from Markdown source, for default summaries (no rendering needed)."""

from __future__ import annotations

import re

_BLOCK_START = re.compile(r"^\s*(#|[-*+]\s|\d+[.)]\s|\||>|```|<|!\[)")
_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"<[^>]+>"), ""),  # inline HTML tags
    (re.compile(r"(\*\*|__|\*|_|`)"), ""),  # emphasis and code marks
)


def first_paragraph(markdown: str, limit: int = 400) -> str:
    """The first prose paragraph as one line of plain text, cut at a word."""
    paragraph: list[str] = []
    for line in markdown.split("\n"):
        if not line.strip():
            if paragraph:
                break
            continue
        if not paragraph and _BLOCK_START.match(line):
            continue
        paragraph.append(line.strip())
    text = " ".join(paragraph)
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " …"
    return text
