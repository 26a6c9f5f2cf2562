"""The preview's error page sets source lines in a bundled font that has every Vietnamese letter."""

from __future__ import annotations

import base64
import re

import tinycss2
from fontTools.ttLib import TTFont

from site_builder.problems import Loc, Problems
from site_builder.serve.errorpage import MONO_FONT, error_page

VIETNAMESE = "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđĐơưƠƯăĂâêôÂÊÔ│"


def _page(tmp_path) -> str:
    (tmp_path / "content").mkdir()
    (tmp_path / "content/a.yaml").write_text("tiêu đề: “Hội nghị”\n", encoding="utf-8")
    problems = Problems()
    problems.error("yaml.syntax", Loc("content/a.yaml", 1, 11), detail="x")
    return error_page(problems.errors, tmp_path).decode("utf-8")


def _rules(html: str) -> dict[str, str]:
    css = re.search(r"<style>(.*?)</style>", html, re.DOTALL).group(1)
    found = {}
    for rule in tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True):
        prelude = tinycss2.serialize(rule.prelude).strip()
        if rule.type == "at-rule":
            prelude = f"@{rule.at_keyword}"
        found[prelude] = tinycss2.serialize(rule.content or [])
    return found


def test_the_source_lines_use_the_bundled_font_embedded_in_the_page(tmp_path):
    html = _page(tmp_path)
    rules = _rules(html)
    face = rules["@font-face"]
    assert 'font-family:"SB Liberation Mono"' in face
    data = re.search(r"data:font/woff2;base64,([A-Za-z0-9+/=]+)", face).group(1)
    assert base64.b64decode(data) == MONO_FONT.read_bytes()
    for selector in ("pre", "h2"):
        assert re.search(r'font:[^;]*"SBLiberationMono",ui-monospace', rules[selector].replace(" ", "")), selector
    assert html.index("</style>") < html.index("</head>")  # livereload still finds </head> in the page head


def test_the_bundled_font_covers_vietnamese_and_the_gutter():
    cmap = TTFont(MONO_FONT).getBestCmap()
    assert [ch for ch in VIETNAMESE if ord(ch) not in cmap] == []
    assert TTFont(MONO_FONT)["post"].isFixedPitch


def test_the_embedded_font_is_a_small_subset():
    # The whole TTF made every error page 426 KB; the subset keeps the page light.
    assert MONO_FONT.suffix == ".woff2"
    assert MONO_FONT.stat().st_size < 30_000
