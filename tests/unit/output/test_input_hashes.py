"""Input hashes kept by lstat between builds (output/input_hashes.py): a file whose bytes
changed is always hashed again, whatever its size and modification time say."""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from pathlib import Path

import pytest

from site_builder.output import input_hashes
from site_builder.output.input_hashes import SETTLE_NS, SPECIAL, load_kept, read_inputs
from tests.conftest import site_with

YEAR = "content/terms/2020-2025/term.md"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def later(monkeypatch) -> None:
    """The build runs 10 s after the files were written: every file is settled."""
    now = time.time_ns() + 10_000_000_000
    monkeypatch.setattr(input_hashes.time, "time_ns", lambda: now)


def doctored(kept_file: Path, key: str, digest: str) -> None:
    """Replace one kept hash by `digest`: a build that uses it did not hash the file again."""
    data = json.loads(kept_file.read_text(encoding="utf-8"))
    data["files"][key][4] = digest
    kept_file.write_text(json.dumps(data), encoding="utf-8")


def test_every_input_is_hashed_by_its_content(tmp_path: Path) -> None:
    site = site_with(tmp_path, {})
    digests = read_inputs(site).digests
    assert digests[f"site:{YEAR}"] == sha((site / YEAR).read_bytes())
    assert digests["package:output/input_hashes.py"] == sha(Path(input_hashes.__file__).read_bytes())
    assert not any("__pycache__" in key for key in digests)


def test_an_unchanged_settled_file_is_not_hashed_again(tmp_path: Path, later) -> None:
    site, kept = site_with(tmp_path, {}), tmp_path / "inputs.json"
    read_inputs(site, kept)
    doctored(kept, f"site:{YEAR}", "kept")
    assert read_inputs(site, kept).digests[f"site:{YEAR}"] == "kept"
    assert read_inputs(site, kept, trusted=False).digests[f"site:{YEAR}"] == sha((site / YEAR).read_bytes())


def test_a_rewrite_with_the_same_size_and_time_is_seen(tmp_path: Path, later) -> None:
    """ctime moves on every write, even one that puts the modification time back."""
    site, kept = site_with(tmp_path, {}), tmp_path / "inputs.json"
    file = site / YEAR
    read_inputs(site, kept)
    doctored(kept, f"site:{YEAR}", "kept")
    before = file.stat()
    time.sleep(0.05)  # past the file system clock's tick
    data = file.read_bytes()
    file.write_bytes(data.replace(b"2020", b"2029", 1))
    os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (file.stat().st_size, file.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert read_inputs(site, kept).digests[f"site:{YEAR}"] == sha(file.read_bytes()) != sha(data)


def test_a_file_replaced_by_another_is_seen(tmp_path: Path, later) -> None:
    site, kept = site_with(tmp_path, {}), tmp_path / "inputs.json"
    file = site / YEAR
    read_inputs(site, kept)
    doctored(kept, f"site:{YEAR}", "kept")
    copy = file.with_name("copy.tmp")
    copy.write_bytes(file.read_bytes())
    os.replace(copy, file)  # what many editors do: a new file (inode) under the old name
    assert read_inputs(site, kept).digests[f"site:{YEAR}"] == sha(file.read_bytes())


def test_a_file_written_just_now_is_not_kept(tmp_path: Path) -> None:
    """Within SETTLE_NS of the listing a file could change again without its times moving."""
    site, kept = site_with(tmp_path, {}), tmp_path / "inputs.json"
    read_inputs(site, kept)
    assert f"site:{YEAR}" not in load_kept(kept)
    old = time.time_ns() - 2 * SETTLE_NS
    os.utime(site / YEAR, ns=(old, old))  # an old modification time does not help: ctime is now
    read_inputs(site, kept)
    assert f"site:{YEAR}" not in load_kept(kept)


def test_a_damaged_kept_file_means_hashing_everything(tmp_path: Path, later) -> None:
    site, kept = site_with(tmp_path, {}), tmp_path / "inputs.json"
    expected = read_inputs(site).digests
    kept.write_bytes(b"\0not json")
    assert read_inputs(site, kept).digests == expected
    assert load_kept(kept)  # written again


def test_a_symbolic_link_is_hashed_every_time(tmp_path: Path, later) -> None:
    """Its own lstat does not change when the file it points to does."""
    target = tmp_path / "outside.md"
    target.write_bytes(b"one")
    site, kept = site_with(tmp_path / "s", {}), tmp_path / "inputs.json"
    os.symlink(target, site / "content/link.md")
    assert read_inputs(site, kept).digests["site:content/link.md"] == sha(b"one")
    target.write_bytes(b"two")
    assert read_inputs(site, kept).digests["site:content/link.md"] == sha(b"two")


def test_a_fifo_is_never_opened(tmp_path: Path) -> None:
    site = site_with(tmp_path, {})
    os.mkfifo(site / "content/pipe.md")
    result: list[dict[str, str]] = []
    reader = threading.Thread(target=lambda: result.append(read_inputs(site).digests), daemon=True)
    reader.start()
    reader.join(10)
    if reader.is_alive():
        os.close(os.open(site / "content/pipe.md", os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("hashing the inputs blocked on a FIFO")
    assert result[0]["site:content/pipe.md"] == SPECIAL


def test_nothing_kept_is_used_where_ctime_is_not_the_change_time(tmp_path: Path, later, monkeypatch) -> None:
    """On Windows st_ctime is the creation time: a rewrite would not move it."""
    site, kept = site_with(tmp_path, {}), tmp_path / "inputs.json"
    read_inputs(site, kept)
    doctored(kept, f"site:{YEAR}", "kept")
    monkeypatch.setattr(input_hashes, "CTIME_IS_CHANGE", False)
    assert read_inputs(site, kept).digests[f"site:{YEAR}"] == sha((site / YEAR).read_bytes())
