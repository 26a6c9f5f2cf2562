"""The tally badge on the web pages: green only for what was met (staff review #19).

The home page's only headline was a green badge "1 chỉ tiêu chưa có số liệu": targets without
data (or with a part-period figure) are not a success and stand apart, neutral.
"""

from __future__ import annotations

import html
import re

from site_builder.sources.themes import BUILTIN_ROOT
from tests.factories import make_model, make_target, make_term, make_year
from tests.unit.test_html_pages import parse, render_site


def _home(targets) -> str:
    term = make_term("2020-2025", targets=targets)
    pages, problems, _ = render_site(make_model([term], [make_year(2021, terms=("2020-2025",))]))
    assert not problems.items
    return pages["index.html"]


def _badge(targets):
    return parse(_home(targets)).find("p", "tally")


def _parts(badge, cls):
    return [n.text() for n in badge.find_all("span", cls)]


def test_only_the_met_part_is_marked_met_and_no_data_stands_apart():
    met = make_target("a", target=150, actual=152)
    none = make_target("b", status="no-data", actual=1, ratio=None)  # the status is what counts
    home = _home([met, none])
    badge = parse(home).find("p", "tally")
    assert _parts(badge, "tally__met") == ["Đạt và vượt 1/1 chỉ tiêu có số liệu"]
    assert _parts(badge, "tally__pending") == ["1 chỉ tiêu chưa có số liệu"]
    # read as one sentence (screen readers, copying): the separator is kept, only hidden
    (raw,) = re.findall(r'<p class="tally">(.*?)</p>', home, re.DOTALL)
    assert html.unescape(re.sub(r"<[^>]+>", "", raw)).strip() == (
        "Đạt và vượt 1/1 chỉ tiêu có số liệu; 1 chỉ tiêu chưa có số liệu"
    )


def test_a_term_whose_only_targets_have_no_data_shows_no_green_part():
    badge = _badge([make_target("b", status="no-data")])
    assert _parts(badge, "tally__met") == []
    assert _parts(badge, "tally__pending") == ["1 chỉ tiêu chưa có số liệu"]


def test_nothing_met_is_not_green_either():
    badge = _badge([make_target("c", target=150, actual=100, status="khong-dat")])
    assert _parts(badge, "tally__met") == [] and _parts(badge, "tally__pending") == ["Đạt và vượt 0/1 chỉ tiêu"]


def test_the_stylesheet_colours_the_parts_apart():
    css = (BUILTIN_ROOT / "default/static/css/site.css").read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    rules = {sel.strip(): body for sel, body in (r.split("{", 1) for r in css.split("}") if "{" in r)}
    assert "var(--green)" in rules[".tally__met"]
    assert "green" not in rules[".tally__pending"] and "green" not in rules[".tally"]
