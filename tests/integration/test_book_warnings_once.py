"""A year printed in two books is checked by both, and `build` reports its warnings once
(staff review #16: "chưa có số liệu" printed twice, and the summary counted it twice)."""

from __future__ import annotations

import pytest

from site_builder.build import BuildOptions, build_site
from tests.conftest import site_with

pytestmark = pytest.mark.pdf

TARGETS = "content/years/2023/targets.yaml"
FILES = {
    "content/site.yaml": """\
        title: "Kỷ yếu thử nghiệm"
        organization: "Đảng bộ Khối thử nghiệm"
        yearbook:
          editions:
            years: [2023]
        """,
    TARGETS: """\
        - id: tccsd-hoan-thanh-tot
          name: "TCCSĐ hoàn thành tốt nhiệm vụ"
          unit: "%"
          target: 85
          actual:
        """,
}


def test_a_warning_of_a_year_in_two_books_is_reported_once(tmp_path):
    site = site_with(tmp_path, FILES)
    report = build_site(BuildOptions(site, jobs=1))
    assert {p.name for p in (site / "output").glob("*.pdf")} == {"ky-yeu-2020-2025.pdf", "ky-yeu-nam-2023.pdf"}
    shown = [p.format() for p in report.problems if p.code == "yearbook.target-no-data"]
    assert shown == [f"{TARGETS}:1:3: warning: " + shown[0].split(": warning: ", 1)[1]]
    assert len(report.problems.warnings) == len({p.format() for p in report.problems.warnings})
