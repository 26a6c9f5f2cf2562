"""A conference entered twice: a Windows "- Copy" file, or a colleague typing the meeting again.

Two conferences are one meeting when they share the date and their titles are the
same or nearly so after folding (NFC, case, diacritics, đ -> d, punctuation and
spacing), or when their bodies (of 30 words or more) are identical after the same
folding, whatever the date. Each is a warning at the later file naming the earlier
one (an error under `--strict`): the web and the PDF would print the meeting twice.
Samples are left out: `new conference` gives every example the same placeholder body.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from site_builder.catalogue import clause
from site_builder.model.memo import LoadMemo, memo_fact
from site_builder.model.records import Conference
from site_builder.model.slugs import ascii_fold
from site_builder.problems import Problems

# difflib's ratio on folded titles: "Sơ kết 6 tháng đầu năm 2023" and "So ket 6 thang dau nam 2023."
# fold to the same text; one slip in 30 letters is still ~0.97; a different meeting of the same
# day ("Hội nghị Ban Chấp hành" / "Hội nghị Ban Thường vụ") is far below.
SIMILAR = 0.9
# Only a real report is compared by its text: a short placeholder ("Nội dung đang cập nhật.")
# may stand in several conferences without their being one meeting.
MIN_BODY_WORDS = 30
# How copies are named: Windows "x - Copy.md", "x - Copy (2).md", "x (1).md", Vietnamese "x - Bản sao.md".
_NOT_ALNUM = re.compile(r"[\W_]+")
_COPY_NAME = re.compile(r"(?i)(\s*-\s*(copy|bản sao|ban sao))?\s*(\(\d+\))?$")


def order(conference: Conference) -> tuple[dt.date, bool, str]:
    """Date, then the original before its copy, then path: the later one gets the warning."""
    stem = conference.path.rsplit("/", 1)[-1].removesuffix(".md")
    match = _COPY_NAME.search(stem)  # always matches, perhaps the empty string
    is_copy = bool(match and match.group(0))
    return (conference.date, is_copy, conference.path)


def fold(text: str) -> str:
    """Comparison form: NFC, lower case, no diacritics (đ -> d), words of letters and digits only."""
    folded = ascii_fold(unicodedata.normalize("NFC", text)).casefold()
    return " ".join(_NOT_ALNUM.sub(" ", folded).split())  # \W is "not isalnum() and not _"


def similar_titles(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    return fa == fb or difflib.SequenceMatcher(None, fa, fb).ratio() >= SIMILAR


def body_key(source: str) -> str:
    """What two bodies are compared by: a digest of the folded text ("" for a short one). Equal
    folded texts give equal digests; the digest is what a build keeps (model/memo.py)."""
    body = fold(source)
    if len(body.split()) < MIN_BODY_WORDS:
        return ""
    return hashlib.blake2b(body.encode(), digest_size=16).hexdigest()


def check_duplicate_conferences(
    conferences: Iterable[Conference], problems: Problems, memo: LoadMemo | None = None
) -> None:
    by_body: dict[str, Conference] = {}
    by_date: dict[object, list[Conference]] = defaultdict(list)
    for conference in sorted((c for c in conferences if not c.sample), key=order):
        body = str(memo_fact(memo, "fold", conference.body.source, body_key, conference.body.loc.path))
        same_title = next((c for c in by_date[conference.date] if _similar(c.title, conference.title, memo)), None)
        if same_title is not None:
            report(conference, same_title, "clause.duplicate.title", problems)
        elif body and body in by_body:
            report(conference, by_body[body], "clause.duplicate.body", problems)
        by_date[conference.date].append(conference)
        if body:
            by_body.setdefault(body, conference)


def _similar(a: str, b: str, memo: LoadMemo | None) -> bool:
    """`similar_titles`, kept by the pair of titles (difflib is the check's costliest step)."""
    pair = json.dumps([a, b], ensure_ascii=False)
    return bool(memo_fact(memo, "similar", pair, lambda text: int(similar_titles(*json.loads(text)))))


def report(later: Conference, earlier: Conference, why: str, problems: Problems) -> None:
    problems.warning("conference.duplicate", later.loc, other=earlier.path, why=clause(why))
