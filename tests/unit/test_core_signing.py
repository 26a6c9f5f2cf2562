"""A render of every page with workers (a cold build) signs its pages in a forked child beside the
render (output/core.py `_select`): the same signatures as signed here, and a child that fails
costs only the time to sign them here."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from site_builder.build import load_site
from site_builder.output import core
from site_builder.output.core import render_site
from site_builder.output.request import RenderRequest
from site_builder.problems import Problems
from site_builder.render.html_pages import PARALLEL_PAGES
from tests.conftest import add_conferences, copy_demo, formatted


@pytest.fixture(scope="module")
def many_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = copy_demo(tmp_path_factory.mktemp("signing") / "site")
    return add_conferences(site, PARALLEL_PAGES + 10, lambda n: f"Nội dung {n}.\n")


def render(site: Path, jobs: int):  # type: ignore[no-untyped-def]
    problems = Problems()
    loaded = load_site(site, problems)
    assert loaded is not None and not problems.errors, formatted(problems)
    return render_site(loaded, RenderRequest(site, pdf=False, key="k", search=False, jobs=jobs), Problems())


def signed_where(monkeypatch: pytest.MonkeyPatch, log: Path, fail_in_child: bool = False) -> None:
    """Record in `log` the process that signs (a child's memory is its own: a file tells)."""
    sign, parent = core.page_signatures, os.getpid()

    def recorded(*args, **kwargs):  # type: ignore[no-untyped-def]
        with log.open("a") as stream:
            stream.write(f"{os.getpid()}\n")
        if fail_in_child and os.getpid() != parent:
            raise MemoryError("the child ran out")
        return sign(*args, **kwargs)

    monkeypatch.setattr(core, "page_signatures", recorded)


def test_a_cold_render_with_workers_signs_in_a_child_the_same_signatures(
    many_pages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = render(many_pages, 1)
    log = tmp_path / "signed"
    signed_where(monkeypatch, log)
    parallel = render(many_pages, 2)
    assert len(parallel.state.pages) > PARALLEL_PAGES and parallel.state.pages == serial.state.pages
    assert [int(pid) for pid in log.read_text().split()] != [os.getpid()]  # one child signed
    assert len(log.read_text().split()) == 1
    assert {f.out_path: f for f in parallel.files} == {f.out_path: f for f in serial.files}


def test_a_signing_child_that_fails_costs_only_time(
    many_pages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = render(many_pages, 1)
    log = tmp_path / "signed"
    signed_where(monkeypatch, log, fail_in_child=True)
    parallel = render(many_pages, 2)
    signers = [int(pid) for pid in log.read_text().split()]
    assert len(signers) == 2 and signers[0] != os.getpid() and signers[1] == os.getpid()
    assert parallel.state.pages == serial.state.pages
