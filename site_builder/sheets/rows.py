"""Sheet rows -> the raw mappings a targets.yaml / awards.yaml would hold, checked by the
same validators as `check`. Pure: no IO.

Each row becomes a YMap whose values are YStr carrying the cell's row and column, so a
problem the validators find points at the cell (`FILE.xlsx:Chỉ tiêu!E7`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from site_builder.model.fields import FieldSpec, field_specs
from site_builder.model.records import AwardSet, TargetSet
from site_builder.model.schemas import AwardFields, TargetFields
from site_builder.model.sets import load_award_set, load_target_set
from site_builder.model.slugs import short_slug
from site_builder.problems import Problem, Problems
from site_builder.sheets.cells import Cell, read_cell, split_list
from site_builder.sheets.table import Table
from site_builder.sources.discover import Kind, RawRecord
from site_builder.sources.yamlsafe import YList, YMap, YStr

SCHEMAS: dict[str, tuple[FieldSpec, ...]] = {"targets": field_specs(TargetFields), "awards": field_specs(AwardFields)}
# The cell a problem about the whole row points at: where the missing figure belongs.
ROW_ANCHORS = {"targets": ("target", "percent", "actual"), "awards": ("count", "recipients", "title")}


@dataclass(frozen=True)
class SheetRecords:
    sheet: str  # the sheet's name ("" for CSV)
    items: tuple[YMap, ...]  # one per row, values as the YAML file will hold them
    records: TargetSet | AwardSet


def field_types(kind: str) -> dict[str, str]:
    return {spec.name: spec.kind for spec in SCHEMAS[kind]}


def sheet_records(table: Table, kind: str, problems: Problems) -> SheetRecords:
    """Every row read and validated; problems at their cells, all of them."""
    unreadable: set[tuple[int, int]] = set()
    rows = [row_map(table, row, kind, problems, unreadable) for row in table.rows]
    if kind == "targets":
        add_ids(rows)
    items = YList(rows)
    items.line, items.col = table.header_row, 1
    found = Problems()
    record_kind: Kind = "year-targets" if kind == "targets" else "year-awards"
    record = RawRecord(record_kind, table.grid.path, None, None, items, None, 1)
    records = load_target_set(record, found) if kind == "targets" else load_award_set(record, found)
    # A cell that could not be read was reported already; what the validators say of it is noise.
    problems.extend(relocate(p, table) for p in found if (p.loc.line, p.loc.col) not in unreadable)
    return SheetRecords(table.grid.sheet, tuple(rows), records)


def row_map(
    table: Table, row: tuple[Cell, ...], kind: str, problems: Problems, unreadable: set[tuple[int, int]]
) -> YMap:
    types = field_types(kind)
    node = YMap()
    node.key_locs = {}
    anchor = next((c for name in ROW_ANCHORS[kind] for c, f in table.columns.items() if f == name), 1)
    node.line, node.col = row[0].row, anchor
    for cell in row:
        field = table.columns.get(cell.col)
        if field is None:
            continue
        reading = read_cell(cell, types[field], field)
        if reading.problem:
            problems.error(
                reading.problem, table.loc(cell.row, cell.col), field=table.titles[field], **dict(reading.params)
            )
            unreadable.add((cell.row, cell.col))
        node[field] = value_at(cell, reading.text or "", types[field])
        node.key_locs[field] = (cell.row, cell.col)
    return node


def value_at(cell: Cell, text: str, field_type: str) -> YStr | YList:
    if field_type == "list[text]" and text:
        names = YList(YStr(name, cell.row, cell.col, plain=False) for name in split_list(text))
        names.line, names.col = cell.row, cell.col
        return names
    return YStr(text, cell.row, cell.col, plain=not text)


def add_ids(items: list[YMap]) -> None:
    """A target without a "Mã" gets one made from its name ("Kết nạp đảng viên mới" ->
    ket-nap-dang-vien-moi), made unique with -2, -3 ... against every other id of the sheet."""
    taken = {str(item.get("id")).strip() for item in items if str(item.get("id") or "").strip()}
    for item in items:
        if str(item.get("id") or "").strip():
            continue
        name = item.get("name")
        base = short_slug(str(name or "")) or f"dong-{item.line}"
        made, n = base, 1
        while made in taken:
            n += 1
            made = f"{base}-{n}"
        taken.add(made)
        line, col = (name.line, name.col) if isinstance(name, YStr) else (item.line, item.col)
        item["id"] = YStr(made, line, col, plain=True)
        item.key_locs["id"] = (line, col)


def relocate(problem: Problem, table: Table) -> Problem:
    """A validator's problem shown at its cell, naming the column as the sheet does."""
    loc = dataclasses.replace(problem.loc, sheet=table.grid.sheet) if problem.loc.line else table.loc(table.header_row)
    params = tuple((k, table.titles.get(v, v) if k == "field" and isinstance(v, str) else v) for k, v in problem.params)
    return dataclasses.replace(problem, loc=loc, params=params)
