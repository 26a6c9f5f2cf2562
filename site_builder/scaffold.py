"""Create the starting files of a site, a year, a conference or a page.

Staff never start from a blank file: every field of the content contract is
either filled with a placeholder or present as a commented-out example with a
Vietnamese note. Existing files are never overwritten; a multi-file operation
checks every target before writing anything, so a refusal leaves no trace.
The text of each new file lives in `scaffold_templates/` (string.Template,
`$name` placeholders) so staff-facing wording can be edited without code.
"""

from __future__ import annotations

import contextlib
import re
import string
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date as Date
from importlib import resources
from pathlib import Path

from site_builder.catalogue import DEFAULT_LANG, Clause, clause, text, theme_text
from site_builder.formatting import format_term
from site_builder.layout import (
    AWARDS_YAML,
    CONFERENCES,
    GLOSSARY_YAML,
    MEDIA,
    PAGES,
    SITE_YAML,
    TARGETS_YAML,
    TEMPLATES,
    TERM_MD,
    TERMS,
    YEAR_MD,
    YEARS,
    SiteLayout,
)
from site_builder.model.records import CONFERENCE_KINDS
from site_builder.model.slugs import MAX_SLUG_LENGTH, short_slug
from site_builder.scaffold_launchers import LauncherPathError, launcher_plan, make_executable
from site_builder.sources.language import site_language
from site_builder.sources.location import site_above, way_up
from site_builder.sources.themes import BUILTIN_ROOT, DEFAULT_THEME
from site_builder.yamlquote import yaml_quote  # noqa: F401 - part of this module's API

# Terms of the bloc's congresses run 2020-2025, 2025-2030 ...; any year on
# this 5-year grid anchors the cycle.
TERM_ANCHOR_YEAR = 2020
TERM_YEARS = 5

DEFAULT_ORGANIZATION = "Đảng bộ Khối Các cơ quan và Doanh nghiệp tỉnh"
EXAMPLE_CONFERENCE_TITLE = "Hội nghị sơ kết (bài mẫu)"
TERM_TITLE_PLACEHOLDER = "Phương hướng, khẩu hiệu của nhiệm kỳ (sửa lại)"


class ScaffoldError(Exception):
    """A file cannot be created. `key` names the sentence in the package catalogue; `str()`
    is Vietnamese, `message(lang)` any language. A parameter that is a `Words` is written in
    the message's language (the conference kinds and what they mean)."""

    def __init__(self, key: str, **params: object):
        self.key, self.params = key, params
        super().__init__(self.message(DEFAULT_LANG))

    def message(self, lang: str = "vi") -> str:
        params = {k: v.say(lang) if isinstance(v, Words) else v for k, v in self.params.items()}
        return text(self.key, lang, **params)


@dataclass(frozen=True)
class Words:
    """Words of a message that depend on its language: `say(lang)` writes them."""

    say: Callable[[str], str]


# --- text helpers ---------------------------------------------------------


def clean_line(text: str, what: Clause) -> str:
    """NFC, one line, single spaces: titles and names typed on a command line."""
    if any(unicodedata.category(ch) == "Cs" for ch in text):
        # Lone surrogates come from a terminal that is not UTF-8; they cannot be saved.
        raise ScaffoldError("scaffold.unreadable", what=what)
    line = " ".join(unicodedata.normalize("NFC", text).split())
    if not line:
        raise ScaffoldError("scaffold.empty", what=what)
    return line


