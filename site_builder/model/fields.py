"""Typed schemas: a record kind's fields as a frozen dataclass, and the validation of one
raw YAML mapping against it.

A schema is a `Fields` dataclass (model/schemas.py), so the field table and the type of the
validated values are one declaration. Each field's type says how its value is read
(model/values.py, model/numbers.py): `str` is text, `Slug` and `Url` stricter text, `Decimal` a number, `int` a
whole number, `dt.date` a date, `bool` a flag, a `Literal[...]` one of its values
(`typing.get_args`), `tuple[X, ...]` a list of X, another `Fields` a nested mapping.
A type that says nothing of how it is written carries its converter itself:
`Annotated[T, Reader(kind, converter)]` (`AllOrTexts`: `all` or a list).
A field with a default is optional and the default is its value when absent; a field without
one is required, and if its type admits None it must be written but may be left empty
(`actual:` of a target without a result yet).

`validate` returns the dataclass, typed, or None after every problem of the mapping has been
reported at its own line and column.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import re
import types
from collections.abc import Callable, Collection
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

from site_builder.catalogue import clause
from site_builder.model.numbers import to_date, to_decimal, to_integer
from site_builder.model.values import (
    INVALID,
    Ctx,
    Invalid,
    Slug,
    Url,
    is_empty,
    to_all_or_list,
    to_choice,
    to_flag,
    to_list,
    to_slug,
    to_text,
    to_url,
)
from site_builder.problems import Loc
from site_builder.sources.yamlsafe import YMap, describe

Convert = Callable[[str, object, Ctx], object]  # (field name, raw value, ctx) -> value or INVALID


def _no_node() -> YMap:
    """The node of values made in code (tests): no position, no keys."""
    node = YMap()
    node.key_locs = {}
    return node


@dataclass(frozen=True, kw_only=True)
class Fields:
    """The typed values of one YAML mapping; `node` is the mapping itself, for the positions
    of problems found after validation ("the percent does not agree", at the percent)."""

    node: YMap = dataclasses.field(default_factory=_no_node, repr=False, compare=False)

    def loc(self, ctx: Ctx, name: str | None = None) -> Loc:
        """Where field `name`'s value is written (else the mapping), or where the mapping is."""
        return ctx.at(self.node.get(name), self.node) if name else ctx.at(self.node)


F = TypeVar("F", bound=Fields)


@dataclass(frozen=True)
class Reader:
    """The converter of an `Annotated` field type, and the name of its kind."""

    kind: str
    convert: Convert


# `all`, or a list of ids: which terms or years get a book of their own (yearbook.editions).
AllOrTexts = Annotated[Literal["all"] | tuple[str, ...], Reader("all|list[text]", to_all_or_list)]

_SIMPLE: dict[object, tuple[str, Convert]] = {
    str: ("text", to_text),
    Slug: ("slug", to_slug),
    Url: ("url", to_url),
    Decimal: ("decimal", to_decimal),
    int: ("integer", to_integer),
    dt.date: ("date", to_date),
    bool: ("flag", to_flag),
}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str  # "text", "decimal", "choice", "list[text]", "mapping" ... (sheets read cells by it)
    convert: Convert
    required: bool
    nullable: bool  # required, but may be written empty
    default: object  # the value when absent or wrong (optional fields only)
    choices: tuple[str, ...] = ()


@functools.cache
def field_specs(schema: type[Fields]) -> tuple[FieldSpec, ...]:
    """The schema's fields in declaration order, each with its converter."""
    hints = get_type_hints(schema, include_extras=True)
    return tuple(_spec(f, hints[f.name]) for f in dataclasses.fields(schema) if f.name != "node")


def _spec(f: dataclasses.Field[Any], hint: object) -> FieldSpec:
    has_default = f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
    default = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
    args = get_args(hint)
    optional = get_origin(hint) in (Union, types.UnionType) and type(None) in args
    inner = next(a for a in args if a is not type(None)) if optional else hint
    kind, convert = converter(inner)
    choices = tuple(str(c) for c in get_args(inner)) if kind == "choice" else ()
    return FieldSpec(
        f.name, kind, convert, required=not has_default, nullable=optional and not has_default,
        default=None if default is dataclasses.MISSING else default, choices=choices,
    )  # fmt: skip


