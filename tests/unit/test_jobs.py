"""The panel's job runner (serve/jobs.py): a worker whose output cannot be read is ended before
the panel takes another action (two builds must never share one output/ and .cache/)."""

from __future__ import annotations

import asyncio
import os
import sys
import time

from site_builder.serve import jobs


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_worker_whose_output_is_unreadable_is_killed_before_the_job_ends(tmp_path, monkeypatch):
    pid_file = tmp_path / "pid"
    # A line longer than the stream's limit, then a worker that would go on for a minute.
    script = (
        f"import os, time; open({str(pid_file)!r}, 'w').write(str(os.getpid())); "
        "print('x' * 5000, flush=True); time.sleep(60)"
    )
    monkeypatch.setattr(jobs, "STREAM_LIMIT", 1024)
    monkeypatch.setattr(jobs, "worker_command", lambda *_args: [sys.executable, "-c", script])
    said: list[str] = []

    async def scenario() -> jobs.Job | None:
        runner = jobs.JobRunner(tmp_path, "vi", lambda job: job, said.append)
        assert runner.start("build") is not None
        deadline = time.monotonic() + 30
        while runner.busy and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        return runner.current

    job = asyncio.run(scenario())
    assert job is not None and not job.running and job.result is not None and job.result["ok"] is False
    assert not alive(int(pid_file.read_text(encoding="utf-8")))
    assert said == [job.result["summary"]]  # the preview's terminal says how the action ended
