"""Create the starting files of a site, a term, a year, a conference or a page.

Staff never start from a blank file: every field of the content contract is
either filled with a placeholder or present as a commented-out example with a
Vietnamese note. Existing files are never overwritten; a multi-file operation
checks every target before writing anything, so a refusal leaves no trace.
The text of each new file lives in `scaffold_templates/` (string.Template,
`$name` placeholders) so staff-facing wording can be edited without code.

Helpers, one purpose each: scaffold_files.py (writing all or nothing, the errors),
scaffold_terms.py (terms and their dates), scaffold_sheets.py (the `--xlsx` sheets),
scaffold_launchers.py (the double-clickable preview files).
"""

from __future__ import annotations

import re
from datetime import date as Date
from pathlib import Path

from site_builder.catalogue import clause, theme_text
from site_builder.layout import (
    AWARDS_YAML,
    CONFERENCES,
    GLOSSARY_YAML,
    MEDIA,
    PAGES,
    SITE_YAML,
    TARGETS_YAML,
    TEMPLATES,
    TERMS,
    YEAR_MD,
    YEARS,
)
from site_builder.model.records import CONFERENCE_KINDS
from site_builder.model.slugs import MAX_SLUG_LENGTH, short_slug
from site_builder.scaffold_files import (
    ScaffoldError,
    Words,
    check_year,
    clean_line,
    render,
    require_site,
    write_plan,
)
from site_builder.scaffold_launchers import make_executable, site_launchers
from site_builder.scaffold_sheets import sheet_plan, term_scope, year_scope
from site_builder.scaffold_terms import current_term, example_day, parse_term, term_plan
from site_builder.sources.language import site_language
from site_builder.sources.themes import BUILTIN_ROOT, DEFAULT_THEME
from site_builder.yamlquote import yaml_quote

# The public API of `new`, with the helpers tests and the CLI name from here.
__all__ = [
    "ScaffoldError",
    "conference_filename",
    "current_term",
    "make_slug",
    "new_conference",
    "new_launchers",
    "new_page",
    "new_site",
    "new_term",
    "new_year",
    "parse_term",
    "yaml_quote",
]


DEFAULT_ORGANIZATION = "Đảng bộ Khối Các cơ quan và Doanh nghiệp tỉnh"
EXAMPLE_CONFERENCE_TITLE = "Hội nghị sơ kết (bài mẫu)"


