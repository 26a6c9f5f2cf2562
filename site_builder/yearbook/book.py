"""Assemble the whole yearbook as one HTML document from the theme's templates.

`assemble()` is pure apart from reading no files at all: the model, the
rendered bodies and the Jinja environment go in, HTML comes out. Page numbers
are never computed here: the contents use CSS `target-counter()`, and the
people index receives the numbers found by a first render (see pdf.py).
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import jinja2
from markupsafe import Markup, escape

from site_builder.catalogue import ThemeText
from site_builder.charts.figures import charts_for
from site_builder.formatting import format_term
from site_builder.layout import content_relative, in_content
from site_builder.model.abbreviations import used_abbreviations
from site_builder.model.collation import sort_key
from site_builder.model.editions import Edition, edition_term, edition_years, main_edition
from site_builder.model.records import GlossaryEntry, Page, Signature, SiteModel, Term
from site_builder.pages.plan import Context
from site_builder.yearbook.faces import book_options, cover_year
from site_builder.yearbook.index import IndexEntry, Mentions, index_entries
from site_builder.yearbook.views import (
    BookInputs,
    Guest,
    YearView,
    body_of,
    honour_roll,
    media_url,
    year_view,
)  # fmt: skip

TEMPLATE = "yearbook.html"
_TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class TocEntry:
    id: str
    label: str
    children: tuple[TocEntry, ...] = ()


@dataclass(frozen=True)
class Book:
    html: str
    mentions: Mentions
    toc: tuple[TocEntry, ...]
    people: tuple[IndexEntry, ...]
    glossary: tuple[GlossaryEntry, ...]
    context: Mapping[str, Any]  # what the templates were given; the Word writer lays out the same views


def generator_version() -> str:
    try:
        from importlib.metadata import version

        return version("site-builder")
    except Exception:  # noqa: BLE001 - not installed (running from a checkout)
        return "0.1.0"


def build_date(environ: Mapping[str, str] | None = None) -> dt.datetime | None:
    """The build time from SOURCE_DATE_EPOCH (UTC), or None: no wall clock in the book."""
    value = (environ if environ is not None else os.environ).get("SOURCE_DATE_EPOCH", "")
    if not value.strip().isdigit():
        return None
    return dt.datetime.fromtimestamp(int(value), tz=dt.UTC)


def find_page(model: SiteModel, path: str | None) -> Page | None:
    """A page by its record path, written with or without the leading "content/"."""
    if not path:
        return None
    wanted = {path, in_content(path), content_relative(path)}
    return next((p for p in model.pages if p.path in wanted), None)


def used_glossary(model: SiteModel, html: str) -> tuple[GlossaryEntry, ...]:
    """Glossary entries whose abbreviation occurs as a word in the book's text."""
    text = htmllib.unescape(_TAGS.sub(" ", html))
    found = used_abbreviations(text, [g.abbr for g in model.glossary])  # the rendering's own rule
    return tuple(sorted((g for g in model.glossary if g.abbr in found), key=lambda g: sort_key(g.abbr)))


def theme_words(env: jinja2.Environment) -> Callable[..., str]:
    """The theme texts the templates show as `_()`, for labels made in Python (the contents,
    the Word file)."""
    words = getattr(env, "theme_text", None)  # set by render/environment.py: make_environment
    if not isinstance(words, ThemeText):
        raise TypeError("the environment was not made by make_environment: it has no theme texts")
    return lambda message_id, **params: words.gettext(message_id) % params


def _term_toc(term: Term, ui: Callable[..., str]) -> TocEntry:
    sections = []
    if term.targets.items:  # a term without targets has no targets section to list
        sections.append(TocEntry("nhiem-ky-chi-tieu", ui("yearbook.term-targets")))
    if term.awards.items:
        sections.append(TocEntry("nhiem-ky-khen-thuong", ui("awards.title")))
    return TocEntry("nhiem-ky", ui("term.label", id=format_term(term.id)), tuple(sections))


def _toc(
    term: Term | None, years: list[YearView], ui: Callable[..., str], has: Mapping[str, bool]
) -> tuple[TocEntry, ...]:
    """The contents, labelled with the theme texts the chapters' headings use (a year's book
    has no term chapter: `term` None)."""
    entries = [_term_toc(term, ui)] if term is not None else []
    for y in years:
        kids = [TocEntry(c.id, c.conference.title) for c in y.conferences]
        if y.year.targets.items:
            kids.append(TocEntry(f"{y.id}-chi-tieu", ui("yearbook.targets")))
        if y.year.awards.items:
            kids.append(TocEntry(f"{y.id}-khen-thuong", ui("awards.title")))
        entries.append(TocEntry(y.id, y.year.title, tuple(kids)))
    for key, anchor, heading in (
        ("charts", "bieu-do", ui("charts.title")),
        ("honours", "bang-vang", ui("awards.honour-roll")),
        ("glossary", "viet-tat", ui("yearbook.glossary")),
        ("people", "nhan-vat", ui("yearbook.people")),
    ):
        if has[key]:
            entries.append(TocEntry(anchor, heading))
    return tuple(entries)


