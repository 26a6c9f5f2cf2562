"""Time and memory of the Word yearbook: the demo site and a synthetic 200-conference term.

    python bench/bench_docx.py              # both, then update docs/performance.md
    python bench/bench_docx.py --no-write   # print only

Each case runs in its own process so that its peak RSS (resource.getrusage) is its
own. Only the Word stage is timed (render_docx: assembling the book's views, which
renders the print template once, writing the document, packing the zip); reading
and markup are excluded, as in bench_pdf.py.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_pdf import update_doc  # noqa: E402

SECTION = "## Word yearbook"
SYNTHETIC_CONFERENCES = 200  # one five-year term


def measure(site_root: Path) -> dict:
    """Write the Word yearbook of the site at `site_root` in this process."""
    from site_builder.build import load_site
    from site_builder.problems import Problems
    from site_builder.render.environment import make_environment
    from site_builder.sources.themes import resolve_theme
    from site_builder.yearbook.word.writer import render_docx

    problems = Problems()
    loaded = load_site(site_root, problems)
    if loaded is None:
        raise SystemExit(f"cannot load {site_root}: {[p.format() for p in problems]}")
    theme = resolve_theme(site_root, loaded.model.site.theme, problems)
    env = make_environment(theme, loaded.model.site.language)
    started = time.perf_counter()
    result = render_docx(loaded.model, loaded.bodies, env, site_root, problems)
    seconds = time.perf_counter() - started
    if result is None:
        raise SystemExit(f"render failed: {[p.format() for p in problems]}")
    term = loaded.model.yearbook_term or loaded.model.current_term
    return {
        "conferences": sum(len(y.conferences) for y in loaded.model.term_years(term)),
        "headings": result.headings,
        "seconds": round(seconds, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "kb": len(result.data) // 1024,
    }


def run_case(site_root: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--one", str(site_root)], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def section(rows: list[tuple[str, dict]]) -> str:
    lines = [
        "| book | conferences | contents entries | seconds | peak RSS | .docx size |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, r in rows:
        lines.append(
            f"| {name} | {r['conferences']} | {r['headings']} | {r['seconds']} | {r['peak_mb']} MB | {r['kb']} KB |"
        )
    return (
        f"{SECTION}\n\n"
        f"Measured by `python bench/bench_docx.py` on {platform.machine()} with {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; `render_docx` only (the book's views from one "
        "render of the print template, the document, the zip). Each book is written in its own "
        "process, so the peak RSS includes the interpreter and the loaded site. Load average when "
        f"measured: {os.getloadavg()[0]:.1f} (the machine's cores are shared; seconds grow with it).\n\n"
        + "\n".join(lines)
        + "\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--no-write", action="store_true", help="do not touch docs/performance.md")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    rows = [("demo site (`content/`)", run_case(REPO))]
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
