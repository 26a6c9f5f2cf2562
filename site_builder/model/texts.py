"""Every piece of text a record publishes besides its Markdown body.

Roles, award reasons, captions and the like are printed too: an abbreviation used
only there ("UVTV Tỉnh ủy" in a guest's role) is used, and the theme marks it up
as <abbr> there as well (the `abbr` filter, markup/abbr.py).
"""

from __future__ import annotations

from collections.abc import Iterator

from site_builder.model.records import Award, Conference, Person, SiteModel, Target, Term


def _person(person: Person | None) -> Iterator[str | None]:
    if person is not None:
        yield person.name
        yield person.role


def _target(t: Target) -> Iterator[str | None]:
    yield from (t.name, t.unit, t.period, t.source, t.note)


def _award(a: Award) -> Iterator[str | None]:
    yield from (a.title, a.issuer, a.reason, a.decision, *a.recipients)


def conference_texts(c: Conference) -> list[str | None]:
    """A conference's printed text fields (None for a field left out), all from its own file."""
    found = [c.title, c.host, c.author, c.summary, *c.tags]
    for person in c.attendees:
        found += (person.name, person.role)
    for photo in c.photos:
        found += (photo.caption, photo.credit, photo.alt)
    return found


def _term(term: Term) -> Iterator[str | None]:
    yield from (term.title, term.congress)
    yield from _person(term.secretary)
    for stat in term.stats:
        yield from (stat.label, stat.unit)


def published_texts(model: SiteModel, conferences: bool = True) -> Iterator[str]:
    """The site's printed text fields, bodies aside (model/media.py: bodies); without
    `conferences`, those of the conferences aside too (`conference_texts`)."""
    site, book = model.site, model.site.yearbook
    found: list[str | None] = [site.title, site.organization, site.province, book.title, book.subtitle]
    if book.signature:
        found += [book.signature.on_behalf, book.signature.title, book.signature.name]
    found.append(book.slogan)
    for term in model.terms:
        found += [*_term(term), *(x for t in term.targets.items for x in _target(t))]
        found += [x for a in term.awards.items for x in _award(a)]
    for year in model.years:
        found += [year.title, year.summary, *(x for t in year.targets.items for x in _target(t))]
        found += [x for a in year.awards.items for x in _award(a)]
        if conferences:
            found += [x for c in year.conferences for x in conference_texts(c)]
    found += [x for p in model.pages for x in (p.title, p.summary)]
    yield from (text for text in found if text)
