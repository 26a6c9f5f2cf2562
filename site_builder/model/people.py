"""The people index: everyone named as a term secretary or a conference attendee."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from site_builder.model.collation import person_match_key, person_sort_key
from site_builder.model.records import Conference, Mention, PersonEntry, Term
from site_builder.model.slugs import slugify


@dataclass
class _Gathered:
    name: str
    roles: list[str] = field(default_factory=list)
    mentions: dict[Mention, None] = field(default_factory=dict)  # an ordered set: a person may be named often


def build_people_index(terms: Iterable[Term], conferences: Iterable[Conference]) -> tuple[PersonEntry, ...]:
    """Merge spellings that differ only in normalisation, spacing, case or tone placement.
    Sample records (`sample: true`) name nobody real: they are left out."""
    people: dict[str, _Gathered] = {}

    def note(name: str, role: str | None, mention: Mention) -> None:
        name = " ".join(name.split())
        entry = people.setdefault(person_match_key(name), _Gathered(name))
        if role and role not in entry.roles:
            entry.roles.append(role)
        entry.mentions.setdefault(mention)

    for term in terms:
        if term.secretary and not term.sample:
            role = term.secretary.role
            note(term.secretary.name, role, Mention("term", term.path, term.title, role, term.start))
    for conference in conferences:
        if conference.sample:
            continue
        for attendee in conference.attendees:
            mention = Mention("conference", conference.path, conference.title, attendee.role, conference.date)
            note(attendee.name, attendee.role, mention)
    return tuple(_entries(people))


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
        mentions = sorted(gathered.mentions, key=lambda m: (str(m.date), m.path))
        entries.append(PersonEntry(gathered.name, key, anchor, tuple(gathered.roles), tuple(mentions)))
    return entries
