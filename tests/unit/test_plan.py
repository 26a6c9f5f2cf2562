"""The page plan: every page kind, what each page is given, duplicates.

(What a page depends on is derived from these values: tests/unit/test_signatures.py.)
"""

import datetime as dt

from markupsafe import Markup

from site_builder.pages.plan import PageSpec, common_context, plan_pages
from site_builder.problems import Problems
from site_builder.render.page import page_context
from tests.factories import (
    bodies_for,
    make_award,
    make_conference,
    make_model,
    make_page,
    make_target,
    make_year,
)


def small_model():
    c1 = make_conference("Sơ kết 6 tháng", dt.date(2019, 8, 2), slug="so-ket-6-thang")
    c2 = make_conference("Tổng kết năm", dt.date(2019, 12, 20), "tong-ket", slug="tong-ket-nam")
    c3 = make_conference("Đại hội", dt.date(2020, 8, 14), "dai-hoi", slug="dai-hoi")
    y2019 = make_year(2019, [c1, c2], targets=[make_target()], awards=[make_award()], body="Năm")
    y2020 = make_year(2020, [c3])
    return make_model(years=[y2019, y2020], pages=[make_page(), make_page("lich-su", "Lịch sử")])


def by_url(specs: list[PageSpec]) -> dict[str, PageSpec]:
    return {s.url: s for s in specs}


def test_every_page_kind_is_planned():
    model = small_model()
    problems = Problems()
    specs = by_url(plan_pages(model, bodies_for(model), problems))
    assert not problems.items
    expected = {
        "/": "home.html",
        "/nhiem-ky/": "terms.html",
        "/nhiem-ky/2015-2020/": "term.html",
        "/nam/": "years.html",
        "/nam/2019/": "year.html",
        "/nam/2020/": "year.html",
        "/nam/2019/so-ket-6-thang/": "conference.html",
        "/nam/2019/tong-ket-nam/": "conference.html",
        "/nam/2020/dai-hoi/": "conference.html",
        "/chi-tieu/": "targets.html",
        "/khen-thuong/": "awards.html",
        "/nguoi/": "people.html",
        "/thuat-ngu/": "glossary.html",
        "/trang/gioi-thieu/": "page.html",
        "/trang/lich-su/": "page.html",
        "/tim-kiem/": "search.html",
        "/404.html": "404.html",
    }
    assert {url: s.template for url, s in specs.items()} == expected
    assert specs["/nam/2019/"].out_path == "nam/2019/index.html"
    assert all(s.out_path.isascii() for s in specs.values())


def test_year_page_is_given_its_conferences_and_files():
    model = small_model()
    spec = by_url(plan_pages(model, bodies_for(model), Problems()))["/nam/2019/"]
    year = model.years[0]
    assert spec.context["conferences"] == year.conferences and spec.context["year"] is year
    assert year.targets.path == "content/years/2019/targets.yaml" and year.awards.items
    assert (spec.context["prev_year"], spec.context["next_year"]) == (None, model.years[1])
    assert spec.context["record_path"] == "content/years/2019/year.md"


def test_home_lists_the_latest_conferences():
    model = small_model()
    spec = by_url(plan_pages(model, bodies_for(model), Problems()))["/"]
    listed = spec.context["latest_conferences"]
    assert [c.date.isoformat() for c in listed] == ["2020-08-14", "2019-12-20", "2019-08-02"]


def test_conference_has_previous_and_next_across_years():
    model = small_model()
    specs = by_url(plan_pages(model, bodies_for(model), Problems()))
    ctx = specs["/nam/2019/tong-ket-nam/"].context
    assert ctx["prev_conference"].slug == "so-ket-6-thang"
    assert ctx["next_conference"].slug == "dai-hoi"
    assert specs["/nam/2019/so-ket-6-thang/"].context["prev_conference"] is None


def test_bodies_are_marked_safe_and_looked_up_by_record_path():
    model = small_model()
    bodies = {model.conferences[0].path: "<p>Báo <strong>cáo</strong></p>"}
    spec = by_url(plan_pages(model, bodies, Problems()))["/nam/2019/so-ket-6-thang/"]
    body = page_context(spec, {})["body"]  # what the page's template is given
    assert isinstance(body, Markup)
    assert str(body) == "<p>Báo <strong>cáo</strong></p>"


def test_a_body_s_links_are_made_relative_to_the_page_that_shows_it():
    model = small_model()
    bodies = {model.conferences[0].path: '<p><a href="/nam/2019/">năm</a></p>'}
    spec = by_url(plan_pages(model, bodies, Problems()))["/nam/2019/so-ket-6-thang/"]
    assert str(page_context(spec, {})["body"]) == '<p><a href="../index.html">năm</a></p>'


def test_duplicate_conference_slugs_are_reported_naming_both_files():
    first = make_conference("Sơ kết", dt.date(2019, 7, 1), slug="so-ket")
    second = make_conference("Sơ kết", dt.date(2019, 8, 2), slug="so-ket")
    model = make_model(years=[make_year(2019, [first, second])])
    problems = Problems()
    specs = plan_pages(model, {}, problems)
    assert [p.code for p in problems.errors] == ["slug.duplicate"]
    problem = problems.errors[0]
    assert problem.loc.path == second.path
    params = dict(problem.params)
    assert params["other"] == first.path
    assert params["url"] == "/nam/2019/so-ket/"
    line = problem.format()
    assert line.startswith(second.path) and first.path in line
    assert [s.out_path for s in specs].count("nam/2019/so-ket/index.html") == 1


def test_nav_lists_sections_then_free_pages_in_model_order():
    model = small_model()
    nav = common_context(model)["nav"]
    keys = [item.ui_key for item in nav if item.ui_key]
    assert keys[:3] == ["nav.home", "nav.terms", "nav.years"]
    assert [item.label for item in nav if not item.ui_key] == ["Giới thiệu", "Lịch sử"]
    assert common_context(model)["pdf_url"] == "/ky-yeu-2015-2020.pdf"
    assert common_context(model, with_pdf=False)["pdf_url"] is None


def test_a_pdf_name_taking_a_page_address_is_reported():
    import dataclasses

    from tests.factories import make_site

    site = make_site(base_url="https://example.org")
    site = dataclasses.replace(site, yearbook=dataclasses.replace(site.yearbook, filename="sitemap.xml"))
    model = dataclasses.replace(small_model(), site=site)
    problems = Problems()
    plan_pages(model, bodies_for(model), problems)
    assert [(p.code, p.loc.path) for p in problems.errors] == [("yearbook.filename-taken", "content/site.yaml")]
    message = problems.errors[0].message()
    assert "“sitemap.xml”" in message and "/sitemap.xml" in message


def test_the_default_pdf_name_is_free():
    model = small_model()
    problems = Problems()
    plan_pages(model, bodies_for(model), problems)
    assert not problems.items
