"""Problems (problems.py): where a problem is, how it prints in each language, how a run
collects and orders them, and when they stop a build."""

from __future__ import annotations

import pytest

from site_builder.problems import Loc, Problem, Problems, SiteError, column_letters


@pytest.mark.parametrize(
    ("loc", "shown"),
    [
        (Loc("content/site.yaml"), "content/site.yaml"),
        (Loc("content/site.yaml", 4), "content/site.yaml:4"),
        (Loc("content/site.yaml", 4, 11), "content/site.yaml:4:11"),
        (Loc("chi-tieu.xlsx", 7, 5, sheet="Chỉ tiêu"), "chi-tieu.xlsx:Chỉ tiêu!E7"),
        (Loc("chi-tieu.csv", 7, 28, sheet=""), "chi-tieu.csv:AB7"),  # CSV: no sheet name
        (Loc("chi-tieu.xlsx", 7, None, sheet="Chỉ tiêu"), "chi-tieu.xlsx:Chỉ tiêu!7"),
    ],
)
def test_a_place_prints_as_editors_and_spreadsheets_name_it(loc, shown):
    assert str(loc) == shown


@pytest.mark.parametrize(("col", "letters"), [(1, "A"), (26, "Z"), (27, "AA"), (52, "AZ"), (703, "AAA")])
def test_column_letters_follow_excel(col, letters):
    assert column_letters(col) == letters


def test_a_problem_prints_in_the_sites_language():
    problem = Problem("error", "field.required", Loc("content/years/2024/targets.yaml", 4, 3), (("field", "actual"),))
    assert problem.format() == "content/years/2024/targets.yaml:4:3: error: thiếu trường bắt buộc “actual”"
    assert problem.format("en") == "content/years/2024/targets.yaml:4:3: error: the required field “actual” is missing"


def test_the_collector_keeps_severity_and_parameters():
    problems = Problems()
    problems.error("field.required", Loc("a.md", 2), field="title")
    problems.warning("sample.unedited", Loc("b.md", 1))
    assert [p.severity for p in problems] == ["error", "warning"] and len(problems) == 2
    assert problems.errors[0].params == (("field", "title"),)
    assert [p.code for p in problems.warnings] == ["sample.unedited"]


def test_warnings_stop_a_run_only_when_strict():
    problems = Problems()
    problems.warning("sample.unedited", Loc("b.md", 1))
    assert not problems.has_errors() and problems.has_errors(strict=True)
    problems.error("field.required", Loc("a.md", 2), field="title")
    assert problems.has_errors()


def test_report_order_is_by_file_then_position_whatever_the_finding_order():
    problems = Problems()
    for loc in (Loc("b.md", 3, 1), Loc("a.md", 9), Loc("b.md", 1, 7), Loc("a.md"), Loc("b.md", 1, 2)):
        problems.warning("sample.unedited", loc)
    assert [str(p.loc) for p in problems.sorted()] == ["a.md", "a.md:9", "b.md:1:2", "b.md:1:7", "b.md:3:1"]


def test_a_site_error_carries_every_problem_and_counts_the_errors():
    problems = Problems()
    problems.error("field.required", Loc("a.md", 2), field="title")
    problems.warning("sample.unedited", Loc("b.md", 1))
    error = SiteError(problems)
    assert error.problems is problems and str(error) == "1 error(s)"


def test_merge_adds_only_the_problems_not_already_collected():
    # A year printed in two books (its term's and its own) is checked by both: the run reports
    # its warnings once (staff review #16).
    loc = Loc("content/years/2023/targets.yaml", 27, 3)
    collected = Problems()
    first, other = Problems(), Problems()
    first.warning("yearbook.target-no-data", loc, id="tccsd")
    other.warning("yearbook.target-no-data", loc, id="tccsd")
    other.warning("yearbook.target-no-data", Loc("content/years/2023/targets.yaml", 30, 3), id="dv")
    collected.merge(first)
    collected.merge(other)
    assert [(p.loc.line, dict(p.params)["id"]) for p in collected] == [(27, "tccsd"), (30, "dv")]
    collected.extend(first)  # extend keeps everything, as before
    assert len(collected) == 3
