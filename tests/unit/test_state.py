"""The render state a build keeps for its output folder (output/state.py)."""

from __future__ import annotations

import os
from pathlib import Path

from site_builder.images.responsive import ResponsiveImage, Variant
from site_builder.output.guard import MARKER
from site_builder.output.state import (
    Artifact,
    PhotoState,
    RenderState,
    load_state,
    save_state,
    scan_output,
    scan_tree,
    state_file,
)
from site_builder.problems import Loc, Problem

WARNING = Problem("warning", "pdf.warning", Loc("content/site.yaml"), (("detail", "x"),))
STATE = RenderState(
    "key-1",
    {"index.html": "sig-a", "nam/2019/index.html": "sig-b"},
    {"media/a.jpg": "hash-a"},
    {"pdf": Artifact("ky-yeu.pdf", "sig-pdf", 26, (WARNING,)), "search": Artifact("tim-kiem/chi-muc.js", "s")},
    {
        "photos/a.jpg": PhotoState(
            "h:s", ResponsiveImage("photos/a.jpg", 900, 600, (Variant("/thumbs/a-480.webp", 480, 320, "WEBP"),))
        ),
        "photos/b.bmp": PhotoState("h2:s", None, (WARNING,)),
    },
)


def output_with_files(tmp_path: Path) -> Path:
    output = tmp_path / "output"
    (output / "nam/2019").mkdir(parents=True)
    (output / "index.html").write_bytes(b"a")
    (output / "nam/2019/index.html").write_bytes(b"bb")
    (output / MARKER).write_text("{}", encoding="utf-8")
    return output


def test_scan_lists_every_file_but_the_marker(tmp_path: Path) -> None:
    listing = scan_output(output_with_files(tmp_path))
    assert sorted(listing) == ["index.html", "nam/2019/index.html"]
    assert listing["nam/2019/index.html"][0] == 2


def test_the_state_comes_back_only_for_the_same_key_marker_and_output(tmp_path: Path) -> None:
    output = output_with_files(tmp_path)
    listing = scan_output(output)
    file = state_file(tmp_path / "cache", output)
    save_state(file, STATE, "stamp-1", listing)
    assert load_state(file, "key-1", "stamp-1", listing) == STATE
    assert load_state(file, "key-2", "stamp-1", listing) is None  # another program or options
    assert load_state(file, "key-1", "stamp-2", listing) is None  # another build made the output since
    (output / "index.html").write_bytes(b"b")  # same size, by hand, later
    later = listing["index.html"][1] + 10_000_000
    os.utime(output / "index.html", ns=(later, later))
    assert load_state(file, "key-1", "stamp-1", scan_output(output)) is None
    file.write_bytes(b"\0garbage")
    assert load_state(file, "key-1", "stamp-1", listing) is None


def test_each_output_folder_has_its_own_state(tmp_path: Path) -> None:
    assert state_file(tmp_path, tmp_path / "output") != state_file(tmp_path, tmp_path / "other")
    assert state_file(tmp_path, tmp_path / "output") == state_file(tmp_path, tmp_path / "x" / ".." / "output")


def test_the_scan_lists_links_but_only_regular_files_can_be_kept(tmp_path: Path) -> None:
    output = output_with_files(tmp_path)
    os.symlink(tmp_path, output / "nam/link")
    scan = scan_tree(output)
    assert sorted(scan.listing) == ["index.html", "nam/2019/index.html", "nam/link"]  # a hand edit shows
    assert sorted(scan.inodes) == ["index.html", "nam/2019/index.html"]
    assert scan.inodes["index.html"] == os.stat(output / "index.html").st_ino
