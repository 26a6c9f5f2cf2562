"""Time `site-builder build --no-pdf` and `check` on synthetic sites, next to the floor.

For each size N: generate a site of N conferences (bench/synthetic.py), then run,
each as its own process:

  floor        bench/floor.py: single-process PyYAML + Python-Markdown + Jinja2
  build cold   no Markdown cache, no previous output
  build warm   the same build again, nothing changed (the input fingerprint matches: nothing is rebuilt)
  build 1st edit  one conference edited after the cold build: only the pages that show it are
               rendered, the others carried over; the folder tree is made afresh this once
  build edit   another conference edited (the usual case): the staging folder is the tree the
               previous swap replaced, so only what changed is written
  check warm   `check` with the cache the builds left
  check cold   `check` with no cache

and print wall time, CPU time (user + sys, worker processes included), CPU time
per page, pages per second, the peak RSS of the largest process and the peak of
the whole process tree (PSS summed, so pages shared by forked workers count once).
Times are the fastest of --repeat runs made without the tree sampler; the tree's
peak comes from one more run of the step, sampled every 50 ms (sampling slows the
process it samples).

    python bench/run.py                   # N = 1,000 and 10,000 (a few minutes)
    python bench/run.py --quick           # N = 200 only
    python bench/run.py --sizes 500 --repeat 3 --json results.json

Other processes busy on the machine inflate wall times; the load average at the
start is printed so a noisy run can be recognised (and rerun with --repeat).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import generate  # noqa: E402

PYTHON = sys.executable
SITE_BUILDER = [PYTHON, "-c", "from site_builder.cli import main; main()"]


@dataclass
class Run:
    size: int
    name: str
    wall: float
    cpu: float
    pages: int
    max_rss_mb: float  # largest single process (ru_maxrss)
    tree_mb: float  # peak of the process tree, PSS summed over processes
    returncode: int

    @property
    def cpu_ms_per_page(self) -> float:
        return 1000 * self.cpu / self.pages if self.pages else 0.0

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.wall if self.wall else 0.0


# --- measuring one process ----------------------------------------------------


def _tree(pid: int) -> list[int]:
    pids, queue = [], [pid]
    while queue:
        current = queue.pop()
        pids.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    queue.extend(int(c) for c in handle.read().split())
        except OSError:
            continue
    return pids


def _memory_kb(pid: int) -> int:
    """PSS of one process (RSS where smaps_rollup is missing)."""
    for name, field in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            with open(name) as handle:
                for line in handle:
                    if line.startswith(field):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0


class TreeSampler(threading.Thread):
    def __init__(self, pid: int, interval: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_kb = pid, interval, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak_kb = max(self.peak_kb, sum(_memory_kb(p) for p in _tree(self.pid)))
            self.done.wait(self.interval)


def measure(command: list[str], log: Path, sample: bool = True) -> tuple[float, float, float, float, int]:
    """(wall s, cpu s, max rss MB, tree peak MB, exit code) of one command and its children.
    Without `sample` the tree is not sampled (its peak is 0): reading every process's
    smaps_rollup 20 times a second takes CPU and the address-space lock from the process
    measured, about 0.15 s of a 2 s edit build of a 300 MB process on two cores."""
    with log.open("w") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)
        sampler = TreeSampler(process.pid)
        if sample:
            sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        if sample:
            sampler.done.set()
            sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss / 1024, sampler.peak_kb / 1024, process.returncode


def count_pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html")) if folder.is_dir() else 0


# --- one size -------------------------------------------------------------------


def bench_size(size: int, work: Path, repeat: int, jobs: int, say) -> list[Run]:
    site = work / f"site-{size}"
    say(f"N={size}: generating {site}")
    generate(site, size)
    cache, output, floor_out = site / ".cache", site / "output", work / f"floor-{size}"
    build = [*SITE_BUILDER, "build", "--no-pdf", "--quiet", "--site", str(site), "--jobs", str(jobs)]
    check = [*SITE_BUILDER, "check", "--site", str(site)]

    def floor_prepare() -> None:
        shutil.rmtree(floor_out, ignore_errors=True)

    def cold_prepare() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(output, ignore_errors=True)

    def edit(index: int) -> Callable[[], None]:
        def edit_one() -> None:
            conference = sorted((site / "content" / "years").glob("*/conferences/*.md"))[index]
            with conference.open("a", encoding="utf-8") as stream:
                stream.write("\nMột dòng sửa thêm.\n")

        return edit_one

    steps = [
        ("floor", [PYTHON, str(HERE / "floor.py"), str(site), str(floor_out)], floor_prepare, floor_out),
        ("build cold", build, cold_prepare, output),
        ("build warm", build, None, output),
        ("build 1st edit", build, edit(0), output),
        ("build edit", build, edit(size // 2), output),
        ("check warm", check, None, None),
        ("check cold", check, lambda: shutil.rmtree(cache, ignore_errors=True), None),
    ]
    runs: list[Run] = []
    pages = 0
    for name, command, prepare, out in steps:
        best: Run | None = None
        tree_peak = 0.0
        for attempt in range(repeat + 1):  # `repeat` timed runs, then one for the memory peak
            timed = attempt < repeat
            if prepare:
                prepare()
            if name == "build warm" and not cache.exists():  # --repeat of a cold build removed it
                subprocess.run(build, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            wall, cpu, rss, tree, code = measure(command, work / "last.log", sample=not timed)
            if code != 0:
                say(f"  {name} failed (exit {code}):\n{(work / 'last.log').read_text()[-2000:]}")
            counted = count_pages(out) if out else pages
            if name.startswith("build"):
                pages = counted
            if not timed:
                tree_peak = tree
                continue
            run = Run(size, name, wall, cpu, counted, rss, 0.0, code)
            if best is None or run.wall < best.wall:
                best = run
        assert best is not None
        best = replace(best, tree_mb=tree_peak)
        say(f"  {name:<14} {best.wall:6.2f} s wall, {best.cpu:6.2f} s CPU, {best.pages} pages")
        runs.append(best)
    shutil.rmtree(floor_out, ignore_errors=True)
    return runs


# --- report -------------------------------------------------------------------


def machine() -> dict[str, str]:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "date": dt.date.today().isoformat(),
        "cpus": str(os.cpu_count()),
        "cpu": model,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def table(runs: list[Run]) -> str:
    head = (
        "| N | run | pages | wall s | CPU s | CPU ms/page | pages/s | CPU/page ÷ floor | wall ÷ floor "
        "| max RSS MB | tree PSS MB |"
    )
    lines = [head, "|---:|---|" + "---:|" * 9]
    floors = {r.size: r for r in runs if r.name == "floor"}
    for r in runs:
        f = floors.get(r.size)
        cpu_ratio = f"{r.cpu_ms_per_page / f.cpu_ms_per_page:.2f}" if f and f.pages and r.pages else "–"
        wall_ratio = f"{r.wall / f.wall:.2f}" if f else "–"
        lines.append(
            f"| {r.size:,} | {r.name} | {r.pages:,} | {r.wall:.2f} | {r.cpu:.2f} | {r.cpu_ms_per_page:.2f} "
            f"| {r.pages_per_s:,.0f} | {cpu_ratio} | {wall_ratio} | {r.max_rss_mb:.0f} | {r.tree_mb:.0f} |"
        )
    return "\n".join(lines)


def verdicts(runs: list[Run]) -> list[str]:
    out = []
    by = {(r.size, r.name): r for r in runs}
    for size in sorted({r.size for r in runs}):
        floor, cold, warm = by.get((size, "floor")), by.get((size, "build cold")), by.get((size, "build warm"))
        if not (floor and cold and warm and cold.pages and floor.pages):
            continue
        cpu = cold.cpu_ms_per_page / floor.cpu_ms_per_page
        out.append(f"N={size:,}: cold CPU/page {cpu:.2f}× floor (budget ≤ 1.5) {'OK' if cpu <= 1.5 else 'MISSED'}")
        wall = cold.wall / floor.wall
        budget = 0.75 if size <= 1_000 else 1.0
        ok = "OK" if wall <= budget else "MISSED"
        out.append(f"N={size:,}: cold wall {wall:.2f}× floor (budget ≤ {budget}) {ok}")
        speed = cold.wall / warm.wall
        out.append(f"N={size:,}: warm build (nothing changed) {speed:.1f}× faster than cold")
        for name in ("build 1st edit", "build edit"):
            edit = by.get((size, name))
            if edit:
                ratio, limit = edit.wall / floor.wall, 0.25 if size <= 1_000 else 0.1
                ok = "OK" if ratio <= limit else "MISSED"
                out.append(f"N={size:,}: {name} {ratio:.2f}× floor wall (budget ≤ {limit}) {ok}")
        if size >= 10_000:
            peak = max(cold.tree_mb, cold.max_rss_mb)
            ok = "OK" if cold.wall < 30 and peak <= 600 else "MISSED"
            out.append(f"N={size:,}: {cold.wall:.1f} s (< 30 s), peak {peak:.0f} MB (≤ 600 MB) {ok}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description="Build-speed benchmark of site-builder against the floor.")
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated numbers of conferences")
    parser.add_argument("--quick", action="store_true", help="N = 200 only")
    parser.add_argument("--repeat", type=int, default=1, help="runs per step; the fastest is kept")
    parser.add_argument("--jobs", type=int, default=0, help="site-builder --jobs (0: one per CPU)")
    parser.add_argument("--workdir", type=Path, help="where sites are generated (default: a temporary folder)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    sizes = [200] if args.quick else [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]

    def say(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    info = machine()
    say(" · ".join(f"{k}: {v}" for k, v in info.items()))
    work = args.workdir or Path(tempfile.mkdtemp(prefix="site-builder-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        runs = [run for size in sizes for run in bench_size(size, work, max(1, args.repeat), args.jobs, say)]
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print(table(runs))
    print()
    for line in verdicts(runs):
        print(f"- {line}")
    if args.json:
        data = {"machine": info, "runs": [asdict(r) | {"cpu_ms_per_page": r.cpu_ms_per_page} for r in runs]}
        args.json.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
