"""The people index: everyone named as a term secretary or a conference attendee."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Literal

from site_builder.model.collation import person_match_key, person_sort_key
from site_builder.model.records import Conference, Mention, PersonEntry, Term
from site_builder.model.slugs import slugify

# (date as text, path, kind, title, role, date): what sorts a mention first, then all it holds
_MentionKey = tuple[str, str, Literal["conference", "term"], str, str | None, dt.date | None]


@dataclass
class _Gathered:
    name: str
    roles: list[str] = field(default_factory=list)
    # an ordered set of mentions by their fields: a person may be named often
    mentions: dict[_MentionKey, None] = field(default_factory=dict)


def build_people_index(terms: Iterable[Term], conferences: Iterable[Conference]) -> tuple[PersonEntry, ...]:
    """Merge spellings that differ only in normalisation, spacing, case or tone placement.
    Sample records (`sample: true`) name nobody real: they are left out."""
    people: dict[str, _Gathered] = {}
    named: list[tuple[str, str | None, _MentionKey]] = []  # (name as written, role, mention)
    for term in terms:
        if term.secretary and not term.sample:
            role = term.secretary.role
            named.append(
                (term.secretary.name, role, (str(term.start), term.path, "term", term.title, role, term.start))
            )
    for c in conferences:
        if not c.sample:
            when = str(c.date)
            named += [(a.name, a.role, (when, c.path, "conference", c.title, a.role, c.date)) for a in c.attendees]
    for written, role, mention in named:  # one loop, no call per name: ~35,000 names at 10,000 conferences
        name = " ".join(written.split())
        key = person_match_key(name)
        entry = people.get(key)
        if entry is None:
            entry = people[key] = _Gathered(name)
        if role and role not in entry.roles:
            entry.roles.append(role)
        entry.mentions[mention] = None
    return tuple(_entries(people))


_BY_DATE = itemgetter(0, 1)  # the date as text, then the path


def _entries(people: dict[str, _Gathered]) -> list[PersonEntry]:
    ordered = sorted(people.items(), key=lambda item: person_sort_key(item[1].name))
    entries: list[PersonEntry] = []
    anchors: set[str] = set()
    for key, gathered in ordered:
        anchor = base = slugify(gathered.name) or "nguoi"
        suffix = 2
        while anchor in anchors:
            anchor, suffix = f"{base}-{suffix}", suffix + 1
        anchors.add(anchor)
        ordered_mentions = sorted(gathered.mentions, key=_BY_DATE)  # stable: as met within one record
        mentions = tuple(
            Mention(kind, path, title, role, date) for _, path, kind, title, role, date in ordered_mentions
        )
        entries.append(PersonEntry(gathered.name, key, anchor, tuple(gathered.roles), mentions))
    return entries
