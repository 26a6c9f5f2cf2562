"""The printed editions of a site: the term's book, and the other terms' and years' books.

One book assembler prints every edition (yearbook/book.py); what differs is
decided here from the model alone: which editions `build` prints
(`yearbook.editions` in site.yaml), what each file is called and which
term a year's book belongs to. Pure: no IO.

- the term book of `yearbook.term` is always first (`yearbook.filename`, default
  `ky-yeu-<term>.pdf`); it alone has the foreword, slogan and signature;
- another term's book is `ky-yeu-<term>.pdf`;
- a year's book is `ky-yeu-nam-<year>.pdf`.
The Word file and the manifest share the PDF's stem (`.docx`, `.manifest.json`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

from site_builder.layout import SITE_YAML
from site_builder.model.records import SiteModel, Term, Year
from site_builder.problems import Loc, Problems

EditionKind = Literal["term", "year"]


@dataclass(frozen=True)
class Edition:
    kind: EditionKind
    id: str  # the term id ("2015-2020") or the year ("2023")
    filename: str  # "ky-yeu-nam-2023.pdf"
    main: bool = False  # the book of `yearbook.term`: the one the site has always printed

    @property
    def stem(self) -> str:
        return self.filename.removesuffix(".pdf")

    @property
    def docx(self) -> str:
        return f"{self.stem}.docx"

    @property
    def manifest(self) -> str:
        return f"{self.stem}.manifest.json"


def year_filename(year: int | str) -> str:
    return f"ky-yeu-nam-{year}.pdf"


def main_edition(model: SiteModel) -> Edition | None:
    term = model.yearbook_term or model.current_term
    if term is None:
        return None
    return Edition("term", term.id, model.site.yearbook.filename, main=True)


def term_edition(model: SiteModel, term_id: str) -> Edition | None:
    main = main_edition(model)
    if main is not None and main.id == term_id:
        return main
    if not any(t.id == term_id for t in model.terms):
        return None
    return Edition("term", term_id, f"ky-yeu-{term_id}.pdf")


def year_edition(model: SiteModel, year: int | str) -> Edition | None:
    if not any(str(y.year) == str(year) for y in model.years):
        return None
    return Edition("year", str(year), year_filename(year))


def all_editions(model: SiteModel) -> tuple[Edition, ...]:
    """Every edition the site could print (`site-builder pdf --term/--year` prints any of them)."""
    found = [main_edition(model), *(term_edition(model, t.id) for t in model.terms)]
    found += [year_edition(model, y.year) for y in model.years]
    return _unique([e for e in found if e is not None])


def editions_of(model: SiteModel) -> tuple[Edition, ...]:
    """The editions `build` prints: the term book, then those `yearbook.editions` asks for."""
    choice = model.site.yearbook.editions
    terms = [t.id for t in model.terms] if choice.terms == "all" else list(choice.terms)
    years = [str(y.year) for y in model.years] if choice.years == "all" else list(choice.years)
    found = [main_edition(model), *(term_edition(model, t) for t in terms)]
    found += [year_edition(model, y) for y in years]
    return _unique([e for e in found if e is not None])


def find_edition(model: SiteModel, stem: str) -> Edition | None:
    return next((e for e in all_editions(model) if e.stem == stem), None)


def _unique(editions: list[Edition]) -> tuple[Edition, ...]:
    """In order, each file once (a term listed again is the main book already)."""
    seen: dict[str, Edition] = {}
    for edition in editions:
        seen.setdefault(edition.filename, edition)
    return tuple(seen.values())


def edition_term(model: SiteModel, edition: Edition) -> Term | None:
    """The term a book belongs to: its own, or for a year the term of the main book when the year
    is in it, else the latest term the year overlaps."""
    if edition.kind == "term":
        return next((t for t in model.terms if t.id == edition.id), None)
    year = edition_year(model, edition)
    main = model.yearbook_term or model.current_term
    if year is None or (main is not None and main.id in year.terms):
        return main
    return next((t for t in reversed(model.terms) if t.id in year.terms), main)


def edition_year(model: SiteModel, edition: Edition) -> Year | None:
    if edition.kind != "year":
        return None
    return next((y for y in model.years if str(y.year) == edition.id), None)


def edition_years(model: SiteModel, edition: Edition) -> tuple[Year, ...]:
    """The year chapters the book prints."""
    if edition.kind == "year":
        year = edition_year(model, edition)
        return (year,) if year is not None else ()
    term = edition_term(model, edition)
    return model.term_years(term) if term is not None else ()


def with_draft(model: SiteModel, label: str | None, problems: Problems | None = None) -> SiteModel:
    """The model with `--draft LABEL` in place of site.yaml's `yearbook.draft` (None: as written).

    A draft of a site marked `final: true` is refused (an error at that line, in `problems`), as
    site.yaml's own draft is: a draft printed then would quietly replace the final edition as
    the one later changes are compared with. The model is then returned as written."""
    if label is None:
        return model
    options = model.site.yearbook
    if options.final and label.strip():
        if problems is not None:
            problems.error("yearbook.final-draft-option", options.final_loc or Loc(SITE_YAML), draft=label)
        return model
    yearbook = dataclasses.replace(options, draft=label.strip() or None)
    return dataclasses.replace(model, site=dataclasses.replace(model.site, yearbook=yearbook))
