"""Which output folders a build may replace (output/guard.py), decided before anything is deleted."""

from __future__ import annotations

import pytest

from site_builder.output.guard import MARKER, check_output_dir
from site_builder.problems import Problems


def reason(site, output) -> str | None:
    problems = Problems()
    if check_output_dir(site, output, problems):
        return None
    (problem,) = problems
    assert problem.code == "output.unsafe"
    return dict(problem.params)["reason"].id


@pytest.fixture
def site(tmp_path):
    for folder in ("content/media", "templates", "themes/x"):
        (tmp_path / "site" / folder).mkdir(parents=True)
    return tmp_path / "site"


def test_the_default_output_and_a_new_folder_may_be_replaced(site, tmp_path):
    assert reason(site, site / "output") is None
    assert reason(site, tmp_path / "elsewhere" / "new") is None


@pytest.mark.parametrize("rel", ["", "..", "content", "content/media", "content/out", "templates", "themes/x/static"])
def test_the_site_and_its_sources_are_never_an_output(site, rel):
    assert reason(site, site / rel) in ("output.site-root", "output.protected")


def test_a_folder_of_other_files_is_refused_until_a_build_has_marked_it(site, tmp_path):
    other = tmp_path / "tai-lieu"
    other.mkdir()
    (other / "bao-cao.docx").write_text("x", encoding="utf-8")
    assert reason(site, other) == "output.not-empty"
    (other / MARKER).write_text("site-builder output\n", encoding="utf-8")
    assert reason(site, other) is None


def test_a_file_is_not_a_folder(site, tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    assert reason(site, tmp_path / "a.txt") == "output.file"
