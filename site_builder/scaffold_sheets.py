"""The empty spreadsheets `new … --xlsx` puts beside targets.yaml and awards.yaml."""

from __future__ import annotations

from site_builder.catalogue import DEFAULT_LANG, Clause, clause, text
from site_builder.formatting import format_term


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
