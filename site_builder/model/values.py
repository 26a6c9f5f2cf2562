"""Reading one YAML value as the type a field declares: text, number, date, choice, slug, URL.

Values arrive as YStr/YMap/YList (every scalar text, with line and column); each converter
returns the typed value, or INVALID after reporting why at the value's own position. Which
converter a field uses follows from its type (model/fields.py).
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal, NewType
from urllib.parse import urlsplit

from site_builder.catalogue import clause
from site_builder.problems import Loc, Problems
from site_builder.sources.yamlsafe import YList, YStr, describe


class Invalid:
    """Marker for a value that was present but wrong (already reported)."""


INVALID = Invalid()

# Texts read more strictly than free text: an ASCII slug ("ty-le-dang-vien"), a web address.
Slug = NewType("Slug", str)
Url = NewType("Url", str)


@dataclass(frozen=True)
class Ctx:
    path: str
    problems: Problems

    def at(self, node: object, fallback: object = None) -> Loc:
        for candidate in (node, fallback):
            line = getattr(candidate, "line", None)
            if line is not None:
                return Loc(self.path, line, getattr(candidate, "col", None))
        return Loc(self.path)


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
_CURLY_QUOTED = re.compile(r"“.*”", re.DOTALL)
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_EMPTY = {"", "~", "null", "Null", "NULL"}
ASCII_DIGITS = frozenset("0123456789")


def is_empty(value: object) -> bool:
    """No value: the key is absent, or written with nothing (or `~`, `null`) after it."""
    return value is None or (isinstance(value, YStr) and value.plain and value.strip() in _EMPTY)


def to_text(name: str, value: object, ctx: Ctx) -> str | Invalid:
    if not isinstance(value, YStr):
        ctx.problems.error("field.expected-text", ctx.at(value), field=name, found=describe(value))
        return INVALID
    text = " ".join(value.split()) if "\n" not in value.strip() else value.strip()
    if not text:
        ctx.problems.error("field.empty", ctx.at(value), field=name)
        return INVALID
    if curly_quoted(value) and value.strip()[1:-1].strip() == "%":
        # `unit: “%”` would make a rate target a count and report its decimals instead: name the quotes.
        report_curly_quotes(name, value, ctx)
        return "%"
    if _CURLY_QUOTED.fullmatch(text):  # Word's “smart quotes” are not YAML quotes: they get published
        ctx.problems.warning("field.curly-quotes", ctx.at(value), field=name)
    return text


def curly_quoted(value: YStr) -> bool:
    """A plain value wrapped in Word's “…”, which YAML takes as part of the value."""
    return bool(value.plain and _CURLY_QUOTED.fullmatch(value.strip()))


def report_curly_quotes(name: str, value: YStr, ctx: Ctx) -> None:
    inner = value.strip()[1:-1].strip()
    suggest = f'"{inner}"' if inner == "%" or not inner else inner
    ctx.problems.error("field.curly-quoted-value", ctx.at(value), field=name, value=value.strip(), suggest=suggest)


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


_TRUE, _FALSE = ("true",), ("false",)
# What staff type for yes/no: suggested, never silently taken (YAML 1.1 guessing does not apply).
_FLAG_ALIASES = {"yes": "true", "co": "true", "có": "true", "1": "true", "no": "false", "khong": "false",
                 "không": "false", "0": "false", "on": "true", "off": "false"}  # fmt: skip


def to_flag(name: str, value: object, ctx: Ctx) -> bool | Invalid:
    """`true` or `false` (any case); anything else is refused with the closest of the two."""
    raw = _scalar(name, value, ctx)
    if raw is None:
        return INVALID
    if raw.lower() in _TRUE + _FALSE:
        return raw.lower() == "true"
    suggest = _FLAG_ALIASES.get(raw.lower())
    ctx.problems.error(
        "field.expected-choice", ctx.at(value), field=name, value=raw, choices="true, false",
        suggest=clause("clause.did-you-mean", name=suggest) if suggest else "",
    )  # fmt: skip
    return INVALID


def to_slug(name: str, value: object, ctx: Ctx) -> Slug | Invalid:
    raw = _scalar(name, value, ctx)
    if raw is None:
        return INVALID
    if not _SLUG.fullmatch(raw):
        ctx.problems.error("field.expected-slug", ctx.at(value), field=name, value=raw)
        return INVALID
    return Slug(raw)


