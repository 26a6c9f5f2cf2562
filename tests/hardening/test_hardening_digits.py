"""Round two, item 9: numbers and dates written with non-ASCII digits are refused, with the ASCII
spelling suggested (Python's int(), Decimal() and `\\d` all accept Arabic-Indic and full-width digits)."""

from __future__ import annotations

import pytest

from tests.hardening import cases
from tests.hardening.helpers import CONFERENCE, load, site_with

TARGETS = "content/terms/2020-2025/targets.yaml"


@pytest.mark.parametrize(("written", "ascii_"), cases.NON_ASCII_NUMBERS)
def test_non_ascii_digits_are_refused_as_numbers_with_a_suggestion(tmp_path, written, ascii_):
    _, problems = load(site_with(tmp_path, {TARGETS: cases.target_with_actual(written)}))
    assert [(p.code, p.loc.path, p.loc.line) for p in problems.errors] == [("field.non-ascii-digits", TARGETS, 5)]
    (error,) = problems.errors
    assert f"write {ascii_}" in error.format("en")
    assert f"hãy gõ lại: {ascii_}" in error.format("vi")


def test_non_ascii_digits_are_refused_in_whole_numbers_dates_and_limits(tmp_path):
    site = site_with(tmp_path, cases.non_ascii_digit_files())
    _, problems = load(site)
    found = sorted((p.code, p.loc.path, p.loc.line) for p in problems.errors)
    assert found == [
        ("field.non-ascii-digits", "content/site.yaml", 4),
        ("field.non-ascii-digits", "content/terms/2020-2025/awards.yaml", 4),
        ("field.non-ascii-digits", CONFERENCE, 3),
    ]
    assert "2021-01-14" in next(p for p in problems.errors if p.loc.path == CONFERENCE).format("en")


def test_a_year_folder_in_non_ascii_digits_is_not_a_year(tmp_path):
    files = {"content/years/٢٠٢١/year.md": "---\ntitle: Năm\n---\nThân bài.\n"}
    model, problems = load(site_with(tmp_path, files))
    assert model is None or all(year.year != 2021 for year in model.years)
    assert problems.errors
