"""Time and memory of hostile YAML: each refusal must cost a fraction of a second and a few MB.

    python bench/bench_hostile_yaml.py              # measure, then update docs/performance.md
    python bench/bench_hostile_yaml.py --no-write   # print only

The unit tests (tests/hardening/test_hardening_yaml.py) prove each input is refused with
the right problem; the cost of refusing lives here, not in timed unit tests.
Budget: under 1.5 s and under 50 MB of Python allocations per document (the 50,000-value cap keeps a
list of 100,000 values near 25 MB).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_pdf import update_doc  # noqa: E402

SECTION = "## Hostile YAML"
BUDGET_S = 1.5
BUDGET_MB = 50


def billion_laughs(levels: int = 9) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


CASES = {
    "billion laughs (9 levels of aliases)": billion_laughs(),
    "100,000 values in one list": "[" + ",".join(["1"] * 100_000) + "]",
    "5,000 nested flow lists": "x: " + "[" * 5000 + "]" * 5000,
    "5,000 nested flow mappings": "x: " + "{a: " * 5000 + "b" + "}" * 5000,
    "1,200 nested block mappings": "".join(" " * i + f"k{i}:\n" for i in range(1200)) + " " * 1200 + "v\n",
}


def measure(text: str) -> tuple[float, float, list[str]]:
    from site_builder.problems import Problems
    from site_builder.sources.yamlsafe import YamlFailure, load_yaml

    problems = Problems()
    tracemalloc.start()
    started = time.perf_counter()
    with contextlib.suppress(YamlFailure):
        load_yaml(text, "x.yaml", problems)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 1_000_000
    tracemalloc.stop()
    return seconds, peak, [p.code for p in problems]


def section(rows: list[tuple[str, float, float, list[str]]]) -> str:
    lines = [
        SECTION,
        "",
        "Measured by `python bench/bench_hostile_yaml.py`: `load_yaml` on each document, wall time and the",
        f"peak of Python allocations (tracemalloc). Each must be refused in under {BUDGET_S:g} s and {BUDGET_MB} MB.",
        "",
        "| document | seconds | peak MB | problem | budget |",
        "|---|---:|---:|---|---|",
    ]
    for name, seconds, peak, codes in rows:
        ok = "met" if seconds < BUDGET_S and peak < BUDGET_MB else "MISSED"
        lines.append(f"| {name} | {seconds:.3f} | {peak:.1f} | {', '.join(codes) or '—'} | {ok} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="do not touch docs/performance.md")
    args = parser.parse_args()
    rows = [(name, *measure(text)) for name, text in CASES.items()]
    text = section(rows)
    print(text)
    if not args.no_write:
        update_doc(REPO / "docs" / "performance.md", text)


if __name__ == "__main__":
    main()
