"""The previous output tree is deleted in the background after a swap (output/trash.py)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from site_builder.output import trash


def tree_at(folder: Path) -> Path:
    (folder / "nam/2019").mkdir(parents=True)
    (folder / "nam/2019/index.html").write_bytes(b"x")
    return folder


def wait_gone(path: Path) -> bool:
    deadline = time.monotonic() + 30
    while path.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    return not path.exists()


def test_the_old_tree_leaves_at_once_and_is_deleted_in_the_background(tmp_path: Path) -> None:
    old = tree_at(tmp_path / ".old-output-1")
    bin_ = tmp_path / "cache/trash"
    trash.discard(old, bin_)
    assert not old.exists()
    assert all(wait_gone(entry) for entry in bin_.iterdir())


def test_without_a_trash_folder_on_the_same_disk_it_is_deleted_now(tmp_path: Path, monkeypatch) -> None:
    old = tree_at(tmp_path / ".old-output-1")
    real = os.replace

    def other_disk(source, target):
        if "trash" in str(target):
            raise OSError(18, "Invalid cross-device link")
        return real(source, target)

    monkeypatch.setattr(os, "replace", other_disk)
    trash.discard(old, tmp_path / "cache/trash")
    assert not old.exists()
    assert list((tmp_path / "cache/trash").iterdir()) == []


def test_trash_a_deleter_never_finished_is_handed_to_a_new_one(tmp_path: Path) -> None:
    bin_ = tmp_path / "trash"
    stale = tree_at(bin_ / f"{time.time_ns() - 2 * trash.STALE_AFTER_NS}-1")
    fresh = tree_at(bin_ / f"{time.time_ns()}-2")  # its deleter may still be at work
    trash.sweep_trash(bin_)
    assert wait_gone(stale) and fresh.exists()
