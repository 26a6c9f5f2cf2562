"""What the site's search finds: one entry per published record, from the model.

`search_records` is the one place that decides which records are searchable
(today: every term, year, conference, free page, person, target and award; a
rule that keeps samples or drafts out of the site belongs here too). Bodies are
indexed as the plain text of their rendered, sanitised HTML, so the words are
the ones readers see. Pure: no IO, no Jinja; render/search_index.py encodes the
entries into the script the results page loads.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from site_builder import urls
from site_builder.formatting import format_term
from site_builder.model.abbreviations import abbr_pattern
from site_builder.model.records import AwardSet, Conference, GlossaryEntry, SiteModel, TargetSet

# The globals the index scripts set and the results page reads: the list of parts, the parts.
INDEX_GLOBAL = "siteSearchIndex"
PARTS_GLOBAL = "siteSearchParts"


def line(text: str | None) -> str:
    """One line, single spaces: the form the index encodes most compactly."""
    return " ".join((text or "").split())


@dataclass(frozen=True)
class SearchRecord:
    kind: str  # "term", "year", "conference", "page", "person", "target", "award"
    tag: str  # a finer kind shown instead of `kind` when set: the conference's kind ("tong-ket")
    url: str  # site-absolute address of the page (and anchor) that shows it
    title: str  # on one line (see `line`), like `text`
    text: str  # summary, body, roles, reason ... as one line of plain text
    date: dt.date | None
    where: str  # the year ("2022") or term ("2015 - 2020") a target or award belongs to, else ""
    # The expansions of the glossary abbreviations in the title and text ("đảng viên" for "ĐV"):
    # searched, so "kết nạp đảng viên" finds "kết nạp 152 ĐV", but never shown as if written.
    also: str = ""


@dataclass(frozen=True)
class Pending:
    """A conference's search record before its body is read: the record is made (`made`) only
    for the part of the index that must be encoded again, the costly part being the body's text."""

    conference: Conference
    body: str | None  # its rendered HTML, None when it has none

    @property
    def url(self) -> str:
        return urls.conference(self.conference)


Item = SearchRecord | Pending


def search_records(model: SiteModel, bodies: Mapping[str, str]) -> tuple[SearchRecord, ...]:
    """Every searchable record, in a stable order (terms, years, conferences, pages, people, targets, awards)."""
    return made(search_items(model, bodies), model.glossary)


def search_items(model: SiteModel, bodies: Mapping[str, str]) -> tuple[Item, ...]:
    """The records of `search_records`, in its order, conferences still Pending."""
    return (
        *_terms(model, bodies),
        *_years(model, bodies),
        *_conferences(model, bodies),
        *_pages(model, bodies),
        *_people(model),
        *_targets(model),
        *_awards(model),
    )


def made(items: Iterable[Item], glossary: Iterable[GlossaryEntry]) -> tuple[SearchRecord, ...]:
    """The records of `items`, Pending ones made, each with the expansions it uses."""
    records = (_conference(item) if isinstance(item, Pending) else item for item in items)
    return tuple(with_expansions(records, glossary))


def with_expansions(records: Iterable[SearchRecord], glossary: Iterable[GlossaryEntry]) -> Iterator[SearchRecord]:
    """Each record with `also` set to the expansions of the abbreviations it uses, found by the
    rule that marks them up on the page (model/abbreviations.py), each once."""
    expansions = {e.abbr: line(e.expansion) for e in glossary}
    pattern = abbr_pattern(expansions)
    for record in records:
        if pattern is None:
            yield record
            continue
        found = (expansions[m.group(0)] for m in pattern.finditer(f"{record.title}\n{record.text}"))
        also = " · ".join(dict.fromkeys(found))
        yield dataclasses.replace(record, also=also) if also else record


