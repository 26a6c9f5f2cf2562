"""Search folding: the Python fold (index) and the theme's JS fold (query) agree word for word.

The golden table runs through model/fold.py here and through static/js/search.js
in Node; both must give the expected folds and terms. Chromium runs the same
table in tests/browser/test_search.py.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata

import pytest

from site_builder.model.fold import search_fold, search_terms
from tests.conftest import ROOT

SEARCH_JS = ROOT / "site_builder" / "themes" / "default" / "static" / "js" / "search.js"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# (text, expected fold). Tricky on purpose: đ/Đ, ư/ơ, tone marks on either vowel,
# NFD input, upper case, old and new tone placement, digits and punctuation.
GOLDEN: list[tuple[str, str]] = [
    ("Đảng", "dang"),
    ("ĐẢNG", "dang"),
    ("đảng viên", "dang vien"),
    ("dang vien", "dang vien"),
    ("Đông", "dong"),
    ("dòng", "dong"),
    ("đồng", "dong"),
    ("động", "dong"),
    ("Lâm Đông", "lam dong"),
    ("Hoà", "hoa"),
    ("Hòa", "hoa"),
    ("HOÀ", "hoa"),
    ("Thuý", "thuy"),
    ("Thúy", "thuy"),
    ("uỷ ban", "uy ban"),
    ("ủy ban", "uy ban"),
    ("Ủy ban Kiểm tra", "uy ban kiem tra"),
    ("người", "nguoi"),
    ("NGƯỜI", "nguoi"),
    ("ươn ướt", "uon uot"),
    ("thuở", "thuo"),
    ("Nguyễn", "nguyen"),
    ("Ỷ", "y"),
    ("ẵ ẳ ặ", "a a a"),
    ("Ất Dậu", "at dau"),
    (nfd("Đảng viên"), "dang vien"),
    (nfd("Nguyễn Văn Thuý"), "nguyen van thuy"),
    ("Kết nạp đảng viên mới", "ket nap dang vien moi"),
    ("3.281 đảng viên", "3.281 dang vien"),
    ("101,3%", "101,3%"),
    ("Quyết định số 125-QĐ/ĐUK", "quyet dinh so 125-qd/duk"),
    ("«Trong sạch, vững mạnh»", "«trong sach, vung manh»"),
    ("COVID-19", "covid-19"),
    ("snake_case", "snake_case"),
    ("  hai   khoảng  ", "  hai   khoang  "),
    ("", ""),
]

GOLDEN_TERMS: list[tuple[str, list[str]]] = [
    ("Đảng viên", ["dang", "vien"]),
    ("3.281 đảng viên", ["3", "281", "dang", "vien"]),
    ("101,3%", ["101", "3"]),
    ("Quyết định số 125-QĐ/ĐUK", ["quyet", "dinh", "so", "125", "qd", "duk"]),
    ("«Trong sạch, vững mạnh»", ["trong", "sach", "vung", "manh"]),
    ("snake_case", ["snake", "case"]),
    (nfd("Lâm Đông"), ["lam", "dong"]),
    ("  hai   khoảng  ", ["hai", "khoang"]),
    ("...", []),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), GOLDEN)
def test_python_fold(text: str, expected: str) -> None:
    assert search_fold(text) == expected


@pytest.mark.parametrize(("text", "expected"), GOLDEN_TERMS)
def test_python_terms(text: str, expected: list[str]) -> None:
    assert search_terms(text) == expected


def test_fold_keeps_no_mark_and_no_d_stroke() -> None:
    folded = search_fold("".join(chr(c) for c in range(0xC0, 0x1EFA)))
    assert "đ" not in folded and "Đ" not in folded
    assert not any(unicodedata.category(ch) == "Mn" for ch in folded)


def run_js_fold(texts: list[str]) -> tuple[list[str], list[list[str]]]:
    script = (
        f"const s = require({json.dumps(str(SEARCH_JS))});"
        "const texts = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify([texts.map(s.fold), texts.map(s.terms)]));"
    )
    done = subprocess.run(
        ["node", "-e", script], input=json.dumps(texts), capture_output=True, text=True, encoding="utf-8", check=True
    )
    folds, terms = json.loads(done.stdout)
    return folds, terms


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js to run the theme's search.js")
def test_js_fold_agrees_with_python_on_the_golden_table() -> None:
    texts = [t for t, _ in GOLDEN] + [t for t, _ in GOLDEN_TERMS]
    folds, terms = run_js_fold(texts)
    assert folds == [search_fold(t) for t in texts]
    assert terms == [search_terms(t) for t in texts]
    assert folds[: len(GOLDEN)] == [expected for _, expected in GOLDEN]
