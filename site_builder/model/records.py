"""The validated site model: plain frozen dataclasses, derived figures included.

Everything a template shows is computed here once (ratios, statuses, tallies,
totals, people index); templates and the yearbook only format and lay out.
Paths (`path`) are site-relative POSIX paths such as
"content/years/2019/conferences/2019-08-02-so-ket-6-thang.md".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, get_args

from site_builder.catalogue import Language
from site_builder.layout import SITE_YAML
from site_builder.problems import Loc
from site_builder.sources.limits import SourceLimits

# "no-data": `actual` left empty (no result yet): shown as such, never rated, left out of the tally.
# "partial": a figure for part of the period (`period: "9 tháng"`): shown with its ratio, never
# rated against the full-period plan, and left out of the tally like "no-data" (counted apart).
Status = Literal["vuot", "dat", "khong-dat", "unknown", "no-data", "partial"]
Direction = Literal["at_least", "at_most"]
RecipientKind = Literal["collective", "individual"]
AwardStatus = Literal["granted", "proposed"]
# The kinds of conference, declared here once: the schema's choices, `new conference --kind`,
# the year page's filter and the search labels all come from it; their labels are the theme
# catalogue's "kind.<kind>" entries.
ConferenceKind = Literal["so-ket", "tong-ket", "bch-mo-rong", "dai-hoi", "chuyen-de", "khac"]
CONFERENCE_KINDS: tuple[ConferenceKind, ...] = get_args(ConferenceKind)
Profile = Literal["ky-yeu", "van-kien"]  # the yearbook's layout: a yearbook, or congress documents
Paper = Literal["A4"]


@dataclass(frozen=True)
class Markdown:
    """A Markdown body as written; rendered to HTML by the markup stage."""

    source: str
    loc: Loc  # where the body starts in its file


@dataclass(frozen=True)
class Person:
    name: str
    role: str | None
    loc: Loc


@dataclass(frozen=True)
class Photo:
    src: str  # path under content/media/, e.g. "photos/2019-so-ket.jpg"
    caption: str
    credit: str | None
    loc: Loc
    alt: str | None = None  # the text alternative; without it the caption is the only description


@dataclass(frozen=True)
class Stat:
    label: str
    value: Decimal
    unit: str | None


@dataclass(frozen=True)
class Target:
    id: str
    name: str
    unit: str | None
    target: Decimal | None  # as written
    actual: Decimal | None  # None: "chưa có số liệu" (status "no-data"), never rated
    percent: Decimal | None  # as published
    direction: Direction
    period: str | None
    source: str | None
    note: str | None
    loc: Loc
    # Derived
    is_rate: bool  # unit "%": compared in percentage points
    planned: Decimal | None  # target as written, or implied by percent (88 at 57,5% -> 153)
    planned_is_implied: bool
    ratio: Decimal | None  # count targets: actual / planned * 100, half-up to the shown precision
    points: Decimal | None  # rate targets: actual - target, in percentage points
    status: Status
    progress: Decimal  # 0..100, width of a progress bar (ratio capped; rates: actual)
    sample: bool = False  # `sample: true`: an unedited example, shown marked "MẪU", never counted

    @property
    def has_data(self) -> bool:
        return self.actual is not None


@dataclass(frozen=True)
class Tally:
    """Over the targets with full-period data that are not samples: "đạt và vượt met/total chỉ
    tiêu"; `no_data` more have no result yet ("1 chỉ tiêu chưa có số liệu") and `partial` more a
    figure for part of the period only (not rated)."""

    met: int  # đạt + vượt
    exceeded: int
    missed: int
    unknown: int
    total: int  # targets with data
    no_data: int = 0
    partial: int = 0


@dataclass(frozen=True)
class TargetSet:
    path: str | None  # the targets.yaml it came from
    items: tuple[Target, ...]
    tally: Tally


@dataclass(frozen=True)
class Award:
    title: str
    issuer: str
    recipient_kind: RecipientKind
    count: int
    recipients: tuple[str, ...]
    reason: str | None
    date: dt.date | None
    decision: str | None
    status: AwardStatus
    loc: Loc
    rank: int  # derived: lower is more prestigious (Huân chương < Cờ thi đua < Bằng khen ...)
    sample: bool = False  # shown marked "MẪU", left out of the totals


@dataclass(frozen=True)
class AwardTotals:
    """Granted awards only; proposed ones are counted apart."""

    collective: int
    individual: int
    proposed_collective: int
    proposed_individual: int

    @property
    def granted(self) -> int:
        return self.collective + self.individual

    @property
    def proposed(self) -> int:
        return self.proposed_collective + self.proposed_individual


@dataclass(frozen=True)
class AwardSet:
    path: str | None
    items: tuple[Award, ...]  # sorted by rank, then date
    totals: AwardTotals


@dataclass(frozen=True)
class Conference:
    path: str
    slug: str
    year: int
    title: str
    date: dt.date
    kind: ConferenceKind
    host: str | None
    attendees: tuple[Person, ...]
    author: str | None
    summary: str  # as written, or the body's first paragraph as plain text
    tags: tuple[str, ...]
    photos: tuple[Photo, ...]
    body: Markdown
    loc: Loc
    sample: bool = False  # shown marked "MẪU", not counted, nobody in it enters the people index


@dataclass(frozen=True)
class Year:
    year: int
    path: str  # the folder, e.g. "content/years/2019"
    title: str  # from year.md, or "Năm 2019"
    summary: str | None
    body: Markdown | None
    conferences: tuple[Conference, ...]  # by date
    targets: TargetSet
    awards: AwardSet
    terms: tuple[str, ...]  # ids of the terms it overlaps
    sample: bool = False  # year.md is an unedited example (its title and text are placeholders)


@dataclass(frozen=True)
class Term:
    id: str  # "2015-2020"
    path: str  # content/terms/2015-2020/term.md
    title: str
    start: dt.date
    end: dt.date
    congress: str | None
    secretary: Person | None
    stats: tuple[Stat, ...]
    body: Markdown
    targets: TargetSet
    awards: AwardSet
    years: tuple[int, ...]  # years overlapping the term
    # Derived over the term's years
    conference_count: int  # samples left out
    year_awards: AwardTotals  # sum of the years' award totals (granted / proposed)
    sample: bool = False  # term.md is an unedited example

    def holds(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def conferences_of(self, year: Year) -> tuple[Conference, ...]:
        """The year's conferences held within the term's dates: a year that straddles two terms
        lends its targets and awards to both, but each conference belongs to one term only."""
        return tuple(c for c in year.conferences if self.holds(c.date))


@dataclass(frozen=True)
class Page:
    path: str
    slug: str
    title: str
    order: Decimal | None
    summary: str | None
    body: Markdown
    sample: bool = False  # an unedited example page (never silently the foreword)


@dataclass(frozen=True)
class GlossaryEntry:
    abbr: str
    expansion: str
    loc: Loc


@dataclass(frozen=True)
class Mention:
    """One record naming a person."""

    kind: Literal["conference", "term"]
    path: str  # the record's path, the key to find its page
    title: str
    role: str | None
    date: dt.date | None


@dataclass(frozen=True)
class PersonEntry:
    name: str  # display form (first spelling met, NFC)
    key: str  # match key (NFC, spaces folded, casefolded, tone placement canonical)
    anchor: str  # ASCII id, e.g. "nguyen-van-a"
    roles: tuple[str, ...]  # distinct roles, in order of first appearance
    mentions: tuple[Mention, ...]  # by date


@dataclass(frozen=True)
class Signature:
    """The foreword's signature block, as Party documents sign it."""

    name: str
    title: str | None  # "BÍ THƯ"
    on_behalf: str | None  # "T/M BAN THƯỜNG VỤ": on behalf of the standing committee


