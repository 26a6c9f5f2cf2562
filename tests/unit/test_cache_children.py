"""A small cold build with workers writes its Markdown cache and load memo from a forked child
(output/build_cache.py): the same files as a build that writes them itself, used by the next
build, no child left behind, and a child that fails costs only speed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from site_builder.build import BuildOptions, build_site
from site_builder.markup.markdown import PARALLEL_THRESHOLD
from site_builder.output import build_cache
from site_builder.output.load_store import LoadStore
from tests.conftest import add_conferences, copy_demo, snapshot


@pytest.fixture(scope="module")
def cold_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site with enough conferences that a build is a cold one with Markdown workers."""
    site = copy_demo(tmp_path_factory.mktemp("children") / "site")
    return add_conferences(
        site, PARALLEL_THRESHOLD + 10, lambda n: f"## Phần {n}\n\nNội dung {n}, xem [năm](../year.md).\n"
    )


def fresh(cold_site: Path, tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(cold_site, site)
    return site


def build(site: Path, jobs: int):  # type: ignore[no-untyped-def]
    return build_site(BuildOptions(site, pdf=False, jobs=jobs))


def children() -> list[str]:
    """This process's living (or unreaped) children."""
    pid = os.getpid()
    return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="lists children through /proc (Linux)")
def test_the_children_write_the_caches_a_serial_build_writes(cold_site: Path, tmp_path: Path) -> None:
    serial, parallel = fresh(cold_site, tmp_path / "a"), fresh(cold_site, tmp_path / "b")
    before = children()
    build(serial, 1)
    build(parallel, 2)
    assert children() == before  # every child was waited for
    written = snapshot(parallel / ".cache/site-builder")
    caches = ("markup", "records-", "record-data-", "conferences-", "facts-")
    kept = {name for name in written if name.startswith(caches)}
    assert {"markup.json", "records-32.json"} <= kept and any(name.startswith("conferences-") for name in kept)
    serial_cache = snapshot(serial / ".cache/site-builder")
    assert {name: written[name] for name in kept} == {name: serial_cache[name] for name in kept}
    assert snapshot(parallel / "output") == snapshot(serial / "output")


def test_the_next_build_uses_what_the_children_wrote(cold_site: Path, tmp_path: Path) -> None:
    site = fresh(cold_site, tmp_path)
    first = build(site, 2)
    page = site / "content/years/2021/conferences/2021-03-01-hoi-nghi-0.md"
    page.write_text(page.read_text("utf-8").replace("Nội dung 0,", "Nội dung đã sửa,"), "utf-8")
    second = build(site, 2)
    assert 0 < second.rendered < first.pages
    assert "Nội dung đã sửa," in (site / "output/nam/2021/hoi-nghi-0/index.html").read_text("utf-8")


def test_a_child_that_fails_costs_only_speed(cold_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site, reference = fresh(cold_site, tmp_path / "a"), fresh(cold_site, tmp_path / "b")
    build(reference, 1)

    def broken(*_args: object) -> None:
        raise OSError("disk full")  # in the child: it reports the failure and ends

    monkeypatch.setattr(LoadStore, "save", broken)
    report = build(site, 2)
    assert not report.problems.errors
    assert not list((site / ".cache/site-builder").glob("conferences-*"))  # nothing half-written
    assert snapshot(site / "output") == snapshot(reference / "output")
    monkeypatch.undo()
    page = site / "content/years/2021/conferences/2021-03-01-hoi-nghi-0.md"
    page.write_text(page.read_text("utf-8").replace("Nội dung 0,", "Nội dung đã sửa,"), "utf-8")
    build(site, 2)  # the records are read again, the rest comes from the caches
    assert "Nội dung đã sửa," in (site / "output/nam/2021/hoi-nghi-0/index.html").read_text("utf-8")
    assert list((site / ".cache/site-builder").glob("conferences-*"))


def test_a_large_site_writes_them_itself(cold_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = fresh(cold_site, tmp_path)
    monkeypatch.setattr(build_cache, "BACKGROUND_BODIES", PARALLEL_THRESHOLD)  # "large": more bodies than this

    def in_child(*_args: object) -> None:
        pytest.fail("a child was forked to write the caches")

    monkeypatch.setattr(build_cache, "Forked", in_child)
    build(site, 2)
    assert (site / ".cache/site-builder/markup.json").is_file()
