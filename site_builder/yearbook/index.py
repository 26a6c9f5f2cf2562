"""The people index: an anchor per mention, page numbers from a first render.

While the book is assembled, every printed mention of a person (a conference
guest, the term secretary) gets its own anchor id through `Mentions.mark`.
After a first render, `anchor_pages` reads each page's anchors, and
`index_entries` turns them into de-duplicated, ascending page lists. The
index sits at the end of the book, so writing the numbers in cannot move the
pages it points to (pdf.py checks that after the second render).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from site_builder.model.collation import person_match_key
from site_builder.model.records import PersonEntry, SiteModel


@dataclass(frozen=True)
class IndexEntry:
    person: PersonEntry
    anchors: tuple[str, ...]  # one per printed mention, in book order
    pages: tuple[int, ...]  # printed page numbers, ascending, unique (empty before pass 1)


class Mentions:
    """Hands out an anchor id for each printed mention of a known person."""

    def __init__(self, model: SiteModel):
        self._by_record: dict[tuple[str, str], PersonEntry] = {}
        self._by_key: dict[str, PersonEntry] = {}
        for entry in model.people:
            keys = {entry.key, person_match_key(entry.name)}
            for key in keys:
                self._by_key.setdefault(key, entry)
                for mention in entry.mentions:
                    self._by_record[(mention.path, key)] = entry
        self.anchors: dict[str, list[str]] = {}  # PersonEntry.anchor -> mention ids

    def find(self, name: str, path: str) -> PersonEntry | None:
        key = person_match_key(name)
        return self._by_record.get((path, key)) or self._by_key.get(key)

    def mark(self, name: str, path: str) -> str | None:
        """A fresh anchor id for `name` mentioned in the record `path` (None: not indexed)."""
        entry = self.find(name, path)
        if entry is None:
            return None
        ids = self.anchors.setdefault(entry.anchor, [])
        anchor = f"ix-{entry.anchor}-{len(ids) + 1}"
        ids.append(anchor)
        return anchor


def anchor_pages(pages: Sequence[Any], prefix: str = "") -> dict[str, int]:
    # pages: WeasyPrint's Document.pages (untyped)
    """Anchor id -> 1-based page number, from a rendered Document's pages."""
    found: dict[str, int] = {}
    for number, page in enumerate(pages, start=1):
        for name in page.anchors:
            if name.startswith(prefix):
                found.setdefault(name, number)
    return found


def index_entries(model: SiteModel, mentions: Mentions, pages: Mapping[str, int] | None = None) -> list[IndexEntry]:
    """Every person printed in the book, in the model's (Vietnamese) order, with pages."""
    entries = []
    for person in model.people:
        ids = tuple(mentions.anchors.get(person.anchor, ()))
        if not ids:
            continue
        numbers = sorted({pages[i] for i in ids if i in pages}) if pages else []
        entries.append(IndexEntry(person, ids, tuple(numbers)))
    return entries
