"""A target without data survives the spreadsheet round trip as "chưa có số liệu", never as 0."""

from __future__ import annotations

import dataclasses

from site_builder.problems import Problems
from site_builder.sheets.exporter import ExportRequest, export_sheet
from site_builder.sheets.importer import read_sheet
from site_builder.sheets.write_yaml import render_yaml
from tests.conftest import load, site_with

TARGETS = "content/years/2022/targets.yaml"
TEXT = """\
- id: ket-nap
  name: "Kết nạp đảng viên mới"
  unit: "đảng viên"
  target: 150
  actual: 152
- id: trong-sach
  name: "TCCSĐ trong sạch, vững mạnh"
  unit: "%"
  target: 85
  actual:
"""


def test_export_import_and_the_written_yaml_keep_no_data(tmp_path):
    site = site_with(tmp_path, {TARGETS: TEXT})
    original = load(site)[0].years[0].targets.items
    sheet = tmp_path / "chi-tieu.xlsx"
    export_sheet(ExportRequest(site, "targets", sheet, year=2022))
    problems = Problems()
    back = read_sheet(sheet, "targets", None, problems)
    assert not problems.items, [p.format() for p in problems]
    assert [dataclasses.replace(t, loc=None) for t in back.records.items] == [
        dataclasses.replace(t, loc=None) for t in original
    ]
    assert back.records.items[1].status == "no-data"
    written = render_yaml(back.items, "targets", [])
    assert "  actual:\n" in written  # an empty cell is written as an empty actual, not left out
    (site / TARGETS).write_text(written, encoding="utf-8")
    model, problems = load(site)
    assert not problems.errors and [t.status for t in model.years[0].targets.items] == ["vuot", "no-data"]
