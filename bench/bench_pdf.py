"""Time and memory of the printed yearbook: the demo site and a synthetic ~200-page book.

    python bench/bench_pdf.py              # both, then update docs/performance.md
    python bench/bench_pdf.py --no-write   # print only

Each case runs in its own process so that its peak RSS (resource.getrusage) is its
own. Only the PDF stage is timed (render_yearbook: both layout passes, the PDF
writing and the checks); reading and markup are excluded. Budget (issue 3):
under 0.15 s per page and under 1 GB peak memory for 200 pages.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

SECTION = "## PDF yearbook"
BUDGET_S_PER_PAGE = 0.15
BUDGET_MB = 1024
SYNTHETIC_CONFERENCES = 200  # one five-year term: about 200 pages


def measure(site_root: Path) -> dict:
    """Render the yearbook of the site at `site_root` in this process."""
    from site_builder.build import load_site
    from site_builder.problems import Problems
    from site_builder.render.environment import make_environment
    from site_builder.sources.themes import resolve_theme
    from site_builder.yearbook.pdf import render_yearbook

    problems = Problems()
    loaded = load_site(site_root, problems)
    if loaded is None:
        raise SystemExit(f"cannot load {site_root}: {[p.format() for p in problems]}")
    theme = resolve_theme(site_root, loaded.model.site.theme, problems)
    env = make_environment(theme, loaded.model.site.language)
    before = len(problems)
    started, cpu_started = time.perf_counter(), time.process_time()
    result = render_yearbook(loaded.model, loaded.bodies, theme, env, site_root, problems)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    if result is None:
        raise SystemExit(f"render failed: {[p.format() for p in problems]}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "pages": result.page_count,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu_seconds, 2),
        "s_per_page": round(seconds / result.page_count, 4),
        "peak_mb": round(peak_mb),
        "pdf_kb": len(result.file.data) // 1024,
        "pdf_problems": len(problems) - before,
        **tagging_cost(result.document),
    }


def tagging_cost(document) -> dict:
    """What the tagged PDF costs: the same laid-out book written untagged, tagged by
    WeasyPrint, and finished by our post-processing (yearbook/tagging.py). CPU seconds
    of this process, so that other work on a shared machine does not count."""
    from site_builder.yearbook.tagging import finish_tags

    started = time.process_time()
    plain = document.write_pdf()
    written = time.process_time()
    tagged = document.write_pdf(pdf_tags=True)
    tagged_at = time.process_time()
    finished = finish_tags(tagged)
    done = time.process_time()
    return {
        "untagged_kb": len(plain) // 1024,
        "tagged_kb": len(finished) // 1024,
        "write_untagged_s": round(written - started, 2),
        "write_tagged_s": round(tagged_at - written, 2),
        "finish_s": round(done - tagged_at, 2),
    }


def run_case(site_root: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--one", str(site_root)], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def table(rows: list[tuple[str, dict]]) -> str:
    lines = [
        "| book | pages | seconds | s/page | peak RSS | PDF size | problems |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in rows:
        lines.append(
            f"| {name} | {r['pages']} | {r['seconds']} | {r['s_per_page']} | {r['peak_mb']} MB "
            f"| {r['pdf_kb']} KB | {r['pdf_problems']} |"
        )
    return "\n".join(lines)


def tagging_table(rows: list[tuple[str, dict]]) -> str:
    lines = [
        "| book | PDF untagged | PDF tagged | write untagged | write tagged | finish_tags | tagging adds |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in rows:
        extra = r["write_tagged_s"] + r["finish_s"] - r["write_untagged_s"]
        share = f"{100 * extra / r['cpu_seconds']:.0f} % of {r['cpu_seconds']} s"
        size = f"+{100 * (r['tagged_kb'] - r['untagged_kb']) / max(r['untagged_kb'], 1):.0f} % size"
        lines.append(
            f"| {name} | {r['untagged_kb']} KB | {r['tagged_kb']} KB | {r['write_untagged_s']} s "
            f"| {r['write_tagged_s']} s | {r['finish_s']} s | {extra:.2f} s ({share}), {size} |"
        )
    return "\n".join(lines)


def section(rows: list[tuple[str, dict]]) -> str:
    ok = all(r["s_per_page"] < BUDGET_S_PER_PAGE for _, r in rows) and all(r["peak_mb"] < BUDGET_MB for _, r in rows)
    return (
        f"{SECTION}\n\n"
        f"Measured by `python bench/bench_pdf.py` on {platform.machine()} with {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; `render_yearbook` only (one full layout pass, "
        "a re-layout of the people index and colophon, "
        "PDF writing, font check). Each book renders in its own process, so the peak "
        "RSS includes the interpreter, WeasyPrint and the loaded site.\n\n"
        f"{table(rows)}\n\n"
        f"Budget: < {BUDGET_S_PER_PAGE} s per page, < {BUDGET_MB} MB for 200 pages: "
        f"{'met' if ok else 'NOT met'}.\n\n"
        "The yearbook is a tagged PDF (docs/accessibility-pdf.md). Its cost, measured on the same "
        "laid-out book in CPU seconds: writing it untagged, writing it with WeasyPrint's tags, and "
        "our post-processing (`finish_tags`: margin boxes as artifacts, header scope, list repair); "
        'the seconds above include both of the tagged steps. "Tagging adds" is the tagged '
        "write plus `finish_tags` minus the untagged write, as a share of the render's CPU seconds.\n\n"
        f"{tagging_table(rows)}\n"
    )


def update_doc(path: Path, text: str) -> None:
    """Add or replace only the section of docs/performance.md that `text` is (its first line,
    "## ...", names it), so every bench can share this function."""
    heading = text.splitlines()[0]
    old = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.S | re.M)
    new = pattern.sub(lambda _m: text + "\n", old) if pattern.search(old) else old.rstrip() + "\n\n" + text
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new.rstrip() + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--no-write", action="store_true", help="do not touch docs/performance.md")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    rows = []
    if (REPO / "content" / "site.yaml").exists():
        rows.append(("demo site (`content/`)", run_case(REPO)))
    from synthetic import generate

    with tempfile.TemporaryDirectory() as tmp:
        site = generate(Path(tmp) / "site", SYNTHETIC_CONFERENCES)
        rows.append((f"synthetic, {SYNTHETIC_CONFERENCES} conferences in one term", run_case(site)))
    text = section(rows)
    print(text)
    if not args.no_write:
        update_doc(REPO / "docs" / "performance.md", text)


if __name__ == "__main__":
    main()
