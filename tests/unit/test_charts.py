"""Static SVG charts drawn from the model: data, Vietnamese labels, text alternatives."""

from __future__ import annotations

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
        "chart-target-ket-nap-dang-vien",
        "chart-awards-2015-2020",
    ]


def test_recurring_ids_are_repeated_or_admissions():
    model = _model()
    assert recurring_ids(model.years) == ["ket-nap-dang-vien"]


def test_labels_use_vietnamese_number_formatting():
    model = _model()
    charts = _by_id(charts_for(model, model.terms[0]))
    term = charts["chart-term-2015-2020"].svg
    assert "103,5%" in term and "91,4% (−3,6 điểm %)" in term
    admissions = charts["chart-target-ket-nap-dang-vien"].svg
    assert "3.281 (kế hoạch 150)" in admissions and "Năm 2021" in admissions
    assert "1.500" in charts["chart-awards-2015-2020"].svg
    assert "2.021" not in admissions  # years are never grouped


def test_english_labels():
    model = _model("en")
    charts = _by_id(charts_for(model, model.terms[0]))
    assert "3,281 (plan 150)" in charts["chart-target-ket-nap-dang-vien"].svg


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
