"""Typing of text scalars and validation of mappings: exact messages at exact places."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from site_builder.model.fields import (
    INVALID,
    Ctx,
    Field,
    to_choice,
    to_date,
    to_decimal,
    to_integer,
    to_text,
    to_url,
    validate_mapping,
)
from site_builder.problems import Problems
from site_builder.sources.yamlsafe import YList, YMap, YStr, load_yaml

PATH = "content/years/2021/targets.yaml"


def s(value: str, line: int = 4, col: int = 11, plain: bool = True) -> YStr:
    return YStr(value, line, col, plain)


def typed(func, value, *args):
    problems = Problems()
    result = func("actual", value, Ctx(PATH, problems), *args)
    return result, [p.format() for p in problems]


@pytest.mark.parametrize(
    ("written", "expected"),
    [("152", Decimal(152)), ("98.8", Decimal("98.8")), ("57.50", Decimal("57.50")), ("0.54", Decimal("0.54")),
     ("0123", Decimal(123)), ("-3", Decimal(-3)), (".5", Decimal("0.5"))],
)  # fmt: skip
def test_decimal_keeps_what_was_written(written, expected):
    value, messages = typed(to_decimal, s(written))
    assert value == expected and messages == []


def test_decimal_keeps_its_published_precision():
    value, _ = typed(to_decimal, s("57.50"))
    assert str(value) == "57.50"


def test_thousands_dot_in_a_number_is_refused_with_suggestion():
    assert typed(to_decimal, s("3.281.000")) == (
        INVALID,
        [
            f"{PATH}:4:11: error: “actual” là số đếm nên phải là số nguyên; “3.281.000” có dấu chấm phân cách "
            "hàng nghìn, trong tệp hãy viết liền: 3281000"
        ],
    )


def test_decimal_comma_suggests_a_point():
    assert typed(to_decimal, s("57,5")) == (
        INVALID,
        [f"{PATH}:4:11: error: “actual”: trong tệp dùng dấu chấm thập phân, hãy viết 57.5 thay cho “57,5”"],
    )


@pytest.mark.parametrize("written", ["10:30", "no", "1e3", "nhiều"])
def test_not_a_number(written):
    assert typed(to_decimal, s(written)) == (
        INVALID,
        [f"{PATH}:4:11: error: “actual” phải là số, dùng dấu chấm thập phân (ví dụ 57.5), nhưng gặp “{written}”"],
    )


def test_integer_with_thousands_dot():
    assert typed(to_integer, s("1.187")) == (
        INVALID,
        [
            f"{PATH}:4:11: error: “actual” là số đếm nên phải là số nguyên; “1.187” có dấu chấm phân cách "
            "hàng nghìn, trong tệp hãy viết liền: 1187"
        ],
    )


def test_integer_refuses_a_fraction():
    assert typed(to_integer, s("2.5")) == (
        INVALID,
        [f"{PATH}:4:11: error: “actual” phải là số nguyên, ví dụ 150, nhưng gặp “2.5”"],
    )


def test_integer_ok():
    assert typed(to_integer, s("18")) == (18, [])


def test_date_from_text():
    assert typed(to_date, s("2019-08-02")) == (dt.date(2019, 8, 2), [])


def test_impossible_date_is_reported_at_its_place():
    assert typed(to_date, s("2023-02-30", 3, 7)) == (
        INVALID,
        [f"{PATH}:3:7: error: “2023-02-30” không phải ngày có thật trên lịch (tháng 2 năm 2023 chỉ có 28 ngày)"],
    )


def test_leap_day_is_a_real_date_only_in_a_leap_year():
    assert typed(to_date, s("2024-02-29"))[0] == dt.date(2024, 2, 29)
    assert typed(to_date, s("2023-02-29"))[0] is INVALID


def test_month_13():
    assert typed(to_date, s("2023-13-01"))[1] == [
        f"{PATH}:4:11: error: “2023-13-01” không phải ngày có thật trên lịch (tháng phải từ 1 đến 12, gặp 13)"
    ]


@pytest.mark.parametrize("written", ["02/08/2019", "2019-8", "ngày 2 tháng 8"])
def test_date_in_another_format(written):
    assert typed(to_date, s(written))[1] == [
        f"{PATH}:4:11: error: “actual” phải là ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2023-10-05, nhưng gặp “{written}”"
    ]


def test_choice_suggests_the_closest():
    assert typed(to_choice, s("at_mots"), ("at_least", "at_most")) == (
        INVALID,
        [
            f"{PATH}:4:11: error: “actual” phải là một trong: at_least, at_most; gặp “at_mots”; "
            "có phải ý bạn là “at_most”?"
        ],
    )


def test_text_folds_spaces_and_refuses_a_list():
    assert typed(to_text, s("  Nguyễn   Văn  A "))[0] == "Nguyễn Văn A"
    items = YList()
    items.line, items.col = 4, 11
    assert typed(to_text, items)[1] == [f"{PATH}:4:11: error: “actual” phải là chữ, nhưng gặp một danh sách"]


def test_url_gets_a_trailing_slash_and_must_be_http():
    assert typed(to_url, s("https://kyyeu.example.vn"))[0] == "https://kyyeu.example.vn/"
    assert typed(to_url, s("kyyeu.example.vn"))[1] == [
        f"{PATH}:4:11: error: “actual” phải là địa chỉ bắt đầu bằng https:// hoặc http://, gặp “kyyeu.example.vn”"
    ]


SCHEMA = (
    Field("title", "text", required=True),
    Field("date", "date", required=True),
    Field("kind", "choice", choices=("so-ket", "tong-ket"), default="so-ket"),
    Field("tags", "list[text]", default=()),
)


def validate(text: str):
    problems = Problems()
    data = load_yaml(text, "content/x.md", problems, first_line=2)
    values = validate_mapping(data, SCHEMA, Ctx("content/x.md", problems))
    return values, [p.format() for p in problems.sorted()]


def test_valid_mapping_types_values_and_fills_defaults():
    values, messages = validate("title: Hội nghị\ndate: 2019-08-02\ntags: [a, b]\n")
    assert messages == []
    assert values["title"] == "Hội nghị"
    assert values["date"] == dt.date(2019, 8, 2)
    assert values["kind"] == "so-ket"
    assert values["tags"] == ("a", "b")
    assert isinstance(values["_node"], YMap)


def test_unknown_field_did_you_mean():
    values, messages = validate("tilte: Hội nghị\ntitle: A\ndate: 2019-08-02\n")
    assert values is not INVALID
    assert messages == [
        "content/x.md:2:1: warning: trường “tilte” không có trong mẫu nội dung; có phải ý bạn là “title”?"
    ]


def test_unknown_field_without_a_close_name():
    _, messages = validate("title: A\ndate: 2019-08-02\nxyz: 1\n")
    assert messages == ["content/x.md:4:1: warning: trường “xyz” không có trong mẫu nội dung"]


def test_missing_and_empty_required_fields_are_all_reported():
    values, messages = validate("title:\nkind: khac\n")
    assert values is INVALID
    assert messages == [
        "content/x.md:2:1: error: thiếu trường bắt buộc “date”",
        "content/x.md:2:7: error: thiếu trường bắt buộc “title”",
        "content/x.md:3:7: error: “kind” phải là một trong: so-ket, tong-ket; gặp “khac”",
    ]


def test_quoted_empty_required_text_is_empty_not_missing():
    _, messages = validate('title: ""\ndate: 2019-08-02\n')
    assert messages == ["content/x.md:2:8: error: “title” không được để trống"]


def test_a_list_where_a_mapping_is_expected():
    problems = Problems()
    data = load_yaml("- a\n- b\n", "content/x.md", problems)
    assert validate_mapping(data, SCHEMA, Ctx("content/x.md", problems)) is INVALID
    assert [p.format() for p in problems] == [
        "content/x.md:1:1: error: cần một nhóm trường dạng “tên: giá trị”, nhưng gặp một danh sách"
    ]


def test_an_empty_file_where_a_mapping_is_expected():
    problems = Problems()
    assert validate_mapping(None, SCHEMA, Ctx("content/site.yaml", problems)) is INVALID
    assert [p.format() for p in problems] == [
        "content/site.yaml: error: cần một nhóm trường dạng “tên: giá trị”, nhưng gặp tệp trống"
    ]
