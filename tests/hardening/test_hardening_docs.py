"""docs/reliability.md stays in sync with the tests (regenerate: python tests/hardening/cases.py)."""

from __future__ import annotations

import importlib

import pytest

from tests.hardening.cases import CASES, DOC, render


def test_reliability_table_matches_the_case_list():
    doc = DOC.read_text(encoding="utf-8")
    assert doc == render(doc), "run: .venv/bin/python tests/hardening/cases.py"


@pytest.mark.parametrize("test", sorted({case[3] for case in CASES}))
def test_every_listed_test_exists(test):
    module, function = test.split("::")
    assert callable(getattr(importlib.import_module(f"tests.hardening.{module}"), function))
