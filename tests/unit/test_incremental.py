"""The preview's rebuild (serve/incremental.py) on a small site: what each save renders, removes
and keeps, and that a broken save writes nothing and loses no change."""

from __future__ import annotations

from pathlib import Path

from site_builder.serve.incremental import IncrementalBuilder, media_tokens
from tests.conftest import site_with, snapshot

CONFERENCE = "content/years/2021/conferences/2021-07-20-so-ket.md"
FILES = {
    CONFERENCE: """\
        ---
        title: "Sơ kết 6 tháng"
        date: 2021-07-20
        kind: so-ket
        ---
        Nội dung sơ kết.
        """,
}


def builder(tmp_path: Path) -> tuple[IncrementalBuilder, Path]:
    site = site_with(tmp_path, FILES)
    return IncrementalBuilder(site, tmp_path / "preview", pdf=False), site


def edit(site: Path, old: str, new: str) -> None:
    page = site / CONFERENCE
    page.write_text(page.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_the_first_build_renders_every_page_and_a_second_one_none(tmp_path):
    preview, _ = builder(tmp_path)
    first = preview.build()
    assert first.ok and len(first.rendered) == preview.page_count > 0
    assert (tmp_path / "preview/nam/2021/so-ket/index.html").is_file()
    again = preview.build()
    assert again.ok and again.rendered == () and again.removed == ()


def test_a_save_renders_the_pages_that_show_it_only(tmp_path):
    preview, site = builder(tmp_path)
    preview.build()
    edit(site, "Nội dung sơ kết.", "Nội dung đã sửa.")
    outcome = preview.build([CONFERENCE])
    # The body shows on its page and, summarised, in the lists of conferences; nowhere else.
    assert set(outcome.rendered) == {
        "nam/2021/so-ket/index.html", "nam/2021/index.html", "nam/index.html", "nhiem-ky/2020-2025/index.html",
        "index.html",
    }  # fmt: skip
    assert "Nội dung đã sửa." in (tmp_path / "preview/nam/2021/so-ket/index.html").read_text(encoding="utf-8")


def test_a_broken_save_writes_nothing_and_the_fix_brings_every_change(tmp_path):
    preview, site = builder(tmp_path)
    preview.build()
    shown = snapshot(tmp_path / "preview")
    edit(site, "Nội dung sơ kết.", "Lần sửa thứ nhất.")
    edit(site, "kind: so-ket", "kind: so-ket-lạ")  # not a kind: the save is broken
    broken = preview.build([CONFERENCE])
    assert not broken.ok and [p.code for p in broken.problems.errors] == ["field.expected-choice"]
    assert snapshot(tmp_path / "preview") == shown
    edit(site, "kind: so-ket-lạ", "kind: so-ket")
    fixed = preview.build([CONFERENCE])
    assert fixed.ok and "Lần sửa thứ nhất." in (tmp_path / "preview/nam/2021/so-ket/index.html").read_text("utf-8")


def test_a_deleted_record_removes_its_page(tmp_path):
    preview, site = builder(tmp_path)
    preview.build()
    (site / CONFERENCE).unlink()
    outcome = preview.build([CONFERENCE])
    assert outcome.ok and "nam/2021/so-ket/index.html" in outcome.removed
    assert not (tmp_path / "preview/nam/2021/so-ket/index.html").exists()


def test_the_search_index_is_written_when_asked_and_again_only_after_a_change(tmp_path):
    preview, site = builder(tmp_path)
    preview.build()
    listed = tmp_path / "preview" / preview.search_index_out_path()
    assert not listed.exists()
    preview.ensure_search_index()
    [index] = listed.parent.glob("chi-muc-*.js")  # the one part of a small site
    written = index.read_bytes()
    index.write_bytes(b"// changed by the test")  # a second request with nothing new writes nothing
    preview.ensure_search_index()
    assert index.read_bytes() == b"// changed by the test" and not preview.search_stale
    edit(site, "Nội dung sơ kết.", "Từ khoá mới.")
    preview.build([CONFERENCE])
    assert preview.search_stale
    preview.ensure_search_index()
    assert index.read_bytes() not in (written, b"// changed by the test")


def test_media_tokens_change_when_a_photo_is_replaced(tmp_path):
    photo = tmp_path / "content/media/anh.jpg"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(b"a" * 10)
    before = media_tokens(tmp_path, ["anh.jpg", "khong-co.jpg"])
    assert list(before) == ["anh.jpg"]  # a missing file has no token (check reports it)
    photo.write_bytes(b"b" * 11)
    assert media_tokens(tmp_path, ["anh.jpg"]) != before