@dataclass(frozen=True)
class EditionChoice:
    """`yearbook.editions` in site.yaml: which terms and years `build` also prints as books of
    their own. "all", or the ids written (term ids "2015-2020", years as text "2023")."""

    terms: str | tuple[str, ...] = ()
    years: str | tuple[str, ...] = ()


@dataclass(frozen=True)
class YearbookOptions:
    term: str  # term id
    title: str
    subtitle: str | None
    filename: str  # "ky-yeu-2015-2020.pdf"
    paper: Paper
    foreword: str | None  # path of the foreword page, e.g. "content/pages/loi-noi-dau.md"
    profile: Profile
    emblem: str | None  # path under content/media/
    slogan: str | None = None  # the term's slogan, printed on the cover
    signature: Signature | None = None  # signs the foreword (else the term's secretary does)
    editions: EditionChoice = EditionChoice()  # more books than the term's (yearbook.editions)
    draft: str | None = None  # "Dự thảo lần 2": a draft round, watermarked "DỰ THẢO" on every page
    final: bool = False  # this edition is the final one: later changes to its figures are flagged
    final_loc: Loc | None = None  # where `final: true` is written (--draft is refused there)


@dataclass(frozen=True)
class ImageOptions:
    """Encoder settings of the web thumbnails (site.yaml `images:`), 1..100."""

    jpeg_quality: int = 82
    webp_quality: int = 80


@dataclass(frozen=True)
class SiteInfo:
    title: str
    organization: str
    province: str | None
    language: Language
    base_url: str | None
    theme: str
    yearbook: YearbookOptions
    limits: SourceLimits = field(default_factory=SourceLimits)
    theme_loc: Loc = Loc(SITE_YAML)  # where `theme:` is written, for a missing-theme error
    images: ImageOptions = field(default_factory=ImageOptions)


@dataclass(frozen=True)
class SiteModel:
    site: SiteInfo
    glossary: tuple[GlossaryEntry, ...]
    terms: tuple[Term, ...]  # by start date
    years: tuple[Year, ...]  # ascending
    pages: tuple[Page, ...]  # by order, then title
    people: tuple[PersonEntry, ...]  # Vietnamese order by given name
    media: tuple[str, ...]  # referenced media paths under content/media/, sorted

    @property
    def conferences(self) -> tuple[Conference, ...]:
        return tuple(c for y in self.years for c in y.conferences)

    @property
    def current_term(self) -> Term | None:
        return self.terms[-1] if self.terms else None

    @property
    def yearbook_term(self) -> Term | None:
        return next((t for t in self.terms if t.id == self.site.yearbook.term), None)

    def term_years(self, term: Term) -> tuple[Year, ...]:
        return tuple(y for y in self.years if y.year in term.years)
