"""markup/inline_gate.py: text no inline pattern can match skips the inline patterns; the HTML
is exactly what the renderer gives without the gate."""

from __future__ import annotations

import random
from pathlib import Path

import markdown
import pytest

from site_builder.markup import inline_gate
from site_builder.markup.markdown import make_renderer, render_sources

GLOSSARY = {"ĐV": "đảng viên", "BTV ĐUK": "Ban Thường vụ Đảng ủy Khối", "BTV": "Ban Thường vụ"}

# Pieces of Markdown that exercise every inline pattern, block kinds, and the texts around them.
PIECES = [
    "Kết nạp 152 ĐV mới",
    "BTV ĐUK họp",
    "**đậm**",
    "*nghiêng*",
    "_gạch_",
    "__hai__",
    " * ",
    "`mã ĐV`",
    "``a ` b``",
    "\\*",
    "\\\\",
    "[liên kết](../a.md)",
    "[tham chiếu][r]",
    "[r]",
    "![ảnh](media/a.jpg)",
    "![ảnh][r]",
    "<https://example.org>",
    "<a@b.vn>",
    "<b>in</b>",
    "&amp;",
    "&#273;",
    "AT&T",
    "1 < 2",
    "[^1]",
    "dòng  \nmới",
    "{: #id }",
    "[TOC]",
    "\n",
    "\n\n",
    "\n\n## Tiêu đề ĐV\n\n",
    "\n\n- một\n- hai ĐV\n\n",
    "\n\n1. một\n2. hai\n\n",
    "\n\n> trích ĐV\n\n",
    "\n\n    mã khối ĐV\n\n",
    "\n\n| a | b |\n|---|---|\n| ĐV | *x* |\n\n",
    "\n\n[r]: https://example.org\n\n",
    "\n\n[^1]: Chú thích ĐV.\n\n",
    "\n\n<div>khối ĐV</div>\n\n",
    "\n\n---\n\n",
]


def ungated(glossary: dict[str, str]) -> markdown.Markdown:
    renderer = make_renderer(glossary)
    renderer.treeprocessors.deregister("inline-gate")
    renderer.treeprocessors.deregister("inline-ungate")
    return renderer


def test_the_renderer_is_gated_and_plain_text_keeps_its_markup():
    assert "inline-gate" in make_renderer({}).treeprocessors
    assert render_sources(["Kết nạp ĐV.\n\nCó **đậm** ĐV."], GLOSSARY)[0] == (
        '<p>Kết nạp <abbr title="đảng viên">ĐV</abbr>.</p>\n'
        '<p>Có <strong>đậm</strong> <abbr title="đảng viên">ĐV</abbr>.</p>'
    )


@pytest.mark.parametrize("seed", range(4))
def test_gated_html_is_the_ungated_html_byte_for_byte(seed):
    rng = random.Random(seed)
    gated, plain = make_renderer(GLOSSARY), ungated(GLOSSARY)
    for _ in range(300):
        source = "".join(rng.choice(PIECES) + rng.choice(["", " ", ".", "\n"]) for _ in range(rng.randint(1, 12)))
        gated.reset()
        plain.reset()
        assert gated.convert(source) == plain.convert(source), source


def test_every_piece_alone_and_the_demo_bodies_render_as_without_the_gate():
    gated, plain = make_renderer(GLOSSARY), ungated(GLOSSARY)
    demo = Path(__file__).resolve().parents[2] / "content"
    sources = PIECES + [path.read_text(encoding="utf-8") for path in sorted(demo.rglob("*.md"))]
    assert len(sources) > len(PIECES)
    for source in sources:
        gated.reset()
        plain.reset()
        assert gated.convert(source) == plain.convert(source), source


def test_an_unknown_inline_pattern_turns_the_gate_off():
    renderer = markdown.Markdown(extensions=["tables"])
    renderer.inlinePatterns.register(markdown.inlinepatterns.SimpleTextInlineProcessor(r"(ĐV)"), "mine", 5)
    inline_gate.install(renderer)
    assert "inline-gate" not in renderer.treeprocessors
    known = markdown.Markdown(extensions=["tables"])
    inline_gate.install(known)
    assert "inline-gate" in known.treeprocessors
