"""Time `site-builder import` on a 200-row sheet (xlsx and CSV), and the export of the same rows.

    python bench/bench_sheets.py              # measure, then update docs/performance.md
    python bench/bench_sheets.py --no-write   # print only

Each case runs in this process, best of 5 and median shown: reading the file, finding the
headers, reading every cell, the validators of `check`, and rendering the YAML (no file is
written). Budget: under 1 s for 200 rows (the command's own start-up, about 0.3 s, comes on top).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_pdf import update_doc  # noqa: E402

SECTION = "## Spreadsheet import"
ROWS = 200
REPEAT = 5
BUDGET_S = 1.0
HEADER = ["STT", "Mã", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Tỷ lệ (%)", "Nguồn", "Ghi chú"]


def rows() -> list[list[object]]:
    out = []
    for i in range(1, ROWS + 1):
        target, actual = 100 + i, 100 + i + i % 7
        if i % 3 == 0:  # a rate target, typed the Vietnamese way
            out.append([i, f"ty-le-{i}", f"Tỷ lệ tổ chức đảng số {i}", "%", "85", f"{80 + i % 15},{i % 10}", None,
                        "Nghị quyết Đại hội", None])  # fmt: skip
        else:
            out.append([i, None, f"Chỉ tiêu kết nạp số {i}", "đảng viên", f"{target:,}".replace(",", "."),
                        actual, None, "Tỉnh ủy giao", "ghi chú"])  # fmt: skip
    return out


def measure(path: Path) -> list[float]:
    from site_builder.problems import Problems
    from site_builder.sheets.importer import read_sheet
    from site_builder.sheets.write_yaml import header_comment, render_yaml

    times = []
    for _ in range(REPEAT):
        problems = Problems()
        started = time.perf_counter()
        found = read_sheet(path, "targets", None, problems)
        assert found is not None and not problems.errors, [p.format() for p in problems]
        render_yaml(found.items, "targets", header_comment("targets", path.name, found.sheet, "targets.yaml", "vi"))
        times.append(time.perf_counter() - started)
    return times


def measure_export(targets) -> list[float]:
    from site_builder.sheets.export import SheetText, export_targets

    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        export_targets(targets, SheetText("Chỉ tiêu", "vi"))
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="do not touch docs/performance.md")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "tests"))
    from sheets_helpers import make_csv, make_xlsx

    from site_builder.problems import Problems
    from site_builder.sheets.importer import read_sheet

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        xlsx = make_xlsx(Path(tmp) / "chi-tieu.xlsx", [HEADER, *rows()], title="CHỈ TIÊU")
        csv = make_csv(
            Path(tmp) / "chi-tieu.csv", [HEADER, *[["" if v is None else str(v) for v in r] for r in rows()]]
        )
        results.append((f"import, {ROWS} rows, .xlsx ({xlsx.stat().st_size // 1000} KB)", measure(xlsx)))
        results.append((f"import, {ROWS} rows, .csv", measure(csv)))
        targets = read_sheet(xlsx, "targets", None, Problems()).records.items
        results.append((f"export, {ROWS} targets to .xlsx", measure_export(targets)))
    text = section(results)
    print(text)
    if not args.no_write:
        update_doc(REPO / "docs" / "performance.md", text)


def section(results: list[tuple[str, list[float]]]) -> str:
    lines = [
        SECTION,
        "",
        f"Measured by `python bench/bench_sheets.py`: in-process, best and median of {REPEAT} runs; import is",
        "reading the file, finding the header row, reading every cell the Vietnamese way, the validators of",
        f"`check`, and rendering the YAML. Budget: under {BUDGET_S:g} s for {ROWS} rows.",
        "",
        "| case | best s | median s | budget |",
        "|---|---:|---:|---|",
    ]
    for name, times in results:
        ok = "met" if statistics.median(times) < BUDGET_S else "MISSED"
        lines.append(f"| {name} | {min(times):.3f} | {statistics.median(times):.3f} | {ok} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
