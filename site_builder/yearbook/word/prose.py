"""Sanitised body HTML (the markup stage's allow-list) -> a flat list of blocks.

Pure: `parse_body` returns paragraphs, pictures and tables as frozen values; the
`emit` module writes them into the document. Whitespace follows HTML's rules
(runs of spaces and newlines are one space, none at a paragraph's edges), so
the Word text reads as the PDF's does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from typing import Any

_SPACE = re.compile(r"[ \t\r\n\f]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML text
_INLINE = {
    "strong": "bold", "b": "bold", "em": "italic", "i": "italic", "u": "underline", "ins": "underline",
    "s": "strike", "del": "strike", "sup": "sup", "sub": "sub", "code": "code", "kbd": "code",
}  # fmt: skip
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {"p", "li", "blockquote", "pre", "dt", "dd", "figcaption", "div", "figure", *_HEADINGS}


@dataclass(frozen=True)
class Run:
    text: str
    marks: frozenset[str] = frozenset()  # bold, italic, underline, strike, sup, sub, code; br: a line break


@dataclass(frozen=True)
class Para:
    # body, heading, bullet, number, item (a list item's later paragraph), quote, pre, term, definition, caption
    kind: str
    runs: tuple[Run, ...]
    level: int = 0  # heading: 1-6 as written; lists: depth from 1
    label: str = ""  # the number of a numbered item, "3."

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Picture:
    src: str
    alt: str


@dataclass(frozen=True)
class Cell:
    runs: tuple[Run, ...]
    header: bool
    span: int = 1


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[Cell, ...], ...]


Block = Para | Picture | Table


def parse_body(html: str) -> list[Block]:
    parser = _BodyParser()
    parser.feed(html)
    parser.close()
    parser.flush()
    return parser.blocks


def tidy(runs: list[Run], keep_space: bool = False) -> tuple[Run, ...]:
    """HTML whitespace rules over a paragraph's runs; adjacent runs of one format merged."""
    out: list[Run] = []
    for run in runs:
        text = _CONTROL.sub("", run.text)
        if not keep_space and "br" not in run.marks:
            text = _SPACE.sub(" ", text)
            if not out or out[-1].text.endswith((" ", "\n")):
                text = text.lstrip(" ")
        if not text:
            continue
        if out and out[-1].marks == run.marks and "br" not in run.marks:
            out[-1] = Run(out[-1].text + text, run.marks)
        else:
            out.append(Run(text, run.marks))
    if not keep_space:
        while out and not out[-1].text.strip(" \n"):  # trailing spaces and line breaks
            out.pop()
        if out:
            out[-1] = replace(out[-1], text=out[-1].text.rstrip(" "))
    return tuple(out)


class _BodyParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.runs: list[Run] = []
        self.marks: list[str] = []
        self.stack: list[str] = []  # open block tags
        self.lists: list[list[Any]] = []  # [tag, next number, current item labelled?]
        self.skip = 0  # inside a footnote back-link
        self.table: list[tuple[Cell, ...]] | None = None
        self.row: list[Cell] | None = None
        self.cell: dict[str, Any] | None = None  # runs, header, span of the cell being read
        self.nested_tables = 0

    # --- tags -------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        if tag == "a" and "footnote-backref" in attr.get("class", ""):
            self.skip += 1
        elif tag in _INLINE:
            self.marks.append(_INLINE[tag])
        elif tag == "br":
            self.runs.append(Run("\n", frozenset({*self.marks, "br"})))
        elif tag == "q":
            self.handle_data("“")
        elif tag == "img":
            self._image(attr)
        elif tag in ("table", "tr", "td", "th"):
            self._table_start(tag, attr)
        elif tag in ("ul", "ol"):
            self.flush()
            self.lists.append([tag, _start(attr.get("start")), False])
        elif tag in _BLOCKS:
            self.flush()
            self.stack.append(tag)
            if tag == "li" and self.lists:
                self.lists[-1][2] = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.skip:
            self.skip -= 1
        elif tag in _INLINE and _INLINE[tag] in self.marks:
            self.marks.reverse()
            self.marks.remove(_INLINE[tag])
            self.marks.reverse()
        elif tag == "q":
            self.handle_data("”")
        elif tag in ("table", "tr", "td", "th"):
            self._table_end(tag)
        elif tag in ("ul", "ol"):
            self.flush()
            if self.lists:
                self.lists.pop()
        elif tag in _BLOCKS and tag in self.stack:
            self.flush()
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.runs.append(Run(data, frozenset(self.marks)))

    # --- paragraphs -------------------------------------------------------
    def flush(self) -> None:
        """End the paragraph being collected (if it has any text)."""
        if self.cell is not None:
            runs = tidy(self.runs)
            if runs:
                self.cell["runs"] += ((Run("\n"),) if self.cell["runs"] else ()) + runs
            self.runs = []
            return
        runs = tidy(self.runs, keep_space="pre" in self.stack)
        self.runs = []
        if runs:
            self.blocks.append(self._para(runs))

    def _para(self, runs: tuple[Run, ...]) -> Para:
        inner = next((t for t in reversed(self.stack) if t not in ("p", "div", "figure")), "")
        if inner in _HEADINGS:
            return Para("heading", runs, int(inner[1]))
        if inner == "li" and self.lists:
            entry, depth = self.lists[-1], len(self.lists)
            if entry[2]:
                return Para("item", runs, depth)
            entry[2] = True
            if entry[0] == "ol":
                entry[1] += 1
                return Para("number", runs, depth, f"{entry[1] - 1}.")
            return Para("bullet", runs, depth)
        kinds = {"pre": "pre", "dt": "term", "dd": "definition", "figcaption": "caption", "blockquote": "quote"}
        return Para(kinds.get(inner, "body"), runs)

    def _image(self, attr: dict[str, str]) -> None:
        if self.cell is not None:  # a picture inside a table cell: its description instead
            self.handle_data(attr.get("alt", ""))
            return
        self.flush()
        self.blocks.append(Picture(attr.get("src", ""), attr.get("alt", "")))

    # --- tables -----------------------------------------------------------
    def _table_start(self, tag: str, attr: dict[str, str]) -> None:
        if tag == "table":
            self.flush()
            if self.table is not None:
                self.nested_tables += 1
            else:
                self.table = []
        elif self.nested_tables or self.table is None:
            return
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.flush()
            self.cell = {"runs": (), "header": tag == "th", "span": _start(attr.get("colspan"), 1)}

    def _table_end(self, tag: str) -> None:
        if tag == "table":
            if self.nested_tables:
                self.nested_tables -= 1
            elif self.table is not None:
                if self.table:
                    self.blocks.append(Table(tuple(self.table)))
                self.table = self.row = None
        elif self.nested_tables or self.table is None:
            return
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.flush()
            self.row.append(Cell(self.cell["runs"], self.cell["header"], self.cell["span"]))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if self.row:
                self.table.append(tuple(self.row))
            self.row = None


def _start(value: str | None, default: int = 1) -> int:
    """A positive whole number attribute (ol start, colspan), or the default."""
    return int(value) if value and value.isascii() and value.isdigit() and 0 < int(value) < 1000 else default
