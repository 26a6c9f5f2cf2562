"""A body's headings renumbered below the chapter or conference heading that holds it."""

from __future__ import annotations

import re

import pytest

from site_builder.yearbook.headings import nest_headings


def _levels(html: str) -> list[int]:
    opened = [int(n) for n in re.findall(r"<h([1-6])\b", html)]
    closed = [int(n) for n in re.findall(r"</h([1-6])>", html)]
    assert opened == closed  # every heading closes at the level it opens with
    return opened


@pytest.mark.parametrize(
    ("levels", "parent", "expected"),
    [
        ([2, 3, 2], 1, [2, 3, 2]),  # a web body under a chapter: unchanged
        ([2, 3, 2], 2, [3, 4, 3]),  # the same body under a conference's <h2>
        ([2, 4, 4, 2], 1, [2, 3, 3, 2]),  # a skipped level is closed up
        ([1, 2, 1], 2, [3, 4, 3]),  # a body's <h1> sits below its container
        ([3, 2, 3], 1, [2, 2, 3]),  # a body starting deeper than its top level
        ([2, 3, 4, 5, 6], 2, [3, 4, 5, 6, 6]),  # never deeper than <h6>
    ],
)
def test_levels_follow_the_container_and_never_skip(levels, parent, expected):
    html = "".join(f'<h{n} id="x{i}">Tiêu đề {i}</h{n}><p>Đoạn.</p>' for i, n in enumerate(levels))
    result = nest_headings(html, parent)
    assert _levels(result) == expected
    assert re.sub(r"</?h[1-6]", "", result) == re.sub(r"</?h[1-6]", "", html)  # nothing else changes


def test_other_tags_starting_with_h_are_left_alone():
    html = "<header><hr><h2>Đầu</h2><p>Đoạn.</p></header>"
    assert nest_headings(html, 2) == "<header><hr><h3>Đầu</h3><p>Đoạn.</p></header>"
