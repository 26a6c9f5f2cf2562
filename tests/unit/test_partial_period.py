"""A target with `period:` ("9 tháng") is a figure for part of the period (staff review #12).

The 9-month admissions (88 = 57,5% of the year's plan) were printed "Không đạt" next to the
full-year 113,2% "Vượt". A part-period figure keeps its ratio but is never rated against the
full-period plan: its status reads "Số liệu 9 tháng, chưa đánh giá", and the tally leaves it out
of "đạt và vượt" and names it apart, as it does targets without data.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from site_builder.model.derive import derive_target, tally
from site_builder.model.schemas import TargetFields
from site_builder.problems import Loc, Problems
from site_builder.render.environment import make_environment
from site_builder.render.filters import make_filters
from site_builder.sources.themes import resolve_theme
from site_builder.yearbook.book import assemble, theme_words
from site_builder.yearbook.word.chapters import tally_text, target_row
from tests.conftest import formatted, load, site_with
from tests.factories import make_model, make_target_set, make_term, make_year
from tests.unit.test_html_pages import parse, render_site

TARGETS = "content/years/2023/targets.yaml"
NINE_MONTHS = """\
- id: ket-nap-9-thang
  name: "Kết nạp đảng viên mới (9 tháng)"
  unit: "đảng viên"
  actual: 88
  percent: 57.5
  period: "9 tháng"
- id: ket-nap-ca-nam
  name: "Kết nạp đảng viên mới"
  unit: "đảng viên"
  target: 250
  actual: 283
"""
EXPECTED_TALLY = "Đạt và vượt 1/1 chỉ tiêu có số liệu; 1 chỉ tiêu mới có số liệu chưa trọn kỳ, chưa đánh giá"


def _derive(period: str | None, actual: str = "88", percent: str | None = "57.5"):
    raw = TargetFields(
        id="k",
        name="Kết nạp",
        unit="đảng viên",
        actual=Decimal(actual),
        percent=Decimal(percent) if percent else None,
        target=None if percent else Decimal(150),
        period=period,
    )
    return derive_target(raw, Loc(TARGETS, 1))


def test_a_part_period_figure_keeps_its_ratio_but_is_not_rated():
    t = _derive("9 tháng")
    assert (t.status, t.ratio, t.planned) == ("partial", Decimal("57.5"), Decimal(153))
    assert _derive(None).status == "khong-dat"  # the same figure for the full year is rated
    assert _derive("9 tháng", actual="160", percent=None).status == "partial"  # even when already above plan


def test_the_tally_leaves_part_period_figures_out_and_counts_them_apart():
    counted = tally([_derive("9 tháng"), _derive(None, actual="160", percent=None)])
    assert (counted.met, counted.total, counted.missed, counted.partial, counted.no_data) == (1, 1, 0, 1, 0)


def test_the_model_loaded_from_the_file_and_the_web_table(tmp_path):
    model, problems = load(site_with(tmp_path, {TARGETS: NINE_MONTHS}))
    assert formatted(problems) == []
    nine, year = model.years[0].targets.items
    assert (nine.status, year.status) == ("partial", "vuot")
    pages, problems, _ = render_site(model)
    doc = parse(pages["nam/2023/index.html"])
    statuses = [s.text() for s in doc.find("table", "targets").find_all("span", "status")]
    assert statuses == ["Số liệu 9 tháng, chưa đánh giá", "Vượt"]
    assert doc.find("caption").text() == f"Chỉ tiêu năm 2023 — {EXPECTED_TALLY}"


def test_the_printed_book_and_the_word_rows_say_the_same(tmp_path: Path):
    t = _derive("9 tháng")
    full = _derive(None, actual="160", percent=None)
    year = make_year(2019, targets=[t, full])
    year = year.__class__(**{**year.__dict__, "targets": make_target_set([t, full], TARGETS)})
    model = make_model([make_term()], [year])
    env = make_environment(resolve_theme(tmp_path, "default", Problems()), "vi")
    html = assemble(model, {}, env, tmp_path).html
    table = parse(html).find("section", "year")
    assert [td.text() for td in table.find_all("td", "status")] == ["Số liệu 9 tháng, chưa đánh giá", "Vượt"]
    assert table.find("p", "tally").text().startswith(EXPECTED_TALLY + "(*)")  # then the implied-plan note
    ui = theme_words(env)
    assert target_row(t, 1, ui, make_filters("vi"))[-1] == "Số liệu 9 tháng, chưa đánh giá"
    assert tally_text(tally([t, full]), ui) == EXPECTED_TALLY
