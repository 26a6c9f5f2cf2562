"""Spreadsheet files -> Grids: .xlsx with openpyxl, .csv with the standard library.

The only code here that reads a file. Every cell keeps its row and column so any
problem can name it (`FILE.xlsx:Chỉ tiêu!E7`). Hostile or huge files are bounded:
the file size, the rows and the columns read are capped, and the workbook is
streamed (openpyxl's read-only mode) rather than loaded whole.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from site_builder.catalogue import clause
from site_builder.problems import Loc, Problems
from site_builder.sheets.cells import Cell, CellKind, Grid
from site_builder.sheets.files import SUFFIXES
from site_builder.sheets.headers import HEADER_SCAN_ROWS
from site_builder.sources.text import decode_text


class _Sheet(Protocol):
    """What is read of an openpyxl read-only worksheet (openpyxl is imported only when a sheet is read)."""

    title: str

    def reset_dimensions(self) -> None: ...

    def iter_rows(self, *, max_col: int) -> Iterator[tuple[object, ...]]: ...


MAX_FILE_BYTES = 20_000_000
MAX_ROWS = 5_000  # data rows; a bloc's targets or awards are a few dozen
MAX_COLS = 40
SCAN_COLS = 4 * MAX_COLS  # looked at past the cap, only to say that a value there is not read
CSV_SEPARATORS = (";", ",", "\t")  # Excel writes ";" where the decimal mark is a comma


def read_grids(path: Path, shown: str, problems: Problems) -> list[Grid]:
    """Every sheet of the file (one for a CSV file); [] after reporting why it cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        problems.error("sheet.bad-format", Loc(shown), suffix=suffix or clause("clause.sheet.no-suffix"))
        return []
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.error("sheet.too-big", Loc(shown), size=size // 1000, limit=MAX_FILE_BYTES // 1000)
            return []
        data = path.read_bytes()
    except OSError as exc:
        problems.error("file.unreadable", Loc(shown), detail=exc.strerror or type(exc).__name__)
        return []
    if suffix == ".csv":
        grid = read_csv(data, shown, problems)
        return [grid] if grid is not None else []
    return read_xlsx(data, shown, problems)


def read_xlsx(data: bytes, shown: str, problems: Problems) -> list[Grid]:
    try:
        grids = _load(data, shown, problems)
        if any(cell.kind == "formula" for grid in grids for row in grid.rows for cell in row):
            grids = _with_cached_values(data, grids)
    except zipfile.BadZipFile:
        problems.error("sheet.unreadable", Loc(shown), detail=clause("clause.sheet.not-zip"))
        return []
    except Exception as exc:  # noqa: BLE001 - a damaged workbook fails in many ways inside openpyxl
        problems.error("sheet.unreadable", Loc(shown), detail=type(exc).__name__)
        return []
    return grids


def _load(data: bytes, shown: str, problems: Problems) -> list[Grid]:
    import openpyxl  # imported here: only the commands that read sheets pay for it

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        return [_grid(ws, shown, problems) for ws in book.worksheets if hasattr(ws, "iter_rows")]
    finally:
        book.close()


def _grid(ws: _Sheet, shown: str, problems: Problems) -> Grid:
    """The sheet's cells up to the caps; a value past them is an error at the first such cell
    (never dropped silently: the import would then write a file missing those rows)."""
    ws.reset_dimensions()  # some writers record a wrong size; read what is there
    rows: list[tuple[Cell, ...]] = []
    wide: Cell | None = None
    for r, row in enumerate(ws.iter_rows(max_col=SCAN_COLS), start=1):
        if r > MAX_ROWS + HEADER_SCAN_ROWS:
            if any(_has_value(cell) for cell in row):  # formatted empty rows below the data are no loss
                _too_many_rows(Grid(shown, ws.title, ()), r, problems)
                break
            continue
        if wide is None:
            extra = next((c for c, cell in enumerate(row[MAX_COLS:], MAX_COLS + 1) if _has_value(cell)), None)
            wide = _cell(r, extra, row[extra - 1]) if extra is not None else None
        rows.append(tuple(_cell(r, c, cell) for c, cell in enumerate(row[:MAX_COLS], start=1)))
    if wide is not None:
        _too_many_columns(Grid(shown, ws.title, ()), wide, problems)
    return Grid(shown, ws.title, tuple(rows))


def _has_value(cell: object) -> bool:
    value = getattr(cell, "value", None)
    return value is not None and str(value).strip() != ""


def _too_many_rows(grid: Grid, row: int, problems: Problems) -> None:
    loc = Loc(grid.path, row, 1, sheet=grid.sheet)
    problems.error("sheet.too-many-rows", loc, limit=MAX_ROWS + HEADER_SCAN_ROWS, row=row)


def _too_many_columns(grid: Grid, cell: Cell, problems: Problems) -> None:
    loc = Loc(grid.path, cell.row, cell.col, sheet=grid.sheet)
    problems.error("sheet.too-many-columns", loc, limit=MAX_COLS)


_KINDS: dict[str, CellKind] = {"e": "error", "f": "formula"}  # openpyxl's data_type -> ours


def _cell(r: int, c: int, cell: object) -> Cell:
    """Any cell a read-only sheet yields (an empty one has no data type nor format)."""
    kind = _KINDS.get(getattr(cell, "data_type", "n"), "value")
    return Cell(r, c, getattr(cell, "value", None), getattr(cell, "number_format", None) or "General", kind)


def _with_cached_values(data: bytes, grids: list[Grid]) -> list[Grid]:
    """Formulas replaced by the value Excel or LibreOffice computed and saved with them. A file
    written by a program that never computed them has none: those cells stay "formula"."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        # The caps were reported by the first reading: this one only fetches the cached values.
        cached = {ws.title: _grid(ws, "", Problems()) for ws in book.worksheets if hasattr(ws, "iter_rows")}
    finally:
        book.close()
    result = []
    for grid in grids:
        values = cached.get(grid.sheet)
        rows = tuple(tuple(_cached(cell, values) for cell in row) for row in grid.rows)
        result.append(Grid(grid.path, grid.sheet, rows))
    return result


def _cached(cell: Cell, values: Grid | None) -> Cell:
    if cell.kind != "formula" or values is None or cell.row > len(values.rows):
        return cell
    row = values.rows[cell.row - 1]
    found = row[cell.col - 1] if cell.col <= len(row) else None
    if found is None or found.value is None:
        return cell
    return Cell(cell.row, cell.col, found.value, cell.number_format, found.kind)


def read_csv(data: bytes, shown: str, problems: Problems) -> Grid | None:
    """UTF-8 (with or without Excel's BOM); separator ";", "," or Tab, whichever the header uses."""
    text = decode_text(data, shown, problems)
    if text is None:
        return None
    lines = text.split("\n")
    if lines and lines[0].lower().startswith("sep=") and len(lines[0]) == 5:  # Excel's separator hint
        separators: tuple[str, ...] = (lines[0][4],)
        text = "\n".join(lines[1:])
        offset = 1
    else:
        separators, offset = CSV_SEPARATORS, 0
    candidates = [_csv_rows(text, sep, offset) for sep in separators]
    best, past_rows, wide = max(candidates, key=lambda found: _header_width(found[0]))
    grid = Grid(shown, "", best)
    if wide is not None:
        _too_many_columns(grid, wide, problems)
    if past_rows is not None:
        _too_many_rows(grid, past_rows, problems)
    return grid


CsvRows = tuple[tuple[Cell, ...], ...]


def _csv_rows(text: str, separator: str, offset: int) -> tuple[CsvRows, int | None, Cell | None]:
    """The rows up to the caps, the first row past them that holds a value, the first cell past
    the column cap that holds one."""
    rows: list[tuple[Cell, ...]] = []
    wide: Cell | None = None
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    for r, row in enumerate(reader, start=1 + offset):
        if r > MAX_ROWS + HEADER_SCAN_ROWS:
            if any(value.strip() for value in row):
                return tuple(rows), r, wide
            continue
        extra = next((c for c, value in enumerate(row[MAX_COLS:], start=MAX_COLS + 1) if value.strip()), None)
        if wide is None and extra is not None:
            wide = Cell(r, extra, row[extra - 1])
        rows.append(tuple(Cell(r, c, value) for c, value in enumerate(row[:MAX_COLS], start=1)))
    return tuple(rows), None, wide


def _header_width(rows: tuple[tuple[Cell, ...], ...]) -> int:
    """The most non-empty cells in one of the first rows: the right separator splits the header."""
    return max((sum(1 for c in row if str(c.value).strip()) for row in rows[:HEADER_SCAN_ROWS]), default=0)