def make_slug(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """ASCII file-name slug of `text` (the rule lives in model/slugs.py: short_slug)."""
    return short_slug(text, max_length)


# --- what each command creates --------------------------------------------


def kind_label(kind: str, lang: str = "vi") -> str:
    """A conference kind's name, as the built-in theme shows it (the files `new` writes are Vietnamese)."""
    return theme_text((BUILTIN_ROOT / DEFAULT_THEME,), lang).gettext(f"kind.{kind}")


def kind_choices(lang: str = "vi") -> str:
    return ", ".join(f"{k} ({kind_label(k, lang)})" for k in CONFERENCE_KINDS)


def _check_kind(kind: str) -> None:
    if kind not in CONFERENCE_KINDS:
        raise ScaffoldError("scaffold.bad-kind", kind=kind, choices=Words(kind_choices))


_DATE_PREFIX = re.compile(r"\d{4}-\d{2}-\d{2}-")


def conference_filename(day: Date, title: str, taken: frozenset[str] = frozenset()) -> str:
    """`YYYY-MM-DD-<slug>.md`; the URL slug comes from here, never from the title.

    A recurring meeting ("Hội nghị giao ban") gets the same slug every time, and two
    conferences of one year with one slug would share an address: when the slug is used
    by a file in `taken` (the names of that year's conference files, date prefix aside),
    the month is added ("-thang-07"), and when that is taken too, the day and month
    ("-ngay-15-07").
    """
    slug = make_slug(title) or "hoi-nghi"
    candidates = (slug, f"{slug}-thang-{day.month:02d}", f"{slug}-ngay-{day.day:02d}-{day.month:02d}")
    names = [f"{day.isoformat()}-{c}.md" for c in candidates]
    # The same meeting made twice (same date and title) is refused as before, not renamed.
    existing = next((name for name in names if name in taken), None)
    if existing is not None:
        return existing
    slugs = {_DATE_PREFIX.sub("", name.removesuffix(".md"), count=1) for name in taken}
    return next((name for name, c in zip(names, candidates, strict=True) if c not in slugs), names[-1])


def conference_files(folder: Path) -> frozenset[str]:
    """The names of the conference files in a year's conferences/ folder."""
    if not folder.is_dir():
        return frozenset()
    return frozenset(p.name for p in folder.iterdir() if p.suffix == ".md")


def _conference_plan(day: Date, title: str, kind: str, site_root: Path | None = None) -> tuple[str, str]:
    title = clean_line(title, clause("clause.what.conference-title"))
    _check_kind(kind)
    check_year(day.year)
    folder = f"{YEARS}/{day.year}/{CONFERENCES}"
    taken = conference_files(site_root / folder) if site_root is not None else frozenset()
    rel = f"{folder}/{conference_filename(day, title, taken)}"
    text = render(
        "conference.md.tmpl",
        title=yaml_quote(title),
        date=day.isoformat(),
        year=day.year,
        kind=kind,
        kind_label=kind_label(kind),
        kind_choices=kind_choices(),
    )
    return rel, text


def _year_plan(year: int, *, keep_conferences: bool) -> list[tuple[str, str]]:
    check_year(year)
    base = f"{YEARS}/{year}"
    plan = [
        (f"{base}/{YEAR_MD}", render("year.md.tmpl", year=year, title=yaml_quote(f"Năm {year}"))),
        (f"{base}/{TARGETS_YAML}", render("year_targets.yaml.tmpl", year=year)),
        (f"{base}/{AWARDS_YAML}", render("year_awards.yaml.tmpl", year=year)),
    ]
    if keep_conferences:
        # Git does not track empty folders; .gitkeep keeps conferences/ in place.
        plan.insert(1, (f"{base}/{CONFERENCES}/.gitkeep", ""))
    return plan


def site_plan(
    *, title: str | None, organization: str | None, today: Date, term: str | None = None
) -> list[tuple[str, str]]:
    """Every file of a new site, relative to the site folder; `term` ("2015-2020") is its first
    term, by default the 5-year term holding today."""
    organization = clean_line(organization or DEFAULT_ORGANIZATION, clause("clause.what.organization"))
    title = clean_line(title or f"Kỷ yếu {organization}", clause("clause.what.site-title"))
    start, end = parse_term(term) if term is not None else current_term(today)
    day = example_day(today, start, end)
    site_yaml = render(
        "site.yaml.tmpl",
        title=yaml_quote(title),
        organization=yaml_quote(organization),
        term=f"{start}-{end}",
        term_label=f"{start} - {end}",
    )
    return [
        (SITE_YAML, site_yaml),
        (GLOSSARY_YAML, render("glossary.yaml.tmpl")),
        *term_plan(start, end),
        *_year_plan(day.year, keep_conferences=False),
        _conference_plan(day, EXAMPLE_CONFERENCE_TITLE, CONFERENCE_KINDS[0]),
        (f"{PAGES}/gioi-thieu.md", render("gioi-thieu.md.tmpl", organization_text=organization)),
        (f"{MEDIA}/.gitkeep", ""),
        (f"{TEMPLATES}/.gitkeep", ""),
    ]


def new_site(
    dest: Path, *, title: str | None = None, organization: str | None = None, today: Date, xlsx: bool = False,
    program: str | None = None, platform: str | None = None, term: str | None = None,
) -> list[Path]:  # fmt: skip
    """Create a complete, buildable starter site in `dest` (with `xlsx`, sheet templates too), with the
    launchers that start its preview (`program`: the site-builder command they run, see scaffold_launchers).
    `term` ("2015-2020") is the first term; by default the 5-year term holding `today`."""
    if dest.exists() and not dest.is_dir():
        raise ScaffoldError("scaffold.dest-is-file", dest=dest)
    plan: list[tuple[str, str | bytes]] = list(site_plan(title=title, organization=organization, today=today,
                                                         term=term))  # fmt: skip
    if xlsx:
        start, end = parse_term(term) if term is not None else current_term(today)
        year = example_day(today, start, end).year
        plan += sheet_plan(f"{TERMS}/{start}-{end}", term_scope(start, end))
        plan += sheet_plan(f"{YEARS}/{year}", year_scope(year))
    plan += site_launchers(dest, program, platform)
    created = write_plan(dest, plan)
    make_executable(created)
    return created


def new_launchers(site_root: Path, *, program: str | None = None, platform: str | None = None) -> list[Path]:
    """Write the launchers into a site made before they existed (or moved: delete the old ones first)."""
    require_site(site_root)
    created = write_plan(site_root, site_launchers(site_root, program, platform, site_language(site_root)))
    make_executable(created)
    return created


def new_year(site_root: Path, year: int, xlsx: bool = False) -> list[Path]:
    """Create content/years/YYYY/ with year.md, conferences/, targets.yaml, awards.yaml
    (with `xlsx`, targets.xlsx and awards.xlsx too)."""
    check_year(year)
    require_site(site_root)
    plan: list[tuple[str, str | bytes]] = list(_year_plan(year, keep_conferences=True))
    if xlsx:
        plan += sheet_plan(f"{YEARS}/{year}", year_scope(year), site_language(site_root))
    return write_plan(site_root, plan)


def new_term(
    site_root: Path, term: str, *, start: Date | None = None, end: Date | None = None, xlsx: bool = False
) -> list[Path]:
    """Create content/terms/<start>-<end>/ with term.md, targets.yaml, awards.yaml (with `xlsx`,
    targets.xlsx and awards.xlsx too). `start`/`end`: the first and last day (the congresses'
    dates); by default the whole calendar years, to be corrected in term.md."""
    first, last = parse_term(term)
    require_site(site_root)
    plan: list[tuple[str, str | bytes]] = list(term_plan(first, last, start, end))
    if xlsx:
        plan += sheet_plan(f"{TERMS}/{first}-{last}", term_scope(first, last), site_language(site_root))
    return write_plan(site_root, plan)


def new_conference(site_root: Path, *, date: Date, title: str, kind: str = "so-ket") -> Path:
    """Create content/years/YYYY/conferences/YYYY-MM-DD-<slug>.md.

    A slug already used that year gets the month (then the day) added; the returned
    path shows the name chosen."""
    plan = _conference_plan(date, title, kind, site_root)
    require_site(site_root)
    return write_plan(site_root, [plan])[0]


def new_page(site_root: Path, *, title: str, slug: str | None = None) -> Path:
    """Create content/pages/<slug>.md; the slug defaults to the folded title."""
    title = clean_line(title, clause("clause.what.page-title"))
    # A hand-typed slug is folded too, so "Giới thiệu" becomes "gioi-thieu".
    page_slug = make_slug(slug if slug is not None else title)
    if not page_slug:
        raise ScaffoldError("scaffold.no-slug", source=slug if slug is not None else title)
    require_site(site_root)
    plan = [(f"{PAGES}/{page_slug}.md", render("page.md.tmpl", title=yaml_quote(title)))]
    return write_plan(site_root, plan)[0]
