"""markup/source_gates.py: `attr_list` and `unescape` run only for a body that holds `{` or a
backslash; the HTML is exactly what the renderer gives without the gates."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from site_builder.markup import source_gates
from site_builder.markup.markdown import make_renderer

GLOSSARY = {"ĐV": "đảng viên", "BTV": "Ban Thường vụ"}
PIECES = [
    "Kết nạp ĐV",
    "{: #ma }",
    "{: .lop }",
    "{",
    "}",
    "\\{: #khong }",
    "\\*",
    "\\\\",
    "\\",
    "`mã \\ {x}`",
    "*nghiêng*{: .c }",
    "&#123;",
    "[^1]",
    "\n\n[^1]: Chú thích {: #f }\n\n",
    "\n\n## Tiêu đề ĐV {: #t }\n\n",
    "\n\n- mục {: .m }\n- mục\n\n",
    "\n\n| a | b |\n|---|---|\n| ĐV {: .o } | x |\n\n",
    "\n\n    mã {: #k }\n\n",
    "\n\n",
    "\n",
    " ",
    "\x02",
    "\x0265\x03",
]


def ungated(glossary: dict[str, str]):
    saved = source_gates.install
    source_gates.install = lambda md, texts: None
    try:
        return make_renderer(glossary)
    finally:
        source_gates.install = saved


def same_html(gated, plain, source: str) -> None:
    gated.reset()
    plain.reset()
    assert gated.convert(source) == plain.convert(source), source


@pytest.mark.parametrize("seed", range(4))
def test_gated_html_is_the_ungated_html_byte_for_byte(seed):
    rng = random.Random(seed)
    gated, plain = make_renderer(GLOSSARY), ungated(GLOSSARY)
    assert "source-note" in gated.preprocessors and "source-note" not in plain.preprocessors
    for _ in range(300):
        same_html(gated, plain, "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12))))


def test_the_demo_bodies_render_as_without_the_gates():
    gated, plain = make_renderer(GLOSSARY), ungated(GLOSSARY)
    demo = sorted((Path(__file__).resolve().parents[2] / "content").rglob("*.md"))
    assert demo
    for path in demo:
        same_html(gated, plain, path.read_text(encoding="utf-8"))


def test_attributes_and_escapes_still_work_where_the_body_asks():
    renderer = make_renderer(GLOSSARY)
    assert renderer.convert("## Mục {: #muc-rieng }") == '<h2 id="muc-rieng">Mục</h2>'
    renderer.reset()
    assert renderer.convert("Dấu \\*sao\\*") == "<p>Dấu *sao*</p>"


def test_a_glossary_holding_an_escape_placeholder_keeps_unescape_ungated():
    glossary = {"ĐV": "đảng \x0265\x03 viên"}
    gated, plain = make_renderer(glossary), ungated(glossary)
    same_html(gated, plain, "Kết nạp ĐV.")
    assert 'title="đảng A viên"' in gated.convert("Kết nạp ĐV.")
