"""A filled-in sheet beside the YAML (from `new year --xlsx`) is never ignored silently:
check, check --print and build warn until it is imported."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import openpyxl
import pytest

from site_builder.build import BuildOptions, build_site, check_for_print, check_site
from site_builder.scaffold import new_site, new_year
from site_builder.sheets.importer import ImportRequest, import_sheet
from tests.conftest import parse_html, run_cli, text_of

TODAY = dt.date(2026, 5, 4)
SHEET = "content/years/2027/targets.xlsx"
YAML = "content/years/2027/targets.yaml"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """`new site --xlsx`, then `new year 2027 --xlsx`: blank sheets beside every targets/awards YAML."""
    root = tmp_path / "S"
    new_site(root, today=TODAY, xlsx=True, program="site-builder", platform="linux")
    new_year(root, 2027, xlsx=True)
    return root


def fill(sheet: Path, *rows: list[object]) -> None:
    """Type rows under the header row (row 3) as staff do in Excel, and save."""
    book = openpyxl.load_workbook(sheet)
    ws = book.active
    for index, row in enumerate(rows, start=4):
        for col, value in enumerate(row, start=1):
            ws.cell(index, col, value)
    book.save(sheet)
    later = sheet.with_name(YAML.rsplit("/", 1)[1]).stat().st_mtime_ns + 2_000_000_000
    os.utime(sheet, ns=(later, later))  # saved after the YAML was written, as in real life


def pending(problems) -> list:
    return [p for p in problems if p.code == "sheet.not-imported"]


KET_NAP = [1, None, "Kết nạp đảng viên mới", "đảng viên", 150, 152]


def test_blank_sheets_of_new_site_and_new_year_say_nothing(site: Path) -> None:
    assert not pending(check_site(site))
    for name in ("targets.xlsx", "awards.xlsx"):  # staff #18: no word of grey columns they do not have
        note = openpyxl.load_workbook(site / "content/years/2027" / name).active["A2"].value
        assert "xám" not in note and "tự tính" not in note and f"import {name[:-5]}" in note


def test_a_filled_sheet_is_a_warning_in_check_naming_the_dry_run(site: Path) -> None:
    fill(site / SHEET, KET_NAP)
    found = pending(check_site(site))
    assert len(found) == 1 and found[0].severity == "warning"
    assert found[0].loc.path == SHEET
    message = found[0].message("vi")
    assert f"site-builder import targets {SHEET} --year 2027 --dry-run" in message
    assert YAML in message and "Kết nạp đảng viên mới" not in message  # the id made from it is named
    assert "ket-nap-dang-vien-moi" in message
    assert "--dry-run" in found[0].message("en")


def test_check_print_and_the_cli_report_it(site: Path) -> None:
    fill(site / SHEET, KET_NAP)
    problems, _items = check_for_print(site)
    assert pending(problems)
    code, out, err = run_cli("check", "--site", str(site))
    assert code == 0, err
    line = next(line for line in err.splitlines() if line.startswith(f"{SHEET}: "))
    assert "--year 2027 --dry-run" in line and "Traceback" not in out + err


def test_build_warns_and_the_figures_are_really_missing(site: Path) -> None:
    fill(site / SHEET, KET_NAP)
    report = build_site(BuildOptions(site, pdf=False))
    assert pending(report.problems)
    page = parse_html(site / "output" / "nam" / "2027" / "index.html")
    assert "Kết nạp" not in text_of(page)  # what the warning is about


def test_after_import_the_warning_is_gone(site: Path) -> None:
    fill(site / SHEET, KET_NAP)
    import_sheet(ImportRequest(site, "targets", site / SHEET, year=2027, replace=True))
    assert not pending(check_site(site))


def test_a_yaml_edited_after_import_is_not_contradicted_by_the_older_sheet(site: Path) -> None:
    fill(site / SHEET, KET_NAP)
    import_sheet(ImportRequest(site, "targets", site / SHEET, year=2027, replace=True))
    yaml = site / YAML
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("152", "153"), encoding="utf-8")
    later = (site / SHEET).stat().st_mtime_ns + 1_000_000_000
    os.utime(yaml, ns=(later, later))
    assert not pending(check_site(site))  # the YAML is newer: a hand correction


def test_a_row_the_yaml_lacks_warns_even_when_the_yaml_is_newer(site: Path) -> None:
    fill(site / SHEET, KET_NAP)
    import_sheet(ImportRequest(site, "targets", site / SHEET, year=2027, replace=True))
    fill(site / SHEET, KET_NAP, [2, None, "Học viên trung cấp lý luận", "học viên", 1000, 1035])
    later = (site / SHEET).stat().st_mtime_ns + 1_000_000_000
    os.utime(site / YAML, ns=(later, later))
    found = pending(check_site(site))
    assert len(found) == 1 and "hoc-vien-trung-cap-ly-luan" in found[0].message("vi")


def test_a_term_awards_csv_is_checked_too(site: Path) -> None:
    term = next((site / "content" / "terms").iterdir())
    sheet = term / "awards.csv"
    sheet.write_text("Hình thức;Cấp khen;Đối tượng;Số lượng\nGiấy khen;Đảng ủy Khối;tập thể;12\n", encoding="utf-8")
    found = pending(check_site(site))
    assert [p.loc.path for p in found] == [f"content/terms/{term.name}/awards.csv"]
    assert f"--term {term.name} --dry-run" in found[0].message("vi")
