"""Shared pieces of the Chromium tests: Debian's browser, its flags, a static server.

Playwright drives /usr/bin/chromium (its own browser download cannot work here);
pages are served over HTTP from 127.0.0.1 so fonts, images and scripts load as
they would from a real web server.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NODE_MODULES = ROOT / "tools" / "node" / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"

needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def static_server(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 (a free port) for the duration; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """One headless Chromium (Playwright's Browser) for a whole test module."""
    reason = "needs the playwright package (pip install -e .[test])"
    sync_api = pytest.importorskip("playwright.sync_api", reason=reason)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def page_urls(output: Path) -> list[str]:
    """Every HTML page of a built site as a URL path ("/", "/nam/2019/", "/404.html")."""
    paths = []
    for page in sorted(output.rglob("*.html")):
        rel = page.relative_to(output).as_posix()
        paths.append("/" + (rel.removesuffix("index.html") if rel.endswith("index.html") else rel))
    return paths
