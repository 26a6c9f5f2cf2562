"""The HTTP side of `site-builder serve`: Tornado with livereload's script and websocket.

livereload 2.7.1 works with Tornado 6.6 and Python 3.11, but its `Server.serve`
polls every 800 ms, ignores changes within 3 s of a reload and cannot run a
callback per request. So we use its parts (the websocket handler speaking the
LiveReload protocol, livereload.js and the script injector) in an application
of our own: one event loop, our own 100 ms poll, a handler that shows the error
panel and renders the PDF on request, and the control panel's addresses under
/_sb/ (panel_routes.py). livereload keeps its state on classes, so run one
server per process (tests start it in a subprocess).
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import signal
import tempfile
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from livereload.server import LiveScriptInjector
from livereload.watcher import Watcher
from tornado import httpserver, netutil, web
from tornado.ioloop import PeriodicCallback

from site_builder.build import cache_file
from site_builder.catalogue import text
from site_builder.layout import SITE_YAML, SiteLayout
from site_builder.markup.cache import load_cache, save_cache
from site_builder.problems import Loc, Problems, SiteError
from site_builder.serve.console import Console
from site_builder.serve.guard import Guard, GuardMixin, is_loopback
from site_builder.serve.incremental import IncrementalBuilder
from site_builder.serve.panel import Panel, panel_snippet
from site_builder.serve.panel_routes import panel_routes
from site_builder.serve.preview import Preview
from site_builder.serve.static import ConfinedStaticHandler
from site_builder.sources.language import site_language
from site_builder.sources.location import site_above, way_up

# livereload's own snippet: loads livereload.js from the host and port the page came from.
LIVE_SCRIPT = (
    b'<script type="text/javascript">(function(){var s=document.createElement("script");'
    b"var port=(window.location.port || (window.location.protocol == 'https:' ? 443: 80));"
    b's.src="//"+window.location.hostname+":"+port+ "/livereload.js?port=" + port;'
    b"document.head.appendChild(s);})();</script>"
)


@dataclass(frozen=True)
class ServeOptions:
    site_root: Path
    host: str = "127.0.0.1"
    port: int = 8000
    open_browser: bool = False
    pdf: bool = True
    poll_ms: int = 100


class PreviewHandler(ConfinedStaticHandler):
    """Files from the preview folder, the error panel instead of pages while content is broken."""

    # override: Tornado hands a route's keyword arguments to initialize(), declared without any.
    def initialize(self, preview: Preview) -> None:  # type: ignore[override]
        super().initialize(path=str(preview.builder.out_dir), default_filename="index.html")
        self.preview = preview

    async def get(self, path: str, include_body: bool = True) -> None:
        special = self.preview.intercept(path)
        if special is None:
            await super().get(path, include_body)
            return
        status, body = special
        self.set_status(status)
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        if include_body:
            self.write(body)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Missing addresses get the site's own 404 page (with the live-reload script)."""
        page = Path(self.root) / "404.html"
        if status_code != 404 or not page.is_file():
            super().write_error(status_code, **kwargs)
            return
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.finish(page.read_bytes())


class _Injector(LiveScriptInjector):
    """livereload's script, and the control panel for this machine's own browser, in every page;
    nothing in the panel's own pages (/_sb/, the published output as built)."""

    panel: bytes = b""  # the control panel's snippet, set by make_app on a subclass

    def __init__(self, request: Any):
        super().__init__(request)
        if request.path.startswith("/_sb/"):
            self.script = b""
        else:
            self.script = LIVE_SCRIPT + (self.panel if is_loopback(request.remote_ip or "") else b"")


class _LiveReload(GuardMixin, LiveReloadHandler):
    """livereload's websocket, which accepts any origin by itself: Host and Origin checked."""

    def check_origin(self, origin: str) -> bool:
        guard: Guard = self.settings["guard"]
        return guard.origin_ok(origin, self.request.host)


class _LiveReloadJS(GuardMixin, LiveReloadJSHandler):
    pass


