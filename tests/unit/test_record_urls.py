"""The record file -> page URL map that Markdown links resolve by (pages/record_urls.py)."""

from site_builder import urls
from site_builder.pages.record_urls import url_for_record_path
from tests.factories import make_conference, make_model, make_page, make_year


def test_url_for_record_path_maps_every_record_kind():
    conf = make_conference()
    year = make_year(2019, [conf], body="Tổng quan năm.")
    model = make_model(years=[year], pages=[make_page()])
    mapping = url_for_record_path(model)
    assert mapping[conf.path] == urls.conference(conf)
    assert mapping["content/terms/2015-2020/term.md"] == "/nhiem-ky/2015-2020/"
    assert mapping["content/years/2019"] == "/nam/2019/"
    assert mapping["content/years/2019/year.md"] == "/nam/2019/"
    assert mapping["content/pages/gioi-thieu.md"] == "/trang/gioi-thieu/"
    assert all(u.isascii() for u in mapping.values())
