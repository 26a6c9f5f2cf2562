"""Decide every page of the site before anything is rendered.

`plan_pages` turns the model into a list of `PageSpec`s: where each page goes,
which template draws it and the values it shows. What a page depends on is
derived from those values when it is rendered (output/signatures.py), never
listed here. No Jinja and no IO here; two records landing on one address are
reported.
Bodies (already-sanitised HTML from the markup stage) are wrapped in
`Markup` here, so templates print them as they are and escape everything else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from site_builder import urls
from site_builder.charts import charts_for
from site_builder.layout import SITE_YAML
from site_builder.model.editions import editions_of
from site_builder.model.records import (
    CONFERENCE_KINDS,
    AwardSet,
    Conference,
    Markdown,
    Page,
    SiteModel,
    TargetSet,
    Term,
    Year,
)
from site_builder.pages.record_urls import url_for_record_path
from site_builder.pages.search import INDEX_GLOBAL
from site_builder.pages.toc import body_headings
from site_builder.problems import Loc, Problems

FEED_ENTRIES = 50
LATEST_CONFERENCES = 6
# What a template receives: values of every kind, by name (Jinja looks them up at run time).
Context = dict[str, Any]


@dataclass(frozen=True)
class PageBody:
    """A record's body as a page shows it, its links made relative to the page when the page is
    rendered (render/page.py: `page_context` gives templates `markup()`), not when it is
    planned: the bodies held a second time, once per page, were 50 MB of a 10,000-conference
    build, inherited by every page worker. Digested by what it is made from (signatures.py)."""

    html: str  # the rendered body (Loaded.bodies), site-absolute links
    page_url: str
    path: str = ""  # its record's path: Loaded.body_seeds says what `html` is made from

    def markup(self) -> Markup:
        return Markup(urls.relativize(self.html, self.page_url))  # noqa: S704 - sanitised by the markup stage


@dataclass(frozen=True)
class YearFigures:
    """A year as the targets and awards pages show it: its number, title and figures, without its
    conferences. A page is signed by the values it holds (output/signatures.py), so holding the
    `Year` would render these pages again after every edit of a conference body. Their context
    keeps `years` too, for a site's own template that shows more: such a template reads it, and
    then depends on it."""

    year: int
    title: str
    targets: TargetSet
    awards: AwardSet


@dataclass(frozen=True)
class PageSpec:
    url: str
    out_path: str
    template: str
    context: Context  # page-specific variables: everything the page shows comes from here or the shared context


@dataclass(frozen=True)
class Crumb:
    """One breadcrumb or nav entry: a literal label, or a message id in the theme catalogue."""

    url: str
    label: str = ""
    ui_key: str = ""
    section: str = ""


def make_nav(model: SiteModel) -> tuple[Crumb, ...]:
    """The main navigation; `section` matches a page's `section` to mark it current."""
    fixed = [
        Crumb(urls.home(), ui_key="nav.home", section="home"),
        Crumb(urls.terms_index(), ui_key="nav.terms", section="terms"),
        Crumb(urls.years_index(), ui_key="nav.years", section="years"),
        Crumb(urls.targets(), ui_key="nav.targets", section="targets"),
        Crumb(urls.awards(), ui_key="nav.awards", section="awards"),
        Crumb(urls.people(), ui_key="nav.people", section="people"),
        Crumb(urls.glossary(), ui_key="nav.glossary", section="glossary"),
    ]
    pages = [Crumb(urls.page(p), label=p.title, section=f"page:{p.slug}") for p in model.pages]
    return tuple(fixed + pages)


@dataclass(frozen=True)
class PdfLink:
    """A printed edition the site links: "term"/"year", its id and address."""

    kind: str
    id: str
    url: str