def make_slug(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """ASCII file-name slug of `text` (the rule lives in model/slugs.py: short_slug)."""
    return short_slug(text, max_length)


def current_term(today: Date) -> tuple[int, int]:
    """The 5-year term holding `today`'s year: 2026 -> (2025, 2030)."""
    start = today.year - (today.year - TERM_ANCHOR_YEAR) % TERM_YEARS
    return start, start + TERM_YEARS


def render(template: str, **values: object) -> str:
    """Fill a template from scaffold_templates/; the result is NFC with LF line ends."""
    source = resources.files("site_builder") / "scaffold_templates" / template
    text = string.Template(source.read_text(encoding="utf-8")).substitute(values)
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n"))


# --- writing --------------------------------------------------------------

Plan = Sequence[tuple[str, str | bytes]]  # (path relative to the root, text or bytes)


def write_plan(root: Path, plan: Plan) -> list[Path]:
    """Create every file of `plan` under `root`, or none of them.

    All targets are checked before the first write; files are opened with
    exclusive creation so even a file appearing meanwhile is never replaced.
    If anything fails midway, the files and folders made so far are removed.
    """
    existing = [rel for rel, _ in plan if _occupied(root / rel)]
    if existing:
        raise ScaffoldError(_exists_key(existing, many=len(plan) > 1), files=", ".join(existing))
    files: list[Path] = []
    folders: list[Path] = []
    try:
        for rel, text in plan:
            folders += _make_parents(root, root / rel)
            files.append(_create(rel, root / rel, text))
    except BaseException:
        _undo(files, folders)
        raise
    return files


def _occupied(path: Path) -> bool:
    # is_symlink catches a dangling link, which exists() reports as absent.
    return path.exists() or path.is_symlink()


def _exists_key(rels: list[str], many: bool) -> str:
    """One or several files exist; `many`: the command would have made others, and made none."""
    return "scaffold.exists" + ("-several" if len(rels) > 1 else "") + ("-none-made" if many else "")


def _make_parents(root: Path, target: Path) -> list[Path]:
    """Create the missing folders above `target`; return them, outermost first."""
    missing = []
    for folder in target.parents:
        if folder.exists():
            break
        missing.append(folder)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        # A file sits where a folder is needed (e.g. "content/years/2025" is a file).
        raise ScaffoldError("scaffold.folder-is-file", folder=target.parent.relative_to(root).as_posix()) from None
    except OSError as exc:
        raise ScaffoldError("scaffold.folder-failed", folder=target.parent, detail=exc.strerror) from None
    return missing[::-1]


def _create(rel: str, target: Path, text: str | bytes) -> Path:
    try:
        handle = target.open("xb")
    except FileExistsError:
        raise ScaffoldError(_exists_key([rel], many=True), files=rel) from None
    except OSError as exc:
        raise ScaffoldError("scaffold.create-failed", file=rel, detail=exc.strerror) from None
    try:
        with handle:
            handle.write(text if isinstance(text, bytes) else text.encode("utf-8"))
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise ScaffoldError("scaffold.write-failed", file=rel, detail=exc.strerror) from None
    return target


def _undo(files: list[Path], folders: list[Path]) -> None:
    for path in files:
        path.unlink(missing_ok=True)
    for folder in reversed(folders):  # deepest first
        # A folder that is not empty got something else meanwhile; keep it.
        with contextlib.suppress(OSError):
            folder.rmdir()


# --- what each command creates --------------------------------------------


def _require_site(site_root: Path) -> None:
    # Refusing outside a site stops "new year" from scattering folders in the
    # wrong place when the command is run from the wrong directory.
    if not SiteLayout(site_root).site_yaml.is_file():
        site = site_above(site_root)
        if site is not None:  # run from inside content/
            raise ScaffoldError("site.inside-content", cd=way_up(site_root, site))
        raise ScaffoldError("scaffold.not-a-site", folder=site_root)


def _check_year(year: int) -> None:
    if not 1000 <= year <= 9999:
        raise ScaffoldError("scaffold.bad-year", year=year)


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
    _check_year(day.year)
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
    _check_year(year)
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


_TERM_ID = re.compile(r"([0-9]{4})\s*[-\u2013\u2014]\s*([0-9]{4})")


def parse_term(written: str) -> tuple[int, int]:
    """`2020-2025` (also "2020 - 2025" or with an en dash, as people type it) -> (2020, 2025)."""
    match = _TERM_ID.fullmatch(written.strip())
    if not match:
        raise ScaffoldError("scaffold.bad-term", term=written)
    start, end = int(match.group(1)), int(match.group(2))
    _check_year(start)
    _check_year(end)
    if end <= start:
        raise ScaffoldError("scaffold.term-order", term=f"{start}-{end}")
    return start, end


def term_dates(start: int, end: int, first: Date | None, last: Date | None) -> tuple[Date, Date]:
    """The first and last day of a term; each given day must fall in its year of the folder name
    (`check` refuses a term.md whose dates do not match its folder, so `new` never writes one)."""
    # Whole calendar years by default: the placeholder term then holds any date of its years.
    first, last = first or Date(start, 1, 1), last or Date(end, 12, 31)
    for option, day, year in (("--start", first, start), ("--end", last, end)):
        if day.year != year:
            raise ScaffoldError(
                "scaffold.term-date-year", option=option, value=day.isoformat(), year=year, term=f"{start}-{end}"
            )
    return first, last


def _term_plan(start: int, end: int, first: Date | None = None, last: Date | None = None) -> list[tuple[str, str]]:
    folder = f"{TERMS}/{start}-{end}"
    label = f"{start} - {end}"
    first, last = term_dates(start, end, first, last)
    term = render(
        "term.md.tmpl",
        # Not "Nhiệm kỳ 2025 - 2030": pages show the term's title under that heading already.
        title=yaml_quote(TERM_TITLE_PLACEHOLDER),
        start=first.isoformat(),
        end=last.isoformat(),
        term_label=label,
    )
    return [
        (f"{folder}/{TERM_MD}", term),
        (f"{folder}/{TARGETS_YAML}", render("term_targets.yaml.tmpl", term_label=label)),
        (
            f"{folder}/{AWARDS_YAML}",
            render("term_awards.yaml.tmpl", term_label=label, end_year=end),
        ),
    ]


def example_day(today: Date, start: int, end: int) -> Date:
    """The date of the example year and conference: today when it falls in the term, else the
    middle of the term's first year (the example is a mid-year review, "sơ kết")."""
    return today if start <= today.year <= end else Date(start, 7, 1)


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
        *_term_plan(start, end),
        *_year_plan(day.year, keep_conferences=False),
        _conference_plan(day, EXAMPLE_CONFERENCE_TITLE, CONFERENCE_KINDS[0]),
        (f"{PAGES}/gioi-thieu.md", render("gioi-thieu.md.tmpl", organization_text=organization)),
        (f"{MEDIA}/.gitkeep", ""),
        (f"{TEMPLATES}/.gitkeep", ""),
    ]


