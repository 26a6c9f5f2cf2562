"""The build's worker pools (workers.py): how many, their priority, and large results handed back."""

from __future__ import annotations

import os
import sys

import pytest

from site_builder.markup.early import EARLY_NICE
from site_builder.workers import worker_count, worker_pool


def niceness() -> int:
    return os.nice(0)


def big(n: int) -> str:
    return "ư" * n


def test_jobs_zero_means_one_worker_per_cpu_up_to_four() -> None:
    assert worker_count(3) == 3
    assert worker_count(0) == max(1, min(4, os.cpu_count() or 1))


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no process priorities here")
def test_workers_beside_this_process_run_at_a_lower_priority() -> None:
    here = os.nice(0)
    with worker_pool(1, nice=EARLY_NICE) as pool:
        assert pool.submit(niceness).result() == min(19, here + EARLY_NICE)
    with worker_pool(1) as pool:
        assert pool.submit(niceness).result() == here


def test_results_larger_than_a_pipe_come_back_whole() -> None:
    sizes = [300_000, 1_500_000, 10]
    with worker_pool(2) as pool:
        assert [len(text) for text in pool.map(big, sizes)] == sizes


def test_a_system_without_fcntl_still_gets_a_working_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "fcntl", None)  # `import fcntl` raises ImportError, as on Windows
    with worker_pool(1) as pool:
        assert pool.submit(big, 100_000).result() == big(100_000)