def pdf_links(model: SiteModel, with_pdf: bool, editions: bool) -> tuple[PdfLink, ...]:
    """The PDFs the pages link: every edition built (`editions`), or the term book alone (the
    preview renders only that one, on request)."""
    if not with_pdf:
        return ()
    books = editions_of(model) if editions else tuple(e for e in editions_of(model) if e.main)
    return tuple(PdfLink(e.kind, e.id, urls.edition_pdf(e.filename)) for e in books)


def common_context(model: SiteModel, with_pdf: bool = True, editions: bool | None = None) -> dict[str, Any]:
    """Values every page template sees (pass as `common` to render_pages). `editions`: whether the
    PDFs of every edition are made, so pages link them (default: as `with_pdf`)."""
    books = pdf_links(model, with_pdf, with_pdf if editions is None else editions)
    return {
        "pdf_books": books,  # every PDF built: the header lists them when there are several
        "pdf_by": {f"{b.kind}:{b.id}": b.url for b in books},  # "year:2023" -> its PDF
        "site": model.site,
        "model": model,
        "abbreviations": model.glossary,  # for the `abbr` filter on roles, reasons, captions
        "nav": make_nav(model),
        "pdf_url": urls.yearbook_pdf(model.site) if with_pdf else None,
        "feed_url": urls.feed() if has_feed(model) else None,
        "current_term": model.current_term,
        "urls": urls,
        "images": {},  # media path -> images.responsive.ResponsiveImage; build fills it in
    }


def has_feed(model: SiteModel) -> bool:
    """An Atom feed needs absolute addresses and at least one entry."""
    return bool(model.site.base_url and model.conferences)


def plan_pages(model: SiteModel, bodies: Mapping[str, str], problems: Problems) -> list[PageSpec]:
    """Every page of the site, in a stable order; duplicate addresses are errors."""
    planner = _Planner(model, bodies)
    specs = [
        planner.home(),
        planner.terms_index(),
        *(planner.term(t) for t in model.terms),
        planner.years_index(),
        *(planner.year(i) for i in range(len(model.years))),
        *(planner.conference(i) for i in range(len(model.conferences))),
        planner.targets(),
        planner.awards(),
        planner.people(),
        planner.glossary(),
        *(planner.page(p) for p in model.pages),
        planner.search(),
        planner.not_found(),
    ]
    if model.site.base_url:  # both need absolute addresses
        specs.append(planner.sitemap(specs))
    if has_feed(model):
        specs.append(planner.feed())
    kept = _drop_duplicates(specs, problems)
    _check_pdf_path(model, kept, problems)
    return kept


def _check_pdf_path(model: SiteModel, specs: list[PageSpec], problems: Problems) -> None:
    """The yearbook PDF lands in the same output folder; its file must not replace a page.

    Checked whether or not this build makes the PDF, so `check` and `build --no-pdf`
    report a name that a full build would trip over."""
    pdf = urls.out_path(urls.yearbook_pdf(model.site))
    page = next((spec for spec in specs if spec.out_path == pdf), None)
    if page is not None:
        problems.error(
            "yearbook.filename-taken",
            Loc(SITE_YAML),
            filename=model.site.yearbook.filename,
            url=page.url,
            other=_record_path(page),
        )


def _drop_duplicates(specs: list[PageSpec], problems: Problems) -> list[PageSpec]:
    seen: dict[str, PageSpec] = {}
    kept: list[PageSpec] = []
    for spec in specs:
        first = seen.get(spec.out_path)
        if first is None:
            seen[spec.out_path] = spec
            kept.append(spec)
            continue
        problems.error(
            "slug.duplicate",
            Loc(_record_path(spec)),
            url=spec.url,
            other=_record_path(first),
        )
    return kept


def _record_path(spec: PageSpec) -> str:
    return spec.context.get("record_path") or SITE_YAML


def _body_path(body: Markdown | None) -> tuple[str, ...]:
    return (body.loc.path,) if body is not None else ()


