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
import shutil
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from site_builder.output.files import RenderedFile
from site_builder.output.guard import MARKER
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


def write_files(staging: Path, files: Iterable[RenderedFile]) -> int:
    count = 0
    root = staging.resolve()
    with write_errors(staging):
        for file in files:
            target = (staging / file.out_path).resolve()
            if not target.is_relative_to(root):
                raise ValueError(f"refusing to write outside the output: {file.out_path}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.data)
            count += 1
    return count


def copy_media(media_root: Path, paths: Iterable[str], destination: Path) -> None:
    """Publish only the media files records reference, never anything outside media/."""
    root = media_root.resolve()
    with write_errors(destination):
        for rel in paths:
            source = (media_root / rel).resolve()
            if source.is_relative_to(root) and source.is_file():
                target = destination / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)


def swap_in(staging: Path, output: Path, marker: str = "site-builder output; replaced on every build\n") -> Path | None:
    """Replace `output` by `staging` with two renames; the old tree is removed last.

    `marker` is written to the output's marker file (build.py stores the input fingerprint there).
    Returns the old tree's folder when it could not be removed (the swap itself succeeded).
    """
    with write_errors(output):
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
    return None if remove_tree(trash) else trash
