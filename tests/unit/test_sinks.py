"""The two writers of a render (output/sinks.py): a build's staging folder, the preview folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from site_builder.output import sinks
from site_builder.output.state import Scan, scan_output, scan_tree
from site_builder.problems import RenderError
from site_builder.rendered import CopiedFile, KeptFile, RenderedFile
from tests.conftest import snapshot


@pytest.fixture
def previous(tmp_path: Path) -> Path:
    folder = tmp_path / "output"
    (folder / "nam/2019").mkdir(parents=True)
    (folder / "nam/2019/index.html").write_bytes(b"<p>2019</p>")
    (folder / "index.html").write_bytes(b"<p>home</p>")
    return folder


def test_stage_writes_copies_and_links_kept_files(tmp_path: Path, previous: Path) -> None:
    source = tmp_path / "anh.jpg"
    source.write_bytes(b"JPEG")
    files = [
        RenderedFile("index.html", b"<p>new home</p>"),
        CopiedFile("media/anh/a.jpg", source),
        KeptFile("nam/2019/index.html"),
    ]
    before = snapshot(previous)
    staging = tmp_path / "staging"
    assert sinks.stage(files, staging, previous) == 3
    assert snapshot(staging) == {
        "index.html": b"<p>new home</p>",
        "media/anh/a.jpg": b"JPEG",
        "nam/2019/index.html": b"<p>2019</p>",
    }
    kept, old = os.stat(staging / "nam/2019/index.html"), os.stat(previous / "nam/2019/index.html")
    assert (kept.st_ino, kept.st_dev) == (old.st_ino, old.st_dev)  # the same file, not a copy
    assert snapshot(previous) == before  # the live output is only read


def test_stage_copies_when_the_file_system_cannot_link(tmp_path: Path, previous: Path, monkeypatch) -> None:
    def refuse(*_args, **_kwargs):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", refuse)
    sinks.stage([KeptFile("index.html")], tmp_path / "staging", previous)
    assert (tmp_path / "staging/index.html").read_bytes() == b"<p>home</p>"
    assert os.stat(tmp_path / "staging/index.html").st_ino != os.stat(previous / "index.html").st_ino


def test_a_kept_file_missing_from_the_previous_output_is_reported(tmp_path: Path, previous: Path) -> None:
    with pytest.raises(sinks.KeptFileMissing):
        sinks.stage([KeptFile("nam/2020/index.html")], tmp_path / "staging", previous)
    with pytest.raises(sinks.KeptFileMissing):
        sinks.stage([KeptFile("index.html")], tmp_path / "staging-2", None)


@pytest.mark.parametrize("bad", ["../x.html", "/etc/passwd", "a/../../b", "a\\b", "", "."])
def test_nothing_is_written_outside_the_output(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError):
        sinks.stage([RenderedFile(bad, b"x")], tmp_path / "staging", None)
    with pytest.raises(ValueError):
        sinks.apply([RenderedFile(bad, b"x")], (), tmp_path / "preview")
    assert not (tmp_path / "x.html").exists()


def test_a_staging_write_failure_is_a_render_error(tmp_path: Path) -> None:
    staging = tmp_path / "staging"
    staging.mkdir()  # it must be new
    with pytest.raises(RenderError) as caught:
        sinks.stage([RenderedFile("a.html", b"x")], staging, None)
    assert [p.code for p in caught.value.problems.errors] == ["output.write-failed"]


def test_apply_writes_only_what_changed_and_deletes_what_is_gone(tmp_path: Path, previous: Path) -> None:
    source = tmp_path / "site.css"
    source.write_bytes(b"body{}")
    sinks.apply([CopiedFile("static/site.css", source)], (), previous)
    untouched = os.stat(previous / "nam/2019/index.html").st_mtime_ns
    css = os.stat(previous / "static/site.css").st_mtime_ns
    applied = sinks.apply(
        [
            RenderedFile("nam/2019/index.html", b"<p>2019</p>"),  # same bytes
            RenderedFile("index.html", b"<p>changed</p>"),
            CopiedFile("static/site.css", source),  # same bytes
            KeptFile("nam/2018/index.html"),  # the preview folder keeps what it has: nothing to do
        ],
        ["nam/2019/index.html"],
        previous,
    )
    assert applied == sinks.Applied(("index.html",), (), ("nam/2019/index.html",))
    assert not (previous / "nam").exists()  # emptied folders go too
    assert os.stat(previous / "static/site.css").st_mtime_ns == css
    assert untouched  # (it existed before being removed)
    source.write_bytes(b"body{color:red}")
    assert sinks.apply([CopiedFile("static/site.css", source)], (), previous).assets == ("static/site.css",)
    assert (previous / "static/site.css").read_bytes() == b"body{color:red}"
    assert [p.name for p in previous.rglob("*.tmp")] == []


def test_a_recycled_tree_only_changes_what_differs(tmp_path: Path, previous: Path) -> None:
    spare = tmp_path / "spare"
    (spare / "nam/2019").mkdir(parents=True)
    os.link(previous / "nam/2019/index.html", spare / "nam/2019/index.html")  # already the live file
    os.link(previous / "index.html", spare / "index.html")  # to be replaced
    (spare / "nam/2018").mkdir()
    (spare / "nam/2018/index.html").write_bytes(b"gone")  # no longer wanted
    live_home = previous / "index.html"
    files = [KeptFile("nam/2019/index.html"), RenderedFile("index.html", b"<p>new</p>"), RenderedFile("a/b.html", b"b")]
    kept_before = os.stat(spare / "nam/2019/index.html")
    assert sinks.stage(files, spare, previous, reuse=True) == 3
    assert snapshot(spare) == {"nam/2019/index.html": b"<p>2019</p>", "index.html": b"<p>new</p>", "a/b.html": b"b"}
    assert os.stat(spare / "nam/2019/index.html").st_ino == kept_before.st_ino
    assert live_home.read_bytes() == b"<p>home</p>"  # replaced in the tree, never written through the link
    assert not (spare / "nam/2018").exists()


def spare_linking_outside(tmp_path: Path) -> tuple[Path, Path]:
    """(a kept tree whose `nam` is a link to a folder outside it, that folder)."""
    spare = tmp_path / "spare"
    spare.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, spare / "nam")
    return spare, outside


def test_a_recycled_tree_holding_a_link_is_refused(tmp_path: Path, previous: Path) -> None:
    spare, outside = spare_linking_outside(tmp_path)
    with pytest.raises(RenderError):
        sinks.stage([RenderedFile("nam/2019/index.html", b"x")], spare, previous, reuse=True)
    assert list(outside.iterdir()) == []


def test_the_listing_of_a_staged_tree_is_what_a_scan_finds(tmp_path: Path, previous: Path) -> None:
    """Built with the live output's scan (state.scan_tree): files that are the live ones are
    listed as scanned, the others as they are now, and nothing more."""
    spare = tmp_path / "spare"
    (spare / "nam/2019").mkdir(parents=True)
    os.link(previous / "nam/2019/index.html", spare / "nam/2019/index.html")  # already the live file
    (spare / "old.html").write_bytes(b"gone")
    (previous / "keep.css").write_bytes(b"css")
    live = scan_tree(previous)
    sink = sinks.Staging(spare, previous, reuse=True, live=live)
    for file in [KeptFile("nam/2019/index.html"), KeptFile("keep.css"), RenderedFile("index.html", b"<p>new</p>")]:
        sink.put(file)
    sink.claim("x/worker.html")  # a worker wrote it
    (spare / "x").mkdir()
    (spare / "x/worker.html").write_bytes(b"w")
    sink.close()
    assert sink.listing() == scan_output(spare)
    shared = Scan({**live.listing, "nam/2019/index.html": (11, 1)}, live.inodes)
    again = sinks.Staging(spare, previous, reuse=True, live=shared)
    again.put(KeptFile("nam/2019/index.html"))
    again.close()
    assert again.listing() == {"nam/2019/index.html": (11, 1)}  # the very file scanned: not asked again


def test_a_kept_file_not_in_the_scan_is_missing(tmp_path: Path, previous: Path) -> None:
    live = scan_tree(previous)
    (previous / "later.html").write_bytes(b"made after the scan")
    sink = sinks.Staging(tmp_path / "staging", previous, live=live)
    with pytest.raises(sinks.KeptFileMissing):
        sink.put(KeptFile("later.html"))


def kept_tree(tmp_path: Path, previous: Path) -> Path:
    spare = tmp_path / "spare"
    (spare / "nam/2019").mkdir(parents=True)
    os.link(previous / "nam/2019/index.html", spare / "nam/2019/index.html")
    (spare / "old.html").write_bytes(b"gone")
    return spare


def test_a_tree_listed_ahead_is_used_where_it_was_moved(tmp_path: Path, previous: Path, monkeypatch) -> None:
    """The kept tree is listed while the site loads; moved to the staging folder, it is not listed
    again, and what the listing found is what the sink keeps, replaces and removes."""
    listed = sinks.TreeListing(kept_tree(tmp_path, previous))
    listed.wait()
    staging = tmp_path / "staging"
    os.replace(tmp_path / "spare", staging)
    monkeypatch.setattr(sinks, "_present", lambda tree: pytest.fail("listed again"))
    sink = sinks.Staging(staging, previous, reuse=True, listed=listed)
    sink.put(KeptFile("nam/2019/index.html"))
    sink.put(RenderedFile("index.html", b"<p>new</p>"))
    sink.close()
    assert snapshot(staging) == {"nam/2019/index.html": b"<p>2019</p>", "index.html": b"<p>new</p>"}
    assert sink.shared == {"nam/2019/index.html"}  # the very live file: nothing written


def test_a_listing_of_another_folder_is_not_used(tmp_path: Path, previous: Path) -> None:
    """Another tree where the listed one was (replaced meanwhile): listed anew, its files count."""
    listed = sinks.TreeListing(kept_tree(tmp_path, previous))
    listed.wait()
    staging = tmp_path / "staging"
    staging.mkdir()
    (staging / "stray.html").write_bytes(b"not in the listing")
    assert listed.of(staging) is None
    sink = sinks.Staging(staging, previous, reuse=True, listed=listed)
    sink.put(RenderedFile("index.html", b"x"))
    sink.close()
    assert snapshot(staging) == {"index.html": b"x"}
    assert sinks.TreeListing(None).of(staging) is None and sinks.TreeListing(tmp_path / "none").of(staging) is None


def test_a_tree_listed_ahead_holding_a_link_is_refused(tmp_path: Path, previous: Path) -> None:
    spare, outside = spare_linking_outside(tmp_path)
    listed = sinks.TreeListing(spare)
    with pytest.raises(RenderError):
        sinks.Staging(spare, previous, reuse=True, listed=listed)
    assert list(outside.iterdir()) == []
