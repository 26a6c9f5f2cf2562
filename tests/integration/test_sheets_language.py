"""Sheets speak the site's language: every word export writes comes from the package catalogue
(vi or en), and import reads back what export wrote in either language."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl
import pytest

from site_builder.catalogue import LANGS, text
from site_builder.problems import Loc, Problems
from site_builder.scaffold import new_year
from site_builder.sheets.cells import Cell, read_cell
from site_builder.sheets.export import CHOICE_VALUES, DERIVED, blank_sheet, choice_word, column_title
from site_builder.sheets.exporter import ExportRequest, export_sheet
from site_builder.sheets.headers import EXPORT_FIELDS, field_of, is_ignored
from site_builder.sheets.importer import ImportRequest, import_sheet, read_grids, read_sheet
from site_builder.sheets.rows import field_types
from tests.conftest import load, site_with

TARGETS = """\
- id: ket-nap
  name: "Kết nạp đảng viên mới"
  unit: "đảng viên"
  target: 150
  actual: 152
- id: khong-hoan-thanh
  name: "Đảng viên không hoàn thành nhiệm vụ"
  unit: "%"
  target: 1
  actual: 1.2
  direction: at_most
  sample: true
"""
ENGLISH = {"content/site.yaml": 'title: "Yearbook"\norganization: "Party Committee"\nlanguage: en\n'}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["targets", "awards"])
def test_every_header_export_writes_is_read_back_as_its_field(lang: str, kind: str) -> None:
    for field in EXPORT_FIELDS[kind]:
        assert field_of(column_title(field, lang), kind) == field, (lang, field)
    for name in ("row-number", *DERIVED):
        assert is_ignored(column_title(name, lang)), (lang, name)


@pytest.mark.parametrize("lang", LANGS)
def test_every_choice_word_export_writes_is_read_back_as_its_value(lang: str) -> None:
    for field, values in CHOICE_VALUES.items():
        field_type = field_types("targets" if field in ("direction", "sample") else "awards")[field]
        for value in values:
            reading = read_cell(Cell(4, 2, choice_word(field, value, lang)), field_type, field)
            assert (reading.problem, reading.text) == (None, value), (lang, field, value)


def test_an_english_site_exports_english_and_imports_it_back(tmp_path: Path) -> None:
    site = site_with(tmp_path / "site", {**ENGLISH, "content/terms/2020-2025/targets.yaml": TARGETS})
    original = load(site)[0].terms[0].targets.items
    sheet = tmp_path / "targets.xlsx"
    export_sheet(ExportRequest(site, "targets", sheet, term="2020-2025"))
    ws = openpyxl.load_workbook(sheet).active
    assert ws.title == "Targets" and ws["A1"].value == "Targets, term 2020 - 2025"
    assert "--term 2020-2025" in ws["A2"].value and "(computed)" in ws["A2"].value
    assert [c.value for c in ws[3]][:6] == ["No.", "ID", "Name", "Unit", "Target", "Actual"]
    rows = list(ws.iter_rows(min_row=4, max_row=5, values_only=True))
    assert rows[1][7] == "at most" and rows[1][11] == "yes" and rows[0][13] == "exceeded"
    problems = Problems()
    back = read_sheet(sheet, "targets", None, problems)
    assert not problems.errors
    assert [dataclasses.replace(t, loc=None) for t in back.records.items] == [
        dataclasses.replace(t, loc=None) for t in original
    ]
    import_sheet(ImportRequest(site, "targets", sheet, term="2020-2025", replace=True))
    written = (site / "content/terms/2020-2025/targets.yaml").read_text(encoding="utf-8")
    assert written.startswith("# Targets: imported from the spreadsheet “targets.xlsx”, sheet “Targets”")


def test_problem_fragments_of_a_sheet_follow_the_language_shown(tmp_path: Path) -> None:
    problems = Problems()
    read_grids(tmp_path / "chi-tieu", "chi-tieu", problems)
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    read_grids(tmp_path / "broken.xlsx", "broken.xlsx", problems)
    assert "(no extension)" in problems.items[0].message("en")
    assert "(không có đuôi)" in problems.items[0].message("vi")
    assert "not an .xlsx (zip) file" in problems.items[1].message("en")


def test_a_missing_column_is_named_as_the_sheet_language_would(tmp_path: Path) -> None:
    csv = tmp_path / "t.csv"
    csv.write_text("Chỉ tiêu;Thực hiện;Đơn vị tính\nKết nạp;152;đảng viên\n", encoding="utf-8")
    problems = Problems()
    read_sheet(csv, "targets", None, problems)
    missing = [p for p in problems.errors if p.code == "sheet.missing-column"]
    assert "“Kế hoạch” hoặc “Tỷ lệ (%)”" in missing[0].message("vi")
    assert "“Target” or “Percent (%)”" in missing[0].message("en")
    assert missing[0].loc == Loc(str(csv), 1, 1, sheet="")


@pytest.mark.parametrize("kind", ["targets", "awards"])
def test_a_blank_template_mentions_no_grey_columns_it_does_not_have(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"{kind}.xlsx"
    path.write_bytes(blank_sheet(kind, "Mẫu", "vi", "--year 2027"))
    ws = openpyxl.load_workbook(path).active
    note = ws["A2"].value
    assert "xám" not in note and "tự tính" not in note and "--year 2027" in note
    assert not any("tự tính" in str(c.value) for c in ws[3])
    assert text("sheet.note", "vi", row=3, kind=kind, scope="--year 2027") == note


def test_new_year_xlsx_on_an_english_site_writes_english_blank_sheets(tmp_path: Path) -> None:
    site = site_with(tmp_path / "site", ENGLISH)
    new_year(site, 2027, xlsx=True)
    ws = openpyxl.load_workbook(site / "content/years/2027/targets.xlsx").active
    assert ws.title == "Targets" and [c.value for c in ws[3]][:3] == ["No.", "ID", "Name"]
    assert "site-builder import targets FILE.xlsx --year 2027" in ws["A2"].value and "grey" not in ws["A2"].value
