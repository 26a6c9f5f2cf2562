"""Case 1: encodings, through the whole loader (read_sources + load_model)."""

from __future__ import annotations

import unicodedata

import pytest

from tests.hardening.helpers import load, messages, site_with

PAGE = "content/pages/gioi-thieu.md"
PAGE_TEXT = "---\ntitle: Giới thiệu Đảng bộ\n---\nĐảng viên mới được kết nạp.\n"


TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Encode like Windows editors do: precomposed letters where the code page has them,
    the tone as a separate combining mark otherwise ("ớ" = "ơ" + U+0301)."""
    out = []
    for char in text:
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            tones = "".join(c for c in decomposed if c in TONES)
            letter = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
            out.append((letter + tones).encode("cp1258"))
    return b"".join(out)


CP1258 = to_cp1258(PAGE_TEXT)


def page_title(model) -> str:
    return next(p.title for p in model.pages if p.path == PAGE)


@pytest.mark.parametrize(
    "data",
    [
        PAGE_TEXT.encode(),
        b"\xef\xbb\xbf" + PAGE_TEXT.encode(),
        PAGE_TEXT.replace("\n", "\r\n").encode(),
        b"\xef\xbb\xbf" + PAGE_TEXT.replace("\n", "\r\n").encode(),
    ],
    ids=["utf8", "bom", "crlf", "bom-crlf"],
)
def test_bom_and_crlf_are_accepted(tmp_path, data):
    model, problems = load(site_with(tmp_path, {PAGE: data}))
    assert messages(problems) == []
    assert page_title(model) == "Giới thiệu Đảng bộ"
    page = next(p for p in model.pages if p.path == PAGE)
    assert "\r" not in page.body.source


@pytest.mark.parametrize(
    ("data", "guess"),
    [
        (CP1258, "Windows-1258"),
        (PAGE_TEXT.encode("utf-16"), "UTF-16"),
        (PAGE_TEXT.encode("utf-16-le"), "UTF-16"),
        # TCVN3 (ABC): "Giíi thiÖu §¶ng bé" as typed with .VnTime fonts
        (b"---\ntitle: Gi\xedi thi\xd6u \xa7\xb6ng b\xe9\n---\n\xa7\xb6ng vi\xaan m\xedi\n", "TCVN3"),
    ],
    ids=["windows-1258", "utf-16", "utf-16-le-no-bom", "tcvn3"],
)
def test_legacy_encodings_are_refused_with_position_and_guess(tmp_path, data, guess):
    model, problems = load(site_with(tmp_path, {PAGE: data}))
    (error,) = problems.errors
    assert error.code == "text.not-utf8"
    assert error.loc.path == PAGE and error.loc.line is not None
    text = error.format("en")
    assert f"it looks like {guess}" in text and "save it again as UTF-8" in text
    assert "offset" in text
    assert PAGE not in {p.path for p in model.pages}  # the other records still load


def test_windows_1258_error_points_at_the_first_bad_line(tmp_path):
    _, problems = load(site_with(tmp_path, {PAGE: CP1258}))
    assert problems.errors[0].loc.line == 2  # "title: Giới ..." is the first non-ASCII line


def test_nfd_text_is_normalised_with_a_warning(tmp_path):
    mixed = "---\ntitle: " + unicodedata.normalize("NFD", "Giới thiệu") + " Đảng bộ\n---\nthân bài\n"
    model, problems = load(site_with(tmp_path, {PAGE: mixed}))
    assert [(p.severity, p.code, p.loc.path) for p in problems] == [("warning", "text.not-nfc", PAGE)]
    assert page_title(model) == "Giới thiệu Đảng bộ"
    assert unicodedata.is_normalized("NFC", page_title(model))
