"""Text no inline pattern can match is not offered to Python-Markdown's inline patterns.

The `inline` tree processor tries each of its 15 patterns on every element's text in turn
(a regular-expression search each, most of them unanchored with look-behinds, so tried at
every position): about 40 % of rendering a body. Every pattern the renderer registers needs
one of a few characters to match (KNOWN below: a backslash, a backtick, `[`, `<`, `&`, `*`,
`_`, or two spaces before a line break), so a text holding none of them comes out of the
processor exactly as it went in. Such a text is marked atomic just before the processor (it
then skips it) and made a plain string again just after, before any other processor sees it:
the HTML is the processor's own, byte for byte.

Only element text is gated, not tails (the processor rebuilds a tail, losing the mark), and
only when the registered patterns are exactly KNOWN: another Markdown version or extension
set gets no gate, never a wrong one.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

# Inline pattern name -> what it cannot match without (Markdown 3.x's default patterns and those
# of the extensions make_renderer uses).
KNOWN = {
    "backtick": "\\ or `",
    "escape": "\\",
    "footnote": "[",
    "reference": "[",
    "link": "[",
    "image_link": "[",
    "image_reference": "[",
    "short_reference": "[",
    "short_image_ref": "[",
    "autolink": "<",
    "automail": "<",
    "linebreak": "two spaces and a line break",
    "html": "<",
    "entity": "&",
    "em_strong": "* or _",
    "em_strong2": "_",
}
TRIGGERS = re.compile(r"[\\`\[<&*_]|  \n")
INLINE_PRIORITY = 20  # the `inline` tree processor's


class _Inert(AtomicString):
    """A text marked here, told apart from the atomic strings Markdown itself makes (code)."""


class _Mark(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            text = element.text
            if text and type(text) is str and TRIGGERS.search(text) is None:
                element.text = _Inert(text)


class _Unmark(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if type(element.text) is _Inert:
                element.text = str(element.text)


def install(md: markdown.Markdown) -> None:
    """Gate `md`'s inline processor when its patterns are the known ones."""
    known = sum(name in md.inlinePatterns for name in KNOWN)
    if known != len(md.inlinePatterns) or "inline" not in md.treeprocessors:
        return  # a pattern we do not know: it may match anything
    md.treeprocessors.register(_Mark(md), "inline-gate", INLINE_PRIORITY + 0.5)
    md.treeprocessors.register(_Unmark(md), "inline-ungate", INLINE_PRIORITY - 0.5)
