"""xem-truoc.sh, run as a file manager would: it starts the preview of its own site and opens the browser.

The browser is a stub (BROWSER, which Python's webbrowser module obeys) that writes the
address it was given; the test then fetches that page. No display: the script does not
look for a terminal window.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from site_builder.catalogue import text
from site_builder.scaffold import new_site

PROGRAM = Path(sys.executable).with_name("site-builder")
TITLE = "Kỷ yếu thử bộ khởi động"

pytestmark = pytest.mark.skipif(os.name != "posix", reason="a POSIX shell script")


def _as_from_a_terminal() -> None:
    # A double-clicked launcher gets the default SIGHUP action; a test run under nohup would
    # pass "ignore SIGHUP" down, and closing the window (SIGHUP) would then stop nothing.
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


def launch(script: Path, tmp: Path, path: str | None = None) -> tuple[subprocess.Popen, Path, Path]:
    opened, log = tmp / "opened.txt", tmp / "launcher.log"
    browser = f'{sys.executable} -c "import pathlib,sys; pathlib.Path(sys.argv[1]).write_text(sys.argv[2])" {opened} %s'
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(BROWSER=browser, PYTHONUTF8="1", TMPDIR=str(tmp))
    if path is not None:
        env["PATH"] = path
    with log.open("w") as handle:
        process = subprocess.Popen(
            [str(script)], stdin=subprocess.DEVNULL, stdout=handle, stderr=subprocess.STDOUT, env=env,
            start_new_session=True,  # its own process group: the test stops the script and the preview together
            preexec_fn=_as_from_a_terminal,
        )  # fmt: skip
    return process, opened, log


def group_gone(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return True
    return False


def wait_for(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.skipif(not PROGRAM.is_file(), reason="needs the installed site-builder command (make build)")
def test_the_sh_launcher_previews_its_own_folder_even_after_a_move(tmp_path: Path) -> None:
    made = tmp_path / "made here"
    new_site(made, title=TITLE, today=dt.date(2026, 3, 2), program=str(PROGRAM), platform="linux")
    site = made.rename(tmp_path / "Tài liệu của cán bộ")  # moved, with spaces and Vietnamese letters
    process, opened, log = launch(site / "xem-truoc.sh", tmp_path)
    try:
        wait_for(lambda: opened.exists() and opened.read_text())
        address = opened.read_text()
        with urllib.request.urlopen(address, timeout=10) as response:
            page = response.read().decode("utf-8")
        assert f"<title>Trang chủ · {TITLE}</title>" in page
    finally:
        os.killpg(process.pid, signal.SIGHUP)  # what closing the launcher's terminal window sends
        process.wait(timeout=20)
        wait_for(lambda: group_gone(process.pid), timeout=20)  # the preview too, after its clean stop
    said = log.read_text(encoding="utf-8")
    assert text("launcher.stop", "vi") in said and "Đã dừng xem trước." in said
    assert "Traceback" not in said and not any(tmp_path.glob("site-builder-serve-*"))


def test_without_site_builder_the_launcher_says_how_to_install_it(tmp_path: Path) -> None:
    site = tmp_path / "site"
    new_site(site, today=dt.date(2026, 3, 2), program=str(tmp_path / "gone" / "site-builder"), platform="linux")
    process, _, log = launch(site / "xem-truoc.sh", tmp_path, path="/usr/bin:/bin")
    assert process.wait(timeout=20) == 1
    assert text("launcher.missing", "vi") in log.read_text(encoding="utf-8")
