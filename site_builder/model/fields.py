"""Per-kind field tables and the validation of one raw mapping against them.

Values arrive as YStr/YMap/YList (every scalar text, with line and column);
this module types them and reports problems at the value's own position.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from site_builder.problems import Loc, Problems
from site_builder.sources.yamlsafe import YList, YMap, YStr


class Invalid:
    """Marker for a value that was present but wrong (already reported)."""


INVALID = Invalid()


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    required: bool = False
    choices: tuple[str, ...] = ()
    default: object = None
    schema: tuple[Field, ...] = ()  # for "mapping" and "list[mapping]"


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


_INT = re.compile(r"[+-]?\d+")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_THOUSANDS = re.compile(r"\d{1,3}([.,]\d{3})+")
# "3.281", "1.035": a count written the Vietnamese way, which plain YAML would read as a decimal.
THOUSANDS_DOT = re.compile(r"\d{1,3}(\.\d{3})+")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_EMPTY = {"", "~", "null", "Null", "NULL"}


def describe(value: object) -> str:
    if isinstance(value, YMap):
        return "một nhóm trường"
    if isinstance(value, YList):
        return "một danh sách"
    return f"“{value}”"


def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, YStr) and value.plain and value.strip() in _EMPTY)


def to_text(name: str, value: object, ctx: Ctx) -> object:
    if not isinstance(value, YStr):
        ctx.problems.error("field.expected-text", ctx.at(value), field=name, found=describe(value))
        return INVALID
    text = " ".join(value.split()) if "\n" not in value.strip() else value.strip()
    if not text:
        ctx.problems.error("field.empty", ctx.at(value), field=name)
        return INVALID
    return text


def to_decimal(name: str, value: object, ctx: Ctx) -> object:
    raw = _scalar(name, value, ctx)
    if raw is None:
        return INVALID
    if _NUMBER.fullmatch(raw):
        try:
            return Decimal(raw)
        except InvalidOperation:
            pass
    if _DECIMAL_COMMA.fullmatch(raw) and not _THOUSANDS.fullmatch(raw):
        suggest = raw.replace(",", ".")
        ctx.problems.error("field.decimal-comma", ctx.at(value), field=name, value=raw, suggest=suggest)
        return INVALID
    if _THOUSANDS.fullmatch(raw):
        suggest = raw.replace(".", "").replace(",", "")
        ctx.problems.error("field.thousands-dot", ctx.at(value), field=name, value=raw, suggest=suggest)
        return INVALID
    ctx.problems.error("field.expected-number", ctx.at(value), field=name, value=raw)
    return INVALID


def to_integer(name: str, value: object, ctx: Ctx) -> object:
    raw = _scalar(name, value, ctx)
    if raw is None:
        return INVALID
    if _INT.fullmatch(raw):
        return int(raw)
    check_count_text(name, value, ctx)
    return INVALID


def check_count_text(name: str, value: object, ctx: Ctx) -> None:
    """Report why `value` is not a whole count: a thousands dot is the usual cause."""
    raw = str(value).strip()
    if THOUSANDS_DOT.fullmatch(raw):
        suggest = raw.replace(".", "")
        ctx.problems.error("field.thousands-dot", ctx.at(value), field=name, value=raw, suggest=suggest)
    else:
        ctx.problems.error("field.expected-integer", ctx.at(value), field=name, value=raw)


def to_date(name: str, value: object, ctx: Ctx) -> object:
    raw = _scalar(name, value, ctx)
    if raw is None:
        return INVALID
    match = _DATE.fullmatch(raw)
    if not match:
        ctx.problems.error("field.expected-date", ctx.at(value), field=name, value=raw)
        return INVALID
    year, month, day = (int(part) for part in match.groups())
    days = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
    if days and 1 <= day <= days:
        return dt.date(year, month, day)
    reason = "date.day" if days else "date.month"
    ctx.problems.error(
        "field.invalid-date", ctx.at(value), field=name, value=raw, reason=reason, month=month, year=year, days=days
    )
    return INVALID


def to_slug(name: str, value: object, ctx: Ctx) -> object:
    raw = _scalar(name, value, ctx)
    if raw is None:
        return INVALID
    if not _SLUG.fullmatch(raw):
        ctx.problems.error("field.expected-slug", ctx.at(value), field=name, value=raw)
        return INVALID
    return raw


def to_url(name: str, value: object, ctx: Ctx) -> object:
    raw = _scalar(name, value, ctx)
    if raw is None:
        return INVALID
    if not re.fullmatch(r"https?://[^\s]+", raw):
        ctx.problems.error("field.expected-url", ctx.at(value), field=name, value=raw)
        return INVALID
    return raw if raw.endswith("/") else raw + "/"


def to_choice(name: str, value: object, ctx: Ctx, choices: tuple[str, ...]) -> object:
    raw = _scalar(name, value, ctx)
    if raw is None:
        return INVALID
    if raw in choices:
        return raw
    close = difflib.get_close_matches(raw, choices, n=1)
    ctx.problems.error(
        "field.expected-choice",
        ctx.at(value),
        field=name,
        value=raw,
        choices=", ".join(choices),
        suggest_name=close[0] if close else None,
    )
    return INVALID


def _scalar(name: str, value: object, ctx: Ctx) -> str | None:
    if isinstance(value, YStr):
        return value.strip()
    ctx.problems.error("field.expected-text", ctx.at(value), field=name, found=describe(value))
    return None


def to_list(name: str, value: object, ctx: Ctx, item: Callable[[object], object]) -> object:
    if not isinstance(value, YList):
        ctx.problems.error("field.expected-list", ctx.at(value), field=name, found=describe(value))
        return INVALID
    converted = [item(entry) for entry in value]
    return tuple(v for v in converted if v is not INVALID)


def convert(spec: Field, value: object, ctx: Ctx) -> object:
    name = spec.name
    simple: dict[str, Callable[[str, object, Ctx], object]] = {
        "text": to_text,
        "decimal": to_decimal,
        "integer": to_integer,
        "date": to_date,
        "slug": to_slug,
        "url": to_url,
    }
    if spec.type in simple:
        return simple[spec.type](name, value, ctx)
    if spec.type == "choice":
        return to_choice(name, value, ctx, spec.choices)
    if spec.type == "list[text]":
        return to_list(name, value, ctx, lambda v: to_text(name, v, ctx))
    if spec.type == "mapping":
        return validate_mapping(value, spec.schema, ctx, name)
    if spec.type == "list[mapping]":
        return to_list(name, value, ctx, lambda v: validate_mapping(v, spec.schema, ctx, name))
    raise ValueError(f"unknown field type {spec.type}")


def validate_mapping(
    data: object, schema: tuple[Field, ...], ctx: Ctx, what: str = "", anchor: object = None
) -> object:
    """Typed values by field name (absent optional fields get their default).

    Returns INVALID when `data` is not a mapping or a required field is missing
    or wrong; all problems found are reported either way.
    """
    if not isinstance(data, YMap):
        found = "tệp trống" if data is None else describe(data)
        ctx.problems.error("field.expected-mapping", ctx.at(data, anchor), found=found)
        return INVALID
    known = {spec.name: spec for spec in schema}
    for key in data:
        if key not in known:
            report_unknown(key, data, known, ctx)
    values: dict[str, object] = {"_node": data}
    ok = True
    for spec in schema:
        raw = data.get(spec.name)
        if is_empty(raw):
            if spec.required:
                ctx.problems.error("field.required", ctx.at(raw, data), field=spec.name, hint=None)
                ok = False
            values[spec.name] = spec.default
            continue
        values[spec.name] = convert(spec, raw, ctx)
        if values[spec.name] is INVALID:
            ok = ok and not spec.required
            values[spec.name] = spec.default
    return values if ok else INVALID


def report_unknown(key: str, data: YMap, known: Mapping[str, Field], ctx: Ctx) -> None:
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    line, col = data.key_locs.get(key, (data.line, data.col))
    ctx.problems.warning("field.unknown", Loc(ctx.path, line, col), field=key, suggest_name=close[0] if close else None)
