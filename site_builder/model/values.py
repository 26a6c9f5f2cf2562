"""Reading one YAML value as the type a field declares: text, choice, flag, slug, URL, lists
(numbers and dates: model/numbers.py).

Values arrive as YStr/YMap/YList (every scalar text, with line and column); each converter
returns the typed value, or INVALID after reporting why at the value's own position. Which
converter a field uses follows from its type (model/fields.py).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
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


_CURLY_QUOTED = re.compile(r"“.*”", re.DOTALL)
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_EMPTY = {"", "~", "null", "Null", "NULL"}


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


_TRUE, _FALSE = ("true",), ("false",)
# What staff type for yes/no: suggested, never silently taken (YAML 1.1 guessing does not apply).
_FLAG_ALIASES = {"yes": "true", "co": "true", "có": "true", "1": "true", "no": "false", "khong": "false",
                 "không": "false", "0": "false", "on": "true", "off": "false"}  # fmt: skip


def to_flag(name: str, value: object, ctx: Ctx) -> bool | Invalid:
    """`true` or `false` (any case); anything else is refused with the closest of the two."""
    raw = scalar(name, value, ctx)
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
    raw = scalar(name, value, ctx)
    if raw is None:
        return INVALID
    if not _SLUG.fullmatch(raw):
        ctx.problems.error("field.expected-slug", ctx.at(value), field=name, value=raw)
        return INVALID
    return Slug(raw)


def to_url(name: str, value: object, ctx: Ctx) -> Url | Invalid:
    raw = scalar(name, value, ctx)
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
    raw = scalar(name, value, ctx)
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


def scalar(name: str, value: object, ctx: Ctx) -> str | None:
    if isinstance(value, YStr) and curly_quoted(value):
        report_curly_quotes(name, value, ctx)  # the cause, rather than "not a number/date/choice"
        return None
    if isinstance(value, YStr):
        return value.strip()
    ctx.problems.error("field.expected-text", ctx.at(value), field=name, found=describe(value))
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
