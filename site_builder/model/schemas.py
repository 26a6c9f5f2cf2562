"""The content contract (CONTENT_MODEL.md) as typed schemas, one per record kind.

Each is a `Fields` dataclass (model/fields.py): a field's type says how it is read, its
default is its value when absent, a field without a default is required. The choices of a
choice field are its `Literal` type's values, declared once in model/records.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from site_builder.catalogue import Language
from site_builder.model.fields import AllOrTexts, Fields
from site_builder.model.records import AwardStatus, ConferenceKind, Direction, Paper, Profile, RecipientKind
from site_builder.model.values import Slug, Url
from site_builder.sources.themes import DEFAULT_THEME


@dataclass(frozen=True, kw_only=True)
class SampleFields(Fields):
    # `sample: true` marks an example written by `new site` (or any record) as not yet real:
    # shown marked "MẪU", never counted, a warning in every check and build (docs/content-format.md).
    sample: bool = False


@dataclass(frozen=True, kw_only=True)
class PersonFields(Fields):
    name: str
    role: str | None = None


@dataclass(frozen=True, kw_only=True)
class SignatureFields(Fields):
    """The foreword's signature block, as Party documents sign: "T/M BAN THƯỜNG VỤ" / "BÍ THƯ" / name."""

    on_behalf: str | None = None
    title: str | None = None
    name: str


@dataclass(frozen=True, kw_only=True)
class EditionsFields(Fields):
    """Which books besides the term's: "all" or a list of ids (term ids, years)."""

    terms: AllOrTexts | None = None
    years: AllOrTexts | None = None


@dataclass(frozen=True, kw_only=True)
class YearbookFields(Fields):
    term: str | None = None  # default: the latest term
    title: str | None = None  # default: the site's title
    subtitle: str | None = None
    filename: str | None = None  # default: ky-yeu-<term>.pdf
    paper: Paper = "A4"
    foreword: str | None = None
    profile: Profile = "ky-yeu"
    emblem: str | None = None
    slogan: str | None = None
    signature: SignatureFields | None = None
    editions: EditionsFields | None = None
    draft: str | None = None  # "Dự thảo lần 2": a draft round, watermarked on every page
    final: bool = False  # this edition is the final one


@dataclass(frozen=True, kw_only=True)
class LimitsFields(Fields):
    """Caps as written; the defaults of those not written are SourceLimits' (sources/limits.py)."""

    max_file_kb: int | None = None
    max_records: int | None = None
    max_image_kb: int | None = None
    max_image_pixels: int | None = None
    max_svg_nodes: int | None = None
    max_depth: int | None = None


@dataclass(frozen=True, kw_only=True)
class ImageFields(Fields):
    """Encoder qualities as written; the defaults of those not written are ImageOptions'."""

    jpeg_quality: int | None = None
    webp_quality: int | None = None


@dataclass(frozen=True, kw_only=True)
class SiteFields(Fields):
    title: str
    organization: str
    province: str | None = None
    language: Language = "vi"
    base_url: Url | None = None
    theme: str = DEFAULT_THEME
    yearbook: YearbookFields | None = None
    limits: LimitsFields | None = None
    images: ImageFields | None = None


@dataclass(frozen=True, kw_only=True)
class StatFields(Fields):
    label: str
    value: Decimal
    unit: str | None = None


@dataclass(frozen=True, kw_only=True)
class TermFields(SampleFields):
    title: str
    start: dt.date
    end: dt.date
    congress: str | None = None
    secretary: PersonFields | None = None
    stats: tuple[StatFields, ...] = ()


@dataclass(frozen=True, kw_only=True)
class TargetFields(SampleFields):
    id: Slug
    name: str
    unit: str | None = None
    target: Decimal | None = None
    actual: Decimal | None  # required, but may be left empty: "chưa có số liệu"
    percent: Decimal | None = None
    direction: Direction = "at_least"
    period: str | None = None
    source: str | None = None
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class AwardFields(SampleFields):
    title: str
    issuer: str
    recipient_kind: RecipientKind
    count: int | None = None
    recipients: tuple[str, ...] = ()
    reason: str | None = None
    date: dt.date | None = None
    decision: str | None = None
    status: AwardStatus = "granted"


@dataclass(frozen=True, kw_only=True)
class PhotoFields(Fields):
    src: str
    caption: str
    alt: str | None = None  # what the photo shows, for readers who cannot see it
    credit: str | None = None


@dataclass(frozen=True, kw_only=True)
class ConferenceFields(SampleFields):
    title: str
    date: dt.date
    kind: ConferenceKind
    host: str | None = None
    attendees: tuple[PersonFields, ...] = ()
    author: str | None = None
    summary: str | None = None
    tags: tuple[str, ...] = ()
    photos: tuple[PhotoFields, ...] = ()


@dataclass(frozen=True, kw_only=True)
class PageFields(SampleFields):
    title: str
    order: Decimal | None = None
    summary: str | None = None
