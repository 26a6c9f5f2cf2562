"""Save-to-reloaded time of `site-builder serve` (issue 4 budgets).

For each site, start `site-builder serve --no-pdf` in its own process on a free
port, then repeatedly change one conference's title on disk and time, from the
write to the moment the server answers the conference page with the new title
(polled over HTTP every 5 ms). The server's own rebuild line ("… đã dựng N
trang (X ms)") gives the pages rendered and the rebuild time per save.

    python bench/bench_serve.py                 # demo site + 1,000-conference synthetic site
    python bench/bench_serve.py --repeat 20 --json serve.json

Budgets: under 300 ms on the demo site, under 1 s on 1,000 conferences. The
exit code is 1 when a median misses its budget.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from synthetic import generate  # noqa: E402

REBUILD_LINE = re.compile(r"đã dựng (\d+) trang \((\d+) ms\)")


@dataclass
class Result:
    site: str
    conferences: int
    budget_ms: int
    save_to_served_ms: list[float]
    rebuild_ms: list[int]
    pages_per_save: list[int]
    server_cpu_ms: list[float]  # CPU time the server spent per save (Linux), less sensitive to machine load

    @property
    def median(self) -> float:
        return statistics.median(self.save_to_served_ms)

    def row(self) -> str:
        times = self.save_to_served_ms
        verdict = "đạt" if self.median < self.budget_ms else "KHÔNG ĐẠT"
        return (
            f"| {self.site} | {self.conferences} | {self.median:.0f} | {max(times):.0f} | "
            f"{statistics.median(self.rebuild_ms):.0f} | {statistics.median(self.server_cpu_ms or [0]):.0f} | "
            f"{max(self.pages_per_save)} | < {self.budget_ms} | {verdict} |"
        )


class Server:
    def __init__(self, site: Path, log: Path):
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUTF8": "1"}
        command = [sys.executable, "-m", "site_builder", "serve", "--site", str(site), "--port", "0", "--no-pdf"]
        self.log = log
        with log.open("w") as handle:
            self.process = subprocess.Popen(command, stderr=handle, stdout=subprocess.DEVNULL, env=env)
        self.base = self._wait_for_url()

    def _wait_for_url(self) -> str:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            for line in self.log.read_text(encoding="utf-8").splitlines():
                if "Xem trước tại http://" in line:
                    return line.split("Xem trước tại ", 1)[1].split()[0].rstrip("/")
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise SystemExit(f"server did not start:\n{self.log.read_text(encoding='utf-8')}")

    def rebuilds(self) -> list[tuple[int, int]]:
        return [(int(p), int(ms)) for p, ms in REBUILD_LINE.findall(self.log.read_text(encoding="utf-8"))]

    def cpu_ms(self) -> float:
        """User + system CPU time of the server process so far (0 where /proc is missing)."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def time_one_save(record: Path, url: str, marker: str) -> float:
    text = record.read_text(encoding="utf-8")
    started = time.perf_counter()
    record.write_text(re.sub(r'^title: "', f'title: "{marker} ', text, count=1, flags=re.M), encoding="utf-8")
    while marker not in fetch(url):
        if time.perf_counter() - started > 30:
            raise SystemExit(f"{url} never showed {marker!r}")
        time.sleep(0.005)
    return (time.perf_counter() - started) * 1000


def measure(name: str, site: Path, budget_ms: int, repeat: int, scratch: Path) -> Result:
    records = sorted(site.glob("content/years/*/conferences/*.md"))
    record = records[len(records) // 2]
    url_path = f"/nam/{record.parent.parent.name}/{record.stem[11:]}/"  # date prefix dropped from the slug
    server = Server(site, scratch / f"{name}.log")
    try:
        before = len(server.rebuilds())
        times, cpu = [], []
        for i in range(repeat):
            time.sleep(0.25)  # idle polls cost a little CPU too: measure from a quiet start
            cpu_before = server.cpu_ms()
            times.append(time_one_save(record, server.base + url_path, f"Đo{i}x{time.time_ns() % 10**6}"))
            cpu.append(server.cpu_ms() - cpu_before)
        rebuilds = server.rebuilds()[before:]
    finally:
        server.stop()
    return Result(name, len(records), budget_ms, times, [ms for _, ms in rebuilds], [p for p, _ in rebuilds], cpu)


def demo_site(dest: Path) -> Path:
    shutil.copytree(ROOT / "content", dest / "content")
    if (ROOT / "templates").is_dir():
        shutil.copytree(ROOT / "templates", dest / "templates")
    return dest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--size", type=int, default=1000, help="conferences in the synthetic site")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        scratch = Path(tmp)
        results = [
            measure("demo", demo_site(scratch / "demo"), 300, args.repeat, scratch),
            measure(f"synthetic-{args.size}", generate(scratch / "synthetic", args.size), 1000, args.repeat, scratch),
        ]
    print(f"load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print("| site | records | save→served median ms | max ms | rebuild ms | server CPU ms | pages/save | budget | |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for result in results:
        print(result.row())
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2), encoding="utf-8")
    return 0 if all(r.median < r.budget_ms for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
