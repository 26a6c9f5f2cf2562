"""Work done in a forked child while the build goes on (output/background.py)."""

from __future__ import annotations

import os
import time

import pytest

from site_builder.output.background import ChildFailed, Forked


def test_the_child_works_on_what_the_parent_had_and_sends_the_result_back() -> None:
    shared = {"words": ["Đảng", "bộ"] * 50_000}  # seen by the child as it was at the fork
    job = Forked(lambda: (os.getpid(), " ".join(shared["words"])))
    shared["words"] = []  # the parent goes on; the child is not affected
    pid, text = job.result()
    assert pid != os.getpid() and text.startswith("Đảng bộ") and len(text) == 399_999  # more than a pipe holds


def test_a_failure_in_the_child_is_reported_to_the_parent() -> None:
    def broken() -> None:
        raise ValueError("hỏng")

    with pytest.raises(ChildFailed, match="ValueError: hỏng"):
        Forked(broken).result()


def test_a_cancelled_child_is_gone() -> None:
    job = Forked(lambda: time.sleep(60))
    pid = job.pid
    job.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)


def test_without_fork_the_work_is_done_when_asked(monkeypatch) -> None:
    monkeypatch.delattr(os, "fork")
    job = Forked(lambda: os.getpid())
    assert job.pid == 0 and job.result() == os.getpid()
