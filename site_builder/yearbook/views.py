"""What the yearbook templates iterate over: small views of the model.

Bodies arrive as sanitised HTML written for the web site; `localise_body`
adapts one for the book: media links become file URLs under content/media/
(served by the confining fetcher), ids get a per-record prefix so the one
book document has no duplicate anchors, and site links (meaningless on
paper) become absolute links to the published site, or plain text.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from markupsafe import Markup, escape

from site_builder.layout import SiteLayout
from site_builder.model.editions import Edition, edition_term, edition_years, main_edition
from site_builder.model.records import Award, Conference, Markdown, Person, Photo, SiteModel, Target, Term, Year
from site_builder.yearbook.headings import nest_headings
from site_builder.yearbook.index import Mentions

_MEDIA_SRC = re.compile(r'\bsrc="(?:(?:\.\./)+|\./|/)?media/([^"#?]+)"')
_ID = re.compile(r'\bid="([^"]+)"')
_HREF = re.compile(r'\shref="([^"]*)"')


@dataclass(frozen=True)
class Guest:
    person: Person
    anchor: str | None  # people-index anchor of this mention


@dataclass(frozen=True)
class PhotoView:
    photo: Photo
    url: str  # file: URL inside content/media/


@dataclass(frozen=True)
class ConferenceView:
    conference: Conference
    id: str
    body: Markup
    guests: tuple[Guest, ...]
    photos: tuple[PhotoView, ...]


@dataclass(frozen=True)
class YearView:
    year: Year
    id: str
    body: Markup | None
    conferences: tuple[ConferenceView, ...]


@dataclass(frozen=True)
class HonourRow:
    award: Award
    source: str  # "term" or the year, as text


def media_url(site_root: Path, src: str) -> str:
    """The file: URL of a content/media/ file (confinement is the fetcher's job)."""
    return (SiteLayout(site_root).media / src).resolve().as_uri()


def localise_body(html: str, prefix: str, site_root: Path, base_url: str | None) -> Markup:
    # Body media URLs are percent-encoded for the web; the file on disk has the plain name.
    html = _MEDIA_SRC.sub(lambda m: f'src="{media_url(site_root, unquote(htmllib.unescape(m.group(1))))}"', html)
    html = _ID.sub(lambda m: f'id="{prefix}--{m.group(1)}"', html)

    def href(m: re.Match[str]) -> str:
        url = m.group(1)
        if url.startswith("#"):
            return f' href="#{prefix}--{url[1:]}"'
        if re.match(r"(?i)(https?:|mailto:)", url):
            return m.group(0)
        if base_url and url.startswith("/"):
            return f' href="{base_url.rstrip("/")}{url}"'
        return ""

    return Markup(_HREF.sub(href, html))  # noqa: S704 - sanitised by the markup stage


def body_of(
    bodies: Mapping[str, str],
    path: str,
    doc: Markdown,
    prefix: str,
    site_root: Path,
    base_url: str | None,
    level: int = 1,
) -> Markup:
    """A record's body for the book (keyed by the body's file, else the record's path),
    its headings nested below a heading of `level`; without a rendered body, its text
    as escaped paragraphs."""
    html = bodies.get(doc.loc.path, bodies.get(path))
    if html is None:
        paras = [p.strip() for p in doc.source.split("\n\n") if p.strip()]
        html = "".join(f"<p>{escape(p)}</p>" for p in paras)
    return localise_body(nest_headings(html, level), prefix, site_root, base_url)


def conference_view(c: Conference, ctx: BookInputs) -> ConferenceView:
    cid = f"hoi-nghi-{c.year}-{c.slug}"
    guests = tuple(Guest(p, ctx.mentions.mark(p.name, c.path)) for p in c.attendees)
    photos = tuple(PhotoView(p, media_url(ctx.site_root, p.src)) for p in c.photos)
    body = body_of(ctx.bodies, c.path, c.body, cid, ctx.site_root, ctx.base_url, level=2)  # under its <h2>
    return ConferenceView(c, cid, body, guests, photos)


def year_view(y: Year, ctx: BookInputs, term: Term | None = None) -> YearView:
    """A year's chapter; in a term's book (`term`) only the conferences held within the term's
    dates, so a conference of a year that straddles two terms is printed in one book only."""
    yid = f"nam-{y.year}"
    body = None
    if y.body is not None:
        body = body_of(ctx.bodies, y.path, y.body, yid, ctx.site_root, ctx.base_url)
    conferences = term.conferences_of(y) if term is not None else y.conferences
    return YearView(y, yid, body, tuple(conference_view(c, ctx) for c in conferences))


def honour_roll(model: SiteModel, term: Term) -> list[HonourRow]:
    """Every award of the term (the term's own and its years'), most prestigious first.

    The model's order is the source of truth (the web site shows each set in it): rows
    are grouped by rank, granted before proposed, and keep the model's order inside a
    group (the term's own awards, then each year's, each in its set's order), since the
    sort is stable and adds no key of its own."""
    rows = [HonourRow(a, "term") for a in term.awards.items]
    rows += [HonourRow(a, str(y.year)) for y in model.term_years(term) for a in y.awards.items]
    return sorted(rows, key=lambda r: (r.award.rank, r.award.status != "granted"))


def printed_without_data(model: SiteModel, edition: Edition | None = None) -> list[Target]:
    """The targets a book prints as "chưa có số liệu": its term's (a term book) and its years'."""
    edition = edition or main_edition(model)
    if edition is None:
        return []
    term = edition_term(model, edition) if edition.kind == "term" else None
    sets = [*([term.targets] if term else []), *(y.targets for y in edition_years(model, edition))]
    return [t for s in sets for t in s.items if t.actual is None]


@dataclass
class BookInputs:
    """What view builders need besides the model; one per assembly (fresh Mentions)."""

    bodies: Mapping[str, str]
    site_root: Path
    base_url: str | None
    mentions: Mentions
