"""Compiled templates kept in the user's cache folder (render/code_cache.py, layout.user_cache):
used while the template's source is unchanged, never a reason for a render to fail, and never
written into the site's folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from site_builder.layout import user_cache
from site_builder.problems import Problems
from site_builder.render.environment import make_environment
from site_builder.sources.themes import resolve_theme

REPO = Path(__file__).resolve().parents[2]


def environment(site: Path, cache: Path | None) -> jinja2.Environment:
    theme = resolve_theme(site, "default", Problems())
    assert theme is not None
    return make_environment(theme, "vi", cache)


def site_with(tmp_path: Path, template: str) -> Path:
    site = tmp_path / "site"
    (site / "templates").mkdir(parents=True)
    (site / "templates" / "hello.html").write_text(template, encoding="utf-8")
    return site


def never_compile(env: jinja2.Environment, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(env, "compile", refuse)


def test_a_second_environment_uses_the_code_the_first_compiled(tmp_path, monkeypatch):
    site, cache = site_with(tmp_path, "Xin chào {{ name }}"), tmp_path / "cache"
    assert environment(site, cache).get_template("hello.html").render(name="Hà") == "Xin chào Hà"
    assert list(cache.glob("templates-*/*.code"))
    again = environment(site, cache)
    never_compile(again, monkeypatch)
    assert again.get_template("hello.html").render(name="Huế") == "Xin chào Huế"


def test_an_edited_template_is_compiled_again(tmp_path):
    site, cache = site_with(tmp_path, "cũ {{ name }}"), tmp_path / "cache"
    environment(site, cache).get_template("hello.html")
    (site / "templates" / "hello.html").write_text("mới {{ name }}", encoding="utf-8")
    assert environment(site, cache).get_template("hello.html").render(name="x") == "mới x"


def test_a_damaged_entry_is_compiled_again(tmp_path):
    site, cache = site_with(tmp_path, "{{ 1 + 2 }}"), tmp_path / "cache"
    environment(site, cache).get_template("hello.html")
    for entry in cache.glob("templates-*/*.code"):
        entry.write_bytes(entry.read_bytes()[:20])
    assert environment(site, cache).get_template("hello.html").render() == "3"
    for entry in cache.glob("templates-*/*.code"):  # the header kept, then bytes pickle cannot take
        entry.write_bytes(entry.read_bytes()[:20] + b"\x00garbage")
    assert environment(site, cache).get_template("hello.html").render() == "3"


def test_a_cache_that_cannot_be_written_is_no_cache(tmp_path):
    site, blocked = site_with(tmp_path, "{{ 6 * 7 }}"), tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    assert environment(site, blocked).get_template("hello.html").render() == "42"
    assert blocked.read_text(encoding="utf-8") == "not a folder"


def test_the_options_and_versions_name_the_folder(tmp_path):
    site, cache = site_with(tmp_path, "x"), tmp_path / "cache"
    environment(site, cache).get_template("hello.html")
    (folder,) = cache.iterdir()
    assert folder.name.startswith("templates-") and len(folder.name) == len("templates-") + 16


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"XDG_CACHE_HOME": "/x/cache", "HOME": "/home/a"}, Path("/x/cache/site-builder")),
        ({"HOME": "/home/a"}, Path("/home/a/.cache/site-builder")),
        ({"LOCALAPPDATA": "/c/Users/a/AppData/Local"}, Path("/c/Users/a/AppData/Local/site-builder")),
        ({"XDG_CACHE_HOME": "relative", "HOME": ""}, None),
        ({}, None),
    ],
)
def test_the_user_cache_folder(environ, expected):
    assert user_cache(environ) == expected


def test_a_build_keeps_compiled_templates_in_the_user_cache_never_in_the_site(tmp_path):
    site, home = tmp_path / "site", tmp_path / "home"
    env = {**os.environ, "XDG_CACHE_HOME": str(home / "cache"), "HOME": str(home)}
    run = [sys.executable, "-m", "site_builder", "new", "site", str(site)]
    assert subprocess.run(run, env=env, capture_output=True, check=False).returncode == 0
    build = [sys.executable, "-m", "site_builder", "build", "--no-pdf", "--quiet", "--site", str(site)]
    assert subprocess.run(build, env=env, capture_output=True, check=False, cwd=REPO).returncode == 0
    assert list((home / "cache" / "site-builder").glob("templates-*/*.code"))
    assert not [p for p in site.rglob("*") if p.suffix in {".code", ".pyc"} or "templates-" in p.name]
