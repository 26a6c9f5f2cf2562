"""What each edition calls itself: its title, subtitle and cover year.

The main book (the term of `yearbook.term`) prints site.yaml's `yearbook` options as
written: title, subtitle, foreword, slogan, signature. Another term's book and a
year's book get a title from the theme's texts ("Kỷ yếu nhiệm kỳ 2020-2025",
"Kỷ yếu năm 2023") and none of the main book's front matter, which was written for it.
The draft label (`yearbook.draft`) and the final flag apply to every edition printed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from site_builder.formatting import format_term
from site_builder.model.editions import Edition, edition_term, edition_year
from site_builder.model.records import SiteModel, Term, YearbookOptions


def book_options(model: SiteModel, edition: Edition, ui: Callable[..., str]) -> YearbookOptions:
    """The yearbook options the templates print for `edition`."""
    options = model.site.yearbook
    if edition.main:
        return options
    if edition.kind == "term":
        term = edition_term(model, edition)
        title, subtitle = ui("yearbook.term-book-title", term=format_term(edition.id)), term.title if term else None
    else:
        title, subtitle = ui("yearbook.year-book-title", year=edition.id), _year_subtitle(model, edition, ui)
    return dataclasses.replace(
        options, title=title, subtitle=subtitle, filename=edition.filename,
        foreword=None, slogan=None, signature=None,
    )  # fmt: skip


def _year_subtitle(model: SiteModel, edition: Edition, ui: Callable[..., str]) -> str | None:
    """The year's own title when year.md gives one ("Năm 2023 — năm bứt phá"), else its term."""
    year, term = edition_year(model, edition), edition_term(model, edition)
    if year is not None and year.title != ui("year.label", year=edition.id):
        return year.title
    return ui("term.label", id=format_term(term.id)) if term is not None else None


def cover_year(edition: Edition, term: Term) -> int:
    """The year printed at the cover's foot: the term's last, or the book's own year."""
    return int(edition.id) if edition.kind == "year" else term.end.year
