"""The previous output tree, once swapped out, is deleted in the background.

Deleting a tree costs a system call per file and per folder, and on some disks
removing a folder takes milliseconds: for a site of 10,000 pages, seconds spent
after the new output is already in place. So the old tree is moved into the
site's cache folder (.cache/site-builder/trash/, a rename on the same disk) and
a detached process deletes it while the build returns. Where that cannot be
done (another disk, no fork), it is deleted here and now. An entry left behind
(a deleter killed by a reboot) is handed to a new deleter by a later build.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import time
from pathlib import Path

STALE_AFTER_NS = 3600 * 1_000_000_000  # a deleter is long done by then


def discard(tree: Path, trash_dir: Path | None) -> Path | None:
    """Delete `tree`: in the background from `trash_dir` when possible, else now. Returns the
    folder when some of it could not be removed (another user's read-only copy)."""
    if trash_dir is not None and os.access(tree, os.W_OK):
        try:
            trash_dir.mkdir(parents=True, exist_ok=True)
            moved = trash_dir / f"{time.time_ns()}-{os.getpid()}"
            os.replace(tree, moved)
        except OSError:
            pass  # another disk, or no cache folder: delete it here
        else:
            tree = moved
            if delete_detached(tree):
                return None
    return None if remove_tree(tree) else tree


def remove_tree(folder: Path) -> bool:
    """Delete `folder`; False when some of it is left. Read-only folders inside it (an output the
    user made read-only) are made writable first when we own them: without that their files
    cannot be unlinked and the old copy would stay behind forever."""
    for here, dirnames, _files in os.walk(folder):
        for path in [here, *(os.path.join(here, d) for d in dirnames)]:
            if not os.path.islink(path):  # chmod follows links: never touch what a link points to
                with contextlib.suppress(OSError):
                    os.chmod(path, stat.S_IMODE(os.lstat(path).st_mode) | stat.S_IRWXU)
    shutil.rmtree(folder, ignore_errors=True)
    return not os.path.lexists(folder)


def delete_detached(tree: Path) -> bool:
    """Delete `tree` in a detached grandchild process; False where processes cannot be forked."""
    if not hasattr(os, "fork"):
        return False
    try:
        child = os.fork()
    except OSError:
        return False
    if child == 0:  # the child: start a new session, fork the deleter, leave at once
        try:
            os.setsid()
            if os.fork() == 0:
                remove_tree(tree)
        finally:
            os._exit(0)  # no cleanup handlers of the parent's (pytest, atexit) run twice
    os.waitpid(child, 0)
    return True


def sweep_trash(trash_dir: Path) -> None:
    """Hand trash left behind by a deleter that never finished to a new one."""
    try:
        entries = list(trash_dir.iterdir())
    except OSError:
        return
    now = time.time_ns()
    for entry in entries:
        stamp = entry.name.split("-", 1)[0]
        if stamp.isdigit() and now - int(stamp) > STALE_AFTER_NS and not delete_detached(entry):
            remove_tree(entry)