def converter(hint: object) -> tuple[str, Convert]:
    """How a value of type `hint` is read, and the kind's name."""
    if get_origin(hint) is Annotated:
        reader = next(m for m in getattr(hint, "__metadata__", ()) if isinstance(m, Reader))
        return reader.kind, reader.convert
    if hint in _SIMPLE:
        return _SIMPLE[hint]
    if get_origin(hint) is Literal:
        choices = tuple(str(c) for c in get_args(hint))
        return "choice", lambda name, value, ctx: to_choice(name, value, ctx, choices)
    if get_origin(hint) is tuple:
        item_kind, item = converter(get_args(hint)[0])
        return f"list[{item_kind}]", lambda name, value, ctx: to_list(name, value, ctx, lambda v: item(name, v, ctx))
    if isinstance(hint, type) and issubclass(hint, Fields):
        schema: type[Fields] = hint
        return "mapping", lambda name, value, ctx: _nested(value, schema, ctx)
    raise TypeError(f"no converter for the field type {hint!r}")


def _nested(value: object, schema: type[Fields], ctx: Ctx) -> Fields | Invalid:
    found = validate(value, schema, ctx)
    return INVALID if found is None else found


def validate(data: object, schema: type[F], ctx: Ctx, anchor: object = None) -> F | None:
    """The typed values of `data` (absent optional fields get their default), or None when
    `data` is not a mapping or a required field is missing or wrong. Every problem found
    is reported either way; unknown keys are reported too (a near miss is an error)."""
    if not isinstance(data, YMap):
        ctx.problems.error("field.expected-mapping", ctx.at(data, anchor), found=describe(data))
        return None
    # arg-type: mypy checks the class against the instances' __hash__ of the frozen dataclass,
    # though a class object is always hashable.
    specs = field_specs(schema)  # type: ignore[arg-type]
    known = [spec.name for spec in specs]
    for key in data:
        if key not in known:
            report_unknown(key, data, known, ctx)
    values: dict[str, Any] = {}
    ok = True
    for spec in specs:
        raw = data.get(spec.name)
        if is_empty(raw):
            if spec.required and not (spec.nullable and spec.name in data):
                ctx.problems.error("field.required", ctx.at(raw, data), field=spec.name)
                ok = False
            values[spec.name] = spec.default
            continue
        value = spec.convert(spec.name, raw, ctx)
        if value is INVALID:
            ok = ok and not spec.required
            value = spec.default
        values[spec.name] = value
    return schema(node=data, **values) if ok else None


def expect_mapping(data: object, ctx: Ctx) -> YMap | None:
    """`data` when it is a mapping; else None, reported."""
    if isinstance(data, YMap):
        return data
    ctx.problems.error("field.expected-mapping", ctx.at(data), found=describe(data))
    return None


def report_unknown(key: str, data: YMap, known: Collection[str], ctx: Ctx) -> None:
    """A near miss of a known name ("atendees") is a typo that would silently drop data: an error.
    Anything else may be an optional field a site adds: a warning."""
    loc = Loc(ctx.path, *data.key_locs.get(key, (data.line, data.col)))
    typo = misspelt(key, known)
    if typo:
        ctx.problems.error("field.misspelt", loc, field=key, suggest=typo)
        return
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    suggest = clause("clause.did-you-mean", name=close[0]) if close else ""
    ctx.problems.warning("field.unknown", loc, field=key, suggest=suggest)


def misspelt(key: str, known: Collection[str]) -> str | None:
    """The known name `key` is most likely a typo of: one or two slips (two in longer names),
    a difference of case, or a space or hyphen for the underscore."""

    def norm(name: str) -> str:
        return re.sub(r"[\s-]+", "_", name.strip().lower())

    best = min(known, key=lambda name: edit_distance(norm(key), norm(name)), default=None)
    if best is None:
        return None
    allowed = 1 if len(best) <= 5 else 2
    return best if edit_distance(norm(key), norm(best)) <= allowed else None


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]
