"""URLs: one per page kind, ASCII, stable; output paths; relative links for file://."""

import datetime as dt

import pytest

from site_builder import urls
from tests.factories import make_conference, make_page, make_site, make_term, make_year


def test_each_page_kind_has_its_url():
    conf = make_conference("Tổng kết năm 2022", dt.date(2022, 12, 20), slug="tong-ket-nam-2022")
    assert urls.home() == "/"
    assert urls.term(make_term("2015-2020")) == "/nhiem-ky/2015-2020/"
    assert urls.year(make_year(2022)) == "/nam/2022/"
    assert urls.year(2022) == "/nam/2022/"
    assert urls.conference(conf) == "/nam/2022/tong-ket-nam-2022/"
    assert urls.targets() == "/chi-tieu/"
    assert urls.awards() == "/khen-thuong/"
    assert urls.people() == "/nguoi/"
    assert urls.person("tran-dinh-que") == "/nguoi/#tran-dinh-que"
    assert urls.glossary() == "/thuat-ngu/"
    assert urls.page(make_page("gioi-thieu")) == "/trang/gioi-thieu/"
    assert urls.not_found() == "/404.html"
    assert urls.yearbook_pdf(make_site(term="2015-2020")) == "/ky-yeu-2015-2020.pdf"
    assert urls.terms_index() == "/nhiem-ky/"
    assert urls.years_index() == "/nam/"


def test_conference_url_is_ascii_even_for_a_vietnamese_title():
    conf = make_conference("Đại hội Đảng bộ Khối lần thứ VII", dt.date(2020, 8, 14))
    url = urls.conference(conf)
    assert url.isascii()
    assert url == "/nam/2020/dai-hoi-dang-bo-khoi-lan-thu-vii/"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/", "index.html"),
        ("/nam/2022/", "nam/2022/index.html"),
        ("/404.html", "404.html"),
        ("/ky-yeu-2015-2020.pdf", "ky-yeu-2015-2020.pdf"),
        ("/nguoi/#tran-dinh-que", "nguoi/index.html"),
    ],
)
def test_out_path(url, expected):
    assert urls.out_path(url) == expected


@pytest.mark.parametrize(
    ("target", "source", "expected"),
    [
        ("/nhiem-ky/2015-2020/", "/nam/2022/", "../../nhiem-ky/2015-2020/index.html"),
        ("/", "/", "index.html"),
        ("/", "/nam/2022/so-ket/", "../../../index.html"),
        ("/nam/2022/so-ket/", "/nam/2022/", "so-ket/index.html"),
        ("/nguoi/#tran-dinh-que", "/nam/2019/x/", "../../../nguoi/index.html#tran-dinh-que"),
        ("/static/css/site.css", "/404.html", "static/css/site.css"),
        ("/nam/2022/", "/nam/2022/", "index.html"),
        ("https://example.vn/a", "/nam/2022/", "https://example.vn/a"),
        ("#top", "/nam/2022/", "#top"),
    ],
)
def test_relative_url(target, source, expected):
    assert urls.relative_url(target, source) == expected


def test_absolute_url_joins_base_without_double_slash():
    assert urls.absolute_url("https://kyyeu.example.vn/", "/nam/2022/") == ("https://kyyeu.example.vn/nam/2022/")
    assert urls.absolute_url("https://x.vn/ky-yeu", "/") == "https://x.vn/ky-yeu/"


def test_relativize_rewrites_root_links_in_bodies_for_offline_reading():
    fragment = '<a href="/nam/2021/tong-ket/#ket-qua">x</a><img src="/media/photos/a.jpg"><a href="https://e.vn/">y</a>'
    result = urls.relativize(fragment, "/nam/2022/so-ket/")
    assert 'href="../../2021/tong-ket/index.html#ket-qua"' in result
    assert 'src="../../../media/photos/a.jpg"' in result
    assert 'href="https://e.vn/"' in result


def test_media_urls_are_percent_encoded_per_segment():
    assert urls.media("photos/Ảnh số #1.jpg") == "/media/photos/%E1%BA%A2nh%20s%E1%BB%91%20%231.jpg"
    assert urls.media("a.jpg") == "/media/a.jpg"
    assert urls.quote_path("van kien/bao-cao?.pdf") == "van%20kien/bao-cao%3F.pdf"
