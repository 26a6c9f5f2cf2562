"""Two of Python-Markdown's tree processors are run only for a body that can give them work.

- `attr_list` looks for `{: ...}` in texts: every pattern it has needs a `{`, and every text it
  sees comes from the body (the footnote and abbreviation processors add no text with one).
- `unescape` turns the placeholders of backslash escapes back into characters: without a
  backslash in the body there are none, unless a text the renderer is configured with (the
  glossary, the footnote link's title) holds such a placeholder's STX character itself.

The body is looked at once, as Markdown reads it (after its own whitespace clean-up), and each
processor's `run` is wrapped on its instance: the HTML is the processors' own, byte for byte,
about 10 % less work per body.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable

import markdown
from markdown.preprocessors import Preprocessor
from markdown.util import STX

NOTE_PRIORITY = 29  # after `normalize_whitespace` (30), before `html_block` (20)


class _Note(Preprocessor):
    """Records which of the characters the gated processors need the body holds."""

    def __init__(self, md: markdown.Markdown, seen: set[str], needed: Iterable[str]):
        super().__init__(md)
        self.seen, self.needed = seen, tuple(needed)

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        self.seen.clear()
        self.seen.update(char for char in self.needed if char in text)
        return lines


RunTree = Callable[[etree.Element], etree.Element | None]


def _gated(run: RunTree, needed: str, seen: set[str]) -> RunTree:
    def gated(root: etree.Element) -> etree.Element | None:
        return run(root) if needed in seen else None

    return gated


def install(md: markdown.Markdown, configured_texts: Iterable[str]) -> None:
    """Gate `md`'s `attr_list` and `unescape` processors. `configured_texts`: every text the
    renderer was given besides the body (glossary abbreviations and expansions, footnote
    title); one holding STX leaves `unescape` ungated."""
    gates = {"attr_list": "{"}
    if not any(STX in text for text in configured_texts):
        gates["unescape"] = "\\"
    gates = {name: char for name, char in gates.items() if name in md.treeprocessors}
    if not gates:
        return
    seen: set[str] = set()
    md.preprocessors.register(_Note(md, seen, gates.values()), "source-note", NOTE_PRIORITY)
    for name, char in gates.items():
        processor = md.treeprocessors[name]
        # method-assign, assignment: the instance's own `run` (a bound method) replaced by a wrapper of
        # it; the class and the registry are untouched.
        processor.run = _gated(processor.run, char, seen)  # type: ignore[method-assign, assignment]