# --- public API -------------------------------------------------------------


def sheet_plan(folder: str, scope: Clause, lang: str = DEFAULT_LANG) -> list[tuple[str, str | bytes]]:
    """Empty targets.xlsx and awards.xlsx beside the YAML files, to fill in and import; their
    titles name `scope` (the term or year) in the site's language."""
    from site_builder.sheets.export import blank_sheet

    return [
        (f"{folder}/targets.xlsx", blank_sheet("targets", text("scaffold.sheet-targets", lang, scope=scope))),
        (f"{folder}/awards.xlsx", blank_sheet("awards", text("scaffold.sheet-awards", lang, scope=scope))),
    ]


def term_scope(start: int, end: int) -> Clause:
    return clause("clause.scope.term", term=format_term(f"{start}-{end}"))


def year_scope(year: int) -> Clause:
    return clause("clause.scope.year", year=year)


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
    plan += _launchers(dest, program, platform)
    created = write_plan(dest, plan)
    make_executable(created)
    return created


def new_launchers(site_root: Path, *, program: str | None = None, platform: str | None = None) -> list[Path]:
    """Write the launchers into a site made before they existed (or moved: delete the old ones first)."""
    _require_site(site_root)
    created = write_plan(site_root, _launchers(site_root, program, platform, site_language(site_root)))
    make_executable(created)
    return created


def _launchers(
    site_root: Path, program: str | None, platform: str | None, lang: str = DEFAULT_LANG
) -> list[tuple[str, bytes]]:
    """The launchers, speaking the site's language (a new site is Vietnamese until changed)."""
    try:
        return launcher_plan(site_root.resolve(), program, platform or sys.platform, lang)
    except LauncherPathError:
        raise ScaffoldError("scaffold.launcher-path", folder=site_root.resolve()) from None


def new_year(site_root: Path, year: int, xlsx: bool = False) -> list[Path]:
    """Create content/years/YYYY/ with year.md, conferences/, targets.yaml, awards.yaml
    (with `xlsx`, targets.xlsx and awards.xlsx too)."""
    _check_year(year)
    _require_site(site_root)
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
    _require_site(site_root)
    plan: list[tuple[str, str | bytes]] = list(_term_plan(first, last, start, end))
    if xlsx:
        plan += sheet_plan(f"{TERMS}/{first}-{last}", term_scope(first, last), site_language(site_root))
    return write_plan(site_root, plan)


def new_conference(site_root: Path, *, date: Date, title: str, kind: str = "so-ket") -> Path:
    """Create content/years/YYYY/conferences/YYYY-MM-DD-<slug>.md.

    A slug already used that year gets the month (then the day) added; the returned
    path shows the name chosen."""
    plan = _conference_plan(date, title, kind, site_root)
    _require_site(site_root)
    return write_plan(site_root, [plan])[0]


def new_page(site_root: Path, *, title: str, slug: str | None = None) -> Path:
    """Create content/pages/<slug>.md; the slug defaults to the folded title."""
    title = clean_line(title, clause("clause.what.page-title"))
    # A hand-typed slug is folded too, so "Giới thiệu" becomes "gioi-thieu".
    page_slug = make_slug(slug if slug is not None else title)
    if not page_slug:
        raise ScaffoldError("scaffold.no-slug", source=slug if slug is not None else title)
    _require_site(site_root)
    plan = [(f"{PAGES}/{page_slug}.md", render("page.md.tmpl", title=yaml_quote(title)))]
    return write_plan(site_root, plan)[0]
