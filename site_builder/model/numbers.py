"""Reading numbers and dates from YAML text: never guessed, every slip named with its fix.

A count written the Vietnamese way ("3.281"), a decimal comma ("98,8"), a percent sign, a
day-first date ("11/01/2025") or digits other than 0-9 are each reported with the spelling the
file should have; nothing is read the way PyYAML's YAML 1.1 rules would.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from site_builder.catalogue import clause
from site_builder.model.values import INVALID, Ctx, Invalid, scalar

# [0-9], never \d: Python's \d, int() and Decimal() also accept Arabic-Indic and full-width digits.
_INT = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
# "1.200", "1,200", "3 281" (also with a no-break space): a thousands separator in a number.
_THOUSANDS = re.compile(r"[0-9]{1,3}(?:([.,\u00a0\u202f ])[0-9]{3})(?:\1[0-9]{3})*")
# "3.281", "1.035": a count written the Vietnamese way, which plain YAML would read as a decimal.
THOUSANDS_DOT = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+")
_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]+,[0-9]+")
_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_DMY_DATE = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})")  # 11/01/2025, the Vietnamese order
MIN_YEAR, MAX_YEAR = 1900, 2200
# Numbers in content are figures of a bloc: more digits than this is a typo, and would overflow
# the arithmetic of derived figures.
MAX_DIGITS = 15
MAX_MAGNITUDE = Decimal(10) ** 12
ASCII_DIGITS = frozenset("0123456789")


def to_decimal(name: str, value: object, ctx: Ctx) -> Decimal | Invalid:
    raw = _figure(name, value, ctx)
    if raw is None:
        return INVALID
    if _NUMBER.fullmatch(raw):
        try:
            number = Decimal(raw)
        except InvalidOperation:
            pass
        else:
            return number if _within_limits(name, number, value, ctx) else INVALID
    if _DECIMAL_COMMA.fullmatch(raw) and not _THOUSANDS.fullmatch(raw):
        ctx.problems.error("field.decimal-comma", ctx.at(value), field=name, value=raw, suggest=raw.replace(",", "."))
        return INVALID
    if _THOUSANDS.fullmatch(raw):
        ctx.problems.error(
            "field.thousands-dot", ctx.at(value), field=name, value=raw, suggest=_without_separators(raw)
        )
        return INVALID
    if raw.endswith("%") and (suggest := _number_suggestion(raw[:-1].strip())):
        ctx.problems.error("field.percent-sign", ctx.at(value), field=name, value=raw, suggest=suggest)
        return INVALID
    ctx.problems.error("field.expected-number", ctx.at(value), field=name, value=raw)
    return INVALID


def _within_limits(name: str, number: Decimal, value: object, ctx: Ctx) -> bool:
    """At most MAX_DIGITS digits as written (leading zeros of a fraction count) and below 10^12."""
    sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)
    whole_digits = max(0, len(digits) + exponent)
    written = whole_digits + max(0, -exponent)
    if abs(number) < MAX_MAGNITUDE and written <= MAX_DIGITS:
        return True
    ctx.problems.error("field.number-too-long", ctx.at(value), field=name, value=str(value).strip())
    return False


def _number_suggestion(text: str) -> str | None:
    if _NUMBER.fullmatch(text):
        return text
    if _DECIMAL_COMMA.fullmatch(text) and not _THOUSANDS.fullmatch(text):
        return text.replace(",", ".")
    return None


def _without_separators(raw: str) -> str:
    return re.sub(r"[.,\u00a0\u202f ]", "", raw)


def to_integer(name: str, value: object, ctx: Ctx) -> int | Invalid:
    raw = _figure(name, value, ctx)
    if raw is None:
        return INVALID
    if _INT.fullmatch(raw):
        number = int(raw)
        return number if _within_limits(name, Decimal(number), value, ctx) else INVALID
    check_count_text(name, value, ctx)
    return INVALID


def check_count_text(name: str, value: object, ctx: Ctx) -> None:
    """Report why `value` is not a whole count: a thousands dot is the usual cause."""
    raw = str(value).strip()
    if _THOUSANDS.fullmatch(raw):
        ctx.problems.error(
            "field.thousands-dot", ctx.at(value), field=name, value=raw, suggest=_without_separators(raw)
        )
    elif raw.endswith("%") and (suggest := _number_suggestion(raw[:-1].strip())):
        ctx.problems.error("field.percent-sign", ctx.at(value), field=name, value=raw, suggest=suggest)
    else:
        ctx.problems.error("field.expected-integer", ctx.at(value), field=name, value=raw)


def to_date(name: str, value: object, ctx: Ctx) -> dt.date | Invalid:
    raw = _figure(name, value, ctx)
    if raw is None:
        return INVALID
    match = _DATE.fullmatch(raw)
    if not match:
        dmy = _DMY_DATE.fullmatch(raw)
        if dmy and 1 <= int(dmy.group(2)) <= 12 and 1 <= int(dmy.group(1)) <= 31:
            suggest = f"{dmy.group(3)}-{int(dmy.group(2)):02d}-{int(dmy.group(1)):02d}"
            ctx.problems.error("field.date-day-first", ctx.at(value), field=name, value=raw, suggest=suggest)
        else:
            ctx.problems.error("field.expected-date", ctx.at(value), field=name, value=raw)
        return INVALID
    year, month, day = (int(part) for part in match.groups())
    if not MIN_YEAR <= year <= MAX_YEAR:
        ctx.problems.error(
            "field.invalid-date", ctx.at(value), field=name, value=raw,
            reason=clause("date.year", year=year, min_year=MIN_YEAR, max_year=MAX_YEAR),
        )  # fmt: skip
        return INVALID
    days = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
    if days and 1 <= day <= days:
        return dt.date(year, month, day)
    reason = clause("date.day", month=month, year=year, days=days) if days else clause("date.month", month=month)
    ctx.problems.error("field.invalid-date", ctx.at(value), field=name, value=raw, reason=reason)
    return INVALID


def _figure(name: str, value: object, ctx: Ctx) -> str | None:
    """The text of a number or date field; None (reported) when it is not text or is written with
    digits other than 0-9 ("١٢٣", "１２"): numbers are never guessed, the ASCII spelling is suggested."""
    raw = scalar(name, value, ctx)
    if raw is None or not any(ch.isdecimal() and ch not in ASCII_DIGITS for ch in raw):
        return raw
    suggest = "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in raw)
    ctx.problems.error("field.non-ascii-digits", ctx.at(value), field=name, value=raw, suggest=suggest)
    return None
