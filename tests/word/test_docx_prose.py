"""Body HTML (the sanitiser's allow-list) to Word blocks, and the blocks written out."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from PIL import Image as PILImage

from site_builder.problems import Loc, Problems
from site_builder.render.environment import make_environment
from site_builder.sources.themes import resolve_theme
from site_builder.yearbook.book import theme_words
from site_builder.yearbook.word.emit import Pen, add_body, style_ids
from site_builder.yearbook.word.images import media_file
from site_builder.yearbook.word.prose import Cell, Para, Picture, Run, Table, parse_body
from site_builder.yearbook.word.setup import new_document

LOC = Loc("content/years/2019/conferences/2019-08-02-so-ket.md", 7)


def test_whitespace_follows_html_rules():
    (para,) = parse_body("<p>Sáng ngày 02 tháng 8,\n  <abbr title='Ban Thường vụ'>BTV</abbr>   họp\n</p>\n")
    assert para == Para("body", (Run("Sáng ngày 02 tháng 8, BTV họp"),))


def test_newlines_between_blocks_make_no_empty_paragraphs():
    blocks = parse_body("<p>Một.</p>\n\n<p>Hai.</p>\n")
    assert [b.text for b in blocks] == ["Một.", "Hai."]


def test_inline_formats_and_line_breaks():
    (para,) = parse_body("<p>a <strong>đậm <em>nghiêng</em></strong><br>\n b<sup>2</sup></p>")
    assert para.runs == (
        Run("a "),
        Run("đậm ", frozenset({"bold"})),
        Run("nghiêng", frozenset({"bold", "italic"})),
        Run("\n", frozenset({"br"})),
        Run("b"),
        Run("2", frozenset({"sup"})),
    )


def test_headings_lists_and_quotes():
    html = (
        "<h2 id='x'>Kết quả</h2><ul><li>một<ul><li>con</li></ul></li><li>hai</li></ul>"
        "<ol start='3'><li><p>ba</p><p>tiếp</p></li><li>bốn</li></ol><blockquote><p>Trích.</p></blockquote>"
    )
    blocks = parse_body(html)
    assert [(b.kind, b.level, b.label, b.text) for b in blocks] == [
        ("heading", 2, "", "Kết quả"),
        ("bullet", 1, "", "một"),
        ("bullet", 2, "", "con"),
        ("bullet", 1, "", "hai"),
        ("number", 1, "3.", "ba"),
        ("item", 1, "", "tiếp"),
        ("number", 1, "4.", "bốn"),
        ("quote", 0, "", "Trích."),
    ]


def test_footnote_back_links_are_dropped():
    html = (
        '<p>Số liệu<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>.</p>'
        '<div class="footnote"><hr><ol><li id="fn:1"><p>Nguồn: báo cáo.&#160;'
        '<a class="footnote-backref" href="#fnref:1">&#8617;</a></p></li></ol></div>'
    )
    blocks = parse_body(html)
    assert [b.text for b in blocks] == ["Số liệu1.", "Nguồn: báo cáo.\xa0"]


def test_tables_with_header_cells_and_spans():
    html = (
        "<table><thead><tr><th colspan='2'>Loại</th></tr></thead><tbody><tr><td>a</td><td>1</td></tr></tbody></table>"
    )
    (table,) = parse_body(html)
    assert table == Table(((Cell((Run("Loại"),), True, 2),), (Cell((Run("a"),), False), Cell((Run("1"),), False))))


def test_images_become_pictures():
    blocks = parse_body('<p>Trước<img src="file:///x/a.png" alt="Ảnh">sau</p>')
    assert blocks == [Para("body", (Run("Trước"),)), Picture("file:///x/a.png", "Ảnh"), Para("body", (Run("sau"),))]


def _pen(tmp_path: Path, problems: Problems) -> Pen:
    document = new_document("vi")
    env = make_environment(resolve_theme(tmp_path, "default", Problems()), "vi")
    media = tmp_path / "content" / "media"
    return Pen(document, theme_words(env), env.filters, media, problems, style_ids(document))


def test_body_written_with_styles(tmp_path):
    pen = _pen(tmp_path, Problems())
    add_body(pen, "<h2>Kết quả</h2><p>Đoạn <em>văn</em>.</p><ul><li>ý</li></ul><table><tr><td>1</td></tr></table>", LOC)
    doc = pen.document
    assert [(p.style.name, p.text) for p in doc.paragraphs if p.text] == [
        ("Heading 3", "Kết quả"),
        ("Body Text", "Đoạn văn."),
        ("List Bullet", "ý"),
    ]
    assert doc.tables[0].cell(0, 0).text == "1"


def test_pictures_outside_media_or_not_for_word_are_problems(tmp_path):
    media = tmp_path / "content" / "media"
    media.mkdir(parents=True)
    PILImage.new("RGB", (300, 200)).save(media / "ok.png")
    PILImage.new("RGB", (30, 20)).save(media / "anh.webp", "WEBP")
    (tmp_path / "secret.png").write_bytes((media / "ok.png").read_bytes())
    problems = Problems()
    pen = _pen(tmp_path, problems)
    html = (
        f'<img src="{(media / "ok.png").as_uri()}" alt="Được">'
        f'<img src="{(media / "anh.webp").as_uri()}" alt="WebP">'
        f'<img src="{(tmp_path / "secret.png").as_uri()}" alt="Ngoài">'
        '<img src="../../secret.png" alt="Ngoài 2">'
    )
    add_body(pen, html, LOC)
    assert len(pen.document.inline_shapes) == 1
    assert [(p.code, p.loc, dict(p.params)["src"]) for p in problems] == [
        ("docx.image-unsupported", LOC, "anh.webp"),
        ("docx.image-missing", LOC, (tmp_path / "secret.png").as_uri()),
        ("docx.image-missing", LOC, "../../secret.png"),
    ]
    assert "Word chỉ nhận ảnh PNG, JPEG hoặc GIF" in problems.items[0].message()
    saved = io.BytesIO()
    pen.document.save(saved)
    assert docx.Document(saved).inline_shapes[0].width == pen.document.inline_shapes[0].width


def test_media_file_is_confined(tmp_path):
    media = tmp_path / "media"
    media.mkdir()
    (media / "a.png").write_bytes(b"x")
    (media / "link.png").symlink_to(tmp_path / "outside.png")
    assert media_file(media, "a.png") == (media / "a.png").resolve()
    assert media_file(media, "../outside.png") is None
    assert media_file(media, "link.png") is None
    assert media_file(media, "http://example.vn/a.png") is None
