"""Case 8: `check --strict` turns each kind of warning into a failure naming file and line."""

from __future__ import annotations

import pytest

from site_builder.markup.links import resolve_links
from site_builder.markup.markdown import render_sources
from site_builder.model.records import Markdown
from site_builder.problems import Loc, Problems
from tests.hardening import cases
from tests.hardening.helpers import run_cli, site_with

YEAR = "content/years/2021/year.md"
TERM = "content/terms/2020-2025/term.md"


def year(body: str) -> str:
    return f"---\ntitle: Năm 2021\n---\n{body}"


CASES = {
    "unresolved-internal-link": (
        {YEAR: year("Xem [trang cũ](../../pages/khong-co.md).\n")},
        f"{YEAR}:4:",
        "khong-co.md",
    ),
    "media-never-referenced": (
        {YEAR: year("Năm.\n"), "content/media/thua.png": b"\x89PNG\r\n\x1a\n"},
        "content/media/thua.png:",
        "không được bản ghi nào dùng",
    ),
    "glossary-term-never-used": (
        {YEAR: year("Năm.\n"), "content/glossary.yaml": "UBKT: Ủy ban Kiểm tra\n"},
        "content/glossary.yaml:1:1:",
        "UBKT",
    ),
}  # fmt: skip


def test_a_target_whose_status_cannot_be_known_is_an_error_even_without_strict(tmp_path):
    # Stricter than a strict-mode warning: a rate target with no planned figure cannot be rated.
    files = {
        YEAR: year("Năm.\n"),
        "content/years/2021/targets.yaml": '- id: ty-le\n  name: Tỷ lệ\n  unit: "%"\n  actual: 98\n  percent: 98\n',
    }
    code, _, err = run_cli("check", "--site", str(site_with(tmp_path, files)))
    assert code == 1, err
    assert "content/years/2021/targets.yaml:5:12: error:" in err and "ty-le" in err


@pytest.mark.parametrize("case", list(CASES))
def test_warning_passes_plain_check_and_fails_strict_check(tmp_path, case):
    files, where, detail = CASES[case]
    site = site_with(tmp_path, files)
    code, _, err = run_cli("check", "--site", str(site))
    assert code == 0, err
    assert f"{where}" in err and "warning" in err
    code, _, err = run_cli("check", "--strict", "--site", str(site))
    assert code == 1, err
    line = next(line for line in err.splitlines() if line.startswith(where))
    assert detail in line


def test_image_referenced_but_missing_fails_check(tmp_path):
    site = site_with(tmp_path, {YEAR: year("\nẢnh: ![hội nghị](photos/khong-co.jpg)\n")})
    for args in (("check",), ("check", "--strict")):
        code, _, err = run_cli(*args, "--site", str(site))
        assert code == 1, err
        assert f"{YEAR}:5:" in err and "photos/khong-co.jpg" in err


def test_strict_build_also_refuses_warnings_and_writes_nothing(tmp_path):
    site = site_with(tmp_path, {YEAR: year("Năm.\n"), "content/glossary.yaml": "UBKT: Ủy ban Kiểm tra\n"})
    code, _, err = run_cli("build", "--strict", "--no-pdf", "--site", str(site))
    assert code == 1, err
    assert not (site / "output").exists()


def test_a_missing_short_image_path_is_reported_at_its_element_not_at_the_first_match_in_the_text():
    """Round two, item 10: `<img src="x">` on line 40, the letter x first seen on line 17."""
    body, expected = cases.short_image_path_body()
    doc = Markdown(body, Loc(YEAR, 4))  # the body starts on line 4, after the front matter
    problems = Problems()
    resolve_links(render_sources([body], {})[0], doc, {}, problems, media_files=frozenset({"a.png"}))
    assert [(p.code, p.loc.line) for p in problems.errors] == [("media.missing", line) for line in expected]


def test_each_missing_image_is_reported_at_its_own_line(tmp_path):
    body = 'Ảnh x.\n\n![một](x)\n\nChữ.\n\n<img src="x">\n\n![ảnh][r]\n\n[r]: x\n'
    site = site_with(tmp_path, {YEAR: year(body)})
    code, _, err = run_cli("check", "--site", str(site))
    assert code == 1
    assert [line.split(":")[1] for line in err.splitlines() if line.startswith(YEAR)] == ["6", "10", "14"]
