"""axe-core over every page of the demo, at desktop and phone width: zero violations.

axe-core comes from npm (tools/node/package-lock.json; `make test` runs `npm ci` when
it is missing). One Chromium and one tab per width: each page is loaded, axe is
injected and run with the WCAG 2.0/2.1 A and AA rules plus axe's best practices.
A failure lists rule, impact, page and the offending elements' selectors.
"""

from __future__ import annotations

import shutil

import pytest

from site_builder.build import BuildOptions, build_site
from tests.browser.helpers import AXE_JS, ROOT, chromium, needs_chromium, page_urls, static_server
from tests.conftest import copy_demo

pytestmark = [
    pytest.mark.browser,
    needs_chromium,
    pytest.mark.skipif(not AXE_JS.is_file(), reason="needs axe-core: cd tools/node && npm ci --omit=dev"),
]

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
# The demo's extra theme restyles every page the same way: its key pages are enough.
XANH_TRANG_PAGES = ["/", "/nhiem-ky/2015-2020/", "/nam/2023/bch-mo-rong-lan-thu-16/", "/chi-tieu/", "/khen-thuong/"]
RUN_AXE = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
  .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.join(' '))})))"""


def axe_violations(browser, base: str, paths: list[str], width: int, height: int) -> list[str]:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.add_init_script(path=str(AXE_JS))  # every navigation gets axe before the page's own scripts
    found = []
    try:
        for path in paths:
            page.goto(base + path, wait_until="load")
            for v in page.evaluate(RUN_AXE, TAGS):
                more = len(v["targets"]) - 5
                targets = ", ".join(v["targets"][:5]) + (f" (+{more})" if more > 0 else "")
                found.append(f"{width}px {path}: {v['id']} [{v['impact']}] {v['help']} -> {targets}")
    finally:
        context.close()
    return found


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_no_axe_violations_on_any_page(built_demo, width_name):
    paths = page_urls(built_demo)
    assert len(paths) > 20
    width, height = WIDTHS[width_name]
    with static_server(built_demo) as base, chromium() as browser:
        found = axe_violations(browser, base, paths, width, height)
    assert not found, "axe-core found:\n" + "\n".join(found)


@pytest.fixture(scope="module")
def built_xanh_trang(tmp_path_factory):
    """The demo built with its extra theme themes/xanh-trang (navy palette, one wrapped partial)."""
    site = copy_demo(tmp_path_factory.mktemp("xanh-trang") / "site")
    shutil.copytree(ROOT / "themes", site / "themes")
    site_yaml = site / "content/site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace("theme: default", "theme: xanh-trang"), "utf-8")
    report = build_site(BuildOptions(site, pdf=False, use_cache=False, jobs=1))
    assert not report.problems.errors
    return site / "output"


def test_no_axe_violations_with_the_extra_theme(built_xanh_trang):
    assert 'data-theme="xanh-trang"' in (built_xanh_trang / "index.html").read_text(encoding="utf-8")
    with static_server(built_xanh_trang) as base, chromium() as browser:
        found = [f for w, h in WIDTHS.values() for f in axe_violations(browser, base, XANH_TRANG_PAGES, w, h)]
    assert not found, "axe-core found:\n" + "\n".join(found)
