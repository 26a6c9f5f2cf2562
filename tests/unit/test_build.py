"""The build recipe (build.py) on a small site: what check and build read and write, when a
build stops, what it replays, and that a failed build leaves the previous output as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.build import BuildOptions, build_site, check_site, load_site
from site_builder.problems import Problems, SiteError
from tests.conftest import site_with, snapshot

YEAR = {
    "content/years/2021/conferences/2021-07-20-so-ket.md": """\
        ---
        title: "Sơ kết 6 tháng"
        date: 2021-07-20
        kind: so-ket
        ---
        Nội dung sơ kết.
        """,
}


def options(site: Path, **changes: object) -> BuildOptions:
    return BuildOptions(site, pdf=False, jobs=1, **changes)


def test_output_defaults_to_the_sites_own_folder(tmp_path):
    assert BuildOptions(tmp_path).output_dir == tmp_path / "output"
    assert BuildOptions(tmp_path, output=tmp_path / "o").output_dir == tmp_path / "o"
    assert BuildOptions(tmp_path, jobs=3).workers == 3 and 1 <= BuildOptions(tmp_path).workers <= 4


def test_loading_plans_every_page_and_writes_nothing(tmp_path):
    site = site_with(tmp_path, YEAR)
    before = snapshot(site)
    problems = Problems()
    loaded = load_site(site, problems)
    assert loaded is not None and not problems.errors
    assert {"index.html", "nam/2021/index.html", "nam/2021/so-ket/index.html"} <= {s.out_path for s in loaded.specs}
    assert loaded.record_count == 3 and snapshot(site) == before


def test_check_reports_content_errors_and_writes_nothing(tmp_path):
    site = site_with(tmp_path, {"content/years/2021/conferences/2021-07-20-so-ket.md": "---\ntitle: A\n---\n"})
    before = snapshot(site)
    problems = check_site(site)
    assert [(str(p.loc), p.code) for p in problems.errors] == [
        ("content/years/2021/conferences/2021-07-20-so-ket.md:2:1", "field.required"),
        ("content/years/2021/conferences/2021-07-20-so-ket.md:2:1", "field.required"),
    ]
    assert snapshot(site) == before  # not even a cache


def test_a_build_publishes_then_an_unchanged_site_only_replays_its_report(tmp_path):
    site = site_with(tmp_path, YEAR)
    first = build_site(options(site))
    output = site / "output"
    assert (output / "nam/2021/so-ket/index.html").is_file() and first.rendered == first.pages > 0
    assert not first.up_to_date and not any(p.is_relative_to(site / "content") for p in output.rglob("*"))
    published = snapshot(output)
    again = build_site(options(site))
    assert again.up_to_date and again.pages == first.pages and snapshot(output) == published


def test_an_edit_renders_again_only_the_pages_that_show_it(tmp_path):
    site = site_with(tmp_path, YEAR)
    first = build_site(options(site))
    page = site / next(iter(YEAR))
    page.write_text(page.read_text(encoding="utf-8").replace("Nội dung sơ kết.", "Nội dung đã sửa."), encoding="utf-8")
    second = build_site(options(site))
    assert 0 < second.rendered < first.pages
    assert "Nội dung đã sửa." in (site / "output/nam/2021/so-ket/index.html").read_text(encoding="utf-8")


def test_content_errors_stop_the_build_and_keep_the_previous_output(tmp_path):
    site = site_with(tmp_path, YEAR)
    build_site(options(site))
    published = snapshot(site / "output")
    (site / "content/years/2021/conferences/2021-07-20-so-ket.md").write_text("---\ntitle: A\n---\n", encoding="utf-8")
    with pytest.raises(SiteError) as caught:
        build_site(options(site))
    assert {p.code for p in caught.value.problems.errors} == {"field.required"}
    assert snapshot(site / "output") == published


def test_strict_makes_warnings_stop_the_build(tmp_path):
    site = site_with(tmp_path, {**YEAR, "content/glossary.yaml": "BTV: Ban Thường vụ\n"})  # unused: a warning
    assert build_site(options(site)).problems.warnings
    with pytest.raises(SiteError) as caught:
        build_site(options(site, strict=True, use_cache=False))
    assert [p.code for p in caught.value.problems.warnings] == ["glossary.unused"]


def test_an_output_inside_the_content_is_refused_before_anything_is_deleted(tmp_path):
    site = site_with(tmp_path, YEAR)
    before = snapshot(site)
    with pytest.raises(SiteError) as caught:
        build_site(options(site, output=site / "content" / "out"))
    assert [p.code for p in caught.value.problems.errors] == ["output.unsafe"]
    assert snapshot(site) == before


def test_a_build_without_pdf_or_word_does_not_import_their_libraries(tmp_path) -> None:
    """WeasyPrint, python-docx and pikepdf are imported only by what prints: a --no-pdf build of a
    site (in a fresh interpreter) loads none of them, so it does not pay for their start."""
    import subprocess
    import sys

    from tests.conftest import copy_demo

    site = copy_demo(tmp_path / "site")
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from site_builder.build import BuildOptions, build_site\n"
        f"build_site(BuildOptions(Path({str(site)!r}), pdf=False, jobs=1))\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'weasyprint', 'docx', 'pikepdf'}))\n"
    )
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"
    assert (site / "output/index.html").is_file()


# Modules an edit build of a site without sheets, SVG files or new photos has no use for, each a
# real part of the start-up: the sheets reader and YAML writer, the SVG checker (defusedxml, the SAX
# reader and the urllib.request it imports), Pillow, Babel (its .po reader and its locale data: a
# Vietnamese site needs neither), the commands other than build, the edition manifests, the
# process pool's machinery (with --jobs 1).
LAZY_MODULES = {
    "site_builder.sheets.diff", "site_builder.sheets.importer", "site_builder.yamlquote",
    "site_builder.sources.svg", "defusedxml", "xml.sax", "urllib.request",
    "PIL", "site_builder.images.thumbnails", "babel",
    "site_builder.cli.new", "site_builder.cli.serve", "site_builder.cli.sheets",
    "site_builder.yearbook.manifest", "concurrent.futures.process",
}  # fmt: skip


def test_an_edit_build_imports_only_what_it_uses(tmp_path) -> None:
    """`build --no-pdf` after an edit, in a fresh interpreter, runs without the modules it does not
    need (a tenth to a third of its start-up each): they are imported where they are used."""
    import subprocess
    import sys

    from tests.conftest import copy_demo

    site = copy_demo(tmp_path / "site")
    site_yaml = site / "content/site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace("  emblem: huy-hieu.svg\n", ""), "utf-8")
    (site / "content/media/huy-hieu.svg").unlink()
    build_site(options(site))
    conference = site / "content/years/2019/conferences/2019-08-02-so-ket-6-thang.md"
    conference.write_text(conference.read_text(encoding="utf-8") + "\nĐoạn sửa sau cùng.\n", encoding="utf-8")
    script = (
        "import sys\n"
        "from site_builder.cli import main\n"
        "try:\n"
        f"    main(['build', '--no-pdf', '--quiet', '--jobs', '1', '--site', {str(site)!r}])\n"
        "except SystemExit as done:\n"
        "    print(done.code)\n"
        f"print(sorted({sorted(LAZY_MODULES)!r} & sys.modules.keys()))\n"
    )
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert found.stdout.split("\n")[:2] == ["0", "[]"], found.stdout + found.stderr
    pages = (site / "output").rglob("index.html")
    assert any("Đoạn sửa sau cùng." in page.read_text(encoding="utf-8") for page in pages)  # it was built
