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
    """`slugify(text)` shortened so that it still reads as the title, shortened.

    The longest run of leading words that fits is kept, with room for the 4-digit years it
    would cut off: those are appended, since the year tells one meeting from the next
    ("...-cong-tac-nam-2023-trien-khai-nhiem-vu-2024"). A number left dangling at the end
    of the kept words ("...-6-thang-cuoi-6") is dropped: without its noun it says nothing.
    A single word longer than the limit is cut hard. One rule for every name made from a
    title: `new conference`, `new page` and the ids of imported sheet rows."""
    clauses = [w for w in (_words(part) for part in _CLAUSE_BREAK.split(text)) if w]
    words = [w for clause in clauses for w in clause]
    whole = "-".join(words)
    if len(whole) <= max_length:
        return whole
    # The clause each word starts or continues: a new clause cut to its first syllable
    # ("...-nam-2021-trien") is dropped too, as Vietnamese words are often two syllables.
    opens = {sum(map(len, clauses[:i])) for i in range(1, len(clauses)) if len(clauses[i]) > 1}
    for count in range(len(words) - 1, 0, -1):
        lead = _without_dangling_number(words[: count - 1] if count - 1 in opens else words[:count])
        # Every year the lead lost, including one that opened a dropped clause (", 2023 ...").
        cut_years = [w for w in dict.fromkeys(words) if _YEAR.fullmatch(w) and w not in lead]
        candidate = "-".join([*lead, *cut_years])
        if lead and len(candidate) <= max_length:
            return candidate
    return whole[:max_length].strip("-")


_YEAR = re.compile(r"[12][0-9]{3}")
_CLAUSE_BREAK = re.compile(r"[,;:.!?()\[\]\u2013\u2014]|\s-\s")


def _without_dangling_number(words: list[str]) -> list[str]:
    """Drop trailing numbers that are not years ("dau-nam-6" -> "dau-nam")."""
    end = len(words)
    while end > 0 and words[end - 1].isdigit() and not _YEAR.fullmatch(words[end - 1]):
        end -= 1
    return words[:end]


def conference_slug(filename_stem: str) -> str:
    """Slug for a conference file: "2019-08-02-so-ket-6-thang" -> "so-ket-6-thang".

    A stem that is nothing but a date keeps the date, so the slug is never empty.
    """
    return slugify(_DATE_PREFIX.sub("", filename_stem)) or slugify(filename_stem)


def heading_id(text: str, separator: str) -> str:
    """Drop-in for Python-Markdown toc's ``slugify(value, separator)`` option."""
    return separator.join(_words(text))
