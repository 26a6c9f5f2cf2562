"""Cells as offices type them -> the text a YAML file would hold for that field.

Numbers are read the Vietnamese way (dot for thousands, comma for decimals):
"1.035" and 1035 are counts, "101,3%", "101,3" and a percent-formatted 1,013 are
101.3. Dates are date cells or "05/10/2023" (day first, never month first). The
result is the plain text the content format expects ("1035", "101.3",
"2023-10-05"), so the validators of `check` judge it exactly as they judge YAML.
Pure: no IO.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Literal

from site_builder.catalogue import clause
from site_builder.sheets.headers import fold

CellKind = Literal["value", "error", "formula"]  # error: "#DIV/0!"; formula: never computed


@dataclass(frozen=True)
class Cell:
    row: int  # 1-based, as the spreadsheet numbers rows
    col: int  # 1-based: A = 1
    value: object  # str, int, float, bool, datetime/date, or None (empty)
    number_format: str = "General"
    kind: CellKind = "value"


@dataclass(frozen=True)
class Grid:
    """One sheet as read: `sheet` is its name ("" for a CSV file, which has none)."""

    path: str  # the file as the user named it, for messages
    sheet: str
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Reading:
    """What a cell says for one field: the text for the validators, or why it cannot be read."""

    text: str | None  # None: empty
    problem: str | None = None  # a code in messages.MESSAGES
    params: tuple[tuple[str, object], ...] = ()


EMPTY = Reading(None)

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_PLAIN = re.compile(r"[0-9]+")
_VI_THOUSANDS = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]+)?")  # 1.035 · 1.035,5
_VI_DECIMAL = re.compile(r"[0-9]+,[0-9]+")  # 101,3
_EN_DECIMAL = re.compile(r"[0-9]*\.[0-9]+")  # 0.54 (not 1.035, a thousands dot)
_EN_THOUSANDS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3}){2,}(?:\.[0-9]+)?|[0-9]{1,3}(?:,[0-9]{3})+\.[0-9]+")
# "1,035": one thousand and thirty-five (English) or one point zero three five (Vietnamese)?
_AMBIGUOUS = re.compile(r"[1-9][0-9]{0,2},[0-9]{3}")
_DMY = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})")
_LIST_SEPARATORS = re.compile(r"\s*[\n;]\s*")

# Vietnamese words (folded) for the English choice values of the content format.
CHOICES: dict[str, dict[str, str]] = {
    "direction": {
        "toi thieu": "at_least", "it nhat": "at_least", "tro len": "at_least", "at least": "at_least",
        "toi da": "at_most", "khong qua": "at_most", "at most": "at_most",
    },
    "recipient_kind": {
        "tap the": "collective", "collective": "collective", "ca nhan": "individual", "individual": "individual",
    },
    "status": {
        "da khen": "granted", "da tang": "granted", "da trao": "granted", "granted": "granted",
        "de nghi": "proposed", "proposed": "proposed",
    },
    # `sample: true`: the example figures of `new site`, exported as "có" in the "Mẫu" column.
    "sample": {
        "co": "true", "x": "true", "mau": "true", "true": "true", "yes": "true", "1": "true",
        "khong": "false", "false": "false", "no": "false", "0": "false",
    },
}  # fmt: skip


def clean(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def read_cell(cell: Cell, field_type: str, field: str) -> Reading:
    """The cell as the text of a `field_type` field ("text", "decimal", "integer", "date",
    "slug", "choice", "list[text]")."""
    if cell.kind == "error":
        return Reading(None, "sheet.cell-error", (("value", str(cell.value)),))
    if cell.kind == "formula":
        return Reading(None, "sheet.formula-not-computed")
    value = cell.value
    if value is None or (isinstance(value, str) and not clean(value)):
        return EMPTY
    if field_type in ("decimal", "integer"):
        return read_number(value, cell.number_format)
    if field_type == "date":
        return read_date(value)
    if field_type in ("choice", "flag"):
        return read_choice(value, field)
    return Reading(as_text(value))


def as_text(value: object) -> str:
    """Any cell as text: 2023 stays "2023" (never "2.023"), a date cell is YYYY-MM-DD."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return plain(Decimal(repr(value)))
    if isinstance(value, str):
        return clean(value)
    return str(value)


