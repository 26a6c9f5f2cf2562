"""Years (with their conferences) and terms, and which years belong to which term."""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal

from site_builder.catalogue import text
from site_builder.layout import TERMS, YEARS
from site_builder.model import derive
from site_builder.model.collation import person_match_key
from site_builder.model.fields import validate
from site_builder.model.markdown_text import first_paragraph
from site_builder.model.media import media_path
from site_builder.model.memo import ConferenceEntry, LoadMemo
from site_builder.model.numbers import MAX_YEAR, MIN_YEAR, THOUSANDS_DOT
from site_builder.model.records import Conference, Markdown, Person, Photo, Stat, Term, Year
from site_builder.model.samples import is_sample
from site_builder.model.schemas import ConferenceFields, PageFields, PersonFields, PhotoFields, StatFields, TermFields
from site_builder.model.sets import load_award_set, load_target_set
from site_builder.model.slugs import conference_slug
from site_builder.model.values import Ctx
from site_builder.problems import Loc, Problems
from site_builder.sources.discover import RawRecord

# [0-9], not \d: a folder named in Arabic-Indic digits is not a year.
_TERM_FOLDER = re.compile(r"([0-9]{4})-([0-9]{4})")
_YEAR_FOLDER = re.compile(r"[0-9]{4}")
_DATE_PREFIX = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})-")
_CREDIT_LABEL = re.compile(r"\s*(ảnh|photo)\s*:\s*", re.IGNORECASE)  # the label the theme adds itself

Grouped = Mapping[str, list[RawRecord]]


def _plausible_year(digits: str) -> bool:
    return MIN_YEAR <= int(digits) <= MAX_YEAR


def group_by_folder(records: Iterable[RawRecord]) -> dict[str, list[RawRecord]]:
    groups: dict[str, list[RawRecord]] = defaultdict(list)
    for record in records:
        groups[record.folder or ""].append(record)
    return groups


def _one(records: list[RawRecord] | None) -> RawRecord | None:
    return records[0] if records else None


def person(fields: PersonFields, path: str) -> Person:
    return Person(fields.name, fields.role, Loc(path, fields.node.line, fields.node.col))


# --- years ---------------------------------------------------------------


def load_years(by_kind: Grouped, lang: str, problems: Problems, memo: LoadMemo | None = None) -> list[Year]:
    folders: set[str] = set()
    groups = {
        kind: group_by_folder(by_kind.get(kind, [])) for kind in ("year", "year-targets", "year-awards", "conference")
    }
    for group in groups.values():
        folders.update(group)
    years = []
    for folder in sorted(folders):
        if not _YEAR_FOLDER.fullmatch(folder) or not _plausible_year(folder):
            first = next(r for g in groups.values() for r in g.get(folder, []))
            problems.error("year.bad-folder", Loc(first.path))
            continue
        records = {k: g.get(folder, []) for k, g in groups.items()}
        years.append(load_year(int(folder), records, lang, problems, memo))
    return years


def load_year(
    year: int, records: Mapping[str, list[RawRecord]], lang: str, problems: Problems, memo: LoadMemo | None = None
) -> Year:
    overview = _one(records["year"])
    fields, sample = _year_overview(overview, problems)
    conferences = [c for r in records["conference"] if (c := remembered_conference(r, year, problems, memo))]
    conferences.sort(key=lambda c: (c.date, c.slug))
    return Year(
        year=year,
        path=f"{YEARS}/{year}",
        title=fields.title if fields else text("year.label", lang, year=year),
        summary=fields.summary if fields else None,
        body=Markdown(overview.body or "", Loc(overview.path, overview.body_line)) if overview else None,
        conferences=tuple(conferences),
        targets=load_target_set(_one(records["year-targets"]), problems),
        awards=load_award_set(_one(records["year-awards"]), problems),
        terms=(),
        sample=sample,
    )


def _year_overview(record: RawRecord | None, problems: Problems) -> tuple[PageFields | None, bool]:
    """year.md's fields (None when there is none or it is wrong) and whether it is an unedited example."""
    if record is None:
        return None, False
    ctx = Ctx(record.path, problems)
    fields = validate(record.data, PageFields, ctx)
    return fields, fields is not None and is_sample(fields, ctx)


def remembered_conference(record: RawRecord, year: int, problems: Problems, memo: LoadMemo | None) -> Conference | None:
    """`load_conference`, or what an earlier build made of the same file (its problems reported again)."""
    if memo is None:
        return load_conference(record, year, problems)

    def make() -> ConferenceEntry:
        local = Problems()
        return load_conference(record, year, local), tuple(local)

    conference, found = memo.conference(record.path, make)
    problems.extend(found)
    return conference


def load_conference(record: RawRecord, year: int, problems: Problems) -> Conference | None:
    ctx = Ctx(record.path, problems)
    fields = validate(record.data, ConferenceFields, ctx)
    if fields is None:
        return None
    date = fields.date
    if date.year != year:
        problems.error(
            "conference.date-outside-year",
            fields.loc(ctx, "date"),
            date=date.isoformat(),
            year=year,
            date_year=date.year,
        )
        return None
    prefix = _DATE_PREFIX.match(record.stem or "")
    if prefix and prefix.group(1) != date.isoformat():
        problems.warning(
            "conference.filename-date", fields.loc(ctx, "date"), file_date=prefix.group(1), date=date.isoformat()
        )
    loc = Loc(record.path, 1)
    body = record.body or ""
    sample = is_sample(fields, ctx)
    return Conference(
        path=record.path,
        slug=conference_slug(record.stem or ""),
        year=year,
        title=fields.title,
        date=date,
        kind=fields.kind,
        host=fields.host,
        attendees=attendees(fields.attendees, ctx),
        author=fields.author,
        summary=fields.summary or first_paragraph(body),
        tags=fields.tags,
        photos=tuple(photo(p, ctx) for p in fields.photos),
        body=Markdown(body, Loc(record.path, record.body_line)),
        loc=loc,
        sample=sample,
    )


