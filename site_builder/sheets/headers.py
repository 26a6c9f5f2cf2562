"""Column headers as offices write them, recognised per record kind.

A header is compared folded: diacritics dropped (đ -> d), lower case, every run of
punctuation or space one space, so "Tỷ lệ (%)", "TỶ LỆ %" and "ty le" are one header.
The English field names of the content format are accepted too. Pure: no IO.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from site_builder.model.fields import edit_distance
from site_builder.model.slugs import ascii_fold

_NON_WORD = re.compile(r"[^a-z0-9]+")

# field -> the headers (folded) that name it; the first is the one export writes (unfolded below).
TARGET_HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("ma", "ma chi tieu", "id"),
    "name": ("chi tieu", "noi dung", "ten chi tieu", "noi dung chi tieu", "name"),
    "unit": ("don vi tinh", "don vi", "dvt", "unit"),
    "target": ("ke hoach", "chi tieu giao", "ke hoach giao", "chi tieu ke hoach", "kh", "target"),
    "actual": ("thuc hien", "ket qua", "ket qua thuc hien", "th", "actual"),
    "percent": ("ty le", "ti le", "ty le hoan thanh", "ti le hoan thanh", "ty le cong bo", "percent"),
    "direction": ("chieu", "chieu danh gia", "direction"),
    "period": ("ky", "ky so lieu", "thoi ky", "period"),
    "source": ("nguon", "nguon chi tieu", "source"),
    "note": ("ghi chu", "note"),
    "sample": ("mau", "bai mau", "so lieu mau", "sample"),
}

AWARD_HEADERS: dict[str, tuple[str, ...]] = {
    "title": ("hinh thuc", "hinh thuc khen", "hinh thuc khen thuong", "title"),
    "issuer": ("cap khen", "co quan khen", "cap khen thuong", "issuer"),
    "recipient_kind": ("doi tuong", "doi tuong khen", "recipient kind"),
    "count": ("so luong", "count"),
    "recipients": ("danh sach", "danh sach duoc khen", "recipients"),
    "reason": ("ly do", "thanh tich", "reason"),
    "decision": ("so quyet dinh", "quyet dinh", "decision"),
    "date": ("ngay", "ngay quyet dinh", "ngay khen", "date"),
    "status": ("trang thai", "status"),
    "sample": ("mau", "bai mau", "sample"),
}

# The columns export writes, in this order; their headers are `sheet.column.<field>` in the
# package catalogue, in the site's language (a test checks every one is recognised above).
EXPORT_FIELDS: dict[str, tuple[str, ...]] = {
    "targets": ("id", "name", "unit", "target", "actual", "percent", "direction", "period", "source", "note", "sample"),
    "awards": (
        "title", "issuer", "recipient_kind", "count", "recipients", "reason", "decision", "date", "status", "sample",
    ),
}  # fmt: skip

# Columns a sheet may carry that import reads past: the row number, and what export derives.
ROW_NUMBER = ("stt", "tt", "so tt", "so thu tu", "no")
DERIVED_MARKS = ("tu tinh", "computed")  # "Tỷ lệ hoàn thành (tự tính)", "Completion (computed)"

# A sheet must name these fields (one of each group) to be read as that kind.
REQUIRED_COLUMNS: dict[str, tuple[tuple[str, ...], ...]] = {
    "targets": (("name",), ("actual",), ("target", "percent")),
    "awards": (("title",), ("issuer",), ("recipient_kind",), ("count", "recipients")),
}

HEADER_SCAN_ROWS = 20  # a title, a note and merged rows may sit above the header row


def fold(text: str) -> str:
    """ "Tỷ lệ (%)" -> "ty le"; "Đơn vị (tính)" -> "don vi tinh"."""
    return _NON_WORD.sub(" ", ascii_fold(text).lower()).strip()


def table(kind: str) -> dict[str, tuple[str, ...]]:
    return TARGET_HEADERS if kind == "targets" else AWARD_HEADERS


def field_of(header: str, kind: str) -> str | None:
    folded = fold(header)
    return next((name for name, names in table(kind).items() if folded in names), None)


def is_ignored(header: str) -> bool:
    """The row number and the read-only columns export adds are not data to import."""
    folded = fold(header)
    return folded in ROW_NUMBER or any(mark in folded for mark in DERIVED_MARKS)


def near_miss(header: str, kind: str) -> str | None:
    """The field a header is most likely a typo of ("Thuc hein"), or None."""
    folded = fold(header)
    if not folded:
        return None
    best = min(
        ((edit_distance(folded, alias), name) for name, names in table(kind).items() for alias in names),
        default=None,
    )
    if best is None:
        return None
    allowed = 1 if len(folded) <= 5 else 2
    return best[1] if best[0] <= allowed else None


def score(row: Sequence[str], kind: str) -> int:
    """How many different fields of `kind` a row names: the header row names the most."""
    return len({f for cell in row if (f := field_of(cell, kind)) is not None})


def find_header_row(rows: Sequence[Sequence[str]], kind: str) -> int | None:
    """0-based index, among the first HEADER_SCAN_ROWS rows, of the one naming the most fields
    (at least two); the first such row on a tie. None when no row looks like a header."""
    best, best_score = None, 1
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        found = score(row, kind)
        if found > best_score:
            best, best_score = index, found
    return best


def missing_columns(columns: Mapping[int, str], kind: str) -> list[tuple[str, ...]]:
    """The groups of REQUIRED_COLUMNS no column names."""
    present = set(columns.values())
    return [group for group in REQUIRED_COLUMNS[kind] if not present.intersection(group)]
