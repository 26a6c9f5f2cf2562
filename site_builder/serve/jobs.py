"""The control panel's long actions: one at a time, each in a worker process (serve/worker.py).

The preview's event loop starts the process and reads its JSON lines as they
come (asyncio streams), so it keeps serving pages and rebuilding meanwhile; the
panel polls `snapshot()`. Everything here runs on that loop: no locks. The
state of the last action is kept, so a page reloaded by a save shows it again.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from site_builder.catalogue import text

STREAM_LIMIT = 16 * 1024 * 1024  # one JSON line holds every problem of a result
STDERR_LINES = 20
KINDS = ("check", "build", "pdf")


@dataclass(frozen=True)
class Job:
    id: int
    kind: str
    running: bool = True
    progress: tuple[str, ...] = ()
    result: dict[str, Any] | None = None

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "running": self.running, "progress": list(self.progress),
                "result": self.result}  # fmt: skip


Finish = Callable[[Job], Job]  # what the preview does with a finished job (installs the PDF)


def worker_command(kind: str, site_root: Path, target: Path | None = None) -> list[str]:
    command = [sys.executable, "-m", "site_builder.serve.worker", kind, str(site_root), str(os.getpid())]
    return command + ([str(target)] if target is not None else [])


class JobRunner:
    def __init__(self, site_root: Path, lang: str, finish: Finish, say: Callable[[str], None]):
        self.site_root = site_root
        self.lang = lang
        self.current: Job | None = None
        self._finish = finish
        self._say = say
        self._process: asyncio.subprocess.Process | None = None
        self._task: asyncio.Task[None] | None = None

    @property
    def busy(self) -> bool:
        return self.current is not None and self.current.running

    def snapshot(self) -> dict[str, Any] | None:
        return self.current.as_json() if self.current else None

    def start(self, kind: str, target: Path | None = None) -> Job | None:
        """Start `kind` in a new process; None while another action runs."""
        if self.busy or kind not in KINDS:
            return None
        job = Job((self.current.id if self.current else 0) + 1, kind)
        self.current = job
        command = worker_command(kind, self.site_root, target)
        self._task = asyncio.get_running_loop().create_task(self._run(job, command))
        return job

    async def _run(self, job: Job, command: Sequence[str]) -> None:
        result: dict[str, Any] | None = None
        errors: collections.deque[str] = collections.deque(maxlen=STDERR_LINES)
        process: asyncio.subprocess.Process | None = None
        try:
            process = await asyncio.create_subprocess_exec(
                *command, stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE, limit=STREAM_LIMIT,
            )  # fmt: skip
            self._process = process
            drain = asyncio.ensure_future(_tail(process.stderr, errors))
            assert process.stdout is not None
            async for raw in process.stdout:
                message = _message(raw)
                if "progress" in message:
                    job = self._update(job, progress=(*job.progress, str(message["progress"])))
                elif isinstance(message.get("result"), dict):
                    result = message["result"]
            code = await process.wait()
            await drain
        except Exception as exc:  # noqa: BLE001 - not started, or its output unreadable: the job must end
            code = -1
            errors.append(f"{type(exc).__name__}: {exc}")
            await _end(process)  # never two workers on one output/ and .cache/
        finally:
            self._process = None
        if result is None:
            detail = errors[-1] if errors else f"exit {code}"
            result = {"ok": False, "summary": text("panel.job-crashed", self.lang, detail=detail), "problems": []}
        job = self._finish(replace(job, running=False, result=result))
        self.current = job
        self._say(str(job.result.get("summary", "")) if job.result else "")

    def _update(self, job: Job, **changes: Any) -> Job:
        job = replace(job, **changes)
        self.current = job
        return job

    async def close(self) -> None:
        """End a running action (the preview is stopping); its process is killed."""
        process, task = self._process, self._task
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
        if task is not None and not task.done():
            with contextlib.suppress(asyncio.CancelledError, asyncio.TimeoutError):
                await asyncio.wait_for(task, timeout=10)


async def _end(process: asyncio.subprocess.Process | None) -> None:
    """Kill a worker whose output could not be read, and wait until it is gone."""
    if process is None or process.returncode is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        process.kill()
    await process.wait()


async def _tail(stream: asyncio.StreamReader | None, lines: collections.deque[str]) -> None:
    """Keep the last lines of the worker's stderr (the reason, if it dies without a result)."""
    if stream is None:
        return
    async for raw in stream:
        line = raw.decode("utf-8", "replace").strip()
        if line:
            lines.append(line)


def _message(raw: bytes) -> dict[str, Any]:
    try:
        message = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}
    return message if isinstance(message, dict) else {}
