"""What an import would change in the existing file, record by record. Pure: no IO."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from site_builder.sheets.rows import SCHEMAS
from site_builder.sheets.write_yaml import is_default
from site_builder.sources.yamlsafe import YList, YMap

Fields = dict[str, str]


@dataclass(frozen=True)
class Change:
    op: Literal["add", "change", "remove"]
    label: str  # "ket-nap-dang-vien" or "Giấy khen — Ban Thường vụ Đảng ủy Khối"
    row: int | None  # the sheet row (None: only in the old file)
    fields: tuple[tuple[str, str, str], ...] = ()  # (field, old, new) of a changed record


def flatten(item: object, kind: str) -> Fields:
    """A record as {field: text} with empty fields left out, for comparing."""
    if not isinstance(item, YMap):
        return {}
    out: Fields = {}
    for spec in SCHEMAS[kind]:
        value = item.get(spec.name)
        if isinstance(value, YList):
            text = "; ".join(str(v).strip() for v in value)
        else:
            text = " ".join(str(value).split()) if value is not None else ""
        if text and not is_default(spec.kind, spec.default, text):  # the default, written or not
            out[spec.name] = text.lower() if spec.kind == "flag" else text
    return out


def label(fields: Fields, kind: str) -> str:
    if kind == "targets":
        return fields.get("id") or fields.get("name", "?")
    return " — ".join(v for v in (fields.get("title"), fields.get("issuer"), fields.get("reason")) if v)


def changed_fields(old: Fields, new: Fields) -> tuple[tuple[str, str, str], ...]:
    names = [n for n in dict.fromkeys([*old, *new]) if old.get(n, "") != new.get(n, "")]
    return tuple((n, old.get(n, ""), new.get(n, "")) for n in names)


def diff(old_items: Sequence[object], new_items: Sequence[YMap], kind: str) -> list[Change]:
    old = [flatten(i, kind) for i in old_items]
    new = [flatten(i, kind) for i in new_items]
    rows = [i.line for i in new_items]
    return diff_targets(old, new, rows) if kind == "targets" else diff_awards(old, new, rows)


def diff_targets(old: list[Fields], new: list[Fields], rows: list[int]) -> list[Change]:
    """Targets by id: added, changed field by field, removed."""
    before = {f.get("id", ""): f for f in old}
    ids = {f.get("id", "") for f in new}
    changes = []
    for fields, row in zip(new, rows, strict=True):
        previous = before.get(fields.get("id", ""))
        if previous is None:
            changes.append(Change("add", label(fields, "targets"), row))
        elif previous != fields:
            changes.append(Change("change", label(fields, "targets"), row, changed_fields(previous, fields)))
    changes += [Change("remove", label(f, "targets"), None) for f in old if f.get("id", "") not in ids]
    return changes


def diff_awards(old: list[Fields], new: list[Fields], rows: list[int]) -> list[Change]:
    """Awards have no id: matched in order; a record replaced by one of the same form and issuer
    is a change, anything else is an addition or a removal."""
    keys = [tuple(sorted(f.items())) for f in old], [tuple(sorted(f.items())) for f in new]
    changes = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, *keys, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        olds, news = old[a1:a2], list(zip(new[b1:b2], rows[b1:b2], strict=True))
        for index, (fields, row) in enumerate(news):
            previous = olds[index] if index < len(olds) else None
            if previous is not None and _same_award(previous, fields):
                changes.append(Change("change", label(fields, "awards"), row, changed_fields(previous, fields)))
            else:
                changes += [Change("remove", label(previous, "awards"), None)] if previous is not None else []
                changes.append(Change("add", label(fields, "awards"), row))
        changes += [Change("remove", label(f, "awards"), None) for f in olds[len(news) :]]
    return changes


def _same_award(old: Fields, new: Fields) -> bool:
    return (old.get("title"), old.get("issuer")) == (new.get("title"), new.get("issuer"))
