"""Bytes -> text: strict UTF-8 (BOM allowed), LF endings, NFC with a warning."""

from __future__ import annotations

import unicodedata

import pytest

from site_builder.problems import Problems
from site_builder.sources.text import decode_text

PATH = "content/pages/gioi-thieu.md"


def decode(data: bytes):
    problems = Problems()
    return decode_text(data, PATH, problems), [p.format() for p in problems]


def test_plain_utf8_is_returned_unchanged():
    assert decode("Đảng bộ Khối\n".encode()) == ("Đảng bộ Khối\n", [])


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbftitle: A\r\nb: c\r\n",
        b"title: A\r\nb: c\r\n",
        b"title: A\rb: c\r",
        b"\xef\xbb\xbftitle: A\nb: c\n",
    ],
)
def test_bom_and_crlf_are_accepted_and_normalised(data):
    assert decode(data) == ("title: A\nb: c\n", [])


def test_invalid_utf8_names_line_and_column_of_first_bad_byte():
    text, messages = decode(b"---\ntitle: A\n---\nabc\x81x\n")
    assert text is None
    assert messages == [
        f"{PATH}:4:4: error: tệp không phải văn bản UTF-8 (byte lỗi đầu tiên ở vị trí 20); "
        "hãy mở tệp và lưu lại với bảng mã UTF-8"
    ]


def test_windows_1258_file_gets_a_hint():
    text, messages = decode("---\ntitle: xin chào\n---\n".encode("cp1258"))
    assert text is None
    assert len(messages) == 1
    assert messages[0].startswith(f"{PATH}:2:14: error: tệp không phải văn bản UTF-8 (byte lỗi đầu tiên ở vị trí 17)")
    assert "Windows-1258" in messages[0]


def test_utf16_file_is_named():
    text, messages = decode("Trần Phú".encode("utf-16"))
    assert text is None
    assert messages[0].startswith(f"{PATH}:1:1: error:") and "UTF-16" in messages[0]


def test_nul_character_is_refused_with_line():
    text, messages = decode(b"a\nb\x00c\n")
    assert text is None
    assert messages == [f"{PATH}:2: error: tệp chứa ký tự rỗng (NUL), có thể là tệp nhị phân hoặc lưu sai bảng mã"]


def test_nfd_text_is_normalised_with_a_warning_naming_the_file():
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    assert nfd != "Nguyễn Thị Ánh"
    text, messages = decode(nfd.encode())
    assert text == "Nguyễn Thị Ánh"
    assert unicodedata.is_normalized("NFC", text)
    assert messages == [
        f"{PATH}: warning: văn bản chưa ở dạng Unicode dựng sẵn (NFC); "
        "đã tự chuẩn hoá khi đọc, nên lưu lại tệp ở dạng dựng sẵn"
    ]


def test_nfc_text_gives_no_warning():
    assert decode("Nguyễn Thị Ánh".encode())[1] == []
