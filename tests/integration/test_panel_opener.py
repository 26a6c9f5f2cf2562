"""The control panel in this process: a recorder stands in for the file manager, and a second
address of this machine stands in for another computer on the network.

The preview's application (serve/server.py: make_app) runs on a free port in a thread; the
Panel gets its opener as a parameter, so nothing here opens a real window.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from tornado import netutil

from site_builder.catalogue import text
from site_builder.serve.console import Console
from site_builder.serve.guard import TOKEN_HEADER, Guard
from site_builder.serve.incremental import IncrementalBuilder
from site_builder.serve.jobs import Job
from site_builder.serve.panel import PDF_TEMP, Panel
from site_builder.serve.preview import Preview
from site_builder.serve.server import make_app
from tests.conftest import site_with
from tests.serving import served


def other_address() -> str | None:
    """An address of this machine that is not loopback (the route to a documentation address)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
        except OSError:
            return None
        address = probe.getsockname()[0]
    return None if address.startswith("127.") or address == "0.0.0.0" else address


@contextlib.contextmanager
def running(site: Path, tmp: Path, opener, bind: str = "127.0.0.1") -> Iterator[tuple[int, Panel, Guard, list[str]]]:
    said: list[str] = []
    builder = IncrementalBuilder(site, tmp / "preview", pdf=False, cache={})
    preview = Preview(builder, Console(said.append), lambda _path: None)
    assert preview.start().ok
    sockets = netutil.bind_sockets(0, bind)
    port = sockets[0].getsockname()[1]
    guard, panel = Guard(port, bound_host=bind), Panel(preview, "vi", opener=opener)
    with served(make_app(preview, guard, panel), sockets):
        yield port, panel, guard, said


def press(port: int, guard: Guard, action: str, address: str = "127.0.0.1") -> tuple[int, str]:
    own = f"{address}:{port}"
    with contextlib.closing(socket.create_connection((address, port), timeout=10)):
        pass  # reachable on that address
    return ask_at(address, port, f"/_sb/{action}", own, **{TOKEN_HEADER: guard.token, "Origin": f"http://{own}"})


def ask_at(address: str, port: int, path: str, host: str, method: str = "POST", **headers: str) -> tuple[int, str]:
    import http.client

    connection = http.client.HTTPConnection(address, port, timeout=10)
    try:
        sent = {"Host": host, **headers}
        connection.request(method, path, body="" if method == "POST" else None, headers=sent)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8")
    finally:
        connection.close()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return site_with(tmp_path, {})


def test_open_output_opens_the_sites_own_output_folder_and_nothing_else(site, tmp_path):
    opened: list[Path] = []
    with running(site, tmp_path, opened.append) as (port, _panel, guard, _said):
        status, body = press(port, guard, "open-output")
        assert status == 409 and text("panel.output-missing", folder=site / "output") in body
        (site / "output").mkdir()
        status, body = press(port, guard, "open-output")
        assert status == 200 and text("panel.output-opened", folder=site / "output") in body
        assert opened == [site / "output"]
        (site / "output").rmdir()
        (site / "output").symlink_to(tmp_path)
        assert press(port, guard, "open-output")[0] == 409
        assert opened == [site / "output"]  # a link to elsewhere is never opened


def test_a_file_manager_that_cannot_start_is_said_in_words(site, tmp_path):
    def broken(_folder: Path) -> None:
        raise FileNotFoundError(2, "No such file or directory", "xdg-open")

    (site / "output").mkdir()
    with running(site, tmp_path, broken) as (port, _panel, guard, _said):
        status, body = press(port, guard, "open-output")
    assert status == 500 and "Không mở được trình quản lý tệp (No such file or directory)" in body


def test_another_computer_gets_no_panel_and_no_action_even_with_the_token(site, tmp_path):
    address = other_address()
    if address is None:
        pytest.skip("this machine has no address besides loopback")
    opened: list[Path] = []
    (site / "output").mkdir()
    with running(site, tmp_path, opened.append, bind="0.0.0.0") as (port, _panel, guard, _said):
        page = ask_at(address, port, "/", f"{address}:{port}", "GET")[1]
        assert "livereload" in page and "sb-panel-data" not in page and guard.token not in page
        assert "sb-panel-data" in ask_at("127.0.0.1", port, "/", f"127.0.0.1:{port}", "GET")[1]
        assert press(port, guard, "open-output", address)[0] == 403
        assert press(port, guard, "open-output")[0] == 200
    assert opened == [site / "output"]


def test_finished_pdfs_get_their_bare_names_in_the_panels_folder_only(site, tmp_path):
    with running(site, tmp_path, print) as (_port, panel, _guard, _said):
        folder = panel.pdf_folder
        temp = folder / PDF_TEMP
        for out_path in ("", "ky-yeu.txt", "..", "missing.pdf"):
            temp.mkdir(parents=True, exist_ok=True)
            (temp / "ky-yeu.txt").write_bytes(b"%PDF-1.7")
            result = {"ok": True, "summary": "", "out_paths": [out_path]}
            job = panel.finish(Job(1, "pdf", running=False, result=result))
            assert "links" not in job.result and list(folder.iterdir()) == []  # the worker's folder is gone too
        temp.mkdir()
        for name in ("ky-yeu.pdf", "ky-yeu-nam-2021.pdf"):
            (temp / name).write_bytes(b"%PDF-1.7")
        paths = ["../../ky-yeu.pdf", "ky-yeu-nam-2021.pdf"]
        done = Job(2, "pdf", running=False, result={"ok": True, "summary": "", "out_paths": paths})
        hrefs = [link["href"] for link in panel.finish(done).result["links"]]
        assert hrefs == ["/_sb/pdf/ky-yeu.pdf", "/_sb/pdf/ky-yeu-nam-2021.pdf"]
        assert sorted(p.name for p in folder.iterdir()) == ["ky-yeu-nam-2021.pdf", "ky-yeu.pdf"]
        assert not (tmp_path / "ky-yeu.pdf").exists()
        assert panel.finish(replace(done, kind="check")) == replace(done, kind="check")
