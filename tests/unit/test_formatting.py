import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_builder.formatting import (
    format_date,
    format_date_short,
    format_number,
    format_percent,
    format_points,
    format_term,
    format_weekday,
    format_year,
)

MINUS = "\u2212"


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (3281, "vi", None, "3.281"),
        (1234567, "vi", None, "1.234.567"),
        (999, "vi", None, "999"),
        (0, "vi", None, "0"),
        (-3281, "vi", None, "-3.281"),
        (Decimal("91.4"), "vi", None, "91,4"),
        (Decimal("91.40"), "vi", None, "91,40"),
        (Decimal("1234.5"), "vi", None, "1.234,5"),
        (91.4, "vi", None, "91,4"),
        (101.333, "vi", 1, "101,3"),
        (Decimal("1.25"), "vi", 1, "1,3"),
        (Decimal("1.35"), "vi", 1, "1,4"),
        (Decimal("0.05"), "vi", 1, "0,1"),
        (Decimal("-1.25"), "vi", 1, "-1,3"),
        (Decimal("-0.04"), "vi", 1, "0,0"),
        (2.675, "vi", 2, "2,68"),  # a float half-up from its shortest repr, not 2.67499...
        (Decimal("2.5"), "vi", 0, "3"),
        (3281, "vi", 2, "3.281,00"),
        (3281, "en", None, "3,281"),
        (1234567, "en", None, "1,234,567"),
        (Decimal("91.4"), "en", None, "91.4"),
        (Decimal("1.25"), "en", 1, "1.3"),
    ],
)
def test_format_number(value, lang: str, decimals: int | None, expected: str) -> None:
    assert format_number(value, lang, decimals) == expected


def test_format_number_defaults_to_vietnamese() -> None:
    assert format_number(3281) == "3.281"


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (Decimal("101.3"), "vi", 1, "101,3%"),
        (57.5, "vi", 1, "57,5%"),
        (100, "vi", 1, "100%"),
        (Decimal("99.96"), "vi", 1, "100%"),
        (Decimal("100.0"), "vi", 1, "100%"),
        (Decimal("101.25"), "vi", 1, "101,3%"),
        (Decimal("0.05"), "vi", 1, "0,1%"),
        (Decimal("12.345"), "vi", 2, "12,35%"),
        (Decimal("12.5"), "vi", 0, "13%"),
        (Decimal("1234.5"), "vi", 1, "1.234,5%"),
        (Decimal("101.3"), "en", 1, "101.3%"),
        (100, "en", 1, "100%"),
    ],
)
def test_format_percent(value, lang: str, decimals: int, expected: str) -> None:
    assert format_percent(value, lang, decimals) == expected


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (Decimal("6.4"), "vi", "+6,4 điểm %"),
        (Decimal("-2.5"), "vi", f"{MINUS}2,5 điểm %"),
        (0, "vi", "±0 điểm %"),
        # Shown with the digits the rates had, so the sign always matches the status.
        (Decimal("0.04"), "vi", "+0,04 điểm %"),
        (Decimal("-0.04"), "vi", f"{MINUS}0,04 điểm %"),
        (Decimal("-0.46"), "vi", f"{MINUS}0,46 điểm %"),
        (Decimal("3.0"), "vi", "+3,0 điểm %"),
        (2.96, "vi", "+2,96 điểm %"),
        (Decimal("6.4"), "en", "+6.4 pts"),
        (Decimal("-2.5"), "en", f"{MINUS}2.5 pts"),
        (0, "en", "±0 pts"),
    ],
)
def test_format_points(value, lang: str, expected: str) -> None:
    assert format_points(value, lang) == expected


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (datetime.date(2023, 10, 5), "ngày 05 tháng 10 năm 2023"),
        (datetime.date(2022, 1, 11), "ngày 11 tháng 01 năm 2022"),
        (datetime.date(2019, 8, 2), "ngày 02 tháng 8 năm 2019"),
        (datetime.date(2024, 2, 1), "ngày 01 tháng 02 năm 2024"),
        (datetime.date(2024, 3, 9), "ngày 09 tháng 3 năm 2024"),
        (datetime.date(2024, 3, 10), "ngày 10 tháng 3 năm 2024"),
        (datetime.date(2024, 12, 31), "ngày 31 tháng 12 năm 2024"),
    ],
)
def test_format_date_vietnamese_follows_nd30(d: datetime.date, expected: str) -> None:
    assert format_date(d) == expected


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (datetime.date(2023, 10, 5), "5 October 2023"),
        (datetime.date(2022, 1, 11), "11 January 2022"),
        (datetime.date(2024, 2, 1), "1 February 2024"),
    ],
)
def test_format_date_english(d: datetime.date, expected: str) -> None:
    assert format_date(d, "en") == expected


