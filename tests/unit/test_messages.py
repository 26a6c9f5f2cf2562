"""The message catalogue: every code the code uses exists, in Vietnamese and English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_builder.messages import CLAUSES, MESSAGES, TEXTS, render_message, text
from site_builder.problems import Loc, Problem

PACKAGE = Path(__file__).resolve().parents[2] / "site_builder"
SOURCE = "\n".join(p.read_text(encoding="utf-8") for p in sorted(PACKAGE.rglob("*.py")))


def used(pattern: str) -> set[str]:
    return set(re.findall(pattern, SOURCE))


def test_every_problem_code_raised_in_the_code_is_in_the_catalogue():
    codes = used(r"""\.(?:error|warning)\(\s*["']([a-z0-9.-]+)["']""")
    assert codes, "the scan found no codes: the pattern is broken"
    assert codes - set(MESSAGES) == set()


def test_every_text_key_used_is_in_the_catalogue():
    keys = used(r"""\b(?:text|ScaffoldError)\(\s*["']([a-z0-9.-]+)["']""")
    assert {"progress.records", "scaffold.bad-kind"} <= keys  # both kinds of call were found
    assert keys - set(TEXTS) == set()
    exists = {f"scaffold.exists{a}{b}" for a in ("", "-several") for b in ("", "-none-made")}
    assert exists <= set(TEXTS)  # the keys scaffold._exists_key builds


@pytest.mark.parametrize("code", sorted(MESSAGES))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_message_renders_without_its_parameters(code, lang):
    # A message must never crash the report, even with parameters missing.
    assert render_message(code, {}, lang).strip()


def test_clauses_are_chosen_by_key_and_translated():
    params = {"reason": "date.day", "month": 2, "year": 2023, "days": 28, "value": "2023-02-30"}
    assert "tháng 2 năm 2023 chỉ có 28 ngày" in render_message("field.invalid-date", params, "vi")
    assert "month 2 of 2023 has only 28 days" in render_message("field.invalid-date", params, "en")
    assert set(CLAUSES) >= {"yaml.generic", "output.site-root"}


def test_problem_format_uses_the_catalogue():
    problem = Problem("error", "field.required", Loc("content/site.yaml", 1, 1), (("field", "title"),))
    assert problem.format() == "content/site.yaml:1:1: error: thiếu trường bắt buộc “title”"
    assert problem.format("en") == "content/site.yaml:1:1: error: the required field “title” is missing"


def test_texts_render_in_both_languages():
    assert text("counts", errors=1, warnings=2) == "1 lỗi, 2 cảnh báo"
    assert text("counts", "en", errors=1, warnings=2) == "1 error(s), 2 warning(s)"


@pytest.mark.parametrize("key", sorted(CLAUSES))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_clause_renders(key, lang):
    from site_builder.messages import clause

    assert clause(key, lang, {}).strip()


def test_a_brace_clause_keeps_its_brace():
    message = render_message("yaml.syntax", {"explain": "yaml.brace", "detail": "x"}, "vi")
    assert "dấu ngoặc nhọn { mở ở đây" in message
