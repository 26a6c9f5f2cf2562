"""Small broken sites, each with the exact problems `site-builder check` must report.

Each folder under tests/sites/invalid/ is a site plus `expected.txt`: one line per
problem, `path[:line[:col]]: severity: fragment of the message`. The run must exit 1,
show every expected line (same place, same severity, message containing the fragment),
report no error that is not expected, and never show a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import run_cli

CASES = Path(__file__).resolve().parents[1] / "sites" / "invalid"
_LINE = re.compile(r"^(?P<prefix>\S+: (?:error|warning)): (?P<fragment>.+)$")


def expected_lines(case: Path) -> list[tuple[str, str]]:
    lines = []
    for raw in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            match = _LINE.match(raw)
            assert match, f"bad line in {case.name}/expected.txt: {raw!r}"
            lines.append((match["prefix"], match["fragment"]))
    return lines


def test_there_are_cases():
    assert len(sorted(CASES.iterdir())) >= 8


@pytest.mark.parametrize("case", sorted(p for p in CASES.iterdir() if p.is_dir()), ids=lambda p: p.name)
def test_check_reports_exactly_the_expected_problems(case: Path):
    code, out, err = run_cli("check", "--site", str(case))
    assert "Traceback" not in out + err
    assert code == 1, err
    reported = [line for line in err.splitlines() if _LINE.match(line)]
    for prefix, fragment in expected_lines(case):
        assert any(line.startswith(prefix + ": ") and fragment in line for line in reported), (
            f"missing: {prefix}: {fragment}\nreported:\n" + "\n".join(reported)
        )
    expected_errors = sorted(p for p, _ in expected_lines(case) if p.endswith(": error"))
    reported_errors = sorted(line.split(": error: ")[0] + ": error" for line in reported if ": error: " in line)
    assert reported_errors == expected_errors
    assert not (case / "output").exists()