# Block-level tags (and <br>, <sup>) end a word; inline tags (<em>, <abbr>, <a>) do not.
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|h[1-6]|li|ul|ol|dl|dt|dd|table|thead|tbody|tfoot|tr|td|th|caption|blockquote|pre"
    r"|figure|figcaption|section|br|hr|img|sup|sub)\b[^>]*>",
    re.IGNORECASE,
)
_BACKREF = re.compile(r'<a\b[^>]*class="footnote-backref"[^>]*>.*?</a>', re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def html_text(fragment: str) -> str:
    """Plain text of a sanitised HTML fragment, whitespace folded to single spaces."""
    without_backrefs = _BACKREF.sub("", fragment)
    spaced = _BLOCK_TAG.sub(" ", without_backrefs)
    return line(html.unescape(_TAG.sub("", spaced)))


def _joined(*parts: str | None) -> str:
    """Parts as one line, each once: a summary that repeats the body's first paragraph is not doubled."""
    kept: list[str] = []
    for part in parts:
        part = line(part)
        # A default summary is the body's first paragraph, maybe cut short with " …".
        if part and not any(part.removesuffix(" …") in other for other in kept):
            kept = [other for other in kept if other not in part] + [part]
    return " · ".join(kept)


def _body_text(bodies: Mapping[str, str], *keys: str | None) -> str:
    return next((html_text(bodies[k]) for k in keys if k and k in bodies), "")


def _terms(model: SiteModel, bodies: Mapping[str, str]) -> Iterator[SearchRecord]:
    for t in model.terms:
        text = _joined(t.congress, _body_text(bodies, t.path))
        yield SearchRecord("term", "", urls.term(t), line(t.title), text, t.start, "")


def _years(model: SiteModel, bodies: Mapping[str, str]) -> Iterator[SearchRecord]:
    for y in model.years:
        text = _joined(y.summary, _body_text(bodies, y.path, y.body.loc.path if y.body else None))
        yield SearchRecord("year", "", urls.year(y), line(y.title), text, None, "")


def _conferences(model: SiteModel, bodies: Mapping[str, str]) -> Iterator[Pending]:
    for c in model.conferences:
        if c.sample:  # an example's invented text is never offered as a search result
            continue
        yield Pending(c, bodies.get(c.path))


def _conference(item: Pending) -> SearchRecord:
    c = item.conference
    text = _joined(c.summary, html_text(item.body) if item.body is not None else "")
    return SearchRecord("conference", c.kind, item.url, line(c.title), text, c.date, "")


def _pages(model: SiteModel, bodies: Mapping[str, str]) -> Iterator[SearchRecord]:
    for p in model.pages:
        if p.sample:
            continue
        text = _joined(p.summary, _body_text(bodies, p.path))
        yield SearchRecord("page", "", urls.page(p), line(p.title), text, None, "")


def _people(model: SiteModel) -> Iterator[SearchRecord]:
    for person in model.people:
        roles = "; ".join(line(role) for role in person.roles)
        yield SearchRecord("person", "", urls.person(person.anchor), line(person.name), roles, None, "")


def _scopes(model: SiteModel) -> Iterator[tuple[str, str, TargetSet, AwardSet]]:
    """(anchor on the targets and awards pages, shown scope, targets, awards) of each term and year."""
    for t in model.terms:
        yield f"nhiem-ky-{t.id}", format_term(t.id), t.targets, t.awards
    for y in model.years:
        yield f"nam-{y.year}", str(y.year), y.targets, y.awards


def _targets(model: SiteModel) -> Iterator[SearchRecord]:
    for anchor, where, targets, _ in _scopes(model):
        for target in (t for t in targets.items if not t.sample):
            text = _joined(target.period, target.source, target.note)
            yield SearchRecord("target", "", f"{urls.targets()}#{anchor}", line(target.name), text, None, where)


def _awards(model: SiteModel) -> Iterator[SearchRecord]:
    for anchor, where, _, awards in _scopes(model):
        for award in (a for a in awards.items if not a.sample):
            title = _joined(award.title, award.issuer)
            text = _joined(award.reason, ", ".join(line(name) for name in award.recipients), award.decision)
            yield SearchRecord("award", "", f"{urls.awards()}#{anchor}", title, text, award.date, where)
