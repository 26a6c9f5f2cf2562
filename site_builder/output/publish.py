"""Write a build into a staging folder beside the output, then swap it in.

A failed or interrupted build leaves the previous output byte-for-byte as it
was; leftovers of killed builds are swept by the next one. The swap is two
renames (output -> .old-*, staging -> output); a build killed between them
leaves the previous output in .old-*, and the next build puts it back before
sweeping. A write that fails (disk full, permissions) becomes a RenderError
with an `output.write-failed` problem instead of a traceback.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from site_builder.output.guard import MARKER
from site_builder.output.trash import discard, remove_tree
from site_builder.problems import Loc, Problems, RenderError

STAGING_PREFIX = ".staging-"
TRASH_PREFIX = ".old-"


def staging_dir(output: Path) -> Path:
    return output.parent / f"{STAGING_PREFIX}{output.name}-{os.getpid()}"


@contextlib.contextmanager
def write_errors(output: Path) -> Iterator[None]:
    """Turn an OSError while writing (disk full, no permission) into a RenderError."""
    try:
        yield
    except OSError as exc:
        problems = Problems()
        detail = f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else "")
        problems.error("output.write-failed", Loc(str(output)), detail=detail)
        raise RenderError(problems) from exc


def sweep_leftovers(output: Path) -> list[Path]:
    """Restore an output lost mid-swap, then remove staging and trash folders of dead builds.

    Returns the folders that could not be removed (the caller reports them)."""
    if not output.parent.is_dir():
        return []
    restore_interrupted_swap(output)
    left = []
    for entry in sorted(output.parent.iterdir()):
        name = entry.name
        if name.startswith((f"{STAGING_PREFIX}{output.name}-", f"{TRASH_PREFIX}{output.name}-")) and entry.is_dir():
            pid = name.rsplit("-", 1)[-1]
            if not (pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid))) and not remove_tree(entry):
                left.append(entry)
    return left


def restore_interrupted_swap(output: Path) -> None:
    """If a build died between its two renames, the previous output sits in .old-*: put it back."""
    if output.exists():
        return
    prefix = f"{TRASH_PREFIX}{output.name}-"
    for entry in sorted(output.parent.iterdir()):
        if entry.name.startswith(prefix) and (entry / MARKER).is_file():
            pid = entry.name.removeprefix(prefix)
            if not (pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid))):
                os.replace(entry, output)
                return


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


def swap_in(
    staging: Path, output: Path, marker: str = "site-builder output; replaced on every build\n",
    trash_dir: Path | None = None, keep: Path | None = None,
) -> Path | None:  # fmt: skip
    """Replace `output` by `staging` with two renames; the old tree is removed last.

    `marker` is written to the output's marker file (build.py stores the input fingerprint there).
    The old tree is moved to `keep` when given and it is ours to write in (the next build
    recycles it as its staging folder), else deleted, in the background when `trash_dir` is on
    the output's disk (trash.py). Returns the old tree's folder when it could not be removed
    (the swap itself succeeded).
    """
    with write_errors(output):
        (staging / MARKER).unlink(missing_ok=True)  # a recycled tree's: written anew, never through
        (staging / MARKER).write_text(marker, encoding="utf-8")
        trash = output.parent / f"{TRASH_PREFIX}{output.name}-{os.getpid()}"
        if output.exists():
            os.replace(output, trash)
        try:
            os.replace(staging, output)
        except OSError:
            if trash.exists():
                os.replace(trash, output)  # put the previous output back before reporting
            raise
    if not trash.exists():
        return None
    if keep is not None and os.access(trash, os.W_OK):  # a read-only output is not recycled
        try:
            os.replace(trash, keep)
            return None
        except OSError:
            pass  # another disk: not kept
    return discard(trash, trash_dir)
