"""Display formatting for numbers and dates, in Vietnamese or English.

Numbers are rounded half-up with `decimal` (as people round by hand and as
the source reports do); Babel's patterns round half-even and its default
percent pattern drops decimals, so Babel supplies only the locale symbols (CLDR's, kept in
symbols.py) and the English month names.
Vietnamese dates follow Nghị định 30/2020/NĐ-CP ("ngày 05 tháng 10 năm 2023").
"""

from __future__ import annotations

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal, localcontext

from site_builder.catalogue import check_lang, text
from site_builder.symbols import number_symbols

Number = int | float | Decimal

# U+2212: a true minus sign, as wide as the plus sign it stands against.
_MINUS = "\u2212"


def _to_decimal(value: Number) -> Decimal:
    # bool is an int subclass; a True in a table is a data bug, not the number 1.
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise TypeError(f"expected a number, got {type(value).__name__}")
    # str() first so 57.5 becomes Decimal("57.5"), not its binary expansion.
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise ValueError(f"cannot format {value!r}")
    return number


def _round(number: Decimal, decimals: int) -> Decimal:
    # Enough precision for the result's digits, or quantize() would raise.
    precision = max(28, number.adjusted() + decimals + 2)
    with localcontext(prec=precision, rounding=ROUND_HALF_UP):
        return number.quantize(Decimal(1).scaleb(-decimals))


def _round_trimmed(number: Decimal, decimals: int) -> Decimal:
    """Round half-up, then drop the decimals entirely if they are all zero."""
    rounded = _round(number, decimals)
    return _round(rounded, 0) if rounded == rounded.to_integral_value() else rounded


def _digits(number: Decimal, lang: str) -> str:
    """Group and punctuate the absolute value, keeping exactly its own decimals."""
    integer, _, fraction = format(abs(number), "f").partition(".")
    groups: list[str] = []
    while len(integer) > 3:
        integer, group = integer[:-3], integer[-3:]
        groups.insert(0, group)
    grouped = number_symbols(lang).group.join([integer, *groups])
    return f"{grouped}{number_symbols(lang).decimal}{fraction}" if fraction else grouped


def _signed(number: Decimal, lang: str) -> str:
    # A value that rounded to zero shows no sign ("-0,0" would mislead).
    sign = number_symbols(lang).minus if number < 0 else ""
    return sign + _digits(number, lang)


def format_number(value: Number, lang: str = "vi", decimals: int | None = None) -> str:
    """3281 -> "3.281"; Decimal("91.4") -> "91,4"; en: "3,281", "91.4".

    With `decimals` the value is rounded half-up to that many places;
    without, it keeps the digits it has (Decimal("91.40") -> "91,40").
    """
    check_lang(lang)
    number = _to_decimal(value)
    if decimals is not None:
        number = _round(number, decimals)
    return _signed(number, lang)


def format_percent(value: Number, lang: str = "vi", decimals: int | None = 1) -> str:
    """Decimal("101.3") -> "101,3%"; 100 -> "100%" (whole values drop ",0").

    decimals=None keeps the digits as written (a rate of 84.96% stays "84,96%").
    """
    check_lang(lang)
    number = _to_decimal(value) if decimals is None else _round_trimmed(_to_decimal(value), decimals)
    return _signed(number, lang) + number_symbols(lang).percent


def format_points(value: Number, lang: str = "vi") -> str:
    """Percentage-point change with its sign: "+6,4 điểm %", "−0,04 điểm %", "±0 điểm %".

    Shown with the digits it has (the model subtracts the rates as written), so the sign
    always agrees with the status: 84,96% against 85% is "−0,04", never "±0".
    """
    check_lang(lang)
    number = _to_decimal(value)
    sign = "+" if number > 0 else _MINUS if number < 0 else "±"
    return text("format.points", lang, points=sign + _digits(number, lang))


def format_date(d: datetime.date, lang: str = "vi") -> str:
    """Full date: "ngày 05 tháng 10 năm 2023"; en: "5 October 2023".

    Nghị định 30 pads days below 10 and months 1 and 2 only ("tháng 8", "tháng 01").
    """
    if check_lang(lang) == "en":
        # Imported here: babel.dates (with zoneinfo) is for English dates only.
        from babel.dates import format_date as babel_format_date

        return babel_format_date(d, "d MMMM y", locale="en")
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def format_date_short(d: datetime.date, lang: str = "vi") -> str:
    """Compact date: "05/10/2023"; en: ISO "2023-10-05"."""
    if check_lang(lang) == "en":
        return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def format_weekday(d: datetime.date, lang: str = "vi") -> str:
    """Day of the week: "Thứ Năm" ... "Chủ nhật"; en: "Thursday".

    From the catalogue, not CLDR: CLDR writes "Chủ Nhật", the orthography's "Chủ nhật"."""
    return text(f"weekday.{d.weekday()}", check_lang(lang))


_TERM_ID = re.compile(r"([0-9]{4})-([0-9]{4})")


def format_term(term_id: str) -> str:
    """A term as headings and titles show it, the Vietnamese way: "2015-2020" -> "2015 - 2020".

    The id itself (folder, URL, `--term`, `yearbook.term`) keeps "2015-2020"."""
    match = _TERM_ID.fullmatch(term_id)
    return f"{match.group(1)} - {match.group(2)}" if match else term_id


def format_year(y: int | str) -> str:
    """A year is a label, not a quantity: never grouped ("2023", not "2.023")."""
    return str(y)
