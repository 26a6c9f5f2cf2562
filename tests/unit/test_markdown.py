"""Markdown bodies: glossary <abbr>, safe HTML, ASCII heading ids, .md links resolved, broken links warned."""

from __future__ import annotations

from site_builder.build import load_site
from site_builder.markup.links import resolve_links
from site_builder.markup.markdown import (
    BodyRenderer,
    glossary_map,
    render_sources,
)
from site_builder.model.abbreviations import abbr_pattern, used_abbreviations
from site_builder.model.records import GlossaryEntry, Markdown
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
    assert out == "<p>Xem <a>lịch sử cũ</a> nhé.</p>"  # no address to nowhere


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


# One source of truth for what a body names: the rendered HTML's src/href values.

PAGE = "content/pages/gioi-thieu.md"
JPEG = b"\xff\xd8\xff\xe0"


def page(body: str) -> str:
    return f"---\ntitle: Giới thiệu\n---\n{body}"


def test_reference_style_images_are_checked_and_published(tmp_path):
    body = (
        "![Trụ sở][tru-so] ![Thiếu][thieu] ![Ngoài][ngoai]\n\n"
        "[tru-so]: ../media/extra/tru-so.jpg\n[thieu]: ../media/khong-co.jpg\n[ngoai]: ../../../../../etc/hostname\n"
    )
    problems = Problems()
    loaded = load_site(site_with(tmp_path, {PAGE: page(body), "content/media/extra/tru-so.jpg": JPEG}), problems)
    assert formatted(problems) == [
        f"{PAGE}:7:10: error: không tìm thấy ảnh “../media/khong-co.jpg” trong content/media/",
        f"{PAGE}:8:10: error: đường dẫn “../../../../../etc/hostname” đi ra ngoài thư mục content/media/; "
        "chỉ dùng ảnh trong thư mục đó",
    ]
    assert loaded.model.media == ("extra/tru-so.jpg",)  # published, so not "unused"
    out = loaded.bodies[PAGE]
    assert '<img alt="Trụ sở" src="/media/extra/tru-so.jpg">' in out
    assert "hostname" not in out and "khong-co" not in out  # never published verbatim
    assert '<img alt="Thiếu">' in out and '<img alt="Ngoài">' in out


def test_src_written_as_text_in_code_is_not_a_reference(tmp_path):
    body = 'Mẫu: `<img src="../../bi-mat.jpg">` và\n\n    <a href="khong-co.md">x</a>\n'
    problems = Problems()
    loaded = load_site(site_with(tmp_path, {PAGE: page(body)}), problems)
    assert formatted(problems) == []
    assert '&lt;img src="../../bi-mat.jpg"&gt;' in loaded.bodies[PAGE]


def test_link_to_a_record_that_failed_to_load_is_not_also_broken(tmp_path):
    conference = "content/years/2025/conferences/x.md"
    files = {
        "content/years/2025/year.md": "---\ntitle: Năm 2025\n---\n",
        conference: "---\ntitle: Hội nghị\ndate: 2025-13-01\nkind: so-ket\n---\nNội dung.\n",
        PAGE: page("Xem [hội nghị](../years/2025/conferences/x.md).\n"),
    }
    problems = Problems()
    load_site(site_with(tmp_path, files), problems)
    assert [p.code for p in problems if p.code == "link.broken"] == []
    assert any(p.loc.path == conference and p.severity == "error" for p in problems)


