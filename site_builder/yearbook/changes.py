"""What moved between two editions' manifests, said in the site's language.

`compare` lists the records changed (each field that differs, old -> new), added
and removed, in the manifests' key order (by file). `describe` writes one line per
change the way the site prints figures: "Kết nạp đảng viên mới năm 2023: thực hiện
283 → 285, tỷ lệ 113,2% → 114,0%". `after_final` turns the figures changed since a
final edition into warnings at the records' own lines. Pure: the number and date
formats come in as the theme's filters (render/filters.make_filters).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from site_builder.catalogue import text
from site_builder.layout import SITE_YAML
from site_builder.problems import Loc, Problems
from site_builder.yearbook.manifest import Manifest, Record

# The fields that hold figures: a change to one after a final edition is flagged.
FIGURES: tuple[str, ...] = ("planned", "actual", "ratio", "points", "value", "met", "total", "no_data")
FIGURES += ("count", "collective", "individual", "proposed")
# Shown in this order; fields not listed (where, rate) only describe the record.
SHOWN: tuple[str, ...] = ("title", "name", "label", "issuer", "date", "host", "secretary", "unit", *FIGURES)
SHOWN += ("status", "attendees", "recipients")
Filters = Mapping[str, Callable[..., str]]


@dataclass(frozen=True)
class FieldChange:
    name: str
    old: object
    new: object


@dataclass(frozen=True)
class Change:
    key: str
    what: Literal["changed", "added", "removed"]
    record: Record  # the current one (the old one when removed)
    fields: tuple[FieldChange, ...] = ()


def compare(old: Manifest, new: Manifest) -> list[Change]:
    """Every record that differs between `old` and `new`, by key."""
    changes = []
    for key in sorted(old.records.keys() | new.records.keys()):
        before, after = old.records.get(key), new.records.get(key)
        if before is None and after is not None:
            changes.append(Change(key, "added", after))
        elif after is None and before is not None:
            changes.append(Change(key, "removed", before))
        elif before is not None and after is not None:
            fields = tuple(
                FieldChange(name, before.fields.get(name), after.fields.get(name))
                for name in SHOWN
                if before.fields.get(name) != after.fields.get(name)
            )
            if fields:
                changes.append(Change(key, "changed", after, fields))
    return changes


def figure_changes(changes: list[Change]) -> list[Change]:
    """Only the changed figures (what a final edition freezes)."""
    found = []
    for change in changes:
        fields = tuple(f for f in change.fields if f.name in FIGURES)
        if change.what == "changed" and fields:
            found.append(Change(change.key, "changed", change.record, fields))
    return found


def label_of(record: Record, lang: str) -> str:
    """How a line names the record: "Kết nạp đảng viên mới năm 2023"."""
    f = record.fields
    where_written = f.get("where")
    written = [str(w) for w in where_written] if isinstance(where_written, list | tuple) else []
    kind, ident = (written + ["", ""])[:2]
    if kind == "year":
        where = text("changes.where.year", lang, year=ident)
    else:
        where = text("changes.where.term", lang, term=ident)
    params = {k: v for k, v in f.items() if isinstance(v, str)}
    return text(f"changes.label.{record.kind}", lang, **{**params, "where": where})


def value_text(name: str, value: object, record: Record, lang: str, filters: Filters) -> str:
    """A value as the site prints it (— for none)."""
    if value is None or value == []:
        return "—"
    if isinstance(value, list):
        return "; ".join(map(str, value))
    if name in ("planned", "actual", "value"):
        return (filters["rate"] if record.fields.get("rate") else filters["number"])(Decimal(str(value)))
    if name in ("ratio", "points"):
        return filters["percent" if name == "ratio" else "points"](Decimal(str(value)))
    if name in FIGURES:
        return filters["number"](value)
    if name == "status":
        return text(f"changes.status.{value}", lang)
    if name == "date":
        return filters["nd30"](dt.date.fromisoformat(str(value)))
    return f"“{value}”"


def describe(change: Change, lang: str, filters: Filters) -> str:
    label = label_of(change.record, lang)
    if change.what != "changed":
        return text(f"changes.{change.what}", lang, label=label)
    parts = [
        text(
            "changes.field",
            lang,
            field=text(f"changes.field.{f.name}", lang),
            old=value_text(f.name, f.old, change.record, lang, filters),
            new=value_text(f.name, f.new, change.record, lang, filters),
        )  # fmt: skip
        for f in change.fields
    ]
    return text("changes.changed", lang, label=label, fields=", ".join(parts))


def edition_name(manifest: Manifest, lang: str) -> str:
    """“Dự thảo lần 2”, or what an edition printed without a draft label is called."""
    return manifest.label or text("changes.unlabelled", lang)


def after_final(
    final: Manifest, current: Manifest, problems: Problems, lang: str, filters: Filters, source: str
) -> None:
    """A warning at each record whose figures changed since the final edition `final` (kept in
    the file `source`)."""
    for change in figure_changes(compare(final, current)):
        problems.warning(
            "edition.changed-after-final",
            change.record.loc or Loc(SITE_YAML),
            change=describe(change, lang, filters),
            edition=edition_name(final, lang),
            file=final.file,
            source=source,
        )
