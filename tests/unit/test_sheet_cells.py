"""Headers and cells as offices write them (sheets/headers.py, sheets/cells.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from site_builder.catalogue import text
from site_builder.problems import Loc
from site_builder.sheets import headers
from site_builder.sheets.cells import Cell, parse_number_text, read_cell, split_list


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Chỉ tiêu", "name"), ("NỘI DUNG", "name"), ("Mã", "id"), ("Đơn vị (tính)", "unit"), ("ĐVT", "unit"),
        ("Đơn vị", "unit"), ("Kế hoạch", "target"), ("Chỉ tiêu giao", "target"), ("Thực hiện", "actual"),
        ("Kết quả", "actual"), ("Tỷ lệ (%)", "percent"), ("tỉ lệ %", "percent"), ("Ghi chú", "note"),
        ("Nguồn", "source"), ("Chiều", "direction"), ("thuc hien", "actual"), ("actual", "actual"),
        ("percent", "percent"), ("  Kế   hoạch  ", "target"),
    ],
)  # fmt: skip
def test_target_headers_are_folded_vietnamese_or_english(header: str, field: str) -> None:
    assert headers.field_of(header, "targets") == field


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Hình thức", "title"), ("Cấp khen", "issuer"), ("Cơ quan khen", "issuer"), ("Đối tượng", "recipient_kind"),
        ("Số lượng", "count"), ("Danh sách", "recipients"), ("Lý do", "reason"), ("Thành tích", "reason"),
        ("Số quyết định", "decision"), ("Ngày", "date"), ("Trạng thái", "status"),
        ("recipient_kind", "recipient_kind"), ("issuer", "issuer"),
    ],
)  # fmt: skip
def test_award_headers(header: str, field: str) -> None:
    assert headers.field_of(header, "awards") == field


def test_derived_and_row_number_columns_are_ignored_not_fields() -> None:
    for header in ("STT", "TT", "Tỷ lệ hoàn thành (tự tính)", "Đánh giá (tự tính)"):
        assert headers.is_ignored(header)
    assert not headers.is_ignored("Tỷ lệ (%)")


def test_header_row_is_the_one_naming_most_fields_below_a_title() -> None:
    rows = [
        ["CHỈ TIÊU NĂM 2024 (Chỉ tiêu)", "", ""],
        ["", "", ""],
        ["STT", "Thực hiện", "Chỉ tiêu", "Kế hoạch"],
        ["1", "152", "Kết nạp", "150"],
    ]
    assert headers.find_header_row(rows, "targets") == 2
    assert headers.find_header_row([["Xin chào"], ["Chỉ tiêu"]], "targets") is None


def test_near_miss_header_is_a_typo_of_a_field() -> None:
    assert headers.near_miss("Thưc hein", "targets") == "actual"
    assert headers.near_miss("Người phụ trách", "targets") is None


def cell(value: object, number_format: str = "General") -> Cell:
    return Cell(7, 5, value, number_format)


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        ("1.035", "1035"), ("1035", "1035"), ("3 281", "3281"), ("3\u00a0281", "3281"), ("1.035,5", "1035.5"),
        ("101,3%", "101.3"), ("101,3", "101.3"), ("101,3 %", "101.3"), ("0,54", "0.54"), ("0.54", "0.54"),
        ("1,234,567", "1234567"), ("1,035.5", "1035.5"), ("-5", "-5"), ("12.000.000", "12000000"),
    ],
)  # fmt: skip
def test_number_text_is_read_the_vietnamese_way(typed: str, text: str) -> None:
    assert read_cell(cell(typed), "decimal", "actual").text == text


def test_text_that_is_no_number_passes_through_for_the_validator() -> None:
    assert parse_number_text("khoảng 150").text == "khoảng 150"


def test_comma_with_three_digits_is_ambiguous_and_refused() -> None:
    reading = read_cell(cell("1,035"), "decimal", "actual")
    assert reading.text is None and reading.problem == "sheet.ambiguous-number"
    assert dict(reading.params)["count"] == "1035"


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [
        (1035, "General", "1035"), (1035.0, "#,##0", "1035"), (98.8, "General", "98.8"), (1.013, "0.0%", "101.3"),
        (1.0133333333, "0.0%", "101.3"), (1.14, "0%", "114"), (0.575, "0.00%", "57.50"), (0.914, "0.0%", "91.4"),
    ],
)  # fmt: skip
def test_numeric_cells_and_percent_formatted_cells(value: float, number_format: str, text: str) -> None:
    assert read_cell(cell(value, number_format), "decimal", "percent").text == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (dt.datetime(2023, 10, 5), "2023-10-05"), (dt.date(2022, 1, 11), "2022-01-11"), ("05/10/2023", "2023-10-05"),
        ("5/1/2022", "2022-01-05"), ("11-01-2022", "2022-01-11"), ("2023-10-05", "2023-10-05"),
        ("30/02/2023", "2023-02-30"),  # not a real date: left for the validator to refuse
    ],
)  # fmt: skip
def test_dates_are_day_first(value: object, text: str) -> None:
    assert read_cell(cell(value), "date", "date").text == text


def test_text_cells_keep_years_and_document_numbers_as_written() -> None:
    assert read_cell(cell(2023), "text", "note").text == "2023"
    assert read_cell(cell("  Quyết định số 125-QĐ/ĐUK "), "text", "decision").text == "Quyết định số 125-QĐ/ĐUK"


@pytest.mark.parametrize(
    ("field", "typed", "value"),
    [
        ("direction", "Tối đa", "at_most"), ("direction", "tối thiểu", "at_least"), ("direction", "at_most", "at_most"),
        ("recipient_kind", "Tập thể", "collective"), ("recipient_kind", "cá nhân", "individual"),
        ("status", "Đề nghị", "proposed"), ("status", "đã khen", "granted"),
    ],
)  # fmt: skip
def test_choice_words(field: str, typed: str, value: str) -> None:
    assert read_cell(cell(typed), "choice", field).text == value


def test_unknown_choice_word_names_the_words_in_the_language_shown() -> None:
    reading = read_cell(cell("nhiều"), "choice", "recipient_kind")
    assert reading.problem == "sheet.bad-choice"
    params = dict(reading.params)
    assert "tập thể" in text("sheet.bad-choice", "vi", field="Đối tượng", **params)
    assert "collective, individual" in text("sheet.bad-choice", "en", field="Recipient kind", **params)


def test_formula_and_error_cells_are_problems() -> None:
    assert read_cell(Cell(1, 1, "=A1*2", kind="formula"), "decimal", "actual").problem == "sheet.formula-not-computed"
    assert read_cell(Cell(1, 1, "#DIV/0!", kind="error"), "decimal", "actual").problem == "sheet.cell-error"


def test_empty_cells_are_empty() -> None:
    for value in (None, "", "   "):
        assert read_cell(cell(value), "decimal", "actual").text is None


def test_recipient_lists_split_on_lines_and_semicolons() -> None:
    assert split_list("Chi bộ A\nĐảng bộ B; Chi bộ C;\n") == ["Chi bộ A", "Đảng bộ B", "Chi bộ C"]


def test_sheet_locations_print_as_cells() -> None:
    assert str(Loc("a.xlsx", 7, 5, sheet="Chỉ tiêu")) == "a.xlsx:Chỉ tiêu!E7"
    assert str(Loc("a.csv", 7, 28, sheet="")) == "a.csv:AB7"
    assert str(Loc("content/x.yaml", 7, 5)) == "content/x.yaml:7:5"
