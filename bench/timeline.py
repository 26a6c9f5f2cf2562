"""A timeline of one build: which process does which step when, drawn as a text chart.

    python bench/timeline.py SITE [--jobs 0] [--width 100] [--keep]

Runs `site-builder build --no-pdf --quiet --site SITE --jobs N` in this process with the
steps below wrapped (the wrappers are inherited by forked workers), each process appending
(pid, step, start, end) to a trace file, then prints one row per process: each column is a
slice of the build's wall time, marked with the letter of the step that covered most of it
('.' when none: that process waits or idles). Unless --keep, the site's .cache and output are
removed first (a cold build). Only for measuring: nothing here is used by site-builder itself.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

START = time.perf_counter()

# (module, attribute (Class.method allowed), letter, label); the first wins when spans nest.
STEPS = [
    ("site_builder.build", "read_inputs", "h", "input hashes"),
    ("site_builder.output.build_cache", "BuildCache.__init__", "c", "caches loaded"),
    ("site_builder.markup.early", "EarlyBodies.start", "f", "early Markdown: fork + submit"),
    ("site_builder.markup.early", "render_folder", "M", "early Markdown (worker)"),
    ("site_builder.markup.early", "EarlyBodies.take", "w", "waits for early Markdown"),
    ("site_builder.build", "read_sources", "r", "read sources"),
    ("site_builder.output.build_cache", "BuildCache.save_records", "s", "record store save"),
    ("site_builder.build", "load_model", "l", "load model"),
    ("site_builder.build", "check_model", "k", "check model"),
    ("site_builder.build", "url_for_record_path", "u", "record urls"),
    ("site_builder.build", "render_bodies", "b", "render bodies (main)"),
    ("site_builder.build", "add_body_media", "a", "body media"),
    ("site_builder.build", "plan_pages", "p", "plan pages"),
    ("site_builder.output.build_cache", "BuildCache.save_loaded", "m", "Markdown cache + load memo save"),
    ("site_builder.output.build_cache", "BuildCache.join", "J", "wait for the cache child"),
    ("site_builder.output.load_store", "LoadStore.save", "S", "load memo save (work)"),
    ("site_builder.markup.cache", "save_cache", "S", "Markdown cache save (work)"),
    ("site_builder.build", "give_back_memory", "g", "give back memory"),
    ("site_builder.build", "print_rules", "R", "print rules"),
    ("site_builder.build", "open_staging", "o", "open staging"),
    ("site_builder.output.core", "theme_setup", "t", "theme setup"),
    ("site_builder.output.core", "theme_static_files", "T", "theme static"),
    ("site_builder.output.core", "_media", "d", "media"),
    ("site_builder.output.core", "web_photos", "P", "photos"),
    ("site_builder.output.core", "seed_records", "e", "seed records"),
    ("site_builder.output.core", "common_context", "x", "common context"),
    ("site_builder.output.core", "_select", "G", "select pages (signing unless forked)"),
    ("site_builder.output.core", "page_signatures", "G", "page signatures (work)"),
    ("site_builder.output.core", "_artifact_jobs", "j", "artifact jobs (search parts)"),
    ("site_builder.output.core", "warm_up", "W", "template warm-up"),
    ("site_builder.output.core", "give_back_memory", "y", "give back memory before the page workers"),
    ("site_builder.render.html_pages", "_render_range", "H", "page range"),
    ("site_builder.output.search_job", "make_parts", "Q", "search parts"),
    ("site_builder.output.search_job", "SearchJob.collect_all", "q", "search collect"),
    ("site_builder.output.sinks", "Staging.put", "F", "file put (write)"),
    ("site_builder.output.sinks", "Staging.close", "C", "sink close"),
    ("site_builder.output.sinks", "Staging.listing", "L", "sink listing"),
    ("site_builder.build", "marker_text", "K", "marker"),
    ("site_builder.output.publish", "swap_in", "Z", "swap"),
    ("site_builder.output.build_cache", "BuildCache.save", "V", "state save"),
    ("site_builder.build", "had_pdf", "D", "had pdf"),
]


def _wrap(trace: str, label: str, func):  # type: ignore[no-untyped-def]
    @functools.wraps(func)
    def traced(*args, **kwargs):  # type: ignore[no-untyped-def]
        t0, c0 = time.perf_counter(), time.thread_time()
        try:
            return func(*args, **kwargs)
        finally:
            t1, used = time.perf_counter() - START, time.thread_time() - c0
            line = f"{os.getpid()}\t{label}\t{t0 - START:.6f}\t{t1:.6f}\t{used:.6f}\n"
            fd = os.open(trace, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            os.write(fd, line.encode())
            os.close(fd)

    return traced


def patch(trace: str) -> None:
    for module_name, attr, _letter, label in STEPS:
        owner = importlib.import_module(module_name)
        *path, name = attr.split(".")
        for part in path:
            owner = getattr(owner, part)
        setattr(owner, name, _wrap(trace, label, getattr(owner, name)))


def chart(trace: str, end: float, width: int) -> str:
    letters = {label: letter for *_, letter, label in STEPS}
    spans: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    cpu: dict[tuple[str, float], float] = {}
    for line in Path(trace).read_text().splitlines():
        pid, label, t0, t1, used = line.split("\t")
        spans[pid].append((label, float(t0), float(t1)))
        cpu[(pid, float(t0))] = float(used)
    step = end / width
    rows = [f"one column = {step * 1000:.0f} ms; total {end:.2f} s (from the interpreter's start of this script)"]
    main = str(os.getpid())
    for pid in sorted(spans, key=lambda p: (p != main, min(s[1] for s in spans[p]))):
        cover = [defaultdict(float) for _ in range(width)]
        for label, t0, t1 in spans[pid]:
            for col in range(max(0, int(t0 / step)), min(width, int(t1 / step) + 1)):
                lo, hi = max(t0, col * step), min(t1, (col + 1) * step)
                if hi > lo:
                    cover[col][label] += hi - lo
        row = "".join(letters[max(c, key=c.__getitem__)] if c and max(c.values()) > step / 3 else "." for c in cover)
        rows.append(f"{'main' if pid == main else pid:>7} {row}")
    totals: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for pid, items in spans.items():
        for label, t0, t1 in _outermost(items):
            total = totals[("main" if pid == main else "workers", label)]
            total[0] += t1 - t0
            total[1] += cpu[(pid, t0)]
            total[2] += 1
    last = max(t1 for _, _, t1 in spans[main]) if main in spans else end
    rows.append(f"after the last step of this process: {end - last:.3f} s (returning, letting go, the CLI's report)")
    rows.append("")
    rows.append(f"    {'who':<8} {'step':<32} {'wall':>7}   {'CPU':>7}")
    for (who, label), (seconds, used, count) in sorted(totals.items(), key=lambda kv: (kv[0][0], -kv[1][1])):
        rows.append(f"  {letters[label]} {who:<8} {label:<32} {seconds:6.3f} s {used:6.3f} s {count:6d}x")
    return "\n".join(rows)


def spans_of(trace: str, pid: str) -> str:
    """This process's spans in order: start, end, CPU, step."""
    rows = []
    for line in Path(trace).read_text().splitlines():
        who, label, t0, t1, used = line.split("\t")
        if who == pid:
            rows.append((float(t0), float(t1), float(used), label))
    return "\n".join(f"  {t0:7.3f} {t1:7.3f} {used:6.3f}  {label}" for t0, t1, used, label in sorted(rows))


