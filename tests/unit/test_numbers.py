"""Reading numbers and dates (model/numbers.py): exact messages at exact places, never a guess."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from site_builder.model.numbers import to_date, to_decimal, to_integer
from site_builder.model.values import INVALID
from tests.unit.test_values import PATH, s, typed


@pytest.mark.parametrize(
    ("written", "expected"),
    [("152", Decimal(152)), ("98.8", Decimal("98.8")), ("57.50", Decimal("57.50")), ("0.54", Decimal("0.54")),
     ("0123", Decimal(123)), ("-3", Decimal(-3)), (".5", Decimal("0.5"))],
)  # fmt: skip
def test_decimal_keeps_what_was_written(written, expected):
    value, messages = typed(to_decimal, s(written))
    assert value == expected and messages == []


def test_decimal_keeps_its_published_precision():
    value, _ = typed(to_decimal, s("57.50"))
    assert str(value) == "57.50"


def test_thousands_dot_in_a_number_is_refused_with_suggestion():
    assert typed(to_decimal, s("3.281.000")) == (
        INVALID,
        [
            f"{PATH}:4:11: error: “actual” phải là số viết liền; “3.281.000” có dấu phân cách "
            "hàng nghìn, trong tệp hãy viết liền: 3281000"
        ],
    )


def test_decimal_comma_suggests_a_point():
    assert typed(to_decimal, s("57,5")) == (
        INVALID,
        [f"{PATH}:4:11: error: “actual”: trong tệp dùng dấu chấm thập phân, hãy viết 57.5 thay cho “57,5”"],
    )


@pytest.mark.parametrize("written", ["10:30", "no", "1e3", "nhiều"])
def test_not_a_number(written):
    assert typed(to_decimal, s(written)) == (
        INVALID,
        [f"{PATH}:4:11: error: “actual” phải là số, dùng dấu chấm thập phân (ví dụ 57.5), nhưng gặp “{written}”"],
    )


def test_integer_with_thousands_dot():
    assert typed(to_integer, s("1.187")) == (
        INVALID,
        [
            f"{PATH}:4:11: error: “actual” phải là số viết liền; “1.187” có dấu phân cách "
            "hàng nghìn, trong tệp hãy viết liền: 1187"
        ],
    )


def test_integer_refuses_a_fraction():
    assert typed(to_integer, s("2.5")) == (
        INVALID,
        [f"{PATH}:4:11: error: “actual” phải là số nguyên, ví dụ 150, nhưng gặp “2.5”"],
    )


def test_integer_ok():
    assert typed(to_integer, s("18")) == (18, [])


def test_date_from_text():
    assert typed(to_date, s("2019-08-02")) == (dt.date(2019, 8, 2), [])


def test_impossible_date_is_reported_at_its_place():
    assert typed(to_date, s("2023-02-30", 3, 7)) == (
        INVALID,
        [f"{PATH}:3:7: error: “2023-02-30” không phải ngày có thật trên lịch (tháng 2 năm 2023 chỉ có 28 ngày)"],
    )


def test_leap_day_is_a_real_date_only_in_a_leap_year():
    assert typed(to_date, s("2024-02-29"))[0] == dt.date(2024, 2, 29)
    assert typed(to_date, s("2023-02-29"))[0] is INVALID


def test_month_13():
    assert typed(to_date, s("2023-13-01"))[1] == [
        f"{PATH}:4:11: error: “2023-13-01” không phải ngày có thật trên lịch (tháng phải từ 1 đến 12, gặp 13)"
    ]


@pytest.mark.parametrize("written", ["2019-8", "ngày 2 tháng 8", "13/13/2019"])
def test_date_in_another_format(written):
    assert typed(to_date, s(written))[1] == [
        f"{PATH}:4:11: error: “actual” phải là ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2023-10-05, nhưng gặp “{written}”"
    ]


@pytest.mark.parametrize(
    ("written", "suggest"), [("11/01/2025", "2025-01-11"), ("2/8/2019", "2019-08-02"), ("05.10.2023", "2023-10-05")]
)
def test_day_first_date_suggests_the_iso_order(written, suggest):
    assert typed(to_date, s(written)) == (
        INVALID,
        [
            f"{PATH}:4:11: error: “actual”: ngày “{written}” viết theo thứ tự ngày/tháng/năm; "
            f"trong tệp hãy viết NĂM-THÁNG-NGÀY: {suggest}"
        ],
    )


@pytest.mark.parametrize("written", ["0000-08-02", "0001-01-01", "1899-12-31", "2201-01-01", "9999-12-31"])
def test_a_year_outside_1900_to_2200_is_a_field_error_not_a_crash(written):
    year = int(written[:4])
    assert typed(to_date, s(written)) == (
        INVALID,
        [f"{PATH}:4:11: error: “{written}” không phải ngày có thật trên lịch (năm phải từ 1900 đến 2200, gặp {year})"],
    )
    assert typed(to_date, s("1900-01-01"))[0] == dt.date(1900, 1, 1)


@pytest.mark.parametrize(
    ("func", "written"),
    [
        (to_decimal, "1000000000000000000000000000000000"),
        (to_decimal, "0.0000000000000000000000000000001"),
        (to_decimal, "1000000000000"),
        (to_decimal, "1.0000000000000001"),
        (to_integer, "1000000000000000000000000000000000"),
    ],
)
def test_too_large_or_too_long_numbers_are_field_errors(func, written):
    assert typed(func, s(written)) == (
        INVALID,
        [
            f"{PATH}:4:11: error: “actual”: số “{written}” quá lớn hoặc quá nhiều chữ số (tối đa 15 chữ số "
            "và nhỏ hơn 1 nghìn tỷ); kiểm tra lại số đã gõ"
        ],
    )
    assert typed(to_decimal, s("999999999999.999"))[0] == Decimal("999999999999.999")


@pytest.mark.parametrize(
    ("written", "suggest"), [("1,200", "1200"), ("3 281", "3281"), ("3\u00a0281", "3281"), ("1.200.000", "1200000")]
)
def test_any_thousands_separator_is_named_neutrally(written, suggest):
    for func in (to_decimal, to_integer):
        assert typed(func, s(written)) == (
            INVALID,
            [
                f"{PATH}:4:11: error: “actual” phải là số viết liền; “{written}” có dấu phân cách hàng nghìn, "
                f"trong tệp hãy viết liền: {suggest}"
            ],
        )


@pytest.mark.parametrize(("written", "suggest"), [("85%", "85"), ("57.5 %", "57.5"), ("57,5%", "57.5")])
def test_a_percent_sign_in_a_number_says_where_it_goes(written, suggest):
    assert typed(to_decimal, s(written))[1] == [
        f"{PATH}:4:11: error: “actual”: viết số không kèm dấu %, ví dụ {suggest} thay cho “{written}”; "
        'với chỉ tiêu tỷ lệ, dấu % ghi ở trường đơn vị: unit: "%"'
    ]
