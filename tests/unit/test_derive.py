"""Derived figures: ratios, point differences, statuses both ways, implied targets, tallies, ranks, totals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from site_builder.model import derive
from site_builder.model.schemas import TargetFields
from site_builder.problems import Loc
from tests.factories import make_award

D = Decimal


def target(unit="đảng viên", target=None, actual="0", percent=None, direction="at_least"):
    raw = TargetFields(
        id="x", name="X", unit=unit,
        target=D(target) if target is not None else None, actual=D(actual),
        percent=D(percent) if percent is not None else None,
        direction=direction, period=None, source=None, note=None,
    )  # fmt: skip
    return derive.derive_target(raw, Loc("content/years/2023/targets.yaml", 1))


@pytest.mark.parametrize(
    ("direction", "planned", "actual", "status"),
    [
        ("at_least", "150", "152", "vuot"),
        ("at_least", "150", "150", "dat"),
        ("at_least", "150", "149", "khong-dat"),
        ("at_most", "5", "3", "vuot"),
        ("at_most", "5", "5", "dat"),
        ("at_most", "5", "7", "khong-dat"),
    ],
)
def test_count_target_status_both_directions(direction, planned, actual, status):
    assert target(target=planned, actual=actual, direction=direction).status == status


@pytest.mark.parametrize(
    ("direction", "planned", "actual", "status", "points"),
    [
        ("at_least", "85", "91.4", "vuot", "6.4"),
        ("at_least", "100", "100", "dat", "0"),
        ("at_least", "20", "16.7", "khong-dat", "-3.3"),
        ("at_most", "1", "0.54", "vuot", "-0.46"),
        ("at_least", "85", "84.96", "khong-dat", "-0.04"),  # never a "±0" that reads as met
        ("at_most", "1", "1", "dat", "0"),
        ("at_most", "1", "1.2", "khong-dat", "0.2"),
    ],
)
def test_rate_target_status_and_points_both_directions(direction, planned, actual, status, points):
    t = target(unit="%", target=planned, actual=actual, direction=direction)
    assert t.is_rate and t.ratio is None
    assert (t.status, t.points) == (status, D(points))


def test_rate_target_is_never_a_ratio_of_two_rates():
    t = target(unit=" % ", target="85", actual="91.4")
    assert t.is_rate and t.ratio is None and t.points == D("6.4")


@pytest.mark.parametrize(
    ("actual", "planned", "ratio"),
    [
        ("152", "150", "101.3"),  # 101.333...
        ("826", "800", "103.3"),  # 103.25 exactly: half-up, not half-even
        ("283", "250", "113.2"),
        ("1035", "1000", "103.5"),
        ("171", "150", "114.0"),
        ("1", "3", "33.3"),
        ("2", "3", "66.7"),
        ("1", "8", "12.5"),  # 12.5 exactly at one decimal
        ("1", "16", "6.3"),  # 6.25 -> 6.3
    ],
)
def test_count_ratio_is_rounded_half_up_to_one_decimal(actual, planned, ratio):
    assert target(target=planned, actual=actual).ratio == D(ratio)


def test_round_half_up_at_any_precision():
    assert derive.round_half_up(D("57.505"), 2) == D("57.51")
    assert derive.round_half_up(D("0.125"), 2) == D("0.13")
    assert derive.round_half_up(D("2.5"), 0) == D(3)
    assert derive.completion(D(88), D(153), 2) == D("57.52")


@pytest.mark.parametrize(("written", "places"), [("57.50", 2), ("57.5", 1), ("101", 0), ("0.54", 2), ("1E+2", 0)])
def test_places_as_written(written, places):
    assert derive.places(D(written)) == places


@pytest.mark.parametrize(
    ("actual", "percent", "implied", "status"),
    [
        ("88", "57.5", 153, "khong-dat"),
        ("152", "101.3", 150, "vuot"),
        ("50", "100", 50, "dat"),
        ("283", "113.2", 250, "vuot"),
    ],
)
def test_percent_only_implies_the_planned_figure(actual, percent, implied, status):
    t = target(actual=actual, percent=percent)
    assert t.target is None
    assert (t.planned, t.planned_is_implied, t.status) == (D(implied), True, status)
    assert t.ratio == D(percent).quantize(D("0.1"))


def test_percent_only_at_most_reverses_the_status():
    assert target(actual="3", percent="60", direction="at_most").status == "vuot"
    assert target(actual="9", percent="120", direction="at_most").status == "khong-dat"


def test_target_with_percent_keeps_the_written_target():
    t = target(target="150", actual="152", percent="101.3")
    assert (t.planned, t.planned_is_implied, t.ratio) == (D(150), False, D("101.3"))


def test_unknown_status_without_a_comparable_plan():
    assert target(unit="%", actual="50", percent="90").status == "unknown"  # refused by the loader


@pytest.mark.parametrize(
    ("direction", "actual", "status", "progress"),
    [
        ("at_most", "0", "dat", "100"),  # "không để xảy ra vụ việc nào": none happened
        ("at_most", "2", "khong-dat", "0"),
        ("at_least", "0", "dat", "100"),
        ("at_least", "3", "vuot", "100"),
    ],
)
def test_a_plan_of_zero_has_a_status_and_no_ratio(direction, actual, status, progress):
    t = target(target="0", actual=actual, direction=direction)
    assert (t.status, t.ratio, t.progress) == (status, None, D(progress))


def test_huge_and_tiny_figures_derive_without_overflow():
    # the loader caps inputs at 15 digits below 10^12; these are the extremes it lets through
    t = target(actual="999999999999", percent="0.00000000000001")
    assert t.planned == D("9999999999990000000000000000") and t.status == "khong-dat"
    assert target(actual="999999999999", target="0.000000000001").ratio is not None


@pytest.mark.parametrize(
    ("kw", "progress"),
    [
        ({"target": "150", "actual": "152"}, "100"),
        ({"actual": "88", "percent": "57.5"}, "57.5"),
        ({"unit": "%", "target": "85", "actual": "91.4"}, "91.4"),
        ({"target": "5", "actual": "10", "direction": "at_most"}, "50"),
        ({"target": "5", "actual": "3", "direction": "at_most"}, "100"),
    ],
)
def test_progress_bar_width_is_capped(kw, progress):
    assert target(**kw).progress == D(progress)


def test_tally_counts_met_exceeded_missed_unknown():
    items = [
        target(target="10", actual="12"),
        target(target="10", actual="10"),
        target(target="10", actual="9"),
        target(unit="%", target="1", actual="0.5", direction="at_most"),
        target(target="0", actual="1", direction="at_most"),
        target(unit="%", actual="50", percent="90"),
    ]
    tally = derive.tally(items)
    assert (tally.met, tally.exceeded, tally.missed, tally.unknown, tally.total) == (3, 2, 2, 1, 6)


def test_tally_of_the_demo_term_is_13_of_15():
    missed = [target(unit="%", target="20", actual="16.7"), target(unit="%", target="15", actual="14.88")]
    met = [target(target="150", actual="152")] * 12 + [target(unit="%", target="1", actual="0.54", direction="at_most")]
    tally = derive.tally(met + missed)
    assert (tally.met, tally.total) == (13, 15)


AWARDS_BY_RANK = [
    ("Huân chương Lao động hạng Ba", "Chủ tịch nước"),
    ("Cờ thi đua", "UBND tỉnh"),
    ("Bằng khen", "Thủ tướng Chính phủ"),
    ("Bằng khen", "Ủy ban nhân dân tỉnh Kiên Giang"),
    ("Giấy khen", "Ban Thường vụ Đảng ủy Khối"),
]


def test_award_rank_order():
    ranks = [derive.award_rank(title, issuer) for title, issuer in AWARDS_BY_RANK]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)


def test_award_rank_ignores_case_and_diacritics_spelling():
    assert derive.award_rank("BẰNG KHEN", "THỦ TƯỚNG CHÍNH PHỦ") == derive.award_rank(
        "Bằng khen", "Thủ tướng Chính phủ"
    )


def test_unknown_award_forms_rank_last():
    assert derive.award_rank("Thư khen", "Báo tỉnh") > derive.award_rank("Giấy khen", "Ban Thường vụ Đảng ủy Khối")


def test_award_totals_count_granted_only_and_add_up():
    awards = [
        make_award(recipient_kind="collective", count=18),
        make_award(recipient_kind="collective", count=6),
        make_award(recipient_kind="individual", count=12),
        make_award(recipient_kind="individual", count=1, status="proposed"),
    ]
    totals = derive.award_totals(awards)
    assert (totals.collective, totals.individual, totals.proposed_individual) == (24, 12, 1)
    assert (totals.granted, totals.proposed) == (36, 1)
    both = derive.add_totals([totals, derive.award_totals([make_award(count=3)])])
    assert (both.collective, both.individual, both.proposed) == (27, 12, 1)


def test_award_issuers_match_whole_words_most_specific_first():
    ordered = [
        ("Huân chương Lao động hạng Ba", "Chủ tịch nước"),
        ("Cờ thi đua", "UBND tỉnh"),
        ("Bằng khen", "Thủ tướng Chính phủ"),
        ("Bằng khen", "UBND tỉnh"),
        ("Bằng khen", "Ban Chấp hành Đảng bộ Khối"),
        ("Giấy khen", "Ban Thường vụ Đảng ủy Khối"),
    ]
    ranks = [derive.award_rank(title, issuer) for title, issuer in ordered]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)
    # the bloc's long name ends in "tỉnh" but is the bloc, not the province
    long_name = "Ban Thường vụ Đảng ủy Khối Các cơ quan và Doanh nghiệp tỉnh"
    assert derive.award_rank("Giấy khen", long_name) == derive.award_rank("Giấy khen", "Ban Thường vụ Đảng ủy Khối")
    assert derive.award_rank("Bằng khen", "Đảng bộ tỉnh") > derive.award_rank("Bằng khen", "Bộ Công an")
    # "bo" inside "Đảng bộ" is not a ministry
    assert derive.award_rank("Bằng khen", "Ban Chấp hành Đảng bộ Khối") > derive.award_rank("Bằng khen", "Tỉnh ủy")
