"""Which sheet, which row holds the headers, and which column is which field. Pure: no IO."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from site_builder.catalogue import Clause, clause
from site_builder.problems import Loc, Problems, column_letters
from site_builder.sheets import headers
from site_builder.sheets.cells import Cell, Grid, as_text


@dataclass(frozen=True)
class Table:
    """A sheet's data: the rows under the header row, and the field each column holds."""

    grid: Grid
    header_row: int  # 1-based
    columns: dict[int, str]  # column (1-based) -> field
    titles: dict[str, str]  # field -> its header as written ("Thực hiện"), for messages
    rows: tuple[tuple[Cell, ...], ...]  # non-empty rows below the header row

    def loc(self, row: int, col: int | None = None) -> Loc:
        return Loc(self.grid.path, row, col or 1, sheet=self.grid.sheet)


def texts(row: Sequence[Cell]) -> list[str]:
    return [as_text(c.value) if c.value is not None else "" for c in row]


def pick_grid(grids: Sequence[Grid], kind: str, sheet: str | None, problems: Problems) -> Grid | None:
    """The sheet named `sheet`, or else the first whose header row names the columns of `kind`."""
    if not grids:
        return None
    if sheet is not None:
        found = next((g for g in grids if g.sheet == sheet), None)
        if found is None:
            names = ", ".join(f"“{g.sheet}”" for g in grids)
            problems.error("sheet.no-sheet", Loc(grids[0].path), sheet=sheet, sheets=names)
        return found
    for grid in grids:
        if headers.find_header_row([texts(r) for r in grid.rows], kind) is not None:
            return grid
    return grids[0]  # reported by read_table: no header row


def read_table(grid: Grid, kind: str, problems: Problems) -> Table | None:
    """The header row and the columns it names; None (reported) when the sheet cannot be read as `kind`."""
    index = headers.find_header_row([texts(r) for r in grid.rows], kind)
    if index is None:
        expected = clause(f"sheet.expected.{kind}")
        problems.error("sheet.no-header", Loc(grid.path, 1, 1, sheet=grid.sheet), what=kind, expected=expected)
        return None
    header = grid.rows[index]
    columns, titles = map_columns(header, kind, grid, problems)
    table = Table(grid, index + 1, columns, titles, data_rows(grid.rows[index + 1 :], columns))
    missing = headers.missing_columns(columns, kind)
    for group in missing:
        problems.error("sheet.missing-column", table.loc(index + 1), column=column_names(group))
    if not missing and not table.rows:
        problems.error("sheet.no-rows", table.loc(index + 1))
    return None if missing or not table.rows else table


def column_names(group: tuple[str, ...]) -> Clause:
    """ "“Kế hoạch” hoặc “Tỷ lệ (%)”", in the language the problem is shown in."""
    names = [clause(f"sheet.column.{field}") for field in group]
    if len(names) == 1:
        return clause("sheet.column-quoted", name=names[0])
    return clause("sheet.columns-either", first=names[0], second=names[1])


def map_columns(
    header: Sequence[Cell], kind: str, grid: Grid, problems: Problems
) -> tuple[dict[int, str], dict[str, str]]:
    columns: dict[int, str] = {}
    titles: dict[str, str] = {}
    first: dict[str, Cell] = {}
    for cell in header:
        title = as_text(cell.value) if cell.value is not None else ""
        if not title or headers.is_ignored(title):
            continue
        loc = Loc(grid.path, cell.row, cell.col, sheet=grid.sheet)
        field = headers.field_of(title, kind)
        if field is None:
            report_unknown_header(title, kind, loc, problems)
        elif field in first:
            other = first[field]
            cell_name = f"{column_letters(other.col)}{other.row}"
            problems.error("sheet.duplicate-column", loc, header=title, first=cell_name, first_header=titles[field])
        else:
            first[field], columns[cell.col], titles[field] = cell, field, title
    return columns, titles


def report_unknown_header(title: str, kind: str, loc: Loc, problems: Problems) -> None:
    """A near miss of a known header is a typo that would drop a column: an error. Anything else
    is a column of the office's own (a person in charge, a remark): ignored with a warning."""
    typo = headers.near_miss(title, kind)
    if typo:
        problems.error("sheet.header-misspelt", loc, header=title, suggest=clause(f"sheet.column.{typo}"))
    else:
        problems.warning("sheet.unknown-column", loc, header=title)


def data_rows(rows: Sequence[tuple[Cell, ...]], columns: dict[int, str]) -> tuple[tuple[Cell, ...], ...]:
    """Rows with something in a recognised column (blank separator rows are skipped)."""
    return tuple(row for row in rows if any(c.col in columns and _filled(c) for c in row))


def _filled(cell: Cell) -> bool:
    return cell.kind != "value" or (cell.value is not None and as_text(cell.value) != "")