def to_url(name: str, value: object, ctx: Ctx) -> Url | Invalid:
    raw = _scalar(name, value, ctx)
    if raw is None:
        return INVALID
    if not _is_web_address(raw):
        ctx.problems.error("field.expected-url", ctx.at(value), field=name, value=raw)
        return INVALID
    return Url(raw if raw.endswith("/") else raw + "/")


def _is_web_address(raw: str) -> bool:
    """http(s), a host, and nothing that breaks out of an HTML attribute or a feed."""
    if any(ch.isspace() or ch in '"<>\\`{}|^' for ch in raw) or not raw.isprintable():
        return False
    try:
        parts = urlsplit(raw)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and raw.lower().startswith(parts.scheme + "://")


# Vietnamese words staff write for an English choice value, to suggest the right one.
CHOICE_ALIASES = {
    "ca-nhan": "individual", "canhan": "individual", "cá nhân": "individual", "ca nhan": "individual",
    "tap-the": "collective", "tapthe": "collective", "tập thể": "collective", "tap the": "collective",
    "de-nghi": "proposed", "đề nghị": "proposed", "de nghi": "proposed",
    "da-trao": "granted", "đã trao": "granted", "da trao": "granted", "da-tang": "granted", "đã tặng": "granted",
    "it-nhat": "at_least", "toi-thieu": "at_least", "tối thiểu": "at_least",
    "khong-qua": "at_most", "không quá": "at_most", "toi-da": "at_most", "tối đa": "at_most",
}  # fmt: skip


def to_choice(name: str, value: object, ctx: Ctx, choices: tuple[str, ...]) -> str | Invalid:
    raw = _scalar(name, value, ctx)
    if raw is None:
        return INVALID
    if raw in choices:
        return raw
    alias = CHOICE_ALIASES.get(raw.lower())
    close = [alias] if alias in choices else difflib.get_close_matches(raw, choices, n=1)
    ctx.problems.error(
        "field.expected-choice",
        ctx.at(value),
        field=name,
        value=raw,
        choices=", ".join(choices),
        suggest=clause("clause.did-you-mean", name=close[0]) if close else "",
    )
    return INVALID


def _scalar(name: str, value: object, ctx: Ctx) -> str | None:
    if isinstance(value, YStr) and curly_quoted(value):
        report_curly_quotes(name, value, ctx)  # the cause, rather than "not a number/date/choice"
        return None
    if isinstance(value, YStr):
        return value.strip()
    ctx.problems.error("field.expected-text", ctx.at(value), field=name, found=describe(value))
    return None


def _figure(name: str, value: object, ctx: Ctx) -> str | None:
    """The text of a number or date field; None (reported) when it is not text or is written with
    digits other than 0-9 ("١٢٣", "１２"): numbers are never guessed, the ASCII spelling is suggested."""
    raw = _scalar(name, value, ctx)
    if raw is None or not any(ch.isdecimal() and ch not in ASCII_DIGITS for ch in raw):
        return raw
    suggest = "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in raw)
    ctx.problems.error("field.non-ascii-digits", ctx.at(value), field=name, value=raw, suggest=suggest)
    return None


def to_list(name: str, value: object, ctx: Ctx, item: Callable[[object], object]) -> tuple[object, ...] | Invalid:
    """A list, each entry read by `item`; wrong entries (reported) are left out."""
    if not isinstance(value, YList):
        ctx.problems.error("field.expected-list", ctx.at(value), field=name, found=describe(value))
        return INVALID
    converted = [item(entry) for entry in value]
    return tuple(v for v in converted if v is not INVALID)


def to_all_or_list(name: str, value: object, ctx: Ctx) -> Literal["all"] | tuple[str, ...] | Invalid:
    """`all`, or a list of texts (`[2022, 2023]`): which terms or years get a book of their own."""
    if isinstance(value, YStr) and value.strip() == "all":
        return "all"
    if isinstance(value, YList):
        found = to_list(name, value, ctx, lambda v: to_text(name, v, ctx))
        return found if isinstance(found, Invalid) else tuple(str(v) for v in found)
    ctx.problems.error("field.expected-all-or-list", ctx.at(value), field=name, found=describe(value))
    return INVALID
