"""Keyboard use of the demo in Chromium: skip link, visible focus, the phone menu (with and
without JavaScript), and no request of the site failing (favicon included)."""

from __future__ import annotations

import pytest

from tests.browser.helpers import chromium, needs_chromium, static_server

pytestmark = [pytest.mark.browser, needs_chromium]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
FOCUSED = """() => { const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
  return {tag: e.tagName, cls: e.className, text: (e.textContent || '').trim().slice(0, 40),
          outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow,
          visible: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth}; }"""


@pytest.fixture(scope="module")
def site(built_demo):
    with static_server(built_demo) as base, chromium() as browser:
        yield base, browser


def open_page(site, path: str, viewport: dict, javascript: bool = True):
    base, browser = site
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(base + path)
    return context, page


def test_first_tab_shows_the_skip_link_and_it_leads_to_the_main_content(site):
    context, page = open_page(site, "/nhiem-ky/2015-2020/", DESKTOP)
    try:
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        assert focused["cls"] == "skip-link" and focused["visible"], focused
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#noi_dung"
        page.keyboard.press("Tab")  # the next stop is inside the main content, not the menu
        assert page.evaluate("document.querySelector('main').contains(document.activeElement)")
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/", "/nhiem-ky/2015-2020/", "/nam/2023/bch-mo-rong-lan-thu-16/", "/khen-thuong/"])
def test_every_tab_stop_has_a_visible_focus_outline(site, path):
    context, page = open_page(site, path, DESKTOP)
    try:
        stops = 0
        for _ in range(400):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUSED)
            if focused["tag"] == "BODY":
                break
            stops += 1
            shown = (focused["outline"] != "none" and focused["width"] >= 2) or focused["shadow"] != "none"
            assert shown and focused["visible"], (path, focused)
        assert stops > 10
    finally:
        context.close()


def test_phone_menu_opens_and_closes_from_the_keyboard(site):
    context, page = open_page(site, "/nam/", PHONE)
    try:
        button = page.locator("button.nav-toggle")
        first_link = page.locator("#site-nav-list a").first
        assert button.is_visible() and not first_link.is_visible()
        button.focus()
        page.keyboard.press("Enter")
        assert button.get_attribute("aria-expanded") == "true" and first_link.is_visible()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('#site-nav-list') !== null")
        page.keyboard.press("Escape")
        assert button.get_attribute("aria-expanded") == "false" and not first_link.is_visible()
        assert page.evaluate("document.activeElement.classList.contains('nav-toggle')")
        page.keyboard.press("Space")
        assert first_link.is_visible()
    finally:
        context.close()


@pytest.mark.parametrize(("viewport", "javascript"), [(PHONE, False), (DESKTOP, True), (DESKTOP, False)])
def test_menu_is_open_where_no_button_is_needed(site, viewport, javascript):
    """Without JavaScript (phone) and at desktop width the links show and the button does not."""
    context, page = open_page(site, "/nam/", viewport, javascript)
    try:
        assert not page.locator("button.nav-toggle").is_visible()
        links = page.locator("#site-nav-list a")
        assert links.count() >= 7 and all(links.nth(i).is_visible() for i in range(links.count()))
    finally:
        context.close()


def test_no_request_fails_on_the_home_page(site):
    base, browser = site
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    failed = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))
    try:
        page.goto(base + "/", wait_until="networkidle")
        icon = page.evaluate("document.querySelector('link[rel=icon]').href")
        assert icon.endswith(".svg")
    finally:
        context.close()
    assert not failed, failed