def plain(number: Decimal) -> str:
    """Decimal -> "1035", "101.3", never an exponent; 152.0 -> "152"."""
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def read_number(value: object, number_format: str = "General") -> Reading:
    if isinstance(value, bool | dt.date):
        return Reading(as_text(value))  # the validator says it is not a number
    if isinstance(value, int | float):
        return Reading(numeric_cell(value, number_format))
    return parse_number_text(clean(str(value)))


def numeric_cell(value: float, number_format: str) -> str:
    """A number cell. A percent-formatted cell holds the fraction (1,013 shows 101,3%): scaled
    by 100 and kept at the decimals the format shows, since that is the figure published."""
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if "%" not in number_format:
        return plain(number)
    shown = _format_decimals(number_format)
    percent = (number * 100).quantize(Decimal(1).scaleb(-shown), rounding=ROUND_HALF_UP)
    return format(percent, "f")


def _format_decimals(number_format: str) -> int:
    """Decimals a number format shows: "0.0%" -> 1, "0%" -> 0, "0.00%" -> 2."""
    section = number_format.split(";", 1)[0]
    match = re.search(r"\.([0#]+)", section)
    return len(match.group(1)) if match else 0


def parse_number_text(text: str) -> Reading:
    """ "1.035" -> 1035, "101,3%" -> 101.3, "3 281" -> 3281; text that is no number passes
    through unchanged, for the validator to explain."""
    body = text[:-1].rstrip() if text.endswith("%") else text
    sign = ""
    if body[:1] in ("+", "-"):
        sign, body = ("-" if body[0] == "-" else ""), body[1:].lstrip()
    compact = _SPACES.sub("", body) if re.fullmatch(r"[0-9]{1,3}(?:[\s\u00a0\u202f][0-9]{3})+", body) else body
    if _AMBIGUOUS.fullmatch(compact):
        digits = compact.replace(",", "")
        return Reading(None, "sheet.ambiguous-number", (("value", text), ("count", digits)))
    number = _number(compact)
    if number is None:
        return Reading(text)
    try:
        return Reading(sign + format(Decimal(number), "f"))
    except InvalidOperation:
        return Reading(text)


def _number(text: str) -> str | None:
    if _VI_THOUSANDS.fullmatch(text):  # before 0.54-style decimals: "1.035" is a count
        return text.replace(".", "").replace(",", ".")
    if _PLAIN.fullmatch(text) or _EN_DECIMAL.fullmatch(text):
        return text
    if _VI_DECIMAL.fullmatch(text):
        return text.replace(",", ".")
    if _EN_THOUSANDS.fullmatch(text):
        return text.replace(",", "")
    return None


def read_date(value: object) -> Reading:
    if isinstance(value, dt.date):
        return Reading(as_text(value))
    text = as_text(value)
    match = _DMY.fullmatch(text)
    if match:  # day first, as Vietnamese write dates; 30/02/2023 is left for the validator to refuse
        day, month, year = (int(part) for part in match.groups())
        return Reading(f"{year:04d}-{month:02d}-{day:02d}")
    return Reading(text)


def read_choice(value: object, field: str) -> Reading:
    text = as_text(value)
    words = CHOICES.get(field, {})
    found = words.get(fold(text))  # "tối đa", "Tối Đa", "at_most" alike
    if found:
        return Reading(found)
    # What staff may type, in the language the problem is shown in (sheet.choices.<field>).
    return Reading(None, "sheet.bad-choice", (("value", text), ("choices", clause(f"sheet.choices.{field}"))))


def split_list(text: str) -> list[str]:
    """A "Danh sách" cell: one name per line, or names separated by ";"."""
    return [part for part in (clean(p) for p in _LIST_SEPARATORS.split(text)) if part]
