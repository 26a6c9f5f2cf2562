"""One listing of a folder (sources/walk.py), shared by the input hashes and discover."""

from __future__ import annotations

import os
from pathlib import Path

from site_builder.sources.walk import walk_tree


def test_files_are_listed_sorted_with_their_lstat_and_links_apart(tmp_path: Path) -> None:
    root = tmp_path / "content"
    (root / "years/2019").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "__pycache__").mkdir()
    (root / ".git/config").write_text("x")
    (root / "__pycache__/a.pyc").write_text("x")
    (root / "years/2019/year.md").write_text("abc")
    (root / "site.yaml").write_text("a")
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", root / "linked")
    os.symlink(root / "site.yaml", root / "alias.yaml")
    os.mkfifo(root / "pipe")
    tree = walk_tree(root, frozenset({"__pycache__"}))
    assert list(tree.files) == ["alias.yaml", "pipe", "site.yaml", "years/2019/year.md"]
    info = os.lstat(root / "years/2019/year.md")
    assert tree.files["years/2019/year.md"] == (3, info.st_mtime_ns, info.st_ino, info.st_ctime_ns)
    assert tree.links == {"alias.yaml"} and tree.special == {"pipe"}
    assert tree.linked_folders == {"linked"} and tree.folders == {"years", "years/2019"}
    assert "__pycache__/a.pyc" in walk_tree(root).files  # skipped only when asked


def test_a_missing_folder_is_an_empty_listing(tmp_path: Path) -> None:
    assert walk_tree(tmp_path / "none").files == {}
