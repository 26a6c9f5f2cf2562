"""Round two, items 8 and 11: the preview server's Host, paths, actions and files.

The whole server runs as `site-builder serve` in a subprocess (livereload keeps state on classes);
the action guard is tested through a handler defined here, subclassing `ActionHandler`, in a real
Tornado application on a free port.
"""

from __future__ import annotations

import contextlib
import http.client
from collections.abc import Iterator

import pytest
from tornado import netutil, web

from site_builder.serve.guard import TOKEN_HEADER, ActionHandler, Guard
from site_builder.serve.panel_routes import OutputHandler, PanelPdf
from site_builder.serve.server import PreviewHandler
from site_builder.serve.static import ConfinedStaticHandler
from tests.hardening import cases
from tests.hardening.helpers import site_with
from tests.integration.test_serve import ServerProcess
from tests.serving import served

WEBSOCKET = {"Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13",
             "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}  # fmt: skip


def ask(port: int, path: str, method: str = "GET", host: str | None = None, **headers: str) -> tuple[int, str]:
    """One raw request to 127.0.0.1:port with any Host header (http.client sends ours as given)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        body = headers.pop("body", None)
        sent = {"Host": f"127.0.0.1:{port}" if host is None else host, **headers}
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace") if response.status != 101 else ""
    finally:
        connection.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[ServerProcess]:
    tmp = tmp_path_factory.mktemp("guarded")
    running = ServerProcess(site_with(tmp, {}), tmp, "--no-pdf")
    yield running
    running.stop()


@pytest.mark.parametrize("path", cases.INVALID_PREVIEW_PATHS)
def test_nul_and_control_bytes_in_an_address_are_400_with_one_log_line(server, path):
    before = server.output()
    status, _ = ask(server.port, path)
    assert status == 400
    server.wait_for(lambda line: "(400)" in line and line not in before)
    new = server.output()[len(before) :]
    assert len(new.strip().splitlines()) == 1 and "Traceback" not in new


@pytest.mark.parametrize("path", ["/", "/livereload.js", "/static/css/site.css", "/khong-co/"])
@pytest.mark.parametrize("host", cases.FOREIGN_HOSTS)
def test_a_request_naming_another_host_is_421(server, path, host):
    status, body = ask(server.port, path, host=host.format(port=server.port))
    assert status == 421 and "<html" not in body.lower()


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "[::1]:{port}", "LOCALHOST:{port}"])
def test_loopback_names_with_the_right_port_are_served(server, host):
    status, body = ask(server.port, "/", host=host.format(port=server.port))
    assert status == 200 and "/livereload.js?port=" in body


def test_the_live_reload_websocket_checks_host_and_origin(server):
    port, own = server.port, f"http://127.0.0.1:{server.port}"
    assert ask(port, "/livereload", Origin=own, **WEBSOCKET)[0] == 101
    assert ask(port, "/livereload", host=f"rebind.example:{port}", Origin=own, **WEBSOCKET)[0] == 421
    assert ask(port, "/livereload", Origin="http://evil.example", **WEBSOCKET)[0] == 403


def test_files_outside_the_preview_folder_are_never_served(server, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("BÍ MẬT", encoding="utf-8")
    (preview,) = server.tmpdir.glob("site-builder-serve-*")
    (preview / "lo-ra.txt").symlink_to(secret)
    for path in ["/lo-ra.txt", "/../secret.txt", "/%2e%2e/secret.txt", "/static/../../secret.txt"]:
        status, body = ask(server.port, path)
        assert status in (403, 404) and "BÍ MẬT" not in body


# --- the action guard, through a handler of our own -----------------------------


class Recorder(ActionHandler):
    """A control-panel action: records that it ran."""

    def post(self) -> None:
        self.settings["ran"].append(self.request.path)
        self.write("done")


@contextlib.contextmanager
def tornado_app(handlers: list) -> Iterator[tuple[int, Guard, list[str], list[str]]]:
    """A real Tornado application on a free loopback port, run in a thread."""
    sockets = netutil.bind_sockets(0, "127.0.0.1")
    port = sockets[0].getsockname()[1]
    logged: list[str] = []
    guard = Guard(port, log=logged.append)
    ran: list[str] = []
    app = web.Application(handlers, guard=guard, ran=ran, log_function=lambda _handler: None)
    with served(app, sockets):
        yield port, guard, ran, logged


def test_actions_need_post_the_token_and_a_same_origin_page():
    with tornado_app([(r"/hanh-dong", Recorder)]) as (port, guard, ran, logged):
        own = f"http://127.0.0.1:{port}"
        token = {TOKEN_HEADER: guard.token}
        assert ask(port, "/hanh-dong", "POST", body="", **token, Origin=own)[0] == 200
        assert ask(port, "/hanh-dong", "POST", body=f"token={guard.token}", Origin=own)[0] == 200
        assert len(ran) == 2
        refused = [
            ask(port, "/hanh-dong", "POST", body="", Origin=own),  # no token
            ask(port, "/hanh-dong", "POST", body="", **{TOKEN_HEADER: guard.token[:-1] + "x"}, Origin=own),
            ask(port, "/hanh-dong", "POST", body="", **token),  # no Origin (a form from a file, a script)
            ask(port, "/hanh-dong", "POST", body="", **token, Origin="http://evil.example"),
            ask(port, "/hanh-dong", "POST", body="", **token, Origin=f"http://127.0.0.1:{port + 1}"),
            ask(port, "/hanh-dong", "POST", body="", **token, Origin="null"),
        ]
        assert [status for status, _ in refused] == [403] * 6
        assert ask(port, "/hanh-dong", "GET", **token, Origin=own)[0] == 405
        rebound = ask(port, "/hanh-dong", "POST", host=f"evil.example:{port}", body="", **token, Origin=own)
        assert rebound[0] == 421
        assert len(ran) == 2 and len(logged) == 7


def test_each_run_has_its_own_long_token():
    first, second = Guard(8000), Guard(8000)
    assert first.token != second.token and len(first.token) >= 43
    assert first.token_ok(first.token) and not first.token_ok(second.token) and not first.token_ok("")


def test_beyond_loopback_only_ip_address_hosts_are_accepted():
    guard = Guard(8000, bound_host="0.0.0.0")
    assert guard.host_ok("192.168.1.20:8000") and guard.host_ok("127.0.0.1:8000")
    assert not guard.host_ok("intranet.example:8000") and not guard.host_ok("192.168.1.20:8001")
    assert not Guard(8000).host_ok("192.168.1.20:8000")


# --- files: one confined, no-cache handler for the preview, output/ and the panel's PDFs -------


def fetch(port: int, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": f"127.0.0.1:{port}", **headers})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_files_are_confined_never_cached_and_html_is_utf8(tmp_path):
    folder, secret = tmp_path / "thu-muc", tmp_path / "bi-mat.txt"
    folder.mkdir()
    (folder / "trang.html").write_text("<p>Đảng bộ</p>", encoding="utf-8")
    secret.write_text("BÍ MẬT", encoding="utf-8")
    (folder / "lo-ra.txt").symlink_to(secret)
    with tornado_app([(r"/f/(.*)", ConfinedStaticHandler, {"path": str(folder)})]) as (port, *_):
        status, headers, body = fetch(port, "/f/trang.html")
        assert (status, body.decode("utf-8")) == (200, "<p>Đảng bộ</p>")
        assert headers["Content-Type"] == "text/html; charset=UTF-8"
        assert headers["Cache-Control"] == "no-store"
        # The same file asked again with its tag is sent again: every build may change it.
        assert fetch(port, "/f/trang.html", **{"If-None-Match": headers["Etag"]})[0] == 200
        status, _, body = fetch(port, "/f/lo-ra.txt")
        assert status == 403 and "BÍ MẬT".encode() not in body


@pytest.mark.parametrize("handler", [PreviewHandler, OutputHandler, PanelPdf])
def test_every_file_handler_keeps_the_one_rule(handler):
    """Code review #11: the rule was written three times; each handler now inherits it."""
    assert issubclass(handler, ConfinedStaticHandler)
    for name in ("should_return_304", "get_content_type", "set_extra_headers"):
        assert getattr(handler, name) is getattr(ConfinedStaticHandler, name), name