def _outermost(items: list[tuple[str, float, float]]) -> list[tuple[str, float, float]]:
    """Spans not inside another span of the same process (a step's time counted once)."""
    items = sorted(items, key=lambda s: (s[1], -s[2]))
    kept: list[tuple[str, float, float]] = []
    reach = -1.0
    for item in items:
        if item[1] >= reach:
            kept.append(item)
            reach = item[2]
    return kept


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("--jobs", default="0")
    parser.add_argument("--width", type=int, default=100)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--spans", action="store_true", help="also list every span of this process")
    args = parser.parse_args()
    if not args.keep:
        shutil.rmtree(args.site / ".cache", ignore_errors=True)
        shutil.rmtree(args.site / "output", ignore_errors=True)
    trace = tempfile.mktemp(prefix="timeline-", suffix=".tsv")
    t0 = time.perf_counter()
    from site_builder.cli import main as cli_main

    imported = time.perf_counter()
    patch(trace)
    argv = ["build", "--no-pdf", "--quiet", "--site", str(args.site), "--jobs", args.jobs]
    try:
        cli_main(argv)
    except SystemExit as done:
        code = done.code
    end = time.perf_counter() - START
    times = os.times()
    print(chart(trace, end, args.width), file=sys.stderr)
    if args.spans:
        print(spans_of(trace, str(os.getpid())), file=sys.stderr)
    print(
        f"\nimports {imported - t0:.3f} s; exit {code}; CPU this process {times.user + times.system:.2f} s, "
        f"children {times.children_user + times.children_system:.2f} s",
        file=sys.stderr,
    )
    os.unlink(trace)


if __name__ == "__main__":
    main()