@pytest.mark.parametrize(
    ("d", "lang", "expected"),
    [
        (datetime.date(2023, 10, 5), "vi", "05/10/2023"),
        (datetime.date(2019, 8, 2), "vi", "02/08/2019"),
        (datetime.date(2024, 12, 31), "vi", "31/12/2024"),
        (datetime.date(2023, 10, 5), "en", "2023-10-05"),
        (datetime.date(2019, 8, 2), "en", "2019-08-02"),
    ],
)
def test_format_date_short(d: datetime.date, lang: str, expected: str) -> None:
    assert format_date_short(d, lang) == expected


@pytest.mark.parametrize(
    ("d", "vi", "en"),
    [
        (datetime.date(2023, 10, 2), "Thứ Hai", "Monday"),
        (datetime.date(2023, 10, 3), "Thứ Ba", "Tuesday"),
        (datetime.date(2023, 10, 4), "Thứ Tư", "Wednesday"),
        (datetime.date(2023, 10, 5), "Thứ Năm", "Thursday"),
        (datetime.date(2023, 10, 6), "Thứ Sáu", "Friday"),
        (datetime.date(2023, 10, 7), "Thứ Bảy", "Saturday"),
        (datetime.date(2023, 10, 8), "Chủ nhật", "Sunday"),
    ],
)
def test_format_weekday(d: datetime.date, vi: str, en: str) -> None:
    assert format_weekday(d) == vi
    assert format_weekday(d, "en") == en


def test_datetime_is_formatted_as_its_date() -> None:
    moment = datetime.datetime(2023, 10, 5, 14, 30)
    assert format_date(moment) == "ngày 05 tháng 10 năm 2023"
    assert format_date_short(moment, "en") == "2023-10-05"


@pytest.mark.parametrize(("year", "expected"), [(2023, "2023"), (1930, "1930"), (12345, "12345")])
def test_format_year_is_never_grouped(year: int, expected: str) -> None:
    assert format_year(year) == expected


@pytest.mark.parametrize("bad", [True, "12", None, [1]])
def test_non_numbers_are_rejected(bad) -> None:
    with pytest.raises(TypeError):
        format_number(bad)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), Decimal("NaN")])
def test_non_finite_numbers_are_rejected(bad) -> None:
    with pytest.raises(ValueError):
        format_percent(bad)


@pytest.mark.parametrize("func", [format_number, format_percent, format_points])
def test_unknown_language_is_rejected(func) -> None:
    with pytest.raises(ValueError, match="fr"):
        func(1, "fr")


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=3, allow_nan=False))
def test_vietnamese_and_english_differ_only_in_separators(value: Decimal) -> None:
    swapped = format_number(value, "en", 1).translate(str.maketrans(",.", ".,"))
    assert format_number(value, "vi", 1) == swapped


@pytest.mark.parametrize(
    ("term_id", "shown"), [("2015-2020", "2015 - 2020"), ("2020-2025", "2020 - 2025"), ("khac", "khac")]
)
def test_a_term_is_shown_with_spaces_around_the_dash(term_id: str, shown: str) -> None:
    assert format_term(term_id) == shown


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_number_symbols_kept_are_babels(lang):
    """symbols.py keeps CLDR's symbols so that no run loads Babel's locale data for them: they
    must be the installed Babel's, and a language without a catalogue still asks Babel."""
    from site_builder.catalogue import LANGS
    from site_builder.symbols import KNOWN, babel_symbols, number_symbols

    assert set(KNOWN) == set(LANGS)
    assert number_symbols(lang) == babel_symbols(lang)
    assert number_symbols("fr") == babel_symbols("fr")
