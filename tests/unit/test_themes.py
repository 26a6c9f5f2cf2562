"""Theme resolution: search order, `theme:` escape hatch, explained misses."""

import re
from pathlib import Path

import pytest

from site_builder.pages.plan import PageSpec, common_context, plan_pages
from site_builder.problems import Problems
from site_builder.render.environment import make_environment
from site_builder.render.html_pages import render_pages
from site_builder.sources.themes import BUILTIN_ROOT, resolve_theme
from tests.factories import bodies_for, make_model


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def env_for(site: Path, name: str = "default"):
    problems = Problems()
    theme = resolve_theme(site, name, problems)
    assert theme is not None, [p.format() for p in problems]
    return make_environment(theme, "vi"), theme


def test_builtin_default_is_found_for_a_bare_site(tmp_path):
    problems = Problems()
    theme = resolve_theme(tmp_path, "default", problems)
    assert not problems.items
    assert theme.template_dirs == (BUILTIN_ROOT / "default" / "templates",)
    assert theme.static_dirs == (BUILTIN_ROOT / "default" / "static",)
    assert (theme.template_dirs[0] / "base.html").is_file()


def test_site_override_wins_over_site_theme_which_wins_over_builtin(tmp_path):
    write(
        tmp_path,
        {
            "templates/a.html": "site",
            "themes/dep/templates/a.html": "theme",
            "themes/dep/templates/b.html": "theme",
            "themes/dep/theme.yaml": "extends: default\n",
            "themes/dep/static/css/site.css": "/* dep */",
        },
    )
    env, theme = env_for(tmp_path, "dep")
    assert env.get_template("a.html").render() == "site"
    assert env.get_template("b.html").render() == "theme"
    assert env.get_template("partials/status.html").filename.startswith(str(BUILTIN_ROOT))
    assert theme.static_dirs[0] == tmp_path.resolve() / "themes/dep/static"
    assert theme.static_dirs[-1] == BUILTIN_ROOT / "default" / "static"


def test_parent_themes_are_searched_in_extends_order(tmp_path):
    write(
        tmp_path,
        {
            "themes/child/theme.yaml": "extends: parent\nname: child\n",
            "themes/child/templates/a.html": "child",
            "themes/parent/theme.yaml": "extends: default\naccent: gold\nname: parent\n",
            "themes/parent/templates/a.html": "parent",
            "themes/parent/templates/b.html": "parent-b",
        },
    )
    env, theme = env_for(tmp_path, "child")
    assert env.get_template("a.html").render() == "child"
    assert env.get_template("b.html").render() == "parent-b"
    assert theme.config["name"] == "child"  # the named theme's keys win
    assert theme.config["accent"] == "gold"  # parents' keys are inherited


def test_theme_prefix_reaches_the_template_a_site_override_replaces(tmp_path):
    write(
        tmp_path,
        {
            "templates/partials/footer.html": (
                '{% extends "theme:partials/footer.html" %}'
                "{% block footer_content %}<p>Địa chỉ cơ quan</p>{{ super() }}{% endblock %}"
            ),
        },
    )
    env, _ = env_for(tmp_path)
    out = env.get_template("partials/footer.html").render(
        site=type("S", (), {"organization": "Đảng bộ Khối", "province": None, "title": "Kỷ yếu"}),
        pdf_url=None,
        link=lambda u: u,
    )
    assert "<footer" in out and "Địa chỉ cơ quan" in out and "Đảng bộ Khối" in out


def test_unknown_theme_is_an_error_naming_the_folders(tmp_path):
    problems = Problems()
    assert resolve_theme(tmp_path, "khong-co", problems) is None
    [problem] = problems.errors
    assert problem.code == "theme.missing"
    assert problem.loc.path == "content/site.yaml"
    assert "themes/khong-co" in problem.message()


def test_unknown_theme_is_told_in_words_not_an_internal_folder(tmp_path):
    """Staff #10: "<built-in>/xanh-trang" meant nothing to staff; the message names the site's
    folder to copy the theme into and the themes the program has."""
    problems = Problems()
    resolve_theme(tmp_path, "xanh-trang", problems)
    [problem] = problems.errors
    vi, en = problem.message("vi"), problem.message("en")
    assert "<" not in vi and "<" not in en
    assert "hãy chép thư mục giao diện vào themes/xanh-trang" in vi
    assert "(có sẵn: default)" in vi
    assert "(built in: default)" in en and "copy the theme's folder to themes/xanh-trang" in en


def test_theme_extending_itself_is_reported(tmp_path):
    write(tmp_path, {"themes/a/theme.yaml": "extends: b\n", "themes/b/theme.yaml": "extends: a\n"})
    problems = Problems()
    assert resolve_theme(tmp_path, "a", problems) is None
    assert [p.code for p in problems.errors] == ["theme.extends-cycle"]


def test_missing_template_lists_every_folder_searched(tmp_path):
    write(tmp_path, {"templates/x.html": "", "themes/dep/templates/y.html": ""})
    env, theme = env_for(tmp_path, "dep")
    problems = Problems()
    spec = PageSpec("/", "index.html", "khong-co.html", {})
    assert render_pages(env, [spec], {}, problems) == []
    [problem] = problems.errors
    assert problem.code == "template.not-found"
    message = problem.message()
    assert "khong-co.html" in message
    assert "templates" in message
    assert "themes/dep/templates" in message
    assert "<built-in>/default/templates" in message


@pytest.mark.parametrize("name", ["../x", "a/b", ""])
def test_theme_names_cannot_escape_the_themes_folder(tmp_path, name):
    problems = Problems()
    assert resolve_theme(tmp_path, name, problems) is None
    assert problems.errors


def _stylesheets(site: Path, name: str) -> list[str]:
    """The stylesheets the 404 page links, as a theme's pages are rendered."""
    env, _ = env_for(site, name)
    model, problems = make_model(), Problems()
    specs = [s for s in plan_pages(model, bodies_for(model), problems) if s.out_path == "404.html"]
    page = render_pages(env, specs, common_context(model), problems)[0].data.decode("utf-8")
    assert not problems.items, [p.format() for p in problems]
    return re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)


def test_pages_link_the_stylesheets_theme_yaml_lists(tmp_path):
    """One list: base.html reads theme.yaml's `stylesheets` (no list of its own to drift)."""
    write(
        tmp_path,
        {
            "themes/own/theme.yaml": "extends: default\nstylesheets:\n  - css/site.css\n  - css/own.css\n",
            "themes/bare/theme.yaml": "extends: default\n",
        },
    )
    assert _stylesheets(tmp_path, "own") == ["static/css/site.css", "static/css/own.css"]
    builtin = (BUILTIN_ROOT / "default" / "theme.yaml").read_text(encoding="utf-8")
    listed = re.findall(r"^  - (css/\S+)$", builtin, re.MULTILINE)
    assert listed and _stylesheets(tmp_path, "bare") == [f"static/{sheet}" for sheet in listed]
    assert _stylesheets(tmp_path, "default") == [f"static/{sheet}" for sheet in listed]