def attendees(items: tuple[PersonFields, ...], ctx: Ctx) -> tuple[Person, ...]:
    """The people present, each once: a name listed twice is reported and kept once."""
    people: list[Person] = []
    seen: set[str] = set()
    for item in items:
        found = person(item, ctx.path)
        key = person_match_key(found.name)
        if key in seen:
            ctx.problems.warning("conference.duplicate-attendee", found.loc, name=found.name)
            continue
        seen.add(key)
        people.append(found)
    return tuple(people)


def photo(fields: PhotoFields, ctx: Ctx) -> Photo:
    return Photo(
        src=media_path(fields.src) or fields.src.strip(),
        caption=fields.caption,
        credit=photo_credit(fields, ctx),
        loc=Loc(ctx.path, fields.node.line, fields.node.col),
        alt=fields.alt,
    )


def photo_credit(fields: PhotoFields, ctx: Ctx) -> str | None:
    """The author's name: the theme prints its own "Ảnh:" before it, so a credit typed as
    "Ảnh: Văn Nỷ" (as older templates suggested) would print "Ảnh: Ảnh: Văn Nỷ". The label is
    dropped, with a warning that says it is added automatically."""
    credit = fields.credit
    label = _CREDIT_LABEL.match(credit or "")
    if credit is None or label is None:
        return credit
    name = credit[label.end() :].strip()
    ctx.problems.warning("photo.credit-label", fields.loc(ctx, "credit"), label=label.group(1), name=name)
    return name or None


# --- terms ---------------------------------------------------------------


def load_terms(by_kind: Grouped, years: list[Year], problems: Problems) -> list[Term]:
    summaries = group_by_folder(by_kind.get("term", []))
    targets = group_by_folder(by_kind.get("term-targets", []))
    awards = group_by_folder(by_kind.get("term-awards", []))
    terms = []
    for folder in sorted(set(summaries) | set(targets) | set(awards)):
        record = _one(summaries.get(folder))
        if record is None:
            other = _one(targets.get(folder)) or _one(awards.get(folder))
            problems.error("term.missing-summary", Loc(other.path if other else TERMS), term=folder)
            continue
        term = load_term(record, folder, years, problems, _one(targets.get(folder)), _one(awards.get(folder)))
        if term is not None:
            terms.append(term)
    terms.sort(key=lambda t: t.start)
    return terms


def load_term(
    record: RawRecord, folder: str, years: list[Year], problems: Problems,
    targets: RawRecord | None, awards: RawRecord | None,
) -> Term | None:  # fmt: skip
    ctx = Ctx(record.path, problems)
    match = _TERM_FOLDER.fullmatch(folder)
    if not match or not all(_plausible_year(part) for part in match.groups()):
        problems.error("term.bad-folder", Loc(record.path))
        return None
    fields = validate(record.data, TermFields, ctx)
    if fields is None or not check_term_dates(fields, match, ctx):
        return None
    start, end = fields.start, fields.end
    member_years = tuple(y for y in years if start.year <= y.year <= end.year)
    return Term(
        id=folder,
        path=record.path,
        title=fields.title,
        start=start,
        end=end,
        congress=fields.congress,
        secretary=person(fields.secretary, record.path) if fields.secretary else None,
        stats=tuple(load_stat(s, ctx) for s in fields.stats),
        body=Markdown(record.body or "", Loc(record.path, record.body_line)),
        targets=load_target_set(targets, problems),
        awards=load_award_set(awards, problems),
        years=tuple(y.year for y in member_years),
        conference_count=sum(1 for y in member_years for c in y.conferences if not c.sample and start <= c.date <= end),
        year_awards=derive.add_totals(y.awards.totals for y in member_years),
        sample=is_sample(fields, ctx),
    )


def load_stat(fields: StatFields, ctx: Ctx) -> Stat:
    """A headline figure; `3.281` that is not a percent is 3281 written with a thousands dot:
    read as 3281, with a warning that says so (CONTENT_MODEL.md)."""
    raw = fields.node.get("value")
    value = fields.value
    written = str(raw).strip()
    if THOUSANDS_DOT.fullmatch(written) and (fields.unit or "").strip() != "%":
        value = Decimal(written.replace(".", ""))
        ctx.problems.warning("stat.thousands-dot", ctx.at(raw), value=written, suggest=format(value, "f"))
    return Stat(fields.label, value, fields.unit)


def check_term_dates(fields: TermFields, match: re.Match[str], ctx: Ctx) -> bool:
    ok = True
    for name, written, folder_year in (("start", fields.start, match.group(1)), ("end", fields.end, match.group(2))):
        if written.year != int(folder_year):
            ctx.problems.error(
                "term.folder-mismatch",
                fields.loc(ctx, name),
                field=name,
                value=written.isoformat(),
                folder=match.group(0),
            )
            ok = False
    if ok and fields.end < fields.start:
        ctx.problems.error("term.end-before-start", fields.loc(ctx, "end"))
        ok = False
    return ok


def attach_terms(years: list[Year], terms: list[Term], problems: Problems) -> tuple[Year, ...]:
    """A year belongs to every term whose dates it overlaps."""
    attached = []
    for year in years:
        ids = tuple(t.id for t in terms if t.start.year <= year.year <= t.end.year)
        if not ids:
            problems.warning("year.no-term", Loc(year.path), year=year.year)
        attached.append(dataclasses.replace(year, terms=ids))
    return tuple(attached)
