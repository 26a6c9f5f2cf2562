"""The search index as scripts the results page loads: a list, `tim-kiem/chi-muc.js`, and its parts.

Scripts and not JSON files: pages opened from disk (file://, a USB copy) may
load scripts but not fetch files. The theme's `static/js/search.js` reads them.

Why parts: the index is made again only where something changed. Records are
cut into parts of about a hundred (`split_parts`), at places chosen by the
records' own addresses, so an edit, an added or a removed conference changes
the part it falls in and leaves the others' files (and names) as they were.
search.js loads the parts the list names and reads them as one index, records
in the list's order, so results, ranking and snippets do not depend on where
the cuts fall.

Why not store the text as it is: 10,000 conferences of about 400 words are
30 MB of text, more than a quarter of the site's HTML. Vietnamese is written
in a few thousand distinct syllables, so each text is a string of token
numbers in a variable-length ASCII code (one character for the 64 commonest
tokens, two for the next 2,418 ...) and the tokens are written once. That is
about a third of the text's size and decodes in one pass. Tokens are runs of
letters and digits (words) and the runs of other characters between them; a
single space between two words is implied, not stored. A part numbers its own
tokens (most frequent in it first), so its file does not change when another
part does; the list holds the words of all parts once, each with its folded
form (model/fold.py, so the query is compared with folds made by the same
recipe at build time), and each part's numbers mapped to them. The list is
written on every change, from the parts' vocabularies: a kept part's are read
back from the previous list (`read_list`), so no kept part is made again.

The list (one global, `siteSearchIndex`):
    version   format number
    words     every part's tokens once, "\\n"-separated, those more parts use first
    folds     folded form of each token, "\\n"-separated ("" for punctuation)
    parts     [part id, relative URL of its script, its token numbers as codes into `words`], in order
A part (`siteSearchParts[<part id>]`):
    labels    kinds shown on results ("conference:tong-ket", "person", ...)
    dates     ISO date -> the date as the site writes it
    records   [label number, relative URL, ISO date or "", where, title code, text code, also code]
              (codes of the part's own token numbers; also: the expansions of the abbreviations
              the record uses, searched, never shown)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Sequence

from site_builder import urls
from site_builder.model.fold import search_fold
from site_builder.pages.search import INDEX_GLOBAL, PARTS_GLOBAL, SearchRecord
from site_builder.render.page import make_link

FORMAT_VERSION = 3
HEADER = "/* site-builder search index; generated, do not edit */\n"

# Printable ASCII without '"' and '\\', so codes sit in JSON strings unescaped.
ALPHABET = "".join(chr(c) for c in range(0x20, 0x7F) if chr(c) not in '"\\')
BASE = len(ALPHABET)  # 93
# How many first characters start a code of 1, 2, 3 and 4 characters.
LEADS = (64, 26, 2, 1)
assert sum(LEADS) == BASE

# A part ends after a record whose address digest is a multiple of PART_CUT, once it holds
# PART_MIN records, and always at PART_MAX: about 100 records (an edit re-encodes some
# 30 ms of work; a smaller part would repeat more vocabulary).
PART_MIN, PART_CUT, PART_MAX = 32, 64, 192

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


def split_parts(addresses: Sequence[str]) -> list[tuple[str, range]]:
    """(part id, the positions it holds) for records with these addresses, in order.

    A cut depends on the record it follows and on how many came since the last cut, so an
    added or removed record moves the cuts of its own part and rarely of the next one. The
    id comes from the part's first address (one more digest when two parts share one)."""
    parts: list[tuple[str, range]] = []
    used: set[str] = set()
    start = 0
    for at, address in enumerate(addresses):
        size = at + 1 - start
        if at + 1 == len(addresses) or (size >= PART_MIN and (size >= PART_MAX or _cuts_after(address))):
            parts.append((_part_id(addresses[start], used), range(start, at + 1)))
            start = at + 1
    return parts


