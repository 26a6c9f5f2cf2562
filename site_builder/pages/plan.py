"""Decide every page of the site before anything is rendered.

`plan_pages` turns the model into a list of `PageSpec`s: where each page goes,
which template draws it, the values it shows and the files it depends on.
No Jinja and no IO here; two records landing on one address are reported.
Bodies (already-sanitised HTML from the markup stage) are wrapped in
`Markup` here, so templates print them as they are and escape everything else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from site_builder.charts import charts_for
from site_builder.model.records import CONFERENCE_KINDS, Conference, Markdown, SiteModel, Term, Year
from site_builder.pages import urls
from site_builder.pages.search import INDEX_GLOBAL
from site_builder.pages.toc import body_headings
from site_builder.problems import Loc, Problems
from site_builder.sources.discover import SITE_YAML

FEED_ENTRIES = 50
GLOSSARY_YAML = "content/glossary.yaml"
LATEST_CONFERENCES = 6


@dataclass(frozen=True)
class PageSpec:
    url: str
    out_path: str
    template: str
    context: dict  # page-specific variables
    sources: tuple[str, ...]  # record paths this page depends on (incremental rebuilds)


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


def common_context(model: SiteModel, with_pdf: bool = True) -> dict[str, Any]:
    """Values every page template sees (pass as `common` to render_pages)."""
    return {
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
    return spec.context.get("record_path") or (spec.sources[0] if spec.sources else SITE_YAML)


def _body_path(body: Markdown | None) -> tuple[str, ...]:
    return (body.loc.path,) if body is not None else ()


def _year_sources(y: Year) -> tuple[str, ...]:
    """A year's own files: its folder, year.md, targets.yaml, awards.yaml."""
    files = (y.path, *_body_path(y.body), y.targets.path, y.awards.path)
    return tuple(f for f in files if f)


