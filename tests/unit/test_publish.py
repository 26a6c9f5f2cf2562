"""Publishing (output/publish.py): a staging folder swapped in by renames, the previous output
untouched until then and put back when a swap fails or a build died half-way."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.output.guard import MARKER
from site_builder.output.publish import (
    TRASH_PREFIX,
    restore_interrupted_swap,
    staging_dir,
    swap_in,
    sweep_leftovers,
    write_errors,
)
from site_builder.problems import RenderError


def tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def listing(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in root.rglob("*") if p.is_file()}


def dead_pid() -> int:
    """The id of a process that has finished."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_staging_folder_sits_beside_the_output_and_names_this_process(tmp_path):
    staging = staging_dir(tmp_path / "output")
    assert staging.parent == tmp_path and staging.name == f".staging-output-{os.getpid()}"


def test_swap_replaces_the_whole_output_and_writes_the_marker(tmp_path):
    output = tree(tmp_path / "output", {"old.html": "cũ", MARKER: "x"})
    staging = tree(staging_dir(output), {"index.html": "mới", "nam/2024/index.html": "2024"})
    assert swap_in(staging, output, marker="fingerprint\n") is None
    assert listing(output) == {"index.html": "mới", "nam/2024/index.html": "2024", MARKER: "fingerprint\n"}
    assert not staging.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_the_replaced_tree_is_kept_for_recycling_when_asked(tmp_path):
    output = tree(tmp_path / "output", {"old.html": "cũ"})
    staging = tree(staging_dir(output), {"index.html": "mới"})
    keep = tmp_path / "spare"
    swap_in(staging, output, keep=keep)
    assert listing(keep) == {"old.html": "cũ"} and "index.html" in listing(output)


def test_a_failed_swap_puts_the_previous_output_back(tmp_path, monkeypatch):
    output = tree(tmp_path / "output", {"index.html": "cũ", MARKER: "x"})
    staging = tree(staging_dir(output), {"index.html": "mới"})
    real_replace, calls = os.replace, []

    def replace(source, target):  # the second rename (staging -> output) fails: a full disk, say
        calls.append((Path(source).name, Path(target).name))
        if Path(source) == staging:
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(RenderError) as caught:
        swap_in(staging, output)
    assert [p.code for p in caught.value.problems] == ["output.write-failed"]
    assert listing(output) == {"index.html": "cũ", MARKER: "x"}  # moved away and put back
    assert calls[0][0] == "output" and calls[-1][1] == "output"


def test_a_write_error_becomes_a_problem_naming_the_output(tmp_path):
    with pytest.raises(RenderError) as caught, write_errors(tmp_path / "output"):
        raise OSError(28, "No space left on device", "output/a.html")
    (problem,) = caught.value.problems
    assert problem.code == "output.write-failed" and str(problem.loc) == str(tmp_path / "output")
    assert dict(problem.params)["detail"] == "No space left on device: output/a.html"


def test_an_output_lost_between_the_two_renames_is_restored(tmp_path):
    output = tmp_path / "output"
    tree(tmp_path / f"{TRASH_PREFIX}output-{dead_pid()}", {"index.html": "cũ", MARKER: "x"})
    restore_interrupted_swap(output)
    assert listing(output) == {"index.html": "cũ", MARKER: "x"}


def test_a_living_builds_folders_are_left_alone_and_dead_ones_swept(tmp_path):
    output = tree(tmp_path / "output", {"index.html": "cũ"})
    dead = tree(tmp_path / f".staging-output-{dead_pid()}", {"a": "1"})
    old = tree(tmp_path / f"{TRASH_PREFIX}output-{dead_pid()}", {"b": "3"})
    other = tree(tmp_path / "output-ban-sao", {"c": "4"})  # not ours at all
    building = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        alive = tree(tmp_path / f".staging-output-{building.pid}", {"a": "2"})  # another build, running
        assert sweep_leftovers(output) == []
        assert alive.exists()
    finally:
        building.kill()
        building.wait()
    assert not dead.exists() and not old.exists()
    assert other.exists() and listing(output) == {"index.html": "cũ"}
