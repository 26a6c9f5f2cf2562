"""The look of an exported sheet (openpyxl): title, header row, formats, locked derived columns."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from site_builder.catalogue import text
from site_builder.sheets.export import (
    CHOICE_VALUES,
    COUNT_FORMAT,
    DATE_FORMAT,
    DERIVED,
    GREY,
    HEADER_ROW,
    SPARE_ROWS,
    SheetRow,
    SheetText,
    choice_word,
    column_help,
    column_title,
)
from site_builder.sheets.headers import EXPORT_FIELDS

WIDTHS = {"name": 48, "title": 16, "issuer": 30, "reason": 48, "recipients": 40, "note": 30, "source": 22}
# Formats of the empty cells staff fill in, by field (counts are whole numbers).
BLANK_FORMATS = {"count": COUNT_FORMAT, "date": DATE_FORMAT}


def note(kind: str, sheet: SheetText, derived_cols: bool) -> str:
    """Row 2: keep the headers, how to import; the grey columns only on a sheet that has them."""
    scope = sheet.scope or text("sheet.scope-placeholder", sheet.lang)
    key = "sheet.note-derived" if derived_cols else "sheet.note"
    return text(key, sheet.lang, row=HEADER_ROW, kind=kind, scope=scope)


def build_workbook(kind: str, sheet: SheetText, rows: list[SheetRow], derived_cols: bool) -> Workbook:
    book = Workbook()
    ws = book.active
    if not isinstance(ws, Worksheet):  # a new workbook starts with one worksheet, active
        raise TypeError("a new workbook has no worksheet")
    ws.title = text(f"sheet.name.{kind}", sheet.lang)
    fields = list(EXPORT_FIELDS[kind])
    names = ["row-number", *fields, *(DERIVED if derived_cols else ())]
    headers = [column_title(name, sheet.lang) for name in names]
    ws.cell(1, 1, sheet.title).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    ws.cell(2, 1, note(kind, sheet, derived_cols)).font = Font(italic=True, size=9)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(headers))
    write_headers(ws, headers, fields, sheet.lang)
    last = HEADER_ROW + len(rows) + SPARE_ROWS
    for index, row in enumerate(rows, start=1):
        write_row(ws, HEADER_ROW + index, index, row, len(fields))
    unlock_editable(ws, fields, last, has_rows=bool(rows))
    add_choice_lists(ws, fields, last, sheet.lang)
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 3).coordinate
    ws.protection.sheet = derived_cols  # only the derived columns need guarding; no password
    for option in ("insertRows", "deleteRows", "formatColumns", "formatRows", "sort", "autoFilter"):
        setattr(ws.protection, option, False)  # False: allowed while the sheet is protected
    return book


def write_headers(ws: Worksheet, headers: list[str], fields: list[str], lang: str) -> None:
    for col, title in enumerate(headers, start=1):
        cell = ws.cell(HEADER_ROW, col, title)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        field = fields[col - 2] if 2 <= col < len(fields) + 2 else None
        if field is not None:
            cell.comment = Comment(column_help(field, lang), "site-builder")
        if col > len(fields) + 1:
            cell.fill = PatternFill("solid", fgColor=GREY)
        ws.column_dimensions[get_column_letter(col)].width = WIDTHS.get(field or "", 14 if col > 1 else 6)


def write_row(ws: Worksheet, r: int, number: int, row: SheetRow, field_count: int) -> None:
    ws.cell(r, 1, number)
    for col, (value, number_format) in enumerate(row, start=2):
        cell = ws.cell(r, col, value)
        if number_format:
            cell.number_format = number_format
        cell.alignment = Alignment(wrap_text=isinstance(value, str) and "\n" in value, vertical="top")
        if col > field_count + 1:  # derived: greyed and locked
            cell.fill = PatternFill("solid", fgColor=GREY)


def unlock_editable(ws: Worksheet, fields: list[str], last: int, has_rows: bool) -> None:
    """Editable columns stay editable under the sheet's protection, spare rows included;
    empty rows get the formats of their column."""
    for col, field in enumerate(fields, start=2):
        for r in range(HEADER_ROW + 1, last + 1):
            cell = ws.cell(r, col)
            cell.protection = Protection(locked=False)
            if cell.value is None and field in BLANK_FORMATS:
                cell.number_format = BLANK_FORMATS[field]
    for r in range(HEADER_ROW + 1, last + 1):
        ws.cell(r, 1).protection = Protection(locked=False)


def add_choice_lists(ws: Worksheet, fields: list[str], last: int, lang: str) -> None:
    for col, field in enumerate(fields, start=2):
        if field not in CHOICE_VALUES:
            continue
        words = ",".join(choice_word(field, value, lang) for value in CHOICE_VALUES[field])
        validation = DataValidation(type="list", formula1=f'"{words}"', allow_blank=True)
        letter = get_column_letter(col)
        validation.add(f"{letter}{HEADER_ROW + 1}:{letter}{last}")
        ws.add_data_validation(validation)