class _Planner:
    def __init__(self, model: SiteModel, bodies: Mapping[str, str]):
        self.model = model
        self.bodies = bodies
        self.conferences = model.conferences
        self.year_of: dict[int, Year] = {}  # the first year folder of each number
        for y in model.years:
            self.year_of.setdefault(y.year, y)
        # One crumb object for every page that shows it: signing digests it once (signatures.py).
        self.home_crumb = Crumb(urls.home(), ui_key="nav.home")
        self.years_crumb = Crumb(urls.years_index(), ui_key="nav.years")
        self.year_crumbs: dict[int, tuple[Crumb, ...]] = {}

    # helpers -------------------------------------------------------------
    def _body(self, page_url: str, *keys: str | None) -> PageBody | Markup:
        for key in keys:
            if key and key in self.bodies:
                return PageBody(self.bodies[key], page_url, key)
        return Markup("")

    def _spec(self, url: str, template: str, context: Context) -> PageSpec:
        return PageSpec(url, urls.out_path(url), template, context)

    def _home_crumb(self) -> Crumb:
        return self.home_crumb

    def _year_crumbs(self, y: Year) -> tuple[Crumb, ...]:
        found = self.year_crumbs.get(id(y))
        if found is None:
            crumb = Crumb(urls.year(y), label=y.title)
            found = self.year_crumbs[id(y)] = (self.home_crumb, self.years_crumb, crumb)
        return found

    # pages ---------------------------------------------------------------
    def home(self) -> PageSpec:
        term = self.model.current_term
        latest = tuple(sorted(self.conferences, key=lambda c: c.date, reverse=True))
        latest = latest[:LATEST_CONFERENCES]
        context = {
            "section": "home",
            "breadcrumbs": (self._home_crumb(),),
            "term": term,
            "latest_conferences": latest,
            "terms": self.model.terms,
            "years": self.model.years,
        }
        return self._spec(urls.home(), "home.html", context)

    def terms_index(self) -> PageSpec:
        context = {
            "section": "terms",
            "breadcrumbs": (self._home_crumb(), Crumb(urls.terms_index(), ui_key="nav.terms")),
            "terms": self.model.terms,
        }
        return self._spec(urls.terms_index(), "terms.html", context)

    def term(self, t: Term) -> PageSpec:
        years = self.model.term_years(t)
        context = {
            "section": "terms",
            "record_path": t.path,
            "breadcrumbs": (
                self._home_crumb(),
                Crumb(urls.terms_index(), ui_key="nav.terms"),
                Crumb(urls.term(t), label=t.title),
            ),
            "term": t,
            "body": self._body(urls.term(t), t.path),
            "body_headings": body_headings(self.bodies.get(t.path, "")),
            "years": years,
            # each year with the conferences held within the term (a straddling year lists in both terms)
            "year_conferences": tuple((y, t.conferences_of(y)) for y in years),
            "charts": charts_for(self.model, t),
        }
        return self._spec(urls.term(t), "term.html", context)

    def years_index(self) -> PageSpec:
        context = {
            "section": "years",
            "breadcrumbs": (self._home_crumb(), Crumb(urls.years_index(), ui_key="nav.years")),
            "years": self.model.years,
        }
        return self._spec(urls.years_index(), "years.html", context)

    def year(self, index: int) -> PageSpec:
        years = self.model.years
        y = years[index]
        prev_year = years[index - 1] if index > 0 else None
        next_year = years[index + 1] if index + 1 < len(years) else None
        terms = tuple(t for t in self.model.terms if t.id in y.terms)
        context = {
            "section": "years",
            "record_path": y.body.loc.path if y.body else y.path,
            "breadcrumbs": self._year_crumbs(y),
            "year": y,
            "body": self._body(urls.year(y), y.path, *_body_path(y.body)),
            "terms": terms,
            "conferences": y.conferences,
            "prev_year": prev_year,
            "next_year": next_year,
        }
        return self._spec(urls.year(y), "year.html", context)

    def conference(self, index: int) -> PageSpec:
        c: Conference = self.conferences[index]
        y = self.year_of[c.year]
        prev_c = self.conferences[index - 1] if index > 0 else None
        next_c = self.conferences[index + 1] if index + 1 < len(self.conferences) else None
        url = urls.conference(c)
        context = {
            "section": "years",
            "record_path": c.path,
            "breadcrumbs": (*self._year_crumbs(y), Crumb(url, label=c.title)),
            "conference": c,
            "year": y,
            "body": self._body(url, c.path),
            "prev_conference": prev_c,
            "next_conference": next_c,
        }
        return self._spec(url, "conference.html", context)

    def targets(self) -> PageSpec:
        years = tuple(y for y in self.model.years if y.targets.items)
        context = {
            "section": "targets",
            "breadcrumbs": (self._home_crumb(), Crumb(urls.targets(), ui_key="nav.targets")),
            "terms": tuple(t for t in self.model.terms if t.targets.items),
            "years": years,
            "year_figures": year_figures(years),
        }
        return self._spec(urls.targets(), "targets.html", context)

    def awards(self) -> PageSpec:
        context = {
            "section": "awards",
            "breadcrumbs": (self._home_crumb(), Crumb(urls.awards(), ui_key="nav.awards")),
            "terms": self.model.terms,
            "years": (years := tuple(y for y in self.model.years if y.awards.items)),
            "year_figures": year_figures(years),
        }
        return self._spec(urls.awards(), "awards.html", context)

    def people(self) -> PageSpec:
        context = {
            "section": "people",
            "breadcrumbs": (self._home_crumb(), Crumb(urls.people(), ui_key="nav.people")),
            "people": self.model.people,
            "record_urls": url_for_record_path(self.model),
        }
        return self._spec(urls.people(), "people.html", context)

    def glossary(self) -> PageSpec:
        context = {
            "section": "glossary",
            "breadcrumbs": (self._home_crumb(), Crumb(urls.glossary(), ui_key="nav.glossary")),
            "entries": self.model.glossary,
        }
        return self._spec(urls.glossary(), "glossary.html", context)

    def page(self, p: Page) -> PageSpec:
        context = {
            "section": f"page:{p.slug}",
            "record_path": p.path,
            "breadcrumbs": (self._home_crumb(), Crumb(urls.page(p), label=p.title)),
            "page": p,
            "body": self._body(urls.page(p), p.path),
        }
        return self._spec(urls.page(p), "page.html", context)

    def search(self) -> PageSpec:
        """The results page: a shell that the theme's search.js fills from the index script."""
        context = {
            "section": "search",
            "breadcrumbs": (self._home_crumb(), Crumb(urls.search(), ui_key="search.title")),
            "index_global": INDEX_GLOBAL,
            "conference_kinds": CONFERENCE_KINDS,
        }
        return self._spec(urls.search(), "search.html", context)

    def sitemap(self, pages: list[PageSpec]) -> PageSpec:
        listed = tuple(spec.url for spec in pages if spec.url not in (urls.not_found(), urls.search()))
        return self._spec(urls.sitemap(), "sitemap.xml", {"section": "", "listed": listed})

    def feed(self) -> PageSpec:
        newest = tuple(reversed(self.conferences))[:FEED_ENTRIES]
        context = {"section": "", "entries": newest, "updated": newest[0].date}
        return self._spec(urls.feed(), "feed.xml", context)

    def not_found(self) -> PageSpec:
        context = {
            "section": "",
            "breadcrumbs": (self._home_crumb(), Crumb(urls.not_found(), ui_key="notfound.title")),
        }
        return self._spec(urls.not_found(), "404.html", context)


def year_figures(years: tuple[Year, ...]) -> tuple[YearFigures, ...]:
    return tuple(YearFigures(y.year, y.title, y.targets, y.awards) for y in years)
