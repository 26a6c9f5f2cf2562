"""ASCII slugs and heading ids for Vietnamese text.

Written by hand rather than with python-slugify/Unidecode, which are GPL.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# U+0111/U+0110 are letters in their own right, not d + a combining mark,
# so NFD leaves them intact and they must be mapped explicitly (ascii_fold).
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")

_DATE_PREFIX = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}-")
_ALNUM_RUN = re.compile(r"[a-z0-9]+")


class _WithoutMarks(dict[int, int | None]):
    """str.translate table dropping combining marks, filled in as characters are met."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_WITHOUT_MARKS = _WithoutMarks()


@functools.cache
def _marks() -> re.Pattern[str]:
    """Every combining mark of the Basic Multilingual Plane, as one character class (built once:
    a regular expression strips whole bodies far faster than a call per character)."""
    found = "".join(chr(c) for c in range(0x300, 0x10000) if unicodedata.combining(chr(c)))
    return re.compile(f"[{re.escape(found)}]+")


def ascii_fold(text: str) -> str:
    """Strip Vietnamese diacritics: "Đảng bộ Khối" -> "Dang bo Khoi".

    Characters without an ASCII base (e.g. CJK, emoji) are kept as they are;
    callers that need pure ASCII (slugify) drop them afterwards.
    """
    folded = _marks().sub("", unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D")))
    if _ASTRAL.search(folded):  # marks beyond the BMP (rare): one by one
        folded = folded.translate(_WITHOUT_MARKS)
    return folded


def _words(text: str) -> list[str]:
    return _ALNUM_RUN.findall(ascii_fold(text).lower())


def slugify(text: str) -> str:
    """URL slug: "Tổng kết năm 2021" -> "tong-ket-nam-2021"."""
    return "-".join(_words(text))


# File names made from titles (`new conference`, `new page`) stay short enough to read and type.
MAX_SLUG_LENGTH = 60


def short_slug(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """`slugify(text)` cut to `max_length` at a word boundary, keeping every number: the years
    and ordinals that tell one meeting from the next ("...-nam-2023-trien-khai-nhiem-vu-2024").

    Words are taken in order while they fit with room left for the numbers still to come;
    after the first word that does not fit, only numbers are added. A single word (or number)
    longer than the limit is cut hard."""
    words = _words(text)
    if len("-".join(words)) <= max_length:
        return "-".join(words)
    kept: list[str] = []
    cut = False
    for index, word in enumerate(words):
        numbers_after = [w for w in words[index + 1 :] if w.isdigit()]
        fits = len("-".join([*kept, word, *numbers_after])) <= max_length
        if fits and (word.isdigit() or not cut):
            kept.append(word)
        elif not word.isdigit():
            cut = True
    return "-".join(kept)[:max_length].strip("-") or "-".join(words)[:max_length].strip("-")


def conference_slug(filename_stem: str) -> str:
    """Slug for a conference file: "2019-08-02-so-ket-6-thang" -> "so-ket-6-thang".

    A stem that is nothing but a date keeps the date, so the slug is never empty.
    """
    return slugify(_DATE_PREFIX.sub("", filename_stem)) or slugify(filename_stem)


def heading_id(text: str, separator: str) -> str:
    """Drop-in for Python-Markdown toc's ``slugify(value, separator)`` option."""
    return separator.join(_words(text))
