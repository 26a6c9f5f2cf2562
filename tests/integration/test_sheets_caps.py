"""Rows and columns past the caps of sheets/read.py are never dropped silently: an error names
the first cell left out, and import then writes nothing."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from site_builder.problems import Problems, SiteError
from site_builder.sheets.importer import ImportRequest, import_sheet
from site_builder.sheets.read import HEADER_SCAN_ROWS, MAX_COLS, MAX_ROWS, read_grids
from tests.conftest import site_with
from tests.sheets_helpers import make_csv

HEADER = ["Chỉ tiêu", "Kế hoạch", "Thực hiện"]
LAST_READ = MAX_ROWS + HEADER_SCAN_ROWS


def target_rows(count: int) -> list[list[str]]:
    return [HEADER, *([f"Chỉ tiêu số {n}", "100", str(n % 150)] for n in range(1, count + 1))]


def codes(problems: Problems) -> list[tuple[str, str]]:
    return [(p.code, str(p.loc)) for p in problems.errors]


def test_csv_rows_past_the_cap_are_an_error_at_the_first_one(tmp_path: Path) -> None:
    sheet = make_csv(tmp_path / "many.csv", target_rows(5_100))
    problems = Problems()
    grids = read_grids(sheet, "many.csv", problems)
    assert codes(problems) == [("sheet.too-many-rows", f"many.csv:A{LAST_READ + 1}")]
    assert len(grids[0].rows) == LAST_READ
    assert str(LAST_READ + 1) in problems.errors[0].message("vi")


def test_import_of_a_sheet_too_long_writes_nothing(tmp_path: Path) -> None:
    site = site_with(tmp_path / "site", {"content/years/2026/year.md": '---\ntitle: "Năm 2026"\n---\n'})
    sheet = make_csv(tmp_path / "many.csv", target_rows(5_100))
    with pytest.raises(SiteError) as caught:
        import_sheet(ImportRequest(site, "targets", sheet, year=2026, dry_run=True))
    assert "sheet.too-many-rows" in [p.code for p in caught.value.problems]
    assert not (site / "content/years/2026/targets.yaml").exists()


def test_empty_rows_past_the_cap_are_no_loss(tmp_path: Path) -> None:
    rows = [*target_rows(3), *([""] * 3 for _ in range(LAST_READ))]
    problems = Problems()
    read_grids(make_csv(tmp_path / "blank-tail.csv", rows), "blank-tail.csv", problems)
    assert not problems.items


def test_a_csv_value_past_the_column_cap_is_an_error_at_its_cell(tmp_path: Path) -> None:
    wide = [*HEADER, *[""] * (MAX_COLS - 3), "", "bị bỏ"]  # column MAX_COLS + 2 (AP)
    problems = Problems()
    read_grids(make_csv(tmp_path / "wide.csv", [wide, ["a", "1", "1"]]), "wide.csv", problems)
    assert codes(problems) == [("sheet.too-many-columns", "wide.csv:AP1")]


def test_an_xlsx_value_past_the_column_cap_is_an_error_at_its_cell(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Chỉ tiêu"
    ws.append(HEADER)
    ws.append(["Kết nạp đảng viên mới", 150, 152])
    ws.cell(2, MAX_COLS + 1, "ghi chú lạc")  # AO2
    book.save(tmp_path / "wide.xlsx")
    problems = Problems()
    grids = read_grids(tmp_path / "wide.xlsx", "wide.xlsx", problems)
    assert codes(problems) == [("sheet.too-many-columns", "wide.xlsx:Chỉ tiêu!AO2")]
    assert max(len(row) for row in grids[0].rows) == MAX_COLS
