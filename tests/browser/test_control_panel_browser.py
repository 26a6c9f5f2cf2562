"""The control panel in headless Chromium, as staff use it: one preview, every button.

Opens the preview of a small site, opens the panel with the keyboard, runs axe over the page
with the panel open, clicks **Kiểm tra**, **Tạo kỷ yếu PDF** (progress shown, then a link to
a real PDF, read with pypdf), **Xuất bản** (output/ holds the build, its link opens it), then
breaks a record and clicks **Kiểm tra** on the error page to see file:line:col and the line.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.browser.helpers import AXE_JS, chromium, needs_chromium
from tests.browser.test_axe import RUN_AXE, TAGS
from tests.browser.test_live_reload import CONNECTED_FLAG
from tests.conftest import site_with
from tests.integration.test_panel import CONFERENCE, FILES
from tests.integration.test_serve import ServerProcess

pytestmark = [pytest.mark.browser, needs_chromium]

WAIT = 120_000  # ms: a PDF or a build on a busy CI machine


def expect():
    return pytest.importorskip("playwright.sync_api").expect


def test_every_button_of_the_panel(tmp_path: Path) -> None:
    site = site_with(tmp_path, FILES)
    server = ServerProcess(site, tmp_path)
    try:
        with chromium() as browser:
            page = browser.new_page()
            page.add_init_script(CONNECTED_FLAG)
            if AXE_JS.is_file():
                page.add_init_script(path=str(AXE_JS))
            page.goto(f"{server.base}/")
            open_with_the_keyboard(page)
            check_and_axe(page)
            make_the_pdf(page, server)
            publish(page, site)
            page.goto(f"{server.base}/")
            page.wait_for_function("window.__liveReloadConnected === true", timeout=WAIT)  # or a save goes unseen
            check_a_broken_record(page, site, server)
    finally:
        assert server.stop() == 0
    assert "Traceback" not in server.output()


def open_with_the_keyboard(page) -> None:
    toggle = page.get_by_role("button", name="Bảng điều khiển", exact=True)
    toggle.focus()
    page.keyboard.press("Enter")
    expect()(toggle).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")  # closes, and the focus goes back to the toggle
    expect()(toggle).to_have_attribute("aria-expanded", "false")
    expect()(toggle).to_be_focused()
    page.keyboard.press("Enter")
    expect()(page.get_by_role("button", name="Kiểm tra")).to_be_visible()


def check_and_axe(page) -> None:
    page.get_by_role("button", name="Kiểm tra").click()
    panel = page.get_by_role("complementary", name="Bảng điều khiển xem trước")
    expect()(panel.get_by_text("Nội dung hợp lệ (0 lỗi")).to_be_visible(timeout=WAIT)
    expect()(panel.get_by_role("heading", name="Trước khi in")).to_be_visible()
    if AXE_JS.is_file():  # the panel, open and showing a result, adds no violation to the page
        violations = page.evaluate(RUN_AXE, TAGS)
        assert violations == [], violations


def make_the_pdf(page, server: ServerProcess) -> None:
    page.get_by_role("button", name="Tạo kỷ yếu PDF").click()
    expect()(page.get_by_role("status")).to_contain_text("Đang tạo kỷ yếu PDF")  # progress while it renders
    expect()(page.get_by_role("progressbar")).to_be_visible()
    link = page.get_by_role("link", name=re.compile(r"Mở kỷ yếu PDF"))
    expect()(link).to_be_visible(timeout=WAIT)
    expect()(page.get_by_role("list", name="Tiến độ")).to_contain_text("đang dựng kỷ yếu PDF")
    response = page.request.get(server.base + link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    assert len(reader.pages) > 1 and "Hội nghị tổng kết" in "".join(p.extract_text() for p in reader.pages)


def publish(page, site: Path) -> None:
    page.get_by_role("button", name="Xuất bản").click()
    expect()(page.get_by_role("status")).to_contain_text("Xong:", timeout=WAIT)
    assert (site / "output" / "index.html").is_file() and list((site / "output").glob("*.pdf"))
    page.get_by_role("link", name="Mở trang web đã xuất bản").click()
    expect()(page).to_have_url(re.compile(r"/_sb/output/$"))
    expect()(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.locator("sb-panel").count() == 0  # the published site, as built


def check_a_broken_record(page, site: Path, server: ServerProcess) -> None:
    path = site / CONFERENCE
    path.write_text(path.read_text(encoding="utf-8").replace("2021-01-14", "2021-02-30"), encoding="utf-8")
    expect()(page.get_by_text("Nội dung có lỗi: trang chưa được dựng lại")).to_be_visible(timeout=WAIT)  # reloaded
    page.get_by_role("button", name="Kiểm tra").click()  # the panel stayed open across the reload
    problem = page.get_by_text(f"{CONFERENCE}:3:7")
    expect()(problem).to_be_visible(timeout=WAIT)
    problem.click()  # shows the lines of the file, the wrong one marked
    expect()(page.locator("sb-panel .mark")).to_have_text(re.compile(r"3 │ date: 2021-02-30"))
