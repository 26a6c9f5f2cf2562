"""Work done in a forked child while this process goes on (the search index during page rendering).

The child shares this process's memory as it was at the fork (nothing is
pickled on the way in), sends its result back through a pipe (pickled: it is
our own process) and leaves without running any clean-up of the parent's. It
dies with its parent. Where processes cannot be forked, the work is done when
its result is asked for.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from site_builder.workers import die_with_parent

T = TypeVar("T")


class ChildFailed(Exception):
    """The child could not do the work (its exception, or it died); do it here instead."""


class Forked(Generic[T]):
    def __init__(self, work: Callable[[], T]):
        self.work = work
        self.pid = 0
        self.read = -1
        if hasattr(os, "fork"):
            self._start()

    def _start(self) -> None:
        read, write = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the child
            os.close(read)
            # Everything inherited is moved out of the collector's reach: a collection here would
            # write into (and so copy) every page of the memory shared with the parent.
            gc.freeze()
            die_with_parent(parent)
            try:
                data = pickle.dumps((True, self.work()))
            except BaseException as exc:  # noqa: BLE001 - reported to the parent, which does the work itself
                data = pickle.dumps((False, f"{type(exc).__name__}: {exc}"))
            with contextlib.suppress(OSError), os.fdopen(write, "wb") as stream:
                stream.write(data)
            os._exit(0)  # none of the parent's clean-up (atexit, pytest) runs here
        os.close(write)
        self.pid, self.read = pid, read
        # Read as it comes: a result larger than the pipe holds would keep the child (and the
        # memory it copied) waiting until `result` is called, maybe at the end of the build.
        self._chunks: list[bytes] = []
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        with contextlib.suppress(OSError), os.fdopen(self.read, "rb") as stream:
            while chunk := stream.read(1 << 16):
                self._chunks.append(chunk)

    def result(self) -> T:
        """The child's result (or the work done here, without a child); ChildFailed if it failed."""
        if not self.pid:
            return self.work()
        self._reader.join()
        data = b"".join(self._chunks)
        os.waitpid(self.pid, 0)
        self.pid = 0
        try:
            ok, value = pickle.loads(data)
        except (pickle.UnpicklingError, EOFError, ValueError) as exc:
            raise ChildFailed("the child died") from exc
        if not ok:
            raise ChildFailed(value)
        result: T = value  # what work() returned in the child, pickled
        return result

    def cancel(self) -> None:
        """Stop the child (the result is not needed any more)."""
        if self.pid:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
            self._reader.join()  # the pipe ends with the child
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            self.pid = 0


class Later(Generic[T]):
    """A value made now, or (`forked`) in a forked child while this process goes on: `result` then
    waits for it, and makes it here when the child failed (where a failure is reported as usual)."""

    def __init__(self, work: Callable[[], T], forked: bool):
        self._work = work
        self.forked = forked
        self._child = Forked(work) if forked else None
        self._done: tuple[T] | None = None if forked else (work(),)

    def result(self) -> T:
        if self._done is None:
            try:
                self._done = (self._child.result() if self._child is not None else self._work(),)
            except ChildFailed:
                self._done = (self._work(),)
            self._child = None
        return self._done[0]

    def cancel(self) -> None:
        """Stop the child, if any (the value is not needed any more)."""
        if self._child is not None:
            self._child.cancel()
            self._child = None
