"""End to end in headless Chromium: a page reloads itself when its record is saved.

Opens a conference page served by `site-builder serve`, edits the record's title
on disk, and waits for the new title to appear with no action in the browser.
Needs Debian's /usr/bin/chromium and the playwright package (`make test`
installs both when run as root).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_demo

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

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]

# Set before any page script runs: livereload.js fires this once its websocket is open.
CONNECTED_FLAG = "document.addEventListener('LiveReloadConnect', () => { window.__liveReloadConnected = true; });"


def start_server(site: Path, tmp: Path) -> tuple[subprocess.Popen, str, Path]:
    log = tmp / "serve.log"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUTF8": "1"}
    command = [sys.executable, "-m", "site_builder", "serve", "--site", str(site), "--port", "0", "--no-pdf"]
    with log.open("w") as handle:
        process = subprocess.Popen(command, stderr=handle, stdout=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for line in log.read_text(encoding="utf-8").splitlines():
            if "Xem trước tại http://" in line:
                return process, line.split("Xem trước tại ", 1)[1].split()[0].rstrip("/"), log
        assert process.poll() is None, log.read_text(encoding="utf-8")
        time.sleep(0.05)
    process.kill()
    raise AssertionError("the preview server did not start")


def body_text(page) -> str:
    try:
        return page.inner_text("body", timeout=1000)
    except Exception:  # noqa: BLE001 - the page is reloading right now
        return ""


def test_saved_record_appears_without_touching_the_browser(tmp_path: Path) -> None:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="needs the playwright package (pip install -e .[test])"
    )
    site = copy_demo(tmp_path / "site")
    record = sorted((site / "content" / "years").glob("*/conferences/*.md"))[-1]
    path = f"/nam/{record.name[:4]}/{record.stem[11:]}/"  # content/years/2024/conferences/2024-01-17-slug.md
    process, base, log = start_server(site, tmp_path)
    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
            try:
                page = browser.new_page()
                page.add_init_script(CONNECTED_FLAG)
                page.goto(base + path)
                page.wait_for_function("window.__liveReloadConnected === true", timeout=10_000)
                assert "Đã sửa trên đĩa" not in body_text(page)
                text = record.read_text(encoding="utf-8")
                record.write_text(text.replace('title: "', 'title: "Đã sửa trên đĩa: ', 1), encoding="utf-8")
                deadline = time.monotonic() + 15
                while "Đã sửa trên đĩa" not in body_text(page):
                    assert time.monotonic() < deadline, "the page did not reload by itself"
                    time.sleep(0.1)
            finally:
                browser.close()
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0, log.read_text(encoding="utf-8")
    assert "Traceback" not in log.read_text(encoding="utf-8")