def make_app(preview: Preview, guard: Guard, panel: Panel) -> web.Application:
    LiveReloadHandler.watcher = Watcher()  # read by reload_waiters' log line only
    LiveReloadHandler.live_css = True
    handlers: list[Any] = [
        (r"/livereload", _LiveReload),
        (r"/livereload.js", _LiveReloadJS),
        *panel_routes(panel),
        (r"/(.*)", PreviewHandler, {"preview": preview}),
    ]
    snippet = panel_snippet(guard.token, panel.lang)

    class Injector(_Injector):  # Tornado makes a transform per request from its class alone
        panel = snippet

    return web.Application(handlers, transforms=[Injector], log_function=lambda _handler: None, guard=guard)


def _tick(preview: Preview) -> None:
    preview.tick()  # its outcome is for tests; the loop wants nothing back


def notify_browsers(path: str) -> None:
    LiveReloadHandler.reload_waiters(path)


def serve_site(options: ServeOptions, say: Callable[[str], None]) -> None:
    """Serve until Ctrl-C (or SIGTERM); the preview folder is removed on the way out."""
    root = options.site_root.resolve()
    lang = site_language(root)
    if not SiteLayout(root).content.is_dir():
        problems = Problems()
        site = site_above(root)
        if site is not None:
            problems.error("site.inside-content", Loc(SITE_YAML), cd=way_up(root, site))
        else:
            problems.error("site.missing", Loc(SITE_YAML))
        raise SiteError(problems)
    if not is_loopback(options.host):
        say(text("serve.public", lang, host=options.host))
    out_dir = Path(tempfile.mkdtemp(prefix="site-builder-serve-"))
    cache = load_cache(cache_file(root))
    try:
        asyncio.run(_serve(options, root, out_dir, cache, Console(say, lang)))
    except KeyboardInterrupt:
        pass
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)
        save_cache(cache_file(root), cache)
    say(text("serve.stopped", lang))


async def _serve(options: ServeOptions, root: Path, out_dir: Path, cache: dict[str, str], console: Console) -> None:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    _on_stop_signals(loop, stop.set)
    sockets = netutil.bind_sockets(options.port, address=options.host)  # fails fast if taken
    builder = IncrementalBuilder(root, out_dir, options.pdf, cache)
    preview = Preview(builder, console, notify_browsers)
    console.say(text("serve.starting", console.lang))
    preview.start()
    port = sockets[0].getsockname()[1]
    guard = Guard(port, bound_host=options.host, log=console.say, lang=console.lang)
    panel = Panel(preview, console.lang)
    server = httpserver.HTTPServer(make_app(preview, guard, panel))
    server.add_sockets(sockets)
    ticker = PeriodicCallback(lambda: _tick(preview), options.poll_ms)
    ticker.start()
    url = _display_url(options.host, port)
    console.say(text("serve.ready", console.lang, url=url))
    if options.open_browser:
        loop.call_later(0.2, webbrowser.open, url)
    try:
        await stop.wait()
    finally:
        ticker.stop()
        server.stop()
        await panel.runner.close()


def _display_url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def _on_stop_signals(loop: asyncio.AbstractEventLoop, stop: Callable[[], None]) -> None:
    """SIGTERM stops the server; so does SIGINT when it was ignored at start-up, and SIGHUP.

    A shell starts background jobs with SIGINT ignored, and Python then installs no
    KeyboardInterrupt handler: without this, `kill -INT` (or Ctrl-C reaching a server
    started with `&`) would be ignored. Otherwise Ctrl-C keeps Python's own handling,
    which also interrupts the first build. SIGHUP comes when the terminal window of a
    launcher (Xem-truoc) is closed: the preview then stops cleanly too (unless run under
    nohup, which ignores it).
    """
    wanted = [signal.SIGTERM]
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        wanted.append(signal.SIGINT)
    hangup = getattr(signal, "SIGHUP", None)
    if hangup is not None and signal.getsignal(hangup) != signal.SIG_IGN:
        wanted.append(hangup)
    with contextlib.suppress(NotImplementedError, RuntimeError):  # Windows: Ctrl-C only
        for signum in wanted:
            loop.add_signal_handler(signum, stop)
