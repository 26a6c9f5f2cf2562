"""The in-page contents list of long pages: the second-level headings of a rendered body.

Bodies come from our own Markdown stage (sanitised, every heading given an ASCII id by
the toc extension), so a pattern over that HTML is enough; no parser is needed.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_H2 = re.compile(r'<h2 id="([^"<>]+)"[^>]*>(.*?)</h2>', re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Heading:
    id: str
    text: str


def body_headings(body_html: str) -> tuple[Heading, ...]:
    """The `<h2 id>` headings of a body, in order, as plain text ("Bảy nhiệm vụ trọng tâm")."""
    found = []
    for anchor, inner in _H2.findall(body_html):
        text = " ".join(html.unescape(_TAG.sub("", inner)).split())
        if text:
            found.append(Heading(html.unescape(anchor), text))
    return tuple(found)