class _Planner:
    def __init__(self, model: SiteModel, bodies: Mapping[str, str]):
        self.model = model
        self.bodies = bodies
        self.conferences = model.conferences
        self.nav_sources = (SITE_YAML, *(p.path for p in model.pages))

    # helpers -------------------------------------------------------------
    def _body(self, page_url: str, *keys: str | None) -> Markup:
        for key in keys:
            if key and key in self.bodies:
                return Markup(urls.relativize(self.bodies[key], page_url))
        return Markup("")

    def _spec(self, url: str, template: str, context: dict, sources: tuple[str, ...] = ()) -> PageSpec:
        deps = tuple(dict.fromkeys((*self.nav_sources, *sources)))
        return PageSpec(url, urls.out_path(url), template, context, deps)

    def _home_crumb(self) -> Crumb:
        return Crumb(urls.home(), ui_key="nav.home")

    def _year_crumbs(self, y: Year) -> list[Crumb]:
        return [
            self._home_crumb(),
            Crumb(urls.years_index(), ui_key="nav.years"),
            Crumb(urls.year(y), label=y.title),
        ]

    def _term_files(self, t: Term) -> tuple[str, ...]:
        return tuple(f for f in (t.path, t.targets.path, t.awards.path) if f)

    # pages ---------------------------------------------------------------
    def home(self) -> PageSpec:
        term = self.model.current_term
        latest = tuple(sorted(self.conferences, key=lambda c: c.date, reverse=True))
        latest = latest[:LATEST_CONFERENCES]
        sources = (
            *(self._term_files(term) if term else ()),
            *(c.path for c in latest),
            # Every year's folder, not only its year.md: a new year with only targets.yaml
            # (no year.md, no conference) still adds a year to the home page.
            *(f for y in self.model.years for f in (y.path, *_body_path(y.body))),
        )
        context = {
            "section": "home",
            "breadcrumbs": (self._home_crumb(),),
            "term": term,
            "latest_conferences": latest,
            "terms": self.model.terms,
            "years": self.model.years,
        }
        return self._spec(urls.home(), "home.html", context, sources)

    def terms_index(self) -> PageSpec:
        context = {
            "section": "terms",
            "breadcrumbs": (self._home_crumb(), Crumb(urls.terms_index(), ui_key="nav.terms")),
            "terms": self.model.terms,
        }
        sources = tuple(f for t in self.model.terms for f in self._term_files(t))
        return self._spec(urls.terms_index(), "terms.html", context, sources)

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
            "charts": charts_for(self.model, t),
        }
        sources = (
            *self._term_files(t),
            *(f for y in years for f in (y.path, *_body_path(y.body))),
            *(f for y in years for f in (y.targets.path, y.awards.path) if f),
            *(c.path for y in years for c in y.conferences),
            GLOSSARY_YAML,
        )
        return self._spec(urls.term(t), "term.html", context, sources)

    def years_index(self) -> PageSpec:
        context = {
            "section": "years",
            "breadcrumbs": (self._home_crumb(), Crumb(urls.years_index(), ui_key="nav.years")),
            "years": self.model.years,
        }
        sources = (
            *(f for y in self.model.years for f in _year_sources(y)),
            *(c.path for c in self.conferences),
        )
        return self._spec(urls.years_index(), "years.html", context, sources)

    def year(self, index: int) -> PageSpec:
        years = self.model.years
        y = years[index]
        prev_year = years[index - 1] if index > 0 else None
        next_year = years[index + 1] if index + 1 < len(years) else None
        terms = tuple(t for t in self.model.terms if t.id in y.terms)
        context = {
            "section": "years",
            "record_path": y.body.loc.path if y.body else y.path,
            "breadcrumbs": tuple(self._year_crumbs(y)),
            "year": y,
            "body": self._body(urls.year(y), y.path, *_body_path(y.body)),
            "terms": terms,
            "conferences": y.conferences,
            "prev_year": prev_year,
            "next_year": next_year,
        }
        neighbours = (n for n in (prev_year, next_year) if n is not None)
        sources = (
            *_year_sources(y),
            *(c.path for c in y.conferences),
            *(t.path for t in terms),
            # The neighbours' folders too: adding or removing the next year (even one with
            # no year.md) changes the "next year" link.
            *(f for n in neighbours for f in (n.path, *_body_path(n.body))),
            GLOSSARY_YAML,
        )
        return self._spec(urls.year(y), "year.html", context, sources)

    def conference(self, index: int) -> PageSpec:
        c: Conference = self.conferences[index]
        y = next(y for y in self.model.years if y.year == c.year)
        prev_c = self.conferences[index - 1] if index > 0 else None
        next_c = self.conferences[index + 1] if index + 1 < len(self.conferences) else None
        context = {
            "section": "years",
            "record_path": c.path,
            "breadcrumbs": (*self._year_crumbs(y), Crumb(urls.conference(c), label=c.title)),
            "conference": c,
            "year": y,
            "body": self._body(urls.conference(c), c.path),
            "prev_conference": prev_c,
            "next_conference": next_c,
        }
        neighbours = tuple(n.path for n in (prev_c, next_c) if n is not None)
        sources = (c.path, *neighbours, *_body_path(y.body), y.path, GLOSSARY_YAML)
        return self._spec(urls.conference(c), "conference.html", context, sources)

    def targets(self) -> PageSpec:
        years = tuple(y for y in self.model.years if y.targets.items)
        context = {
            "section": "targets",
            "breadcrumbs": (self._home_crumb(), Crumb(urls.targets(), ui_key="nav.targets")),
            "terms": tuple(t for t in self.model.terms if t.targets.items),
            "years": years,
        }
        sources = (
            *(f for t in self.model.terms for f in self._term_files(t)),
            *(f for y in self.model.years for f in _year_sources(y)),
        )
        return self._spec(urls.targets(), "targets.html", context, sources)

    def awards(self) -> PageSpec:
        context = {
            "section": "awards",
            "breadcrumbs": (self._home_crumb(), Crumb(urls.awards(), ui_key="nav.awards")),
            "terms": self.model.terms,
            "years": tuple(y for y in self.model.years if y.awards.items),
        }
        sources = (
            *(f for t in self.model.terms for f in self._term_files(t)),
            *(f for y in self.model.years for f in _year_sources(y)),
        )
        return self._spec(urls.awards(), "awards.html", context, sources)

    def people(self) -> PageSpec:
        context = {
            "section": "people",
            "breadcrumbs": (self._home_crumb(), Crumb(urls.people(), ui_key="nav.people")),
            "people": self.model.people,
            "record_urls": urls.url_for_record_path(self.model),
        }
        sources = (*(t.path for t in self.model.terms), *(c.path for c in self.conferences))
        return self._spec(urls.people(), "people.html", context, sources)

    def glossary(self) -> PageSpec:
        context = {
            "section": "glossary",
            "breadcrumbs": (self._home_crumb(), Crumb(urls.glossary(), ui_key="nav.glossary")),
            "entries": self.model.glossary,
        }
        return self._spec(urls.glossary(), "glossary.html", context, (GLOSSARY_YAML,))

    def page(self, p) -> PageSpec:
        context = {
            "section": f"page:{p.slug}",
            "record_path": p.path,
            "breadcrumbs": (self._home_crumb(), Crumb(urls.page(p), label=p.title)),
            "page": p,
            "body": self._body(urls.page(p), p.path),
        }
        return self._spec(urls.page(p), "page.html", context, (p.path, GLOSSARY_YAML))

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
        sources = tuple(dict.fromkeys(path for spec in pages for path in spec.sources))
        return self._spec(urls.sitemap(), "sitemap.xml", {"section": "", "listed": listed}, sources)

    def feed(self) -> PageSpec:
        newest = tuple(reversed(self.conferences))[:FEED_ENTRIES]
        context = {"section": "", "entries": newest, "updated": newest[0].date}
        return self._spec(urls.feed(), "feed.xml", context, tuple(c.path for c in newest))

    def not_found(self) -> PageSpec:
        context = {
            "section": "",
            "breadcrumbs": (self._home_crumb(), Crumb(urls.not_found(), ui_key="notfound.title")),
        }
        return self._spec(urls.not_found(), "404.html", context)
