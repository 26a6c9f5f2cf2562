"""The search index as a script, `tim-kiem/chi-muc.js`, loaded by the results page.

A script and not a JSON file: pages opened from disk (file://, a USB copy)
may load scripts but not fetch files. The theme's `static/js/search.js` reads it.

Why not store the text as it is: 10,000 conferences of about 400 words are
30 MB of text, more than a quarter of the site's HTML. Vietnamese is written
in a few thousand distinct syllables, so the index keeps a vocabulary of the
distinct tokens once, most frequent first, and every text as a string of
token numbers in a variable-length ASCII code (one character for the 64
commonest tokens, two for the next 2,418 ...). That is about a third of the
text's size and decodes in one pass. Tokens are runs of letters and digits
(words) and the runs of other characters between them; a single space between
two words is implied, not stored. Each word comes with its folded form
(model/fold.py), so the query is compared with folds made by the same recipe
at build time, and snippets are rebuilt from the words as written.

Layout (one global, `siteSearchIndex`):
    version   format number
    words     tokens, "\\n"-separated, token number = position
    folds     folded form of each token, "\\n"-separated ("" for punctuation)
    labels    kinds shown on results ("conference:tong-ket", "person", ...)
    dates     ISO date -> the date as the site writes it
    records   [label number, relative URL, ISO date or "", where, title code, text code, also code]
              (also: the expansions of the abbreviations the record uses; searched, never shown)
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Callable, Sequence

from site_builder import urls
from site_builder.model.fold import search_fold
from site_builder.pages.search import INDEX_GLOBAL, SearchRecord
from site_builder.render.page import make_link

FORMAT_VERSION = 2

# Printable ASCII without '"' and '\\', so codes sit in JSON strings unescaped.
ALPHABET = "".join(chr(c) for c in range(0x20, 0x7F) if chr(c) not in '"\\')
BASE = len(ALPHABET)  # 93
# How many first characters start a code of 1, 2, 3 and 4 characters.
LEADS = (64, 26, 2, 1)
assert sum(LEADS) == BASE

_WORD = re.compile(r"[^\W_]+")  # the word characters of model/fold.py
# Words, and the runs between them except a lone space: findall skips those (they are implied).
# A run of two or more characters matches whole; a run of one only if it is not a space.
_TOKEN = re.compile(r"[^\W_]+|[\W_]{2,}|[^\w ]|_")


def tokens(text: str) -> list[str]:
    """Words and the runs between them; a lone space between two words is left out (implied).

    Lossless for any text without a space at either end; most compact for text on one line
    with single spaces, as SearchRecord holds it.
    """
    return _TOKEN.findall(text)


def code_of(number: int) -> str:
    """The variable-length code of a token number (the inverse of search.js `decode`)."""
    first = 0
    for length, leads in enumerate(LEADS, start=1):
        span = leads * BASE ** (length - 1)
        if number < span:
            lead, rest = divmod(number, BASE ** (length - 1))
            digits = []
            for _ in range(length - 1):
                rest, digit = divmod(rest, BASE)
                digits.append(ALPHABET[digit])
            return ALPHABET[first + lead] + "".join(reversed(digits))
        number -= span
        first += leads
    raise ValueError("more distinct tokens than the index format holds")


def encode_index(records: Sequence[SearchRecord], format_date: Callable[[dt.date], str]) -> str:
    """The index script for `records`; the same records always give the same text."""
    # Two passes over the texts (count, then encode) rather than every token list held at once:
    # 10,000 conferences are about 4 million tokens, some 400 MB as Python strings.
    counts: Counter[str] = Counter()
    for r in records:
        counts.update(tokens(_one_line(r.title)))
        counts.update(tokens(_one_line(r.text)))
        counts.update(tokens(_one_line(r.also)))
    vocabulary = sorted(counts, key=lambda token: (-counts[token], token))
    codes = {token: code_of(number) for number, token in enumerate(vocabulary)}
    labels = sorted({_label(r) for r in records})
    label_number = {label: number for number, label in enumerate(labels)}
    dates = sorted({r.date for r in records if r.date is not None})
    link = make_link(urls.search(), None)  # links relative to the results page, as its own links are
    data = {
        "version": FORMAT_VERSION,
        "words": "\n".join(vocabulary),
        "folds": "\n".join(search_fold(token) if _WORD.fullmatch(token) else "" for token in vocabulary),
        "labels": labels,
        "dates": {d.isoformat(): format_date(d) for d in dates},
        "records": [
            [
                label_number[_label(r)],
                link(r.url),
                r.date.isoformat() if r.date else "",
                r.where,
                "".join(map(codes.__getitem__, tokens(_one_line(r.title)))),
                "".join(map(codes.__getitem__, tokens(_one_line(r.text)))),
                "".join(map(codes.__getitem__, tokens(_one_line(r.also)))),
            ]
            for r in records
        ],
    }
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"/* site-builder search index; generated, do not edit */\nwindow.{INDEX_GLOBAL}={body};\n"


def _one_line(text: str) -> str:
    """The vocabulary is "\n"-separated: a token must never hold a line break."""
    return " ".join(text.split()) if "\n" in text else text


def _label(record: SearchRecord) -> str:
    return f"{record.kind}:{record.tag}" if record.tag else record.kind
