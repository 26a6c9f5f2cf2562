"""The terms `new site` and `new term` write: the 5-year grid, the folder name, the dates."""

from __future__ import annotations

import re
from datetime import date as Date
from pathlib import Path

from site_builder.layout import AWARDS_YAML, SITE_YAML, TARGETS_YAML, TERM_MD, TERMS, SiteLayout
from site_builder.problems import Problems
from site_builder.scaffold_files import ScaffoldError, check_year, render
from site_builder.sources.yamlsafe import YamlFailure, YMap, load_yaml
from site_builder.yamlquote import yaml_quote

# Terms of the bloc's congresses run 2020-2025, 2025-2030 ...; any year on
# this 5-year grid anchors the cycle.
TERM_ANCHOR_YEAR = 2020
TERM_YEARS = 5
TERM_TITLE_PLACEHOLDER = "Phương hướng, khẩu hiệu của nhiệm kỳ (sửa lại)"


def current_term(today: Date) -> tuple[int, int]:
    """The 5-year term holding `today`'s year: 2026 -> (2025, 2030)."""
    start = today.year - (today.year - TERM_ANCHOR_YEAR) % TERM_YEARS
    return start, start + TERM_YEARS


_TERM_ID = re.compile(r"([0-9]{4})\s*[-\u2013\u2014]\s*([0-9]{4})")


def parse_term(written: str) -> tuple[int, int]:
    """`2020-2025` (also "2020 - 2025" or with an en dash, as people type it) -> (2020, 2025)."""
    match = _TERM_ID.fullmatch(written.strip())
    if not match:
        raise ScaffoldError("scaffold.bad-term", term=written)
    start, end = int(match.group(1)), int(match.group(2))
    check_year(start)
    check_year(end)
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


def term_plan(start: int, end: int, first: Date | None = None, last: Date | None = None) -> list[tuple[str, str]]:
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


def book_term_change(site_root: Path, new_id: str) -> str | None:
    """The term the PDF yearbook printed before `new_id` was added, when adding it moved the book
    to `new_id`: site.yaml names no `yearbook.term`, so the book is the latest term (model/site.py),
    and `new_id` sorts after every other term. None when the book stays where it was."""
    try:
        data = load_yaml(SiteLayout(site_root).site_yaml.read_text(encoding="utf-8"), SITE_YAML, Problems())
    except (OSError, UnicodeDecodeError, YamlFailure, RecursionError):
        return None
    book = data.get("yearbook") if isinstance(data, YMap) else None
    if isinstance(book, YMap) and book.get("term") is not None:
        return None
    folder = SiteLayout(site_root).path(TERMS)
    others = sorted(p.name for p in folder.iterdir() if p.is_dir() and p.name != new_id) if folder.is_dir() else []
    return others[-1] if others and others[-1] < new_id else None
