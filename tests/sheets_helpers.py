"""Spreadsheets built in code for the import/export tests (openpyxl, and CSV as Excel writes it)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl

TARGET_HEADER = ["STT", "Mã", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Tỷ lệ (%)", "Ghi chú"]


def make_xlsx(
    path: Path, rows: list[list[object]], *, sheet: str = "Chỉ tiêu", title: str | None = None,
    formats: dict[str, str] | None = None, extra_sheets: tuple[str, ...] = (),
) -> Path:  # fmt: skip
    """A workbook whose first sheet holds an optional merged title row, then `rows` (header first)."""
    book = openpyxl.Workbook()
    for name in extra_sheets:  # sheets before the data, as offices keep a cover or a summary first
        book.create_sheet(name, 0).append(["Trang bìa"])
    ws = book.worksheets[-1] if extra_sheets else book.active
    ws.title = sheet
    if title:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(2, len(rows[0])))
        ws.append([])
    for row in rows:
        ws.append(row)
    for coordinate, number_format in (formats or {}).items():
        ws[coordinate].number_format = number_format
    book.save(path)
    return path


def cache_formula_values(path: Path, values: dict[str, str]) -> None:
    """What Excel does on saving: store each formula's computed value beside it (openpyxl stores none)."""
    with zipfile.ZipFile(path) as source:
        members = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    xml = members[sheet].decode("utf-8")
    for cell, value in values.items():
        # An empty value is <v/> or <v></v>, depending on whether lxml wrote the file.
        xml = re.sub(rf'(<c r="{cell}"[^>]*>\s*<f>[^<]*</f>)\s*(?:<v\s*/>|<v></v>)', rf"\g<1><v>{value}</v>", xml)
    members[sheet] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members.items():
            target.writestr(name, data)


def make_csv(path: Path, rows: list[list[str]], separator: str = ";", bom: bool = True) -> Path:
    """CSV as Excel saves it ("CSV UTF-8"): BOM, CRLF, the separator of the locale."""

    def quote(value: str) -> str:
        return f'"{value}"' if any(ch in value for ch in (separator, '"', "\n")) else value

    text = "\r\n".join(separator.join(quote(str(v)) for v in row) for row in rows) + "\r\n"
    path.write_bytes(("\ufeff" if bom else "").encode("utf-8") + text.encode("utf-8"))
    return path
