"""Small writes into the preview folder: atomic per file, confined to the folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def target_in(root: Path, rel: str) -> Path:
    """`root/rel`, refusing any path that would leave `root`."""
    base = root.resolve()
    target = (base / rel).resolve()
    if not target.is_relative_to(base) or target == base:
        raise ValueError(f"refusing to write outside the preview folder: {rel}")
    return target


def write_atomic(root: Path, rel: str, data: bytes) -> None:
    """Write via a temporary file and a rename, so the server never sends half a file."""
    target = target_in(root, rel)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temp.write_bytes(data)
    os.replace(temp, target)


def write_if_changed(root: Path, rel: str, data: bytes) -> bool:
    target = target_in(root, rel)
    try:
        if target.read_bytes() == data:
            return False
    except OSError:
        pass
    write_atomic(root, rel, data)
    return True


def copy_in(root: Path, rel: str, source: Path) -> None:
    target = target_in(root, rel)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    shutil.copyfile(source, temp)
    os.replace(temp, target)


def remove(root: Path, rel: str) -> None:
    target = target_in(root, rel)
    target.unlink(missing_ok=True)
    parent = target.parent
    base = root.resolve()
    while parent != base and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent
