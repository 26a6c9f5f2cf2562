"""The empty spreadsheets `new … --xlsx` puts beside targets.yaml and awards.yaml."""

from __future__ import annotations

from site_builder.catalogue import DEFAULT_LANG, Clause, clause, text
from site_builder.formatting import format_term
from site_builder.layout import TERMS


def sheet_plan(folder: str, scope: Clause, lang: str = DEFAULT_LANG) -> list[tuple[str, str | bytes]]:
    """Empty targets.xlsx and awards.xlsx beside the YAML files, to fill in and import; their
    titles name `scope` (the term or year) in the site's language."""
    from site_builder.sheets.export import blank_sheet

    # The option the note's import command needs: --term 2025-2030 or --year 2026.
    option = f"{'--term' if folder.startswith(TERMS) else '--year'} {folder.rsplit('/', 1)[-1]}"
    return [
        (f"{folder}/{kind}.xlsx", blank_sheet(kind, text(f"scaffold.sheet-{kind}", lang, scope=scope), lang, option))
        for kind in ("targets", "awards")
    ]


def term_scope(start: int, end: int) -> Clause:
    return clause("clause.scope.term", term=format_term(f"{start}-{end}"))


def year_scope(year: int) -> Clause:
    return clause("clause.scope.year", year=year)
