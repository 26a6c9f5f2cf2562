"""Targets and awards -> a formatted .xlsx that `import` reads back to the same records.

Headers in the site's language (from the package catalogue, all recognised by import), counts
as `#,##0`, rates and percents as `0.0%` (as many decimals as written), dates as dd/mm/yyyy,
lists for the choice columns, a comment on every header saying what goes in it, and the
derived ratio and status as greyed, locked columns that import skips. Pure: builds bytes,
writes nothing.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from site_builder.catalogue import DEFAULT_LANG, text
from site_builder.formatting import format_points
from site_builder.model.derive import places
from site_builder.model.records import Award, Target
from site_builder.sheets.headers import EXPORT_FIELDS

# One row of a sheet: each cell's value and its number format (None: the general one).
CellValue = str | int | float | Decimal | dt.date | None
SheetCell = tuple[CellValue, str | None]
SheetRow = list[SheetCell]
HEADER_ROW = 3  # a title row and a note row above it; import finds the header row anyway
SPARE_ROWS = 200  # rows below the data left editable, formatted and with the choice lists
COUNT_FORMAT = "#,##0"
DATE_FORMAT = "dd/mm/yyyy"
GREY = "D9D9D9"
DERIVED = ("ratio-derived", "status-derived")  # sheet.column.<…>: greyed, locked, skipped on import
# The values of the choice columns, written as the words of sheet.choice.<field>.<value>.
CHOICE_VALUES = {
    "direction": ("at_least", "at_most"),
    "recipient_kind": ("collective", "individual"),
    "status": ("granted", "proposed"),
    "sample": ("true",),
}


def column_title(field: str, lang: str) -> str:
    """A column's header: "Thực hiện" / "Actual"; "STT" for "row-number"."""
    return text(f"sheet.column.{field}", lang)


def choice_word(field: str, value: str, lang: str) -> str:
    """ "at_most" -> "tối đa" / "at most": a word import reads back (sheets/cells.py CHOICES)."""
    return text(f"sheet.choice.{field}.{value}", lang)


def column_help(field: str, lang: str) -> str:
    return text(f"sheet.help.{field}", lang)


def sheet_title(kind: str, year: int | None, term: str | None, lang: str) -> str:
    """ "Chỉ tiêu năm 2024", "Khen thưởng nhiệm kỳ 2020 - 2025" (English on an English site)."""
    if year is not None:
        return text(f"sheet.title.{kind}-year", lang, year=year)
    return text(f"sheet.title.{kind}-term", lang, term=str(term).replace("-", " - "))


def percent_format(value: Decimal) -> str:
    digits = places(value)
    return "0" + ("." + "0" * digits if digits else "") + "%"


def figure(target: Target, value: Decimal | None) -> SheetCell:
    """A target's figure as a cell: a count as `#,##0`, a rate as a percent cell (91,4%)."""
    if value is None:
        return None, None
    if target.is_rate:
        return float(value / 100), percent_format(value)
    return int(value), COUNT_FORMAT


def target_rows(targets: Sequence[Target], lang: str) -> list[SheetRow]:
    """(value, number format) per cell, in EXPORT_FIELDS order, then the derived columns."""
    rows: list[SheetRow] = []
    for t in targets:
        percent: SheetCell = (
            (float(t.percent / 100), percent_format(t.percent)) if t.percent is not None else (None, None)
        )
        rows.append([
            (t.id, None), (t.name, None), (t.unit, None), figure(t, t.target), figure(t, t.actual), percent,
            (choice_word("direction", t.direction, lang), None), (t.period, None), (t.source, None),
            (t.note, None), sample_cell(t.sample, lang), *derived(t, lang),
        ])  # fmt: skip
    return rows


def sample_cell(sample: bool, lang: str) -> SheetCell:
    """ "có" in the "Mẫu" column for an example record; empty for real figures."""
    return (choice_word("sample", "true", lang), None) if sample else (None, None)


def derived(target: Target, lang: str) -> SheetRow:
    if target.ratio is not None:
        shown: SheetCell = (float(target.ratio / 100), "0.0%")
    elif target.points is not None:
        shown = (format_points(target.points, lang), None)
    else:
        shown = ("—", None)
    return [shown, (text(f"changes.status.{target.status}", lang), None)]


def award_rows(awards: Sequence[Award], lang: str) -> list[SheetRow]:
    return [
        [
            (a.title, None),
            (a.issuer, None),
            (choice_word("recipient_kind", a.recipient_kind, lang), None),
            (a.count, COUNT_FORMAT),
            ("\n".join(a.recipients) or None, None),
            (a.reason, None),
            (a.decision, None),
            (a.date, DATE_FORMAT),
            (choice_word("status", a.status, lang), None),
            sample_cell(a.sample, lang),
        ]  # fmt: skip
        for a in awards
    ]


def workbook_bytes(kind: str, sheet: SheetText, rows: list[SheetRow], derived_cols: bool) -> bytes:
    from site_builder.sheets.layout import build_workbook  # openpyxl: only when a sheet is made

    book = build_workbook(kind, sheet, rows, derived_cols)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class SheetText:
    """What a sheet says besides its data: its title row, the option naming the year or term in
    the note's import command ("--year 2024"; None: a placeholder), and its language."""

    title: str
    lang: str
    scope: str | None = None


def export_targets(targets: Sequence[Target], sheet: SheetText) -> bytes:
    return workbook_bytes("targets", sheet, target_rows(targets, sheet.lang), derived_cols=True)


def export_awards(awards: Sequence[Award], sheet: SheetText) -> bytes:
    return workbook_bytes("awards", sheet, award_rows(awards, sheet.lang), derived_cols=False)


def blank_sheet(kind: str, title: str, lang: str = DEFAULT_LANG, scope: str | None = None) -> bytes:
    """An empty sheet to fill in: headers, formats, choice lists; no example row (it would be imported).
    No derived columns either, and so no word about them in the note."""
    return workbook_bytes(kind, SheetText(title, lang, scope), [], derived_cols=False)


__all__ = ["EXPORT_FIELDS", "SheetText", "blank_sheet", "export_awards", "export_targets", "sheet_title"]
