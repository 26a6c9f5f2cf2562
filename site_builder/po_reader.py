"""A quick reader for the plain `.po` files the catalogues are (catalogue.py).

Babel's reader costs a build about a tenth of its start-up (importing `babel.messages`, which
brings the email parser and difflib, then parsing ~600 entries through its general machinery).
The catalogues use a small part of the format: comments, `msgid`, `msgid_plural`, `msgstr`,
`msgstr[n]`, quoted strings continued on the next lines, and a header with `Language` and
`Plural-Forms`. This reads exactly that part and gives the same entries Babel would (a test
compares them on every shipped catalogue); anything else (flags such as `fuzzy`, obsolete
`#~` entries, `msgctxt`, an unknown escape, an empty text, an id given twice, a line it does
not know) answers None, and catalogue.py reads the file with Babel, which also words every
error.

A leaf: it imports no stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_STRING = re.compile(r'"([^"\\]*(?:\\[\\abfnrtv"][^"\\]*)*)"')
_ESCAPE = re.compile(r'\\([\\abfnrtv"])')
_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_PLURAL_FORMS = re.compile(r"nplurals=(\d+); *plural=([^;]+);?")
_KEYWORD = re.compile(r"(msgid|msgid_plural|msgstr|msgstr\[\d\]) (.*)")
_ASCII_SPACE = " \t\r\x0b\x0c"


@dataclass(frozen=True)
class PoText:
    """What a catalogue needs of a `.po` file: its language, plural rule and entries."""

    language: str
    plural_expr: str  # C syntax, for gettext.c2py
    messages: dict[str, tuple[str, ...]]  # id -> its forms (one, or one per plural form)


class _NotSimple(Exception):
    """The file uses more of the format than this reader knows: Babel reads it."""


def _unescape(quoted: str) -> str:
    match = _STRING.fullmatch(quoted)
    if match is None:
        raise _NotSimple
    body = match.group(1)
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), body) if "\\" in body else body


def _entries(lines: list[str]) -> list[dict[str, list[str]]]:
    """Each entry as keyword -> its string pieces (`msgstr[1]` as written), in file order."""
    entries: list[dict[str, list[str]]] = []
    current: list[str] | None = None
    for raw in lines:
        line = raw.strip(_ASCII_SPACE)  # Babel strips the bytes of a line, so ASCII space only
        if not line:
            continue
        if line.startswith("#"):  # a comment ends the entry before it, as in Babel
            if line[1:2] in ("~", ",", "|", "-") or (entries and not _complete(entries[-1])):
                raise _NotSimple
            current = None
        elif line.startswith('"') and current is not None:
            current.append(_unescape(line))
        elif (match := _KEYWORD.fullmatch(line)) is not None:
            if match.group(1) == "msgid":
                if entries and not _complete(entries[-1]):
                    raise _NotSimple
                entries.append({})
            if not entries or match.group(1) in entries[-1]:
                raise _NotSimple
            current = entries[-1][match.group(1)] = [_unescape(match.group(2))]
        else:
            raise _NotSimple
    if entries and not _complete(entries[-1]):
        raise _NotSimple
    return entries


def _complete(entry: dict[str, list[str]]) -> bool:
    return any(key.startswith("msgstr") for key in entry)


def _header(text: str) -> tuple[str, int, str]:
    """(language, number of plural forms, plural rule) from the header entry's text."""
    fields = dict(line.partition(":")[::2] for line in text.split("\n") if ":" in line)
    language = fields.get("Language", "").strip()
    plural = _PLURAL_FORMS.fullmatch(fields.get("Plural-Forms", "").strip())
    charset = fields.get("Content-Type", "").strip().lower()
    if plural is None or not language.isalpha() or charset != "text/plain; charset=utf-8":
        raise _NotSimple
    return language, int(plural.group(1)), plural.group(2).strip()


def _forms(entry: dict[str, list[str]], nplurals: int) -> tuple[str, ...]:
    if "msgid_plural" not in entry:
        if set(entry) != {"msgid", "msgstr"}:
            raise _NotSimple
        return ("".join(entry["msgstr"]),)
    indexes = sorted(int(key[7:-1]) for key in entry if key.startswith("msgstr["))
    if "msgstr" in entry or indexes != list(range(nplurals)):
        raise _NotSimple
    return tuple("".join(entry[f"msgstr[{i}]"]) for i in indexes)


def read_po_text(data: bytes, languages: tuple[str, ...]) -> PoText | None:
    """The entries of a plain UTF-8 `.po` file in one of `languages`, or None when Babel must read it."""
    try:
        entries = _entries(data.decode("utf-8").split("\n"))
        if not entries or set(entries[0]) != {"msgid", "msgstr"} or "".join(entries[0]["msgid"]):
            raise _NotSimple
        language, nplurals, plural_expr = _header("".join(entries[0]["msgstr"]))
        messages: dict[str, tuple[str, ...]] = {}
        for entry in entries[1:]:
            forms = _forms(entry, nplurals)
            key = "".join(entry["msgid"])
            if not key or not all(forms) or key in messages:  # Babel keeps parts of each of two entries
                raise _NotSimple
            messages[key] = forms
    except (_NotSimple, UnicodeDecodeError):
        return None
    return PoText(language, plural_expr, messages) if language in languages and messages else None
