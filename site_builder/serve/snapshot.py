"""Which files under the watched folders changed since the last look (mtime + size polling).

Polling is cheap (one `stat` per file, a few milliseconds for a thousand
records) and needs no extra package. Editor back-up and swap files and
hidden folders (.git, .cache) are ignored.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from site_builder.layout import SOURCE_FOLDERS

WATCHED = SOURCE_FOLDERS
IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".swo", ".tmp", ".part", ".crdownload")

Snapshot = Mapping[str, tuple[int, int]]  # site-relative POSIX path -> (mtime_ns, size)


def ignored(name: str) -> bool:
    return name.startswith((".", "#", "~$")) or name.endswith(IGNORED_SUFFIXES)


def scan(site_root: Path, folders: Iterable[str] = WATCHED) -> dict[str, tuple[int, int]]:
    """Every watched file with its modification time and size."""
    found: dict[str, tuple[int, int]] = {}
    for folder in folders:
        _scan_dir(site_root / folder, folder, found)
    return found


def _scan_dir(path: Path, rel: str, found: dict[str, tuple[int, int]]) -> None:
    try:
        entries = list(os.scandir(path))
    except OSError:
        return
    for entry in entries:
        if ignored(entry.name):
            continue
        child = f"{rel}/{entry.name}"
        try:
            if entry.is_dir(follow_symlinks=False):
                _scan_dir(Path(entry.path), child, found)
            elif entry.is_file():
                info = entry.stat()
                found[child] = (info.st_mtime_ns, info.st_size)
        except OSError:
            continue  # vanished between listing and stat: the next scan sees it


def changed_paths(old: Snapshot, new: Snapshot) -> frozenset[str]:
    """Added, removed and modified files."""
    keys = old.keys() | new.keys()
    return frozenset(k for k in keys if old.get(k) != new.get(k))


def newest_mtime_ns(snapshot: Snapshot, paths: Iterable[str]) -> int:
    return max((snapshot[p][0] for p in paths if p in snapshot), default=0)
