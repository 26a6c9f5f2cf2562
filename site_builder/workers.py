"""Worker processes that die with the build that started them.

A build killed with SIGKILL cannot shut its pool down: the workers would wait
on their task queue forever (60-80 MB each). So every worker, as it starts,
asks the kernel to SIGKILL it when its parent dies (Linux `prctl`
PR_SET_PDEATHSIG), then checks that its parent is still the build (the build
may have died before the prctl call). Where prctl is missing (macOS), a daemon
thread polls the parent instead.

Two rules keep the death signal meaningful: the start method is pinned to
"fork" (Python 3.14 makes "forkserver" the Linux default, whose workers' parent
is the fork server, not the build), and the signal follows the *thread* that
forked the worker, so a pool made outside the main thread watches by polling.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import signal
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

PR_SET_PDEATHSIG = 1
POLL_SECONDS = 0.5
RESULT_PIPE_BYTES = 1 << 20  # Linux's default ceiling for a process without privileges


def worker_count(jobs: int) -> int:
    """The workers `--jobs` asks for (0: one per CPU, at most 4)."""
    return jobs or max(1, min(4, os.cpu_count() or 1))


def worker_pool(jobs: int, nice: int = 0) -> ProcessPoolExecutor:
    """A process pool whose workers die with this process; `nice`: their priority is lowered by
    that much (workers beside this process's own work, where this process is the longer path)."""
    # Imported here: the pool's machinery is a few ms of start-up an edit build rarely uses.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    in_main_thread = threading.current_thread() is threading.main_thread()
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context(method),
        initializer=die_with_parent,
        initargs=(os.getpid(), in_main_thread, nice),
    )
    _widen_results(pool)
    return pool


def _widen_results(pool: ProcessPoolExecutor) -> None:
    """Let a worker write a whole result (a folder's HTML: 300 KB) into the pipe at once. Through the
    usual 64 KB, it waits for this process's reader thread to take each part, and that thread waits
    for the interpreter lock the main thread holds while it loads the model: the Markdown workers
    idled between folders. Linux only (F_SETPIPE_SZ); the queue's pipe is not public, so anything
    unexpected leaves it as it is."""
    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    with contextlib.suppress(ImportError, OSError, AttributeError, ValueError, TypeError):  # ImportError: Windows
        import fcntl

        fcntl.fcntl(writer.fileno(), fcntl.F_SETPIPE_SZ, RESULT_PIPE_BYTES)  # type: ignore[union-attr]  # None: suppressed


def die_with_parent(parent_pid: int, signal_follows_parent: bool = True, nice: int = 0) -> None:
    """Pool initializer: end this worker when `parent_pid` ends (and lower its priority by `nice`)."""
    if nice:
        with contextlib.suppress(OSError, AttributeError):  # no os.nice: Windows
            os.nice(nice)
    if not (signal_follows_parent and _set_death_signal()):
        threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()
    if os.getppid() != parent_pid:  # the parent died before we could ask
        os._exit(1)


def _set_death_signal() -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)
    except (OSError, AttributeError):  # no libc prctl: not Linux
        return False


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(POLL_SECONDS)
    os._exit(1)


def give_back_memory(collect: bool = False) -> None:
    """Return the memory of what was let go to the system (with `collect`, after a collection), so
    that it is neither counted nor shared with worker processes forked next."""
    if collect:
        gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # glibc only
        ctypes.CDLL("libc.so.6").malloc_trim(0)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection while long-lived objects are made (the kept conferences, the model),
    then what exists is frozen (never scanned again). Each young-generation collection otherwise
    walks every object made since the last one, all alive: 0.1 s of an edit build at 10,000
    conferences, for the few hundred objects of cycles it found. Only around code that forks no
    worker (a forked worker would inherit the pause)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()
