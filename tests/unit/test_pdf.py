"""The PDF yearbook's setup (yearbook/pdf.py) without laying a book out: which print stylesheets
a profile uses and from which theme folder, what the fetcher may read, where the tail starts.
Whole books are rendered in tests/pdf/."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.problems import Problems
from site_builder.sources.themes import BUILTIN_ROOT, resolve_theme
from site_builder.yearbook.pdf import _tail_css, allowed_roots, stylesheet_paths

BUILTIN_CSS = BUILTIN_ROOT / "default" / "static" / "css"


def theme_of(site: Path, name: str = "default"):
    theme = resolve_theme(site, name, Problems())
    assert theme is not None
    return theme


@pytest.mark.parametrize(
    ("profile", "names"),
    [
        ("ky-yeu", ["fonts.css", "print.css"]),
        ("van-kien", ["fonts.css", "print.css", "print-van-kien.css"]),
    ],
)
def test_each_profile_has_its_print_stylesheets(tmp_path, profile, names):
    problems = Problems()
    assert stylesheet_paths(theme_of(tmp_path), profile, problems) == [BUILTIN_CSS / n for n in names]
    assert not problems.items


def test_a_site_theme_replaces_one_stylesheet_and_inherits_the_others(tmp_path):
    css = tmp_path / "themes/in-an/static/css/print.css"
    css.parent.mkdir(parents=True)
    css.write_text("@page { size: A4 }", encoding="utf-8")
    (tmp_path / "themes/in-an/theme.yaml").write_text("extends: default\n", encoding="utf-8")
    paths = stylesheet_paths(theme_of(tmp_path, "in-an"), "ky-yeu", Problems())
    assert paths == [BUILTIN_CSS / "fonts.css", tmp_path.resolve() / "themes/in-an/static/css/print.css"]


def test_a_stylesheet_no_theme_folder_has_is_a_problem_not_a_crash(tmp_path):
    theme = theme_of(tmp_path)
    bare = type(theme)(theme.name, theme.template_dirs, (tmp_path / "static",), theme.config)
    problems = Problems()
    assert stylesheet_paths(bare, "ky-yeu", problems) is None
    assert [(p.code, str(p.loc), dict(p.params)["name"]) for p in problems] == [
        ("pdf.stylesheet-missing", "content/site.yaml", "fonts.css")
    ]


def test_the_fetcher_may_read_the_media_folder_and_the_theme_static_folders_only(tmp_path):
    theme = theme_of(tmp_path)
    assert allowed_roots(tmp_path, theme) == [tmp_path / "content" / "media", *theme.static_dirs]


@pytest.mark.parametrize(("first", "side"), [(41, "right"), (42, "left"), (1, "right")])
def test_the_tail_starts_on_its_page_number_and_side(first, side):
    css = _tail_css(first)
    assert f"break-before: {side}" in css and f"counter-reset: page {first}" in css
