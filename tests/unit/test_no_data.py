"""A target without a result yet (`actual:` empty or null): "chưa có số liệu", never rated."""

from __future__ import annotations

from decimal import Decimal

import pytest

from site_builder.model.derive import tally
from tests.conftest import formatted, load, site_with

TARGETS = "content/years/2023/targets.yaml"


def targets_file(*items: str) -> dict[str, str]:
    return {TARGETS: "".join(items)}


def item(id: str, actual: str, **fields: str) -> str:
    lines = [f"- id: {id}", f"  name: Chỉ tiêu {id}", f"  actual: {actual}".rstrip()]
    lines += [f"  {k}: {v}" for k, v in fields.items()]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("written", ["", "null", "~", "Null"])
def test_an_empty_or_null_actual_is_no_data(tmp_path, written):
    model, problems = load(site_with(tmp_path, targets_file(item("a", written, target="150"))))
    assert formatted(problems) == []
    (t,) = model.years[0].targets.items
    assert (t.actual, t.status, t.ratio, t.points, t.progress) == (None, "no-data", None, None, Decimal(0))
    assert t.planned == Decimal(150) and not t.has_data


def test_a_rate_target_without_data_has_no_point_difference(tmp_path):
    model, problems = load(site_with(tmp_path, targets_file(item("r", "", unit='"%"', target="85"))))
    (t,) = model.years[0].targets.items
    assert formatted(problems) == [] and (t.status, t.points, t.is_rate) == ("no-data", None, True)


def test_the_tally_counts_only_targets_with_data_and_says_how_many_have_none(tmp_path):
    files = targets_file(item("a", "152", target="150"), item("b", "", target="20"))
    model, _ = load(site_with(tmp_path, files))
    counted = model.years[0].targets.tally
    assert (counted.met, counted.total, counted.no_data, counted.missed) == (1, 1, 1, 0)


def test_the_actual_key_itself_is_still_required(tmp_path):
    text = "- id: a\n  name: Chỉ tiêu a\n  target: 150\n"
    model, problems = load(site_with(tmp_path, {TARGETS: text}))
    assert formatted(problems) == [f"{TARGETS}:1:3: error: thiếu trường bắt buộc “actual”"]
    assert model.years[0].targets.items == ()


def test_a_published_percent_needs_a_result(tmp_path):
    _, problems = load(site_with(tmp_path, targets_file(item("a", "", target="150", percent="101.3"))))
    assert formatted(problems) == [
        f"{TARGETS}:5:12: error: chỉ tiêu “a” có percent nhưng actual để trống (chưa có số liệu): "
        "hãy ghi actual, hoặc xóa percent"
    ]


def test_no_data_is_not_the_same_as_an_unknown_status(tmp_path):
    """No "status unknown" warning: a missing result is a state of its own, shown as such."""
    _, problems = load(site_with(tmp_path, targets_file(item("a", "", target="150"))))
    assert [p.code for p in problems] == []


def test_tally_of_nothing_but_no_data():
    assert tally(()).total == 0 and tally(()).no_data == 0
