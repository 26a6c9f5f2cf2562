"""Round two, item 5: a build killed with SIGKILL while its worker processes render leaves none behind.

A real build (≥ 400 pages, so the Markdown and the page renderers both use worker processes) runs
in a subprocess; as soon as it has children it is SIGKILLed, and every child must be gone soon
after (polled in /proc). Once for the Markdown workers (no cache), once for the page workers
(Markdown cached by an earlier build, so only the page renderer forks).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.hardening import cases
from tests.hardening.helpers import run_cli, site_with

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")


def children(pid: int) -> set[int]:
    """Living (not zombie) processes whose parent is `pid`."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            state = _stat(int(entry.name))
            if state and state[1] == pid and state[0] != "Z":
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    state = _stat(pid)
    return state is not None and state[0] != "Z"


def _stat(pid: int) -> tuple[str, int] | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return fields[0], int(fields[1])


def start_build(site: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # -j 3: the page renderer forks jobs - 1 workers (the build renders chunks too), so two of them
    command = [sys.executable, "-m", "site_builder", "build", "--site", str(site), "--no-pdf", "-j", "3", *args]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def kill_with_workers_running(process: subprocess.Popen, timeout: float = 60) -> set[int]:
    """SIGKILL `process` as soon as it has two worker processes; their pids."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        workers = children(process.pid)
        if len(workers) >= 2:
            process.send_signal(signal.SIGKILL)
            process.wait()
            return workers
        time.sleep(0.005)
    raise AssertionError("the build never started worker processes")


@pytest.fixture(scope="module")
def big_site(tmp_path_factory) -> Path:
    return site_with(tmp_path_factory.mktemp("workers"), cases.many_conferences(450))


@pytest.mark.parametrize("phase", ["markdown-workers", "page-workers"])
def test_workers_die_with_a_killed_build(big_site, phase):
    if phase == "page-workers":  # cache every body first: only the page renderer starts workers
        assert run_cli("build", "--site", str(big_site), "--no-pdf", "-j", "1", timeout=300)[0] == 0
        cases.retitle_site(big_site)
    process = start_build(big_site, *(["--force"] if phase == "markdown-workers" else []))
    workers = kill_with_workers_running(process)
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    survivors = [pid for pid in workers if alive(pid)]
    for pid in survivors:  # do not leave them running after a failure either
        os.kill(pid, signal.SIGKILL)
    assert survivors == []
