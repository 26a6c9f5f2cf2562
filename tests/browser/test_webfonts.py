"""The screen site's WOFF2 subsets render all of Vietnamese with no fallback font.

A system "Liberation Serif" would hide a broken subset, so the first test loads each
subset under a family name no system has and asks Chromium (CSS.getPlatformFontsForNode)
which fonts drew the text. The second checks the built pages: only web fonts draw the
body and the headings, and no page loads a TTF (those are for the PDF only).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from tests.browser.helpers import ROOT, chromium, needs_chromium, static_server

pytestmark = [pytest.mark.browser, needs_chromium]

WEB_FONTS = ROOT / "site_builder/themes/default/static/fonts/web"
VIETNAMESE = "".join(chr(c) for c in range(0x1EA0, 0x1EFA)) + "ĂăÂâĐđÊêÔôƠơƯưĨĩŨũÀÁÃÈÉÌÍÒÓÕÙÚÝàáãèéìíòóõùúý"
SAMPLE = f"Đảng bộ Khối “trong sạch, vững mạnh” – 3.281 đảng viên, 101,3% … −0,12 điểm % {VIETNAMESE}"


def platform_fonts(page, selector: str) -> list[dict]:
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]


FACES = sorted(p.stem for p in WEB_FONTS.glob("*.woff2"))


def probe_page(folder: Path, faces: list[str]) -> None:
    """One paragraph per subset, NFC and NFD, each in a family no system font has."""
    rules, paragraphs = [], []
    for i, face in enumerate(faces):
        (folder / f"{face}.woff2").write_bytes((WEB_FONTS / f"{face}.woff2").read_bytes())
        style = (
            f"font-weight: {700 if 'Bold' in face else 400}; font-style: {'italic' if 'Italic' in face else 'normal'}"
        )
        rules.append(
            f'@font-face {{ font-family: "SB Probe {i}"; src: url("{face}.woff2") format("woff2"); {style}; }}'
        )
        rules.append(f'.f{i} {{ font-family: "SB Probe {i}"; {style}; }}')
        for form in ("NFC", "NFD"):
            paragraphs.append(f'<p id="{face}-{form}" class="f{i}">{unicodedata.normalize(form, SAMPLE)}</p>')
    style, body = "\n".join(rules), "\n".join(paragraphs)
    head = f'<meta charset="utf-8"><style>{style}</style>'
    html = f'<!DOCTYPE html><html lang="vi"><head>{head}</head><body>{body}</body></html>'
    (folder / "index.html").write_text(html, encoding="utf-8")


def test_each_subset_draws_every_vietnamese_letter_itself(tmp_path: Path):
    assert len(FACES) == 6
    probe_page(tmp_path, FACES)
    with static_server(tmp_path) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base + "/")
        page.evaluate("document.fonts.ready")
        for face in FACES:
            for form in ("NFC", "NFD"):
                fonts = platform_fonts(page, f"#{face}-{form}")
                used = [(f["familyName"], f["isCustomFont"]) for f in fonts]
                assert used == [(face_family(face), True)], (face, form, fonts)


def face_family(face: str) -> str:
    return "Liberation Serif" if face.startswith("LiberationSerif") else "Liberation Sans"


def test_pages_draw_text_only_in_the_web_fonts_and_load_no_ttf(built_demo):
    requested = []
    with static_server(built_demo) as base, chromium() as browser:
        page = browser.new_page()
        page.on("request", lambda r: requested.append(r.url))
        page.goto(base + "/nhiem-ky/2015-2020/", wait_until="networkidle")
        page.evaluate("document.fonts.ready")
        for selector, family in (
            (".prose p", "Liberation Serif"),
            ("h1", "Liberation Sans"),
            (".stat__label", "Liberation Sans"),
        ):
            fonts = platform_fonts(page, selector)
            assert fonts and all(f["isCustomFont"] and f["familyName"] == family for f in fonts), (selector, fonts)
        preloaded = page.evaluate("document.querySelector('link[rel=preload][as=font]').href")
    assert preloaded.endswith("LiberationSerif-Regular.woff2")
    assert any(u.endswith(".woff2") for u in requested)
    assert not [u for u in requested if u.endswith(".ttf")]
