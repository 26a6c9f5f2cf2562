"""Folding text for search: what "dang vien" and "Đảng viên" have in common.

The search index is folded here, at build time; the reader's query is folded by
the same recipe in the theme's `static/js/search.js`. The two must agree word
for word (tests/unit/test_search_fold.py runs both over a table of tricky words):

    NFC -> lower case -> đ to d -> NFD -> drop nonspacing marks (Mn)

so case, tone marks and the letter marks of ă â ê ô ơ ư are ignored, and đ/Đ
(U+0111/U+0110, letters of their own that NFD leaves whole) becomes d. Search
terms are the runs of letters and digits of the folded text; everything else
(spaces, punctuation, "_") separates them.
"""

from __future__ import annotations

import re
import unicodedata

# Letters and digits of any script: Python's \w without the underscore. The JS
# side uses /[\p{L}\p{N}]+/gu, which matches the same characters.
WORD = re.compile(r"[^\W_]+")


def search_fold(text: str) -> str:
    """ "Đảng viên" -> "dang vien"; "HOÀ" and "Hòa" -> "hoa"; punctuation is kept."""
    lowered = unicodedata.normalize("NFC", text).lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", lowered)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def search_terms(text: str) -> list[str]:
    """The folded words of a text: "Kết nạp đảng viên (2023)" -> ["ket", "nap", "dang", "vien", "2023"]."""
    return WORD.findall(search_fold(text))
