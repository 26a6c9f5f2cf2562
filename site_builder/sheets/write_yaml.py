"""The rows of a sheet as the targets.yaml / awards.yaml staff would write by hand. Pure: no IO.

Field names and order of the content format, text in double quotes (so a colon, a
leading dash or "no" is never misread), numbers, dates, ids and choices plain, and a
comment on top naming the source; no date or time, so the same sheet gives the same file.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from site_builder.catalogue import clause, text
from site_builder.sheets.rows import SCHEMAS
from site_builder.sources.yamlsafe import YList, YMap
from site_builder.yamlquote import yaml_quote

PLAIN_TYPES = ("slug", "decimal", "integer", "date", "choice", "flag")


def header_comment(kind: str, source: str, sheet: str, file_name: str, lang: str) -> list[str]:
    """The comment lines on top of the file, in the site's language: where it came from."""
    where = clause("import.comment-sheet", sheet=sheet) if sheet else ""
    what = clause(f"sheet.name.{kind}")
    lines = text("import.comment", lang, what=what, source=source, sheet=where, kind=kind, file=file_name)
    return [f"# {line}" for line in lines.split("\n")]


def render_yaml(items: Iterable[YMap], kind: str, comment: list[str]) -> str:
    lines = list(comment)
    # `sample: true` last, where `new site` writes it ("xóa dòng này" when the figures are real).
    schema = sorted(SCHEMAS[kind], key=lambda spec: spec.kind == "flag")
    for item in items:
        first = True
        for spec in schema:
            value = item.get(spec.name)
            if is_default(spec.kind, spec.default, value):
                continue  # "direction: at_least" is what an absent field means: left out, as by hand
            entry = _entry(spec.name, spec.kind, value)
            if not entry and spec.nullable and spec.name in item:
                entry = [f"{spec.name}:"]  # an empty `actual` cell: "chưa có số liệu", kept as such
            if not entry:
                continue
            entry[0] = ("- " if first else "  ") + entry[0]
            lines.extend(entry[:1] + ["  " + extra for extra in entry[1:]])
            first = False
    return unicodedata.normalize("NFC", "\n".join(lines) + "\n")


def is_default(field_type: str, default: object, value: object) -> bool:
    """A choice or a flag at its default ("at_least", "false"): written only when it says something."""
    text = str(value or "").strip()
    if field_type == "flag":
        return text.lower() == str(default).lower()
    return field_type == "choice" and text == default


def _entry(name: str, field_type: str, value: object) -> list[str]:
    """The YAML lines of one field (continuation lines without the item's indent), [] when empty."""
    if isinstance(value, YList):
        names = [str(v).strip() for v in value if str(v).strip()]
        return [f"{name}:", *(f"  - {yaml_quote(v)}" for v in names)] if names else []
    text = str(value).strip() if value is not None else ""
    if not text:
        return []
    shown = text if field_type in PLAIN_TYPES and _plain_safe(text) else yaml_quote(text)
    return [f"{name}: {shown}"]


def _plain_safe(text: str) -> bool:
    """Plain style only for what cannot be misread: digits, letters, -, _, . and no leading sign
    other than a minus (choices, ids, dates and numbers are all of this shape)."""
    return all(ch.isascii() and (ch.isalnum() or ch in "-_.") for ch in text) and not text.startswith(".")
