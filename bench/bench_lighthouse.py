"""Lighthouse 12.2.3 (mobile) on four pages of the demo, served from 127.0.0.1 (issue 10, part C).

Builds a copy of the demo site (with the PDF), serves its output with a plain static
server (no compression, as the cheapest host would), and runs Lighthouse's mobile
profile (simulated slow 4G and a 4x slower CPU) on the home page, a conference,
chi-tieu/ and nguoi/, with Debian's Chromium.

    make bench-lighthouse                        # installs Lighthouse (npm ci in tools/node), runs this
    python bench/bench_lighthouse.py --no-write  # print only, leave docs/performance.md alone

Budgets: performance >= 95, accessibility, best practices and SEO 100 on every page.
The exit code is 1 when a page misses one.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_pdf import update_doc  # noqa: E402

from site_builder.build import BuildOptions, build_site  # noqa: E402
from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS, static_server  # noqa: E402
from tests.conftest import copy_demo  # noqa: E402

LIGHTHOUSE = REPO / "tools" / "node" / "node_modules" / "lighthouse" / "cli" / "index.js"
PAGES = {
    "home": "/",
    "a conference": "/nam/2023/bch-mo-rong-lan-thu-16/",
    "chi-tieu/": "/chi-tieu/",
    "nguoi/": "/nguoi/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
BUDGET = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
SECTION = "## Lighthouse (mobile)"
BEFORE = (
    "Before issue 10 the same pages scored 70–81 for performance (LCP 5.3–9.6 s): every page "
    "loaded three or four whole Liberation TTFs (1.2–1.6 MB). They now load WOFF2 subsets "
    "(Latin + Vietnamese, about 15 KB each, `font-display: swap`, the body font preloaded), and "
    "photos come as 480/800/1200 px WebP copies through `srcset`."
)


def lighthouse(url: str, out: Path) -> dict:
    flags = " ".join(arg.replace("--headless", "--headless=new") for arg in CHROMIUM_ARGS)
    command = [
        "node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}",
    ]  # fmt: skip
    subprocess.run(command, check=True, timeout=300, env={**os.environ, "CHROME_PATH": str(CHROMIUM)})
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    return {
        **{c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
        "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"] / 1000,
        "version": report["lighthouseVersion"],
        "chrome": report["environment"]["hostUserAgent"],
    }


def section(rows: dict[str, dict]) -> str:
    lines = [
        "| page | performance | accessibility | best practices | SEO | FCP s | LCP s | TBT ms | CLS | KB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in rows.items():
        lines.append(
            f"| {name} | {r['performance']} | {r['accessibility']} | {r['best-practices']} | {r['seo']} "
            f"| {r['fcp']:.1f} | {r['lcp']:.1f} | {r['tbt']:.0f} | {r['cls']:.3f} | {r['bytes']:.0f} |"
        )
    first = next(iter(rows.values()))
    chrome = re.search(r"(?:Headless)?Chrome/[\d.]+", first["chrome"])
    met = all(r[c] >= BUDGET[c] for r in rows.values() for c in CATEGORIES)
    return (
        f"{SECTION}\n\n"
        f"Measured by `make bench-lighthouse` (`python bench/bench_lighthouse.py`): Lighthouse {first['version']} "
        f"from npm (tools/node/package-lock.json), its default mobile profile (simulated slow 4G, 4× CPU "
        f"slowdown), with Debian's Chromium ({chrome.group(0) if chrome else 'Chromium'}) on the demo site "
        "built with its PDF and served by a plain static server on 127.0.0.1 (no compression). KB is the "
        "page's total transfer.\n\n" + "\n".join(lines) + "\n\n"
        f"Budget: performance ≥ 95, accessibility, best practices and SEO 100 on each page: "
        f"{'met' if met else 'NOT met'}.\n\n"
        f"{BEFORE}\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="do not touch docs/performance.md")
    args = parser.parse_args()
    if not LIGHTHOUSE.is_file():
        raise SystemExit("Lighthouse is not installed: cd tools/node && npm ci")
    with tempfile.TemporaryDirectory() as tmp:
        site = copy_demo(Path(tmp) / "site")
        build_site(BuildOptions(site, pdf=True, use_cache=False))
        with static_server(site / "output") as base:
            rows = {
                name: lighthouse(base + path, Path(tmp) / f"{i}.json") for i, (name, path) in enumerate(PAGES.items())
            }
    text = section(rows)
    print(text)
    if not args.no_write:
        update_doc(REPO / "docs" / "performance.md", text)
    return 0 if "NOT met" not in text else 1


if __name__ == "__main__":
    sys.exit(main())
