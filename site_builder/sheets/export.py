"""Targets and awards -> a formatted .xlsx that `import` reads back to the same records.

Vietnamese headers, counts as `#,##0`, rates and percents as `0.0%` (as many decimals as
written), dates as dd/mm/yyyy, lists for the choice columns, a comment on every header
saying what goes in it, and the derived ratio and status as greyed, locked columns that
import skips. Pure: builds bytes, writes nothing.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from decimal import Decimal

from site_builder.model.derive import places
from site_builder.model.records import Award, Target
from site_builder.sheets.headers import EXPORT_HEADERS

# One row of a sheet: each cell's value and its number format (None: the general one).
CellValue = str | int | float | Decimal | dt.date | None
SheetCell = tuple[CellValue, str | None]
SheetRow = list[SheetCell]
HEADER_ROW = 3  # a title row and a note row above it; import finds the header row anyway
SPARE_ROWS = 200  # rows below the data left editable, formatted and with the choice lists
COUNT_FORMAT = "#,##0"
DATE_FORMAT = "dd/mm/yyyy"
GREY = "D9D9D9"
DERIVED = ("Tỷ lệ hoàn thành (tự tính)", "Đánh giá (tự tính)")
STATUS_WORDS = {
    "vuot": "vượt", "dat": "đạt", "khong-dat": "không đạt", "unknown": "chưa đánh giá", "no-data": "chưa có số liệu",
    "partial": "số liệu chưa trọn kỳ",
}  # fmt: skip
CHOICE_CELLS = {
    "direction": {"at_least": "tối thiểu", "at_most": "tối đa"},
    "recipient_kind": {"collective": "tập thể", "individual": "cá nhân"},
    "status": {"granted": "đã khen", "proposed": "đề nghị"},
    "sample": {"true": "có"},
}
HELP = {
    "id": "Mã ngắn, chữ thường không dấu nối bằng “-”; để trống thì tự tạo từ tên chỉ tiêu.",
    "name": "Tên chỉ tiêu (bắt buộc).",
    "unit": "Đơn vị tính; ghi % cho chỉ tiêu tỷ lệ.",
    "target": "Số được giao (cần Kế hoạch hoặc Tỷ lệ).",
    "actual": "Số đã đạt. Gõ như thường lệ: 1.035 hoặc 91,4; để trống khi chưa có số liệu.",
    "percent": "Tỷ lệ hoàn thành đã công bố, ví dụ 101,3 hoặc 101,3%; có Kế hoạch thì phải khớp Thực hiện/Kế hoạch.",
    "direction": "tối thiểu (càng nhiều càng tốt, mặc định) hoặc tối đa (không được vượt quá).",
    "period": "Khi số liệu mới tính một phần năm: 6 tháng, 9 tháng.",
    "source": "Ai giao chỉ tiêu, ví dụ Tỉnh ủy giao.",
    "note": "Ghi chú thêm.",
    "title": "Hình thức khen (bắt buộc): Giấy khen, Bằng khen, Cờ thi đua ...",
    "issuer": "Cấp khen, cơ quan khen (bắt buộc).",
    "recipient_kind": "tập thể hoặc cá nhân (bắt buộc).",
    "count": "Số được khen (bắt buộc khi không có Danh sách).",
    "recipients": "Tên từng nơi, từng người: mỗi tên một dòng (Alt+Enter) hoặc cách nhau bằng dấu ;",
    "reason": "Lý do, thành tích.",
    "decision": "Số quyết định, ví dụ Quyết định số 125-QĐ/ĐUK.",
    "date": "Ngày quyết định: ngày/tháng/năm, ví dụ 11/01/2022.",
    "status": "đã khen (mặc định) hoặc đề nghị.",
    "sample": "có: dòng MẪU, số liệu bịa để làm ví dụ (hiện dấu MẪU, không được tính); để trống khi là số liệu thật.",
}


def percent_format(value: Decimal) -> str:
    digits = places(value)
    return "0" + ("." + "0" * digits if digits else "") + "%"


def figure(target: Target, value: Decimal | None) -> SheetCell:
    """A target's figure as a cell: a count as `#,##0`, a rate as a percent cell (91,4%)."""
    if value is None:
        return None, None
    if target.is_rate:
        return float(value / 100), percent_format(value)
    return int(value), COUNT_FORMAT


def target_rows(targets: Sequence[Target]) -> list[SheetRow]:
    """(value, number format) per cell, in EXPORT_HEADERS order, then the derived columns."""
    rows: list[SheetRow] = []
    for t in targets:
        percent: SheetCell = (
            (float(t.percent / 100), percent_format(t.percent)) if t.percent is not None else (None, None)
        )
        rows.append([
            (t.id, None), (t.name, None), (t.unit, None), figure(t, t.target), figure(t, t.actual), percent,
            (CHOICE_CELLS["direction"][t.direction], None), (t.period, None), (t.source, None), (t.note, None),
            sample_cell(t.sample), *derived(t),
        ])  # fmt: skip
    return rows


def sample_cell(sample: bool) -> SheetCell:
    """ "có" in the "Mẫu" column for an example record; empty for real figures."""
    return (CHOICE_CELLS["sample"]["true"], None) if sample else (None, None)


def derived(target: Target) -> SheetRow:
    if target.ratio is not None:
        shown: SheetCell = (float(target.ratio / 100), "0.0%")
    elif target.points is not None:
        sign = "+" if target.points > 0 else ("−" if target.points < 0 else "")
        shown = (f"{sign}{format(abs(target.points), 'f').replace('.', ',')} điểm %", None)
    else:
        shown = ("—", None)
    return [shown, (STATUS_WORDS[target.status], None)]


def award_rows(awards: Sequence[Award]) -> list[SheetRow]:
    return [
        [
            (a.title, None),
            (a.issuer, None),
            (CHOICE_CELLS["recipient_kind"][a.recipient_kind], None),
            (a.count, COUNT_FORMAT),
            ("\n".join(a.recipients) or None, None),
            (a.reason, None),
            (a.decision, None),
            (a.date, DATE_FORMAT),
            (CHOICE_CELLS["status"][a.status], None),
            sample_cell(a.sample),
        ]  # fmt: skip
        for a in awards
    ]


def workbook_bytes(kind: str, title: str, rows: list[SheetRow], derived_cols: bool) -> bytes:
    from site_builder.sheets.layout import build_workbook  # openpyxl: only when a sheet is made

    book = build_workbook(kind, title, rows, derived_cols)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_targets(targets: Sequence[Target], title: str) -> bytes:
    return workbook_bytes("targets", title, target_rows(targets), derived_cols=True)


def export_awards(awards: Sequence[Award], title: str) -> bytes:
    return workbook_bytes("awards", title, award_rows(awards), derived_cols=False)


def blank_sheet(kind: str, title: str) -> bytes:
    """An empty sheet to fill in: headers, formats, choice lists; no example row (it would be imported)."""
    return workbook_bytes(kind, title, [], derived_cols=False)


__all__ = ["EXPORT_HEADERS", "blank_sheet", "export_awards", "export_targets"]
