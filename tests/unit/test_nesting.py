"""markup/nesting.py: the depth estimate of a body's lines and the depth of its HTML, on the
shapes its shortcuts skip or take (lines without `<` or `>`, tabs, closings out of order)."""

from __future__ import annotations

import pytest

from site_builder.markup.nesting import deepest, first_too_deep, html_depth


@pytest.mark.parametrize(
    ("fragment", "depth"),
    [
        ("<p>a</p><p>b</p>", 1),
        ("<ul><li><p>a</p></li></ul>", 3),
        ("<div><p>a</div><p>b</p>", 2),  # a closing tag that is not the innermost closes what it holds
        ("</span><p>a</p>", 1),  # a stray closing tag closes nothing
        ("<DIV><P>a</P></div>", 2),
        ('<p title="<b><i>">a<br>b<img src="x"/></p>', 1),
        ("<li>a<li>b<li>c", 1),
        ("<https://x.vn> <a@b.vn>", 0),
    ],
)
def test_html_depth(fragment, depth):
    assert html_depth(fragment) == depth


@pytest.mark.parametrize(
    ("source", "depth"),
    [
        ("Chữ thường, không thẻ.", 1),
        ("> > trích", 3),
        ("- a\n    - b\n\t\t- c", 7),
        ("<div>\n<div>\nchữ\n</div>\n</div>", 3),
        ("```\n<div><div><div>\n```\nchữ", 1),
        ("a > b, 3 > 2", 1),
    ],
)
def test_estimated_depth_of_lines(source, depth):
    assert deepest(source) == depth


def test_the_first_line_over_the_limit_is_found():
    found = first_too_deep("a\n> > > b\n> c", 3)
    assert found is not None and (found.line, found.depth) == (2, 4)