def _cuts_after(address: str) -> bool:
    digest = hashlib.blake2b(address.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % PART_CUT == 0


def _part_id(address: str, used: set[str]) -> str:
    seed = address
    while True:
        found = hashlib.blake2b(seed.encode("utf-8", "surrogatepass"), digest_size=5).hexdigest()
        if found not in used:
            used.add(found)
            return found
        seed += "\0"


def _code_pattern() -> re.Pattern[str]:
    """One code: a lead character says how many characters follow it (LEADS)."""
    alternatives, first = [], 0
    for length, leads in enumerate(LEADS):
        lead = "".join(re.escape(char) for char in ALPHABET[first : first + leads])
        alternatives.append(f"[{lead}]" + "." * length)
        first += leads
    return re.compile("|".join(alternatives))


_CODE = _code_pattern()


def split_codes(code: str) -> list[str]:
    """The codes in a string of them, in order (search.js `decodeInto` reads them the same way)."""
    return _CODE.findall(code)


def encode_list(parts: Sequence[tuple[str, Sequence[str]]]) -> str:
    """The list script of parts (id, vocabulary) in record order: the words of every part once,
    those more parts use first, and each part's vocabulary as numbers into them."""
    used = Counter(token for _, vocabulary in parts for token in set(vocabulary))
    words = sorted(used, key=lambda token: (-used[token], token))
    codes = {token: code_of(number) for number, token in enumerate(words)}
    link = make_link(urls.search(), None)
    data = {
        "version": FORMAT_VERSION,
        "words": "\n".join(words),
        "folds": "\n".join(search_fold(token) if _WORD.fullmatch(token) else "" for token in words),
        "parts": [
            [part_id, link(urls.search_index_part(part_id)), "".join(map(codes.__getitem__, vocabulary))]
            for part_id, vocabulary in parts
        ],
    }
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"{HEADER}window.{INDEX_GLOBAL}={body};\n"


def read_list(script: str) -> dict[str, tuple[str, ...]]:
    """Part id -> its vocabulary, from a list script `encode_list` wrote; {} if it cannot be read."""
    prefix = f"{HEADER}window.{INDEX_GLOBAL}="
    if not script.startswith(prefix) or not script.endswith(";\n"):
        return {}
    try:
        data = json.loads(script[len(prefix) : -2])
        if data["version"] != FORMAT_VERSION:
            return {}
        word = {code_of(number): token for number, token in enumerate(data["words"].split("\n"))}
        return {part_id: tuple(map(word.__getitem__, split_codes(code))) for part_id, _, code in data["parts"]}
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):  # a list not ours, or edited
        return {}


def encode_part(
    part_id: str, records: Sequence[SearchRecord], format_date: Callable[[dt.date], str]
) -> tuple[str, tuple[str, ...]]:
    """The script of one part and its vocabulary; the same records always give the same text."""
    data, vocabulary = part_data(records, format_date)
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f'{HEADER}(window.{PARTS_GLOBAL}=window.{PARTS_GLOBAL}||{{}})["{part_id}"]={body};\n', vocabulary


def part_data(
    records: Sequence[SearchRecord], format_date: Callable[[dt.date], str]
) -> tuple[dict[str, object], tuple[str, ...]]:
    """What a part holds (see the module's docstring), and its vocabulary: its tokens, most
    frequent first, token number = position (the list maps them to its words)."""
    # Each text is tokenised once: a part is small enough to hold its token lists.
    split = [(tokens(_one_line(r.title)), tokens(_one_line(r.text)), tokens(_one_line(r.also))) for r in records]
    counts: Counter[str] = Counter()
    for fields in split:
        for field in fields:
            counts.update(field)
    vocabulary = tuple(sorted(counts, key=lambda token: (-counts[token], token)))
    codes = {token: code_of(number) for number, token in enumerate(vocabulary)}
    labels = sorted({_label(r) for r in records})
    label_number = {label: number for number, label in enumerate(labels)}
    dates = sorted({r.date for r in records if r.date is not None})
    link = make_link(urls.search(), None)  # links relative to the results page, as its own links are
    data: dict[str, object] = {
        "labels": labels,
        "dates": {d.isoformat(): format_date(d) for d in dates},
        "records": [
            [
                label_number[_label(r)],
                link(r.url),
                r.date.isoformat() if r.date else "",
                r.where,
                *("".join(map(codes.__getitem__, field)) for field in fields),
            ]
            for r, fields in zip(records, split, strict=True)
        ],
    }
    return data, vocabulary


def _one_line(text: str) -> str:
    """The vocabulary is "\n"-separated: a token must never hold a line break."""
    return " ".join(text.split()) if "\n" in text else text


def _label(record: SearchRecord) -> str:
    return f"{record.kind}:{record.tag}" if record.tag else record.kind


def encode_index(records: Sequence[SearchRecord], format_date: Callable[[dt.date], str]) -> dict[str, str]:
    """Every script of the index of `records` at once, by output path (the list's first)."""
    scripts, vocabularies = {}, []
    for part_id, span in split_parts([r.url for r in records]):
        script, vocabulary = encode_part(part_id, records[span.start : span.stop], format_date)
        scripts[urls.out_path(urls.search_index_part(part_id))] = script
        vocabularies.append((part_id, vocabulary))
    return {urls.out_path(urls.search_index()): encode_list(vocabularies), **scripts}
