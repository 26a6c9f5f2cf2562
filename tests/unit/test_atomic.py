"""site_builder/atomic.py: the one "temporary file, then rename" used by every writer that
must never leave half a file (caches, the output marker, edition manifests, sheets, YAML)."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.atomic import atomic_file, write_atomic


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_replaces_the_file_whole_bytes_or_text(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    target.write_bytes(b"old")
    write_atomic(target, "mới: đ")
    assert target.read_bytes() == "mới: đ".encode()
    write_atomic(target, b"\x00\x01", durable=True)
    assert target.read_bytes() == b"\x00\x01" and leftovers(tmp_path) == []


def test_a_failure_while_writing_keeps_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_file(target) as handle:
        handle.write(b"half")
        raise RuntimeError("disk gone")
    assert target.read_bytes() == b"old" and leftovers(tmp_path) == []


def test_a_failed_rename_is_raised_and_cleaned_up(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    (target / "inside").mkdir(parents=True)  # a folder where the file should go: the rename fails
    with pytest.raises(OSError):
        write_atomic(target, b"data")
    assert target.is_dir() and leftovers(tmp_path) == []


def test_a_missing_folder_is_an_error_not_a_stray_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "no" / "such.json", b"x")
    assert leftovers(tmp_path) == []
