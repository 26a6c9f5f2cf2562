"""Round two, item 4: how deeply a Markdown body may nest (quotes, lists, raw HTML elements).

Before: a list nested 300 levels made `check` die with an internal RecursionError (exit 3, nothing
else reported); a 250-level blockquote or 3,000 nested <div> passed `check --strict` and crashed
the PDF build. Now the depth is measured before rendering, against `limits.max_depth` (default 30,
at most 100), and reported at the line where it is crossed.
"""

from __future__ import annotations

import pytest

from tests.hardening import cases
from tests.hardening.helpers import CONFERENCE, load, run_cli, site_with

TERM = "content/terms/2020-2025/term.md"  # a body the yearbook prints


def term(body: str) -> str:
    """term.md with `body` (its first line is line 6 of the file)."""
    return f"---\ntitle: Nhiệm kỳ\nstart: 2020-08-14\nend: 2025-08-20\n---\n{body}"


def depth_errors(problems) -> list[tuple[str, str, int | None]]:
    return [(p.code, p.loc.path, p.loc.line) for p in problems.errors if p.code.startswith("markup.")]


def test_a_list_nested_300_levels_is_reported_with_every_other_error(tmp_path):
    bad_date = "---\ntitle: Họp\ndate: 2021-02-30\nkind: so-ket\n---\nBài.\n"
    site = site_with(tmp_path, {TERM: term(cases.nested_list(300)), CONFERENCE: bad_date})
    code, _, err = run_cli("check", "--site", str(site))
    assert code == 1, err
    assert f"{TERM}:20:" in err and "max_depth" in err and "30" in err  # level 15 (depth 31) is on line 20
    assert f"{CONFERENCE}:3:" in err  # the rest of the site is still checked
    assert "Traceback" not in err and "RecursionError" not in err


@pytest.mark.parametrize("body", [cases.nested_quotes(250), cases.nested_divs(3000)], ids=["quotes", "divs"])
def test_deep_quotes_and_html_fail_check_and_build_at_their_line(tmp_path, body):
    site = site_with(tmp_path, {TERM: term("Mở đầu.\n\n" + body)})
    code, _, err = run_cli("check", "--strict", "--site", str(site))
    assert code == 1 and f"{TERM}:8:" in err and "max_depth" in err, err
    code, _, err = run_cli("build", "--site", str(site), timeout=120)
    assert code == 1 and "Traceback" not in err, err  # refused before rendering: not a crash (3)
    assert not (site / "output").exists()


def test_the_limit_is_configurable(tmp_path):
    for levels, limit, refused in [(4, 8, True), (3, 8, False), (40, 100, False)]:
        files = {
            "content/site.yaml": cases.site_yaml_with_limits(max_depth=limit),
            TERM: term(cases.nested_list(levels)),
        }
        _, problems = load(site_with(tmp_path / f"{levels}-{limit}", files))
        assert bool(depth_errors(problems)) is refused, (levels, limit)


def test_the_limit_cannot_be_raised_past_what_the_pdf_renderer_takes(tmp_path):
    files = {"content/site.yaml": cases.site_yaml_with_limits(max_depth=500), TERM: term(cases.nested_quotes(150))}
    _, problems = load(site_with(tmp_path, files))
    found = {(p.code, p.loc.path) for p in problems.errors}
    assert ("limit.too-high", "content/site.yaml") in found and ("markup.too-deep", TERM) in found


def test_what_check_accepts_at_the_highest_limit_the_pdf_renders(tmp_path):
    body = "\n\n".join([cases.nested_quotes(99), cases.nested_list(49), cases.nested_divs(98)])
    files = {"content/site.yaml": cases.site_yaml_with_limits(max_depth=100), TERM: term(body)}
    site = site_with(tmp_path, files)
    code, _, err = run_cli("check", "--site", str(site))
    assert code == 0, err
    code, _, err = run_cli("build", "--site", str(site), timeout=300)
    assert code == 0, err
    assert next((site / "output").glob("*.pdf")).stat().st_size > 0


def test_indented_code_and_fences_do_not_count_as_nesting(tmp_path):
    code_block = "```\n" + "".join(" " * 4 * i + "x\n" for i in range(60)) + "```\n"
    _, problems = load(site_with(tmp_path, {TERM: term(code_block)}))
    assert depth_errors(problems) == []


def test_an_attribute_holding_angle_brackets_does_not_hide_a_tag():
    """Found by the fuzzer: 45 <sup title="<>"> were not counted, check passed and the PDF
    renderer divided by a zero font size."""
    from site_builder.markup.nesting import first_too_deep

    body = "Đảng viên" + '<sup title="<>">' * 45 + "x" + "</sup>" * 45
    found = first_too_deep(body, 30)
    assert found is not None and found.line == 1 and found.depth > 45
    assert first_too_deep("<abbr title='a > b'>ĐV</abbr>", 30) is None
