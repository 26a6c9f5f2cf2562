"""Reading YAML scalars as typed values (model/values.py): exact messages at exact places."""

from __future__ import annotations

import pytest

from site_builder.model.values import INVALID, Ctx, to_choice, to_text, to_url
from site_builder.problems import Problems
from site_builder.sources.yamlsafe import YList, YStr

PATH = "content/years/2021/targets.yaml"


def s(value: str, line: int = 4, col: int = 11, plain: bool = True) -> YStr:
    return YStr(value, line, col, plain)


def typed(func, value, *args):
    problems = Problems()
    result = func("actual", value, Ctx(PATH, problems), *args)
    return result, [p.format() for p in problems]


def test_text_entirely_in_curly_quotes_is_a_warning():
    assert typed(to_text, s("“Hội nghị sơ kết”")) == (
        "“Hội nghị sơ kết”",
        [
            f"{PATH}:4:11: warning: “actual” được đặt trong dấu ngoặc kép cong “…” (thường do Word tự đổi) nên "
            'dấu ngoặc sẽ hiện ra trên trang; hãy dùng dấu ngoặc kép thẳng "…" hoặc bỏ dấu ngoặc'
        ],
    )
    assert typed(to_text, s("đạt “trong sạch, vững mạnh” tiêu biểu"))[1] == []


@pytest.mark.parametrize(
    "written",
    ['https://kyyeu.example.vn/"><script>', "https://kyyeu.example.vn/a b", "https:///x", "https://a.vn\\x",
     "ftp://kyyeu.example.vn", "https://a.vn:port/", "https://a.vn/<x>"],
)  # fmt: skip
def test_url_that_would_break_out_of_an_attribute_is_refused(written):
    assert typed(to_url, s(written))[0] is INVALID
    assert typed(to_url, s("http://localhost:8000/ky-yeu"))[0] == "http://localhost:8000/ky-yeu/"


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
