"""The content contract as field tables (CONTENT_MODEL.md), one per record kind."""

from __future__ import annotations

from site_builder.model.records import CONFERENCE_KINDS, PROFILES
from site_builder.model.values import Field

PERSON = (Field("name", "text", required=True), Field("role", "text"))

# `sample: true` marks an example written by `new site` (or any record) as not yet real:
# shown marked "MẪU", never counted, a warning in every check and build (docs/content-format.md).
SAMPLE = Field("sample", "flag", default=False)

# The foreword's signature block, as Party documents sign: "T/M BAN THƯỜNG VỤ" / "BÍ THƯ" / name.
SIGNATURE = (
    Field("on_behalf", "text"),
    Field("title", "text"),
    Field("name", "text", required=True),
)

# Which books besides the term's: "all" or a list of ids (term ids, years).
EDITIONS = (
    Field("terms", "all|list[text]"),
    Field("years", "all|list[text]"),
)

YEARBOOK = (
    Field("term", "text"),
    Field("title", "text"),
    Field("subtitle", "text"),
    Field("filename", "text"),
    Field("paper", "choice", choices=("A4",), default="A4"),
    Field("foreword", "text"),
    Field("profile", "choice", choices=PROFILES, default="ky-yeu"),
    Field("emblem", "text"),
    Field("slogan", "text"),
    Field("signature", "mapping", schema=SIGNATURE),
    Field("editions", "mapping", schema=EDITIONS),
    Field("draft", "text"),
    Field("final", "flag", default=False),
)

LIMITS = (
    Field("max_file_kb", "integer"),
    Field("max_records", "integer"),
    Field("max_image_kb", "integer"),
    Field("max_image_pixels", "integer"),
    Field("max_svg_nodes", "integer"),
    Field("max_depth", "integer"),
)

IMAGES = (
    Field("jpeg_quality", "integer"),
    Field("webp_quality", "integer"),
)

SITE = (
    Field("title", "text", required=True),
    Field("organization", "text", required=True),
    Field("province", "text"),
    Field("language", "choice", choices=("vi", "en"), default="vi"),
    Field("base_url", "url"),
    Field("theme", "text", default="default"),
    Field("yearbook", "mapping", schema=YEARBOOK),
    Field("limits", "mapping", schema=LIMITS),
    Field("images", "mapping", schema=IMAGES),
)

STAT = (
    Field("label", "text", required=True),
    Field("value", "decimal", required=True),
    Field("unit", "text"),
)

TERM = (
    Field("title", "text", required=True),
    Field("start", "date", required=True),
    Field("end", "date", required=True),
    Field("congress", "text"),
    Field("secretary", "mapping", schema=PERSON),
    Field("stats", "list[mapping]", schema=STAT, default=()),
    SAMPLE,
)

TARGET = (
    Field("id", "slug", required=True),
    Field("name", "text", required=True),
    Field("unit", "text"),
    Field("target", "decimal"),
    Field("actual", "decimal", required=True, nullable=True),  # empty: "chưa có số liệu"
    Field("percent", "decimal"),
    Field("direction", "choice", choices=("at_least", "at_most"), default="at_least"),
    Field("period", "text"),
    Field("source", "text"),
    Field("note", "text"),
    SAMPLE,
)

AWARD = (
    Field("title", "text", required=True),
    Field("issuer", "text", required=True),
    Field("recipient_kind", "choice", required=True, choices=("collective", "individual")),
    Field("count", "integer"),
    Field("recipients", "list[text]", default=()),
    Field("reason", "text"),
    Field("date", "date"),
    Field("decision", "text"),
    Field("status", "choice", choices=("granted", "proposed"), default="granted"),
    SAMPLE,
)

PHOTO = (
    Field("src", "text", required=True),
    Field("caption", "text", required=True),
    Field("alt", "text"),  # what the photo shows, for readers who cannot see it
    Field("credit", "text"),
)

CONFERENCE = (
    Field("title", "text", required=True),
    Field("date", "date", required=True),
    Field("kind", "choice", required=True, choices=CONFERENCE_KINDS),
    Field("host", "text"),
    Field("attendees", "list[mapping]", schema=PERSON, default=()),
    Field("author", "text"),
    Field("summary", "text"),
    Field("tags", "list[text]", default=()),
    Field("photos", "list[mapping]", schema=PHOTO, default=()),
    SAMPLE,
)

PAGE = (
    Field("title", "text", required=True),
    Field("order", "decimal"),
    Field("summary", "text"),
    SAMPLE,
)
