"""The render core (output/core.py): a loaded site in, its output files out, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.build import load_site
from site_builder.output.artifacts import artifact
from site_builder.output.core import render_site
from site_builder.output.request import RenderRequest
from site_builder.output.search_job import search_files
from site_builder.output.state import Artifact
from site_builder.output.theme_setup import theme_setup
from site_builder.problems import Loc, Problem, Problems, RenderError, SiteError
from site_builder.rendered import CopiedFile, KeptFile, RenderedFile
from tests.conftest import copy_demo, formatted, site_with

PHOTO = b"\xff\xd8\xff\xe0" + b"\0" * 64
CONFERENCE = """\
---
title: "Hội nghị sơ kết"
date: 2021-08-02
kind: so-ket
photos:
  - src: "anh.jpg"
    caption: "Toàn cảnh."
---

Nội dung.
"""
CONF_PATH = "content/years/2021/conferences/2021-08-02-so-ket.md"


def loaded_site(site: Path):
    problems = Problems()
    loaded = load_site(site, problems)
    assert loaded is not None and not problems.errors, formatted(problems)
    return loaded


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return site_with(tmp_path, {CONF_PATH: CONFERENCE, "content/media/anh.jpg": PHOTO})


def kinds(rendering) -> dict[str, str]:
    return {f.out_path: type(f).__name__ for f in rendering.files}


def request(site: Path, tokens: dict[str, str] | None = None, **options) -> RenderRequest:
    return RenderRequest(site, pdf=False, key="k", media_tokens=tokens, search=False, **options)


def test_a_first_render_renders_every_page_and_names_assets_by_their_source(site: Path) -> None:
    rendering = render_site(loaded_site(site), request(site), Problems())
    found = kinds(rendering)
    assert {p for p, kind in found.items() if kind == "RenderedFile"} == set(rendering.state.pages)
    assert set(rendering.rendered) == set(rendering.state.pages)
    assert found["media/anh.jpg"] == "CopiedFile" and found["static/css/site.css"] == "CopiedFile"
    media = next(f for f in rendering.files if f.out_path == "media/anh.jpg")
    assert isinstance(media, CopiedFile) and media.source == (site / "content/media/anh.jpg").resolve()
    assert rendering.pages == sum(1 for p in rendering.state.pages if p.endswith(".html"))
    assert rendering.removed == ()


def test_an_unchanged_site_keeps_every_page_and_unchanged_media(site: Path) -> None:
    first = render_site(loaded_site(site), request(site, {"anh.jpg": "h1"}), Problems())
    again = render_site(loaded_site(site), request(site, {"anh.jpg": "h1"}), Problems(), first.state, first.setup)
    found = kinds(again)
    assert again.rendered == () and again.state == first.state
    assert all(found[p] == "KeptFile" for p in first.state.pages) and found["media/anh.jpg"] == "KeptFile"
    replaced = render_site(loaded_site(site), request(site, {"anh.jpg": "h2"}), Problems(), first.state)
    assert kinds(replaced)["media/anh.jpg"] == "CopiedFile" and replaced.rendered == ()


def test_an_edit_renders_the_pages_that_show_it_and_lists_what_is_gone(site: Path) -> None:
    first = render_site(loaded_site(site), request(site), Problems())
    (site / CONF_PATH).write_text(CONFERENCE.replace("sơ kết", "sơ kết (sửa)"), encoding="utf-8")
    edited = render_site(loaded_site(site), request(site), Problems(), first.state)
    assert "nam/2021/so-ket/index.html" in edited.rendered and "thuat-ngu/index.html" not in edited.rendered
    page = next(f for f in edited.files if f.out_path == "nam/2021/so-ket/index.html")
    assert isinstance(page, RenderedFile) and "sơ kết (sửa)" in page.data.decode()
    (site / CONF_PATH).unlink()
    gone = render_site(loaded_site(site), request(site), Problems(), edited.state)
    assert "nam/2021/so-ket/index.html" in gone.removed and "media/anh.jpg" not in kinds(gone)


def test_a_state_made_with_another_key_is_not_used(site: Path) -> None:
    first = render_site(loaded_site(site), request(site), Problems())
    other = RenderRequest(site, pdf=False, key="another", search=False)
    assert set(render_site(loaded_site(site), other, Problems(), first.state).rendered) == set(first.state.pages)


def test_a_missing_theme_is_reported_where_theme_is_written(tmp_path: Path) -> None:
    site = site_with(tmp_path, {"content/site.yaml": 'title: "T"\norganization: "O"\ntheme: "khong-co"\n'})
    problems = Problems()
    with pytest.raises(SiteError):
        render_site(loaded_site(site), request(site), problems)
    assert [(p.code, str(p.loc)) for p in problems.errors] == [("theme.missing", "content/site.yaml:3:8")]


def test_a_template_error_is_a_render_error_and_nothing_is_returned(site: Path) -> None:
    (site / "templates").mkdir()
    (site / "templates/404.html").write_text("{{ khong_co.x }}", encoding="utf-8")
    problems = Problems()
    with pytest.raises(RenderError):
        render_site(loaded_site(site), request(site), problems)
    assert [p.loc.path for p in problems.errors] == ["templates/404.html"]


def test_the_theme_setup_is_reused_until_a_template_or_setting_changes(site: Path) -> None:
    loaded = loaded_site(site)
    first = theme_setup(site, loaded.model.site, Problems())
    assert theme_setup(site, loaded.model.site, Problems(), first) is first
    (site / "templates").mkdir()
    (site / "templates/ghi-chu.txt").write_text("x", encoding="utf-8")
    changed = theme_setup(site, loaded.model.site, Problems(), first)
    assert changed is not first and changed.signature == first.signature  # pages need not change


@pytest.mark.pdf
def test_the_pdf_is_kept_while_nothing_it_shows_changes_and_its_warnings_replayed(site: Path) -> None:
    loaded = loaded_site(site)
    ask = RenderRequest(site, pdf=True, key="k", media_tokens={"anh.jpg": "h1"})
    setup = theme_setup(site, loaded.model.site, Problems())
    file, made = artifact("pdf", loaded, ask, setup, Problems())
    assert isinstance(file, RenderedFile) and file.data.startswith(b"%PDF") and made.count > 0
    warned = Artifact(made.out_path, made.signature, made.count, (Problem("warning", "pdf.warning", Loc("x")),))
    problems = Problems()
    kept, again = artifact("pdf", loaded_site(site), ask, setup, problems, warned)
    assert isinstance(kept, KeptFile) and again == warned and [p.code for p in problems] == ["pdf.warning"]
    with pytest.raises(RenderError):  # --strict: the replayed warning fails the build as it did
        artifact("pdf", loaded_site(site), RenderRequest(**{**ask.__dict__, "strict": True}), setup, Problems(), warned)
    photo = RenderRequest(site, pdf=True, key="k", media_tokens={"anh.jpg": "h2"})
    assert isinstance(artifact("pdf", loaded, photo, setup, Problems(), made)[0], RenderedFile)


def test_the_search_index_is_kept_while_the_site_is_unchanged(site: Path, tmp_path: Path) -> None:
    output = tmp_path / "output"
    files = search_files(loaded_site(site), {}, Problems(), output)
    assert [file.out_path for _, file, _ in files][0] == "tim-kiem/chi-muc.js" and len(files) == 2  # list, part
    assert all(isinstance(file, RenderedFile) for _, file, _ in files)
    (output / "tim-kiem").mkdir(parents=True)
    for _, file, _ in files:
        assert isinstance(file, RenderedFile)
        (output / file.out_path).write_bytes(file.data)
    made = {name: state for name, _, state in files}
    assert all(isinstance(f, KeptFile) for _, f, _ in search_files(loaded_site(site), made, Problems(), output))
    (site / CONF_PATH).write_text(CONFERENCE.replace("Nội dung.", "Nội dung mới."), encoding="utf-8")
    kinds = [type(file) for _, file, _ in search_files(loaded_site(site), made, Problems(), output)]
    assert kinds == [RenderedFile, RenderedFile]  # the same part, holding a new word the list holds too


def test_a_body_edit_leaves_the_targets_and_awards_pages_which_show_only_figures(tmp_path: Path) -> None:
    site = copy_demo(tmp_path / "site")
    conference = next((site / "content/years/2023/conferences").glob("*.md"))
    first = render_site(loaded_site(site), request(site), Problems())
    with conference.open("a", encoding="utf-8") as stream:
        stream.write("\nMột dòng thêm vào nội dung.\n")
    edited = render_site(loaded_site(site), request(site), Problems(), first.state)
    assert any(path.startswith("nam/2023/") for path in edited.rendered)
    assert "chi-tieu/index.html" not in edited.rendered and "khen-thuong/index.html" not in edited.rendered


def test_a_site_targets_template_that_shows_the_years_conferences_still_follows_them(tmp_path: Path) -> None:
    site = copy_demo(tmp_path / "site")
    override = '{% extends "base.html" %}{% block content %}{% for y in years %}{% for c in y.conferences %}'
    override += "<p>{{ c.title }}</p>{% endfor %}{% endfor %}{% endblock %}"
    (site / "templates/targets.html").write_text(override, encoding="utf-8")
    conference = next((site / "content/years/2023/conferences").glob("*.md"))
    first = render_site(loaded_site(site), request(site), Problems())
    text = conference.read_text(encoding="utf-8")
    conference.write_text(text.replace("lần thứ 16", "lần thứ 16 (sửa)", 1), encoding="utf-8")
    edited = render_site(loaded_site(site), request(site), Problems(), first.state)
    page = next(f for f in edited.files if f.out_path == "chi-tieu/index.html")
    assert isinstance(page, RenderedFile) and "lần thứ 16 (sửa)" in page.data.decode()
