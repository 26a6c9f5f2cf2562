"""Markdown bodies: glossary <abbr>, safe HTML, ASCII heading ids, .md links resolved, broken links warned."""

from __future__ import annotations

from site_builder.build import load_site
from site_builder.markup.markdown import render_sources, resolve_links
from site_builder.model.records import Markdown
from site_builder.problems import Loc, Problems
from tests.conftest import formatted, site_with

GLOSSARY = {"ĐV": "đảng viên", "BTV ĐUK": "Ban Thường vụ Đảng ủy Khối", "BTV": "Ban Thường vụ", "CNVC-LĐ": "công nhân"}


def html(source: str, glossary=GLOSSARY) -> str:
    return render_sources([source], glossary)[0]


def test_glossary_abbreviations_are_marked_up():
    out = html("Kết nạp 152 ĐV mới.")
    assert out == '<p>Kết nạp 152 <abbr title="đảng viên">ĐV</abbr> mới.</p>'


def test_longer_abbreviation_wins_and_hyphenated_ones_work():
    out = html("BTV ĐUK họp với BTV và CNVC-LĐ.")
    assert '<abbr title="Ban Thường vụ Đảng ủy Khối">BTV ĐUK</abbr>' in out
    assert '<abbr title="Ban Thường vụ">BTV</abbr> và' in out
    assert '<abbr title="công nhân">CNVC-LĐ</abbr>' in out


def test_abbreviation_only_as_a_whole_word_and_never_in_code():
    out = html("ĐVTN khác ĐV. `ĐV` trong mã.")
    assert out.count("<abbr") == 1
    assert "ĐVTN khác" in out
    assert "<code>ĐV</code>" in out


def test_unsafe_html_is_removed():
    out = html('Chữ <script>alert(1)</script><a href="javascript:alert(1)" onclick="x()">bấm</a>')
    assert "<script" not in out and "javascript:" not in out and "onclick" not in out
    assert "bấm" in out


def test_headings_get_ascii_ids_and_tables_render():
    out = html("## Kết quả đạt được\n\n| Loại | Số |\n|---|---|\n| Chi bộ | 47 |\n")
    assert '<h2 id="ket-qua-dat-duoc">Kết quả đạt được</h2>' in out
    assert "<table>" in out and "<td>47</td>" in out


LINKS = {
    "content/pages/lich-su.md": "/trang/lich-su/",
    "content/years/2021/conferences/2021-01-14-tong-ket.md": "/nam/2021/tong-ket/",
    "content/terms/2015-2020/term.md": "/nhiem-ky/2015-2020/",
}


def resolve(fragment: str, path: str = "content/pages/gioi-thieu.md", source: str | None = None):
    problems = Problems()
    doc = Markdown(source if source is not None else fragment, Loc(path, 5))
    return resolve_links(fragment, doc, LINKS, problems), [p.format() for p in problems]


def test_md_links_point_at_record_urls_keeping_fragments():
    out, messages = resolve(
        '<a href="lich-su.md">a</a> <a href="../years/2021/conferences/2021-01-14-tong-ket.md#ket-qua">b</a> '
        '<a href="../terms/2015-2020/term.md">c</a>'
    )
    assert messages == []
    assert out == (
        '<a href="/trang/lich-su/">a</a> <a href="/nam/2021/tong-ket/#ket-qua">b</a> '
        '<a href="/nhiem-ky/2015-2020/">c</a>'
    )


def test_remote_anchor_and_absolute_links_are_kept():
    fragment = '<a href="https://example.vn/x">a</a><a href="#muc-1">b</a><a href="/chi-tieu/">c</a>'
    assert resolve(fragment) == (fragment, [])


def test_media_links_and_images_go_to_media():
    out, messages = resolve('<img src="../media/photos/a.jpg"><a href="../media/van-kien.pdf">v</a>')
    assert messages == []
    assert out == '<img src="/media/photos/a.jpg"><a href="/media/van-kien.pdf">v</a>'


def test_broken_link_is_a_warning_at_its_line_and_column():
    source = "Đoạn một.\n\nXem [lịch sử cũ](lich-su-cu.md) nhé.\n"
    out, messages = resolve('<p>Xem <a href="lich-su-cu.md">lịch sử cũ</a> nhé.</p>', source=source)
    assert messages == [
        "content/pages/gioi-thieu.md:7:18: warning: liên kết “lich-su-cu.md” không trỏ tới bản ghi hay tệp nào"
    ]
    assert 'href="lich-su-cu.md"' in out


def test_bodies_of_a_site_are_rendered_with_links_and_glossary(tmp_path):
    files = {
        "content/glossary.yaml": "ĐV: đảng viên\n",
        "content/pages/gioi-thieu.md": (
            "---\ntitle: Giới thiệu\n---\nCó 3.281 ĐV. Xem [lịch sử](lich-su.md) và [cũ](cu.md).\n"
        ),
        "content/pages/lich-su.md": "---\ntitle: Lịch sử\n---\nTừ năm 1990.\n",
    }
    problems = Problems()
    loaded = load_site(site_with(tmp_path, files), problems)
    assert formatted(problems) == [
        "content/pages/gioi-thieu.md:4:48: warning: liên kết “cu.md” không trỏ tới bản ghi hay tệp nào"
    ]
    body = loaded.bodies["content/pages/gioi-thieu.md"]
    assert '<abbr title="đảng viên">ĐV</abbr>' in body
    assert '<a href="/trang/lich-su/">lịch sử</a>' in body