def test_links_written_relative_to_content_are_accepted(tmp_path):
    conference = "content/years/2021/conferences/2021-01-14-tong-ket.md"
    body = "Xem [giới thiệu](pages/lich-su.md#dau) và [báo cáo](media/bao-cao.pdf), ![ảnh](media/a.jpg).\n"
    files = {
        "content/years/2021/year.md": "---\ntitle: Năm 2021\n---\n",
        conference: f"---\ntitle: Tổng kết\ndate: 2021-01-14\nkind: tong-ket\n---\n{body}",
        "content/pages/lich-su.md": "---\ntitle: Lịch sử\n---\nTừ năm 1990.\n",
        "content/media/bao-cao.pdf": b"%PDF-1.4",
        "content/media/a.jpg": JPEG,
    }
    problems = Problems()
    loaded = load_site(site_with(tmp_path, files), problems)
    assert formatted(problems) == []
    out = loaded.bodies[conference]
    assert 'href="/trang/lich-su/#dau"' in out and 'href="/media/bao-cao.pdf"' in out and 'src="/media/a.jpg"' in out
    assert {"bao-cao.pdf", "a.jpg"} <= set(loaded.model.media)


def test_media_urls_are_percent_encoded_and_files_keep_their_names(tmp_path):
    name = "photos/Ảnh số #1.jpg"
    problems = Problems()
    loaded = load_site(
        site_with(tmp_path, {PAGE: page(f"![Ảnh](<../media/{name}>)\n"), f"content/media/{name}": JPEG}), problems
    )
    assert formatted(problems) == []
    assert 'src="/media/photos/%E1%BA%A2nh%20s%E1%BB%91%20%231.jpg"' in loaded.bodies[PAGE]
    assert loaded.model.media == (name,)


def test_glossary_map_hands_the_longest_abbreviation_first():
    entries = [GlossaryEntry("BTV", "Ban Thường vụ", Loc("g")), GlossaryEntry("BTV ĐUK", "Ban Thường vụ ĐUK", Loc("g"))]
    assert list(glossary_map(entries)) == ["BTV ĐUK", "BTV"]


def test_abbreviations_used_follow_the_rendering_rule():
    text = "BTV ĐUK họp. CNVC-LĐ và ĐVTN."
    assert used_abbreviations(text, ["BTV", "BTV ĐUK", "CNVC", "ĐV"]) == {"BTV ĐUK", "CNVC"}
    out = html(text, {"BTV": "a", "BTV ĐUK": "b", "CNVC": "c", "ĐV": "d"})
    assert abbr_pattern([]) is None
    assert out.count("<abbr") == 2 and ">BTV ĐUK</abbr>" in out and ">CNVC</abbr>" in out


def test_cache_key_changes_with_the_markdown_and_nh3_versions(monkeypatch):
    doc = Markdown("Văn bản.", Loc(PAGE, 4))
    cache: dict[str, str] = {}
    BodyRenderer({}, cache).render([doc])
    before = set(cache)
    monkeypatch.setattr("site_builder.markup.markdown.version", lambda name: "99.0" if name == "nh3" else "1.0")
    BodyRenderer({}, cache).render([doc])
    assert len(cache) == 2 and before < set(cache)  # the old entry is never replayed


def test_footnote_back_links_are_titled_in_the_site_language():
    from site_builder.markup.markdown import render_sources

    source = "Câu có chú thích.[^1]\n\n[^1]: Nội dung chú thích.\n"
    assert 'title="Quay lại chú thích 1"' in render_sources([source], {}, "vi")[0]
    assert 'title="Back to the text of footnote 1"' in render_sources([source], {}, "en")[0]


def test_headings_get_ids_and_a_toc_marker_still_becomes_the_table_of_contents():
    """markup/headings.py builds the table of contents only for a body holding the marker."""
    assert html("# Đảng ủy\n\n## Đảng ủy\n\nVăn bản [TOC] trong câu.") == (
        '<h1 id="dang-uy">Đảng ủy</h1>\n<h2 id="dang-uy_1">Đảng ủy</h2>\n<p>Văn bản [TOC] trong câu.</p>'
    )
    out = html("[TOC]\n\n# Mở đầu\n\n## Chi tiết")
    assert out.startswith('<div class="toc">\n<ul>\n<li><a href="#mo-dau">Mở đầu</a><ul>\n<li><a href="#chi-tiet">')
    assert out.endswith('<h1 id="mo-dau">Mở đầu</h1>\n<h2 id="chi-tiet">Chi tiết</h2>')
