"""The pre-print checklist: what still stands between the content and a printable yearbook.

`print_checklist` is pure: the loaded model and the pixel sizes of the photos go in,
items come out as problems (code, file:line, parameters; the message says what to
change), in book order. `check --print` lists them, and so can the preview's control
panel. An empty list is the only "sẵn sàng in".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from decimal import ROUND_HALF_UP, Decimal

from site_builder.layout import SITE_YAML, YEAR_MD
from site_builder.model.checks import unused_glossary
from site_builder.model.duplicates import fold
from site_builder.model.editions import edition_term, edition_years, editions_of
from site_builder.model.records import Conference, Photo, SiteModel, Term, Year
from site_builder.problems import Loc, Problem, Problems

MIN_DPI = 150
MM_PER_INCH = Decimal("25.4")
# The printed width of a photo, from the theme's print stylesheets (a test reads them to keep
# these in step): the text block of an A4 page (210 mm less the left and right margins) times
# the photo's share of it: 78% alone (`.photos figure.photo`), 48% side by side (`.photos.many`).
TEXT_WIDTH_MM = {"ky-yeu": Decimal(210 - 24 - 18), "van-kien": Decimal(210 - 30 - 15)}
ALONE, SIDE_BY_SIDE = Decimal("0.78"), Decimal("0.48")

Sizes = Mapping[str, tuple[int, int] | None]  # media path -> (width, height) in pixels


def print_checklist(model: SiteModel, sizes: Sizes) -> list[Problem]:
    """Every item left before printing the books `build` prints (the term's book and those
    `yearbook.editions` asks for), each once, in the order of files."""
    found = Problems()
    terms, years = printed(model)
    _samples(model, found)
    _targets_without_data(terms, years, found)
    _photos(printed_conferences(model), model.site.yearbook.profile, sizes, found)
    _awards_without_decision(terms, years, found)
    _names_written_two_ways(model, found)
    for entry in unused_glossary(model):
        found.warning("print.glossary-unused", entry.loc, abbr=entry.abbr)
    return found.sorted()


def printed(model: SiteModel) -> tuple[tuple[Term, ...], tuple[Year, ...]]:
    """The terms whose own pages (targets, awards) a printed book shows, and the year chapters
    printed in any book; each once, in the site's order."""
    books = editions_of(model)
    terms = {t.id for e in books if e.kind == "term" and (t := edition_term(model, e)) is not None}
    years = {y.year for e in books for y in edition_years(model, e)}
    return tuple(t for t in model.terms if t.id in terms), tuple(y for y in model.years if y.year in years)


def printed_conferences(model: SiteModel) -> tuple[Conference, ...]:
    """The conferences any printed book holds, each once: a term's book prints only those held
    within the term's dates, a year's book every one of its year."""
    found: dict[str, Conference] = {}
    for edition in editions_of(model):
        term = edition_term(model, edition) if edition.kind == "term" else None
        for year in edition_years(model, edition):
            found.update((c.path, c) for c in (term.conferences_of(year) if term else year.conferences))
    return tuple(found.values())


def _samples(model: SiteModel, found: Problems) -> None:
    records: list[tuple[bool, Loc]] = [(p.sample, Loc(p.path, 1)) for p in model.pages]
    for term in model.terms:
        records += [(term.sample, Loc(term.path, 1))]
        records += [(x.sample, x.loc) for x in term.targets.items] + [(x.sample, x.loc) for x in term.awards.items]
    for year in model.years:
        records += [(year.sample, Loc(f"{year.path}/{YEAR_MD}", 1))]
        records += [(x.sample, x.loc) for x in year.targets.items] + [(x.sample, x.loc) for x in year.awards.items]
        records += [(x.sample, x.loc) for x in year.conferences]
    for loc in sorted({loc for sample, loc in records if sample}):
        found.warning("print.sample", loc)


def _targets_without_data(terms: tuple[Term, ...], years: tuple[Year, ...], found: Problems) -> None:
    for target_set in (*(t.targets for t in terms), *(y.targets for y in years)):
        for target in target_set.items:
            if target.actual is None:
                found.warning("print.no-data", target.loc, id=target.id)


def printed_widths(conference: Conference, profile: str) -> Iterator[tuple[Photo, Decimal]]:
    """Each photo with its printed width in mm: the first alone, the others alone or two abreast
    (yearbook/year.html places them as the web page does)."""
    text_width = TEXT_WIDTH_MM.get(profile, TEXT_WIDTH_MM["ky-yeu"])
    rest = conference.photos[1:]
    for index, photo in enumerate(conference.photos):
        share = SIDE_BY_SIDE if index and len(rest) > 1 else ALONE
        yield photo, text_width * share


def _photos(conferences: tuple[Conference, ...], profile: str, sizes: Sizes, found: Problems) -> None:
    for conference in conferences:
        for photo, width_mm in printed_widths(conference, profile):
            if not photo.credit:
                found.warning("print.no-credit", photo.loc, src=photo.src)
            size = sizes.get(photo.src)
            if size is None:  # not a bitmap we can measure (SVG), or missing (already an error)
                continue
            dpi = Decimal(size[0]) * MM_PER_INCH / width_mm
            if dpi < MIN_DPI:
                needed = (width_mm * MIN_DPI / MM_PER_INCH).to_integral_value(ROUND_HALF_UP)
                found.warning(
                    "print.low-dpi", photo.loc, src=photo.src, dpi=int(dpi), pixels=size[0],
                    width=int(width_mm.to_integral_value(ROUND_HALF_UP)), needed=int(needed),
                )  # fmt: skip


def _awards_without_decision(terms: tuple[Term, ...], years: tuple[Year, ...], found: Problems) -> None:
    for award_set in (*(t.awards for t in terms), *(y.awards for y in years)):
        for award in award_set.items:
            if award.status == "granted" and not award.decision:
                found.warning("print.no-decision", award.loc, title=award.title, issuer=award.issuer)


def _names(model: SiteModel) -> Iterator[tuple[str, Loc]]:
    for term in model.terms:
        if term.secretary and not term.sample:
            yield term.secretary.name, term.secretary.loc
    for conference in model.conferences:
        if not conference.sample:
            yield from ((p.name, p.loc) for p in conference.attendees)
    if model.site.yearbook.signature:
        yield model.site.yearbook.signature.name, Loc(SITE_YAML)


def _names_written_two_ways(model: SiteModel, found: Problems) -> None:
    """One folded name (case, diacritics, spacing), several spellings: likely one person typed
    two ways, which the people index would list twice or under one spelling only."""
    first: dict[str, dict[str, Loc]] = {}
    for name, loc in _names(model):
        spelling = " ".join(unicodedata.normalize("NFC", name).split())
        spellings = first.setdefault(fold(spelling), {})
        if spelling not in spellings:
            spellings[spelling] = loc
    for spellings in first.values():
        (original, where), *others = spellings.items()
        for other, loc in others:
            found.warning("print.two-spellings", loc, name=other, other=original, where=str(where))
