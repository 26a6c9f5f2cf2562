"""`site-builder export` writes a formatted sheet that `import` reads back to the same records."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest

from site_builder.model.sets import load_award_set, load_target_set
from site_builder.problems import Problems
from site_builder.scaffold import new_site
from site_builder.sheets.exporter import ExportRequest, export_sheet
from site_builder.sheets.files import SheetUsageError
from site_builder.sheets.importer import ImportRequest, import_sheet, read_sheet
from site_builder.sources.discover import read_record
from tests.conftest import copy_demo, run_cli, site_with
from tests.sheets_helpers import make_xlsx

AWARDS = """\
- title: "Bằng khen"
  issuer: "Thủ tướng Chính phủ"
  recipient_kind: individual
  count: 1
  status: proposed
  reason: "có thành tích xuất sắc"
- title: "Giấy khen"
  issuer: "Ban Thường vụ Đảng ủy Khối"
  recipient_kind: collective
  count: 3
  recipients:
    - "Đảng bộ Sở Giáo dục và Đào tạo"
    - "Chi bộ Sở Tư pháp"
    - "Đảng bộ Công ty Điện lực tỉnh"
  decision: "Quyết định số 125-QĐ/ĐUK"
  date: 2022-01-11
"""


def loaded(site: Path, rel: str, kind: str):
    problems = Problems()
    record_kind = ("term-" if rel.startswith("content/terms") else "year-") + kind
    record = read_record(site / rel, rel, (record_kind, {}), problems, 1_000_000)
    result = (load_target_set if kind == "targets" else load_award_set)(record, problems)
    assert not problems.errors
    return result


def comparable(items) -> list:
    return [dataclasses.replace(item, loc=None) for item in items]


@pytest.mark.parametrize(
    ("rel", "kind", "scope"),
    [
        ("content/terms/2015-2020/targets.yaml", "targets", {"term": "2015-2020"}),  # counts and rates, at_most
        ("content/years/2023/targets.yaml", "targets", {"year": 2023}),  # percent only, implied plan
        ("content/years/2021/targets.yaml", "targets", {"year": 2021}),
        ("content/years/2022/awards.yaml", "awards", {"year": 2022}),
        ("content/years/2022/awards.yaml", "awards-extra", {"year": 2022}),  # proposed, recipients, decision
    ],
)
def test_export_then_import_gives_the_same_records(tmp_path: Path, rel: str, kind: str, scope: dict) -> None:
    site = copy_demo(tmp_path / "site")
    if kind == "awards-extra":
        (site / rel).write_text(AWARDS, encoding="utf-8")
        kind = "awards"
    original = loaded(site, rel, kind)
    sheet = tmp_path / "xuat.xlsx"
    report = export_sheet(ExportRequest(site, kind, sheet, **scope))
    assert report.records == len(original.items) > 0
    problems = Problems()
    back = read_sheet(sheet, kind, None, problems)
    assert not problems.items, [p.format() for p in problems]
    assert comparable(back.records.items) == comparable(original.items)


def test_exported_sheet_is_formatted_with_read_only_derived_columns(tmp_path: Path) -> None:
    site = copy_demo(tmp_path / "site")
    sheet = tmp_path / "xuat.xlsx"
    export_sheet(ExportRequest(site, "targets", sheet, term="2015-2020"))
    ws = openpyxl.load_workbook(sheet)["Chỉ tiêu"]
    header = [c.value for c in ws[3]]
    assert header == [
        "STT", "Mã", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Tỷ lệ (%)", "Chiều", "Kỳ", "Nguồn",
        "Ghi chú", "Mẫu", "Tỷ lệ hoàn thành (tự tính)", "Đánh giá (tự tính)",
    ]  # fmt: skip
    assert ws["A1"].value == "Chỉ tiêu nhiệm kỳ 2015 - 2020"
    rows = {row[1].value: row for row in ws.iter_rows(min_row=4) if row[1].value}
    count, rate = rows["ket-nap-dang-vien"], rows["dang-vien-xuat-sac"]
    assert (count[4].value, count[4].number_format, count[5].value) == (1000, "#,##0", 1035)
    assert (count[12].value, count[12].number_format, count[13].value) == (1.035, "0.0%", "vượt")
    assert (rate[5].value, rate[5].number_format) == (0.1488, "0.00%")
    assert (rate[12].value, rate[13].value) == ("−0,12 điểm %", "không đạt")
    assert count[11].value is None  # real figures: the "Mẫu" column is empty
    assert rows["dang-vien-khong-hoan-thanh"][7].value == "tối đa"
    assert ws.protection.sheet
    assert count[12].protection.locked and count[12].fill.fgColor.rgb.endswith("D9D9D9")
    assert not count[5].protection.locked and not ws.cell(60, 6).protection.locked  # spare rows stay editable


def test_export_refuses_managed_folders_and_existing_files(tmp_path: Path) -> None:
    site = site_with(tmp_path, {"content/years/2024/year.md": '---\ntitle: "Năm 2024"\n---\n'})
    refused = [
        (site / "content/years/2024/x.xlsx", "export.protected"),
        (site / "output/x.xlsx", "export.protected"),
        (tmp_path / "x.csv", "export.suffix"),
    ]
    for output, key in refused:
        with pytest.raises(SheetUsageError) as caught:
            export_sheet(ExportRequest(site, "targets", output, year=2024))
        assert caught.value.key == key
    existing = tmp_path / "co-roi.xlsx"
    existing.write_bytes(b"do not touch")
    with pytest.raises(SheetUsageError):
        export_sheet(ExportRequest(site, "targets", existing, year=2024))
    assert existing.read_bytes() == b"do not touch"
    report = export_sheet(ExportRequest(site, "targets", existing, year=2024, replace=True))
    assert report.records == 0 and openpyxl.load_workbook(existing)["Chỉ tiêu"]["B3"].value == "Mã"


def test_export_of_a_file_with_errors_lists_them_and_writes_nothing(tmp_path: Path) -> None:
    site = copy_demo(tmp_path / "site")
    targets = site / "content/years/2021/targets.yaml"
    targets.write_text(targets.read_text(encoding="utf-8").replace("percent: 101.3", "percent: 101.5"), "utf-8")
    code, out, err = run_cli("export", "targets", "--year", "2021", "--output", str(tmp_path / "x.xlsx"),
                             "--site", str(site))  # fmt: skip
    assert code == 1 and "content/years/2021/targets.yaml:" in err and "percent ghi 101,5% nhưng" in err
    assert "Traceback" not in err and not (tmp_path / "x.xlsx").exists()


def test_new_year_xlsx_templates_sit_beside_the_yaml_and_check_stays_clean(tmp_path: Path) -> None:
    site = copy_demo(tmp_path / "site")
    code, out, err = run_cli("new", "year", "2025", "--xlsx", "--site", str(site))
    assert code == 0, err
    folder = site / "content/years/2025"
    assert {p.name for p in folder.iterdir()} >= {"targets.yaml", "awards.yaml", "targets.xlsx", "awards.xlsx"}
    ws = openpyxl.load_workbook(folder / "awards.xlsx")["Khen thưởng"]
    assert [c.value for c in ws[3]][:4] == ["STT", "Hình thức", "Cấp khen", "Đối tượng"]
    assert ws["I4"].number_format == "dd/mm/yyyy" and ws["E4"].number_format == "#,##0"
    # Staff fill the template in; it imports (replacing the scaffold's example YAML, kept as .bak).
    ws.append([1, "Giấy khen", "Ban Thường vụ Đảng ủy Khối", "tập thể", 2, None, "hoàn thành xuất sắc", None,
               "11/01/2025", "đã khen"])  # fmt: skip
    ws.parent.save(folder / "awards.xlsx")
    code, out, err = run_cli("import", "awards", str(folder / "awards.xlsx"), "--year", "2025", "--replace",
                             "--site", str(site))  # fmt: skip
    assert code == 0, err
    assert (folder / "awards.yaml.bak").exists() and "date: 2025-01-11" in (folder / "awards.yaml").read_text("utf-8")
    # The new year.md is a sample until written: staff delete its `sample: true` line then.
    year_md = folder / "year.md"
    year_md.write_text(re.sub(r"(?m)^sample: true.*\n", "", year_md.read_text("utf-8")), "utf-8")
    code, out, err = run_cli("check", "--strict", "--site", str(site))
    assert code == 0, err


SAMPLE_AWARDS = AWARDS.replace(
    '  reason: "có thành tích xuất sắc"\n', '  reason: "có thành tích xuất sắc"\n  sample: true\n'
)


@pytest.mark.parametrize("kind", ["targets", "awards"])
def test_a_round_trip_of_new_site_content_keeps_its_samples(tmp_path: Path, kind: str) -> None:
    """`new site` writes its example targets with `sample: true`: exported, imported back with
    --replace, they are still samples (marked MẪU, never counted), and the import changes nothing."""
    site = tmp_path / "S"
    new_site(site, today=dt.date(2026, 5, 4), program="site-builder", platform="linux")
    rel = f"content/terms/2025-2030/{kind}.yaml"
    if kind == "awards":
        (site / rel).write_text(SAMPLE_AWARDS, encoding="utf-8")
    original = loaded(site, rel, kind)
    assert [item.sample for item in original.items].count(True) >= 1
    sheet = tmp_path / "xuat.xlsx"
    export_sheet(ExportRequest(site, kind, sheet, term="2025-2030"))
    ws = openpyxl.load_workbook(sheet).active
    column = [c.value for c in ws[3]].index("Mẫu") + 1
    assert [ws.cell(4 + i, column).value for i in range(len(original.items))] == [
        "có" if item.sample else None for item in original.items
    ]
    dry = import_sheet(ImportRequest(site, kind, sheet, term="2025-2030", dry_run=True))
    assert dry.changes == ()
    import_sheet(ImportRequest(site, kind, sheet, term="2025-2030", replace=True))
    assert comparable(loaded(site, rel, kind).items) == comparable(original.items)
    assert "sample: true" in (site / rel).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("typed", "sample"), [("x", True), ("Có", True), ("mẫu", True), ("không", False), (None, False)]
)
def test_the_sample_column_is_read_as_staff_type_it(tmp_path: Path, typed: object, sample: bool) -> None:
    rows = [["Chỉ tiêu", "Kế hoạch", "Thực hiện", "Mẫu"], ["Kết nạp đảng viên mới", 150, 152, typed]]
    problems = Problems()
    back = read_sheet(make_xlsx(tmp_path / "t.xlsx", rows), "targets", None, problems)
    assert not problems.errors and back.records.items[0].sample is sample


def test_a_word_the_sample_column_does_not_know_is_an_error_at_its_cell(tmp_path: Path) -> None:
    rows = [["Chỉ tiêu", "Kế hoạch", "Thực hiện", "Mẫu"], ["Kết nạp đảng viên mới", 150, 152, "chắc"]]
    problems = Problems()
    read_sheet(make_xlsx(tmp_path / "t.xlsx", rows), "targets", None, problems)
    assert [(p.code, str(p.loc)) for p in problems.errors] == [
        ("sheet.bad-choice", f"{tmp_path / 't.xlsx'}:Chỉ tiêu!D2")
    ]
