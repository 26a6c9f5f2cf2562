"""Round two, items 1 and 2: SVG files are refused unless they are static drawings of bounded size.

Every file in content/media/ that is an SVG (by name or by content) goes through the allow-list in
`check`, wherever it is used (photo, Markdown image or link, raw <img>, or not at all), and the PDF
renderer's fetcher applies the same checks to every file it is asked for.
"""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from site_builder.problems import Problems
from site_builder.sources.limits import SourceLimits
from site_builder.yearbook.fetcher import ConfinedFetcher, FetchRefused
from tests.hardening import cases
from tests.hardening.helpers import CONFERENCE, load, run_cli, site_with

YEAR = "content/years/2021/year.md"
SVG = "content/media/so-do.svg"


def year_using(markdown: str) -> dict[str, str]:
    return {YEAR: f"---\ntitle: Năm 2021\n---\n{markdown}\n"}


def errors_at(problems: Problems, path: str) -> set[tuple[str, int | None]]:
    return {(p.code, p.loc.line) for p in problems.errors if p.loc.path == path}


@pytest.mark.parametrize("name", sorted(cases.HOSTILE_SVGS))
def test_hostile_svgs_are_refused_by_check_at_their_line(tmp_path, name):
    svg, code, line = cases.HOSTILE_SVGS[name]
    site = site_with(tmp_path, {SVG: svg, **year_using("Xem [sơ đồ](../../media/so-do.svg).")})
    _, problems = load(site)
    assert (code, line) in errors_at(problems, SVG)


@pytest.mark.parametrize(
    "markdown",
    ["![sơ đồ](../../media/so-do.svg)", '<img src="../../media/so-do.svg" alt="sơ đồ">',
     "[tải về](../../media/so-do.svg)", "Không dùng ở đâu cả."],
)  # fmt: skip
def test_a_script_in_an_svg_is_refused_wherever_it_is_used(tmp_path, markdown):
    svg, _, _ = cases.HOSTILE_SVGS["onload"]
    _, problems = load(site_with(tmp_path, {SVG: svg, **year_using(markdown)}))
    assert ("svg.script", 1) in errors_at(problems, SVG)


def test_a_photo_that_is_an_svg_under_another_name_is_checked_by_its_content(tmp_path):
    svg, _, _ = cases.HOSTILE_SVGS["script"]
    conference = (
        "---\ntitle: Tổng kết\ndate: 2021-01-14\nkind: tong-ket\n"
        'photos:\n  - src: "anh.png"\n    caption: Ảnh\n---\nBài.\n'
    )
    _, problems = load(site_with(tmp_path, {"content/media/anh.png": svg, CONFERENCE: conference}))
    assert ("svg.script", 2) in errors_at(problems, "content/media/anh.png")


def test_the_use_bomb_stops_check_and_build_quickly_with_its_line(tmp_path):
    site = site_with(tmp_path, {SVG: cases.svg_use_bomb(8), **year_using("![sơ đồ](../../media/so-do.svg)")})
    code, _, err = run_cli("check", "--strict", "--site", str(site), timeout=60)
    assert code == 1 and f"{SVG}:12:" in err and "max_svg_nodes" in err
    code, _, err = run_cli("build", "--site", str(site), timeout=60)  # before the fix: still running after 120 s
    assert code == 1 and not (site / "output").exists()


def test_the_node_limit_is_configurable(tmp_path):
    svg = cases.svg_use_bomb(3)  # 1,111 rectangles when expanded
    files = {SVG: svg, **year_using("![sơ đồ](../../media/so-do.svg)")}
    _, problems = load(site_with(tmp_path / "a", files))
    assert not problems.errors
    limited = {"content/site.yaml": cases.site_yaml_with_limits(max_svg_nodes=1000), **files}
    _, problems = load(site_with(tmp_path / "b", limited))
    assert ("svg.too-many-nodes", 7) in errors_at(problems, SVG)


def test_an_svg_from_a_drawing_program_is_accepted_and_printed(tmp_path):
    site = site_with(tmp_path, {SVG: cases.drawing_program_svg(), **year_using("![Huy hiệu](../../media/so-do.svg)")})
    code, _, err = run_cli("check", "--strict", "--site", str(site))
    assert code == 0, err
    code, _, err = run_cli("build", "--strict", "--site", str(site), timeout=180)
    assert code == 0, err
    assert (site / "output/media/so-do.svg").read_text(encoding="utf-8") == cases.drawing_program_svg()
    assert any("ĐẢNG BỘ" in page.extract_text() for page in PdfReader(next((site / "output").glob("*.pdf"))).pages)


@pytest.mark.parametrize("name", ["use-bomb", "external-use", "script"])
def test_the_pdf_fetcher_refuses_a_hostile_svg_even_when_check_was_skipped(tmp_path, name):
    svg, code, line = cases.HOSTILE_SVGS[name]
    media = tmp_path / "content" / "media"
    media.mkdir(parents=True)
    (media / "x.png").write_text(svg, encoding="utf-8")  # any name: the bytes decide
    problems = Problems()
    fetcher = ConfinedFetcher([media], problems, limits=SourceLimits(), media_root=media)
    with pytest.raises(FetchRefused):
        fetcher.fetch((media / "x.png").as_uri())
    assert [(p.code, p.loc.path, p.loc.line) for p in problems.errors] == [(code, "content/media/x.png", line)]


def test_theme_svgs_are_trusted_and_served_as_they_are(tmp_path):
    static = tmp_path / "theme" / "static"
    static.mkdir(parents=True)
    (static / "logo.svg").write_text(cases.HOSTILE_SVGS["use-cycle"][0], encoding="utf-8")
    problems = Problems()
    fetcher = ConfinedFetcher([static], problems, limits=SourceLimits(), media_root=tmp_path / "content" / "media")
    assert fetcher.fetch((static / "logo.svg").as_uri()).read().startswith(b"<svg")
    assert not problems.errors


@pytest.mark.parametrize("name", ["trang.html", "trang.HTM", "so-do.xhtml", "du-lieu.xml", "ma.js", "nen.svgz"])
def test_files_a_browser_would_run_as_a_page_are_refused_in_media(tmp_path, name):
    files = {f"content/media/{name}": "<html><script>alert(document.cookie)</script></html>",
             **year_using(f"[mở](../../media/{name})")}  # fmt: skip
    _, problems = load(site_with(tmp_path, files))
    assert [(p.code, p.loc.path) for p in problems.errors] == [("media.active-content", f"content/media/{name}")]
