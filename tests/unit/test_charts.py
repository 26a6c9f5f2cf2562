"""Static SVG charts drawn from the model: data, Vietnamese labels, text alternatives."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from site_builder.charts.figures import charts_for, recurring_ids
from site_builder.charts.svg import wrap
from tests.factories import make_award, make_model, make_site, make_target, make_term, make_year

SVG = "{http://www.w3.org/2000/svg}"


def _model(lang: str = "vi"):
    term = make_term(
        targets=[
            make_target("ket-nap-dang-vien", target=1000, actual=1035),
            make_target("quan-triet", "Cán bộ được quán triệt", unit="%", target=95, actual=91.4),
        ],
        years=(2021, 2022),
    )
    years = [
        make_year(
            2021,
            targets=[make_target("ket-nap-dang-vien", target=150, actual=3281), make_target("rieng-2021", actual=5)],
            awards=[make_award(count=12), make_award(recipient_kind="individual", count=1500)],
            terms=(term.id,),
        ),
        make_year(
            2022,
            targets=[
                make_target("ket-nap-dang-vien", target=160, actual=152),
                make_target("lop-hoc", target=4, actual=4),
            ],
            terms=(term.id,),
        ),
    ]
    return make_model(terms=[term], years=years, site=make_site(language=lang))


def _by_id(charts):
    return {c.id: c for c in charts}


def test_charts_present_in_reading_order():
    model = _model()
    ids = [c.id for c in charts_for(model, model.terms[0])]
    assert ids == [
        "chart-term-2015-2020",
        "chart-years-2015-2020",
        "chart-admissions-2015-2020",
        "chart-awards-2015-2020",
    ]


def test_recurring_ids_need_two_years_and_leave_admissions_to_their_own_chart():
    model = _model()
    assert recurring_ids(model.years) == []  # "rieng-2021" is in one year only


def test_admissions_per_year_whatever_the_id_and_only_full_years():
    years = [
        make_year(2021, targets=[make_target("ket-nap-dang-vien", target=150, actual=152)]),
        make_year(
            2022,
            targets=[
                make_target("ket-nap-9-thang", target=150, actual=88, period="9 tháng"),
                make_target("ket-nap-ca-nam", target=250, actual=283),
            ],
        ),
    ]
    model = make_model(terms=[make_term("2020-2025", years=(2021, 2022))], years=years)
    chart = _by_id(charts_for(model, model.terms[0]))["chart-admissions-2020-2025"]
    assert "152 (kế hoạch 150)" in chart.alt and "283 (kế hoạch 250)" in chart.alt
    assert "88" not in chart.alt  # a nine-month figure is not a year's admissions


def test_labels_use_vietnamese_number_formatting():
    model = _model()
    charts = _by_id(charts_for(model, model.terms[0]))
    term = charts["chart-term-2015-2020"].svg
    assert "103,5%" in term and "91,4% (−3,6 điểm %)" in term
    admissions = charts["chart-admissions-2015-2020"].svg
    assert "3.281 (kế hoạch 150)" in admissions and "Năm 2021" in admissions
    assert "1.500" in charts["chart-awards-2015-2020"].svg
    assert "2.021" not in admissions  # years are never grouped


def test_english_labels():
    model = _model("en")
    charts = _by_id(charts_for(model, model.terms[0]))
    assert "3,281 (plan 150)" in charts["chart-admissions-2015-2020"].svg


def test_each_chart_is_well_formed_accessible_svg():
    model = _model()
    for chart in charts_for(model, model.terms[0]):
        root = ET.fromstring(chart.svg)
        assert root.tag == f"{SVG}svg"
        assert root.get("role") == "img" and root.get("aria-label") == chart.alt
        assert root.find(f"{SVG}title").text == chart.title
        assert "<script" not in chart.svg and "on" not in {a[:2] for a in root.attrib}
        assert chart.alt.startswith(chart.title) and any(ch.isdigit() for ch in chart.alt)


def test_text_alternative_states_the_data():
    model = _model()
    years = _by_id(charts_for(model, model.terms[0]))["chart-years-2015-2020"]
    assert "Năm 2021: 1/2 chỉ tiêu" in years.alt and "Năm 2022: 1/2 chỉ tiêu" in years.alt


def test_svg_escapes_text():
    term = make_term(targets=[make_target("x", "A <b> & “c”", target=1, actual=1)])
    model = make_model(terms=[term], years=[])
    svg = charts_for(model, term)[0].svg
    ET.fromstring(svg)
    assert "A &lt;b&gt; &amp;" in svg


def test_no_data_no_chart():
    term = make_term(years=())
    assert charts_for(make_model(terms=[term], years=[]), term) == []


def test_deterministic():
    model = _model()
    assert charts_for(model, model.terms[0]) == charts_for(model, model.terms[0])


def test_wrap_cuts_long_labels():
    lines = wrap("một " * 60, width=20, max_lines=2)
    assert len(lines) == 2 and lines[-1].endswith("…") and all(len(x) <= 20 for x in lines)


def _unassessed_model():
    term = make_term(
        targets=[make_target("a", target=100, actual=120), make_target("b", "Chưa có kế hoạch", target=None, actual=7)],
        years=(2021,),
    )
    year = make_year(
        2021,
        targets=[make_target("a", target=100, actual=120), make_target("b", target=None, actual=7)],
        terms=(term.id,),
    )
    return make_model(terms=[term], years=[year])


def _rects(chart) -> list[tuple[str, float]]:
    root = ET.fromstring(chart.svg)
    return [(r.get("class"), float(r.get("width"))) for r in root.iter(f"{SVG}rect") if r.get("class")]


def test_unassessed_targets_are_neither_met_nor_missed():
    model = _unassessed_model()
    assert [t.status for t in model.terms[0].targets.items][1] == "unknown"
    charts = _by_id(charts_for(model, model.terms[0]))
    term, years = charts["chart-term-2015-2020"], charts["chart-years-2015-2020"]
    assert [css for css, _ in _rects(term)] == ["met", "unknown"]
    widths = dict(_rects(years))
    assert widths["met"] > 0 and widths["unknown"] == widths["met"] and widths["missed"] == 0
    for chart in (term, years):
        texts = ["".join(t.itertext()) for t in ET.fromstring(chart.svg).iter(f"{SVG}text")]
        assert "Chưa đánh giá" in texts  # legend entry
    assert "1 chưa đánh giá" in years.alt


def test_no_unassessed_legend_when_every_target_is_assessed():
    model = _model()
    for chart in charts_for(model, model.terms[0])[:2]:
        assert "Chưa đánh giá" not in chart.svg


def test_award_chart_text_leaves_out_zero_parts():
    term = make_term(years=(2021, 2022))
    years = [
        make_year(2021, awards=[make_award(count=20)], terms=(term.id,)),
        make_year(2022, awards=[make_award(recipient_kind="individual", count=1)], terms=(term.id,)),
    ]
    chart = _by_id(charts_for(make_model(terms=[term], years=years), term))["chart-awards-2015-2020"]
    assert "Năm 2021: 20 tập thể; Năm 2022: 1 cá nhân." in chart.alt
    assert not re.search(r"(?<![\d.])0 (tập thể|cá nhân)", chart.svg)


def test_a_long_legend_wraps_inside_the_chart():
    """Four legend entries ran past the right edge in the PDF ("Vạch đen: mức kế hoạch" cut)."""
    from decimal import Decimal

    from site_builder.charts.svg import WIDTH, Row, Segment, bar_chart

    legend = (("met", "Đạt và vượt"), ("missed", "Không đạt"), ("unknown", "Chưa đánh giá"),
              ("marker", "Vạch đen: mức kế hoạch"))  # fmt: skip
    rows = (Row("Kết nạp", (Segment(Decimal(80), "unknown"),), "80,8%", Decimal(100)),)
    svg = ET.fromstring(bar_chart("c", "T", rows, "alt", legend))
    ns = "{http://www.w3.org/2000/svg}"
    texts = {t.text: float(t.get("x")) for t in svg.iter(f"{ns}text")}
    for label in (label for _, label in legend):
        assert texts[label] + 6.2 * len(label) <= WIDTH, label  # the drawing's own width estimate
    bar = next(r for r in svg.iter(f"{ns}rect") if r.get("class") == "unknown")
    labels = {label for _, label in legend}
    legend_bottom = max(float(t.get("y")) for t in svg.iter(f"{ns}text") if t.text in labels)
    assert float(bar.get("y")) > legend_bottom  # the bars start below the legend's last line