def _foreword(page: Page | None, term: Term, inputs: BookInputs, signature: Signature | None) -> Context:
    """The foreword's body and signature. With site.yaml's `yearbook.signature` the template signs
    as Party documents do ("T/M BAN THƯỜNG VỤ", the title, the name). Otherwise a body that already
    ends with the secretary's name keeps it (the name gets the index anchor), or the secretary signs."""
    none = {"foreword_body": None, "foreword_signer": None, "signature_anchor": None}
    if page is None:
        return none
    body = body_of(inputs.bodies, page.path, page.body, "loi-noi-dau", inputs.site_root, inputs.base_url)
    if signature is not None:
        return {**none, "foreword_body": body, "signature_anchor": inputs.mentions.mark(signature.name, term.path)}
    return {**none, **_secretary_signs(body, term, inputs)}


def _secretary_signs(body: Markup, term: Term, inputs: BookInputs) -> Context:
    person = term.secretary
    if person is None:
        return {"foreword_body": body, "foreword_signer": None}
    anchor = inputs.mentions.mark(person.name, term.path)
    name = str(escape(person.name))
    at = str(body).rfind(name)
    if at < 0:
        return {"foreword_body": body, "foreword_signer": Guest(person, anchor)}
    tagged = f'<span id="{anchor}">{name}</span>' if anchor else name
    text = str(body)
    body = Markup(text[:at] + tagged + text[at + len(name) :])  # noqa: S704 - escaped above
    return {"foreword_body": body, "foreword_signer": None}


def _context(model: SiteModel, edition: Edition, inputs: BookInputs, version: str, ui: Callable[..., str]) -> Context:
    site, opts = model.site, book_options(model, edition, ui)
    term = edition_term(model, edition)
    assert term is not None  # the edition was found in the model
    foreword = find_page(model, opts.foreword)  # only the main book has one
    whole_term = edition.kind == "term"  # a year's book has no term chapter, charts or honour roll
    years = [year_view(y, inputs, term if whole_term else None) for y in edition_years(model, edition)]
    secretary = term.secretary if whole_term else None
    return {
        "edition": edition,
        "draft": opts.draft,
        "cover_year": cover_year(edition, term),
        "site": site,
        "abbreviations": model.glossary,  # for the `abbr` filter on roles, reasons, captions
        "options": opts,
        "term": term,
        "lang": site.language,
        "profile": opts.profile,
        "years": years,
        "emblem_url": media_url(inputs.site_root, opts.emblem) if opts.emblem else None,
        "foreword": foreword,
        **_foreword(foreword, term, inputs, opts.signature),
        "secretary": Guest(secretary, inputs.mentions.mark(secretary.name, term.path)) if secretary else None,
        "term_body": body_of(inputs.bodies, term.path, term.body, "nhiem-ky", inputs.site_root, inputs.base_url)
        if whole_term
        else None,
        "charts": charts_for(model, term, site.language) if whole_term else [],
        "honours": honour_roll(model, term) if whole_term else [],
        "built": build_date(),
        "version": version,
    }


def assemble(
    model: SiteModel,
    bodies: Mapping[str, str],
    env: jinja2.Environment,
    site_root: Path,
    *,
    pages: Mapping[str, int] | None = None,
    version: str = "0",
    tail_only: bool = False,
    edition: Edition | None = None,
) -> Book:
    """The book's HTML; `pages` (anchor id -> page) fills in the people index.

    `edition`: which book (default: the term book of `yearbook.term`). With `tail_only`,
    only the people index and the colophon (the book's last part)."""
    edition = edition or main_edition(model)
    if edition is None:
        raise ValueError("the model has no term to make a yearbook of")
    inputs = BookInputs(bodies, site_root.resolve(), model.site.base_url, Mentions(model))
    ui = theme_words(env)
    ctx = _context(model, edition, inputs, version, ui)
    template = env.get_template(TEMPLATE)
    none = {"charts": False, "honours": False, "glossary": False, "people": False}
    draft = template.render(**ctx, glossary=(), people=(), toc=(), has=none, placeholder=True, tail_only=False)
    glossary = used_glossary(model, draft)
    people = tuple(index_entries(model, inputs.mentions, pages))
    has = {
        "charts": bool(ctx["charts"]),
        "honours": bool(ctx["honours"]),
        "glossary": bool(glossary),
        "people": bool(people),
    }
    toc = _toc(ctx["term"] if edition.kind == "term" else None, ctx["years"], ui, has)
    html = template.render(
        **ctx, glossary=glossary, people=people, toc=toc, has=has, placeholder=pages is None, tail_only=tail_only
    )
    return Book(html, inputs.mentions, toc, people, glossary, MappingProxyType(ctx))
