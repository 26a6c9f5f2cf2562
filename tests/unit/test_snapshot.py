"""What the preview watches (serve/snapshot.py): the site's source folders, without editors'
scratch files, and which paths changed between two looks."""

from __future__ import annotations

import os

from site_builder.serve.snapshot import changed_paths, ignored, newest_mtime_ns, scan


def touch(path, data: str = "x", mtime_ns: int | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data, encoding="utf-8")
    if mtime_ns is not None:
        os.utime(path, ns=(mtime_ns, mtime_ns))


def test_the_source_folders_are_watched_and_nothing_else(tmp_path):
    for rel in ("content/site.yaml", "templates/base.html", "themes/x/theme.yaml", "output/index.html",
                ".cache/site-builder/records-00.json", "notes.txt"):  # fmt: skip
        touch(tmp_path / rel)
    assert sorted(scan(tmp_path)) == ["content/site.yaml", "templates/base.html", "themes/x/theme.yaml"]


def test_editor_backups_swap_files_and_hidden_folders_are_not_changes(tmp_path):
    for rel in ("content/a.md~", "content/.a.md.swp", "content/#a.md#", "content/~$chi-tieu.xlsx",
                "content/.git/HEAD", "content/b.md.part", "content/a.md"):  # fmt: skip
        touch(tmp_path / rel)
    assert list(scan(tmp_path)) == ["content/a.md"]
    assert ignored(".DS_Store") and ignored("bai.md.tmp") and not ignored("bai.md")


def test_added_removed_and_modified_files_are_changed(tmp_path):
    touch(tmp_path / "content/a.md", "a", 1_000_000_000)
    touch(tmp_path / "content/b.md", "b", 1_000_000_000)
    before = scan(tmp_path)
    touch(tmp_path / "content/a.md", "aa", 2_000_000_000)  # edited
    (tmp_path / "content/b.md").unlink()  # removed
    touch(tmp_path / "content/c.md", "c", 3_000_000_000)  # added
    after = scan(tmp_path)
    assert changed_paths(before, after) == {"content/a.md", "content/b.md", "content/c.md"}
    assert changed_paths(after, after) == frozenset()
    assert newest_mtime_ns(after, ["content/a.md", "content/b.md"]) == 2_000_000_000
    assert newest_mtime_ns(after, []) == 0
