"""Size and speed of the site search on synthetic sites (bench/synthetic.py).

For each size N: write a site of N conferences, build it (--no-pdf), then report

  - the site's HTML bytes and the index scripts' bytes (the list and its parts), raw and gzip-compressed,
    against the budget (index <= 25 % of the HTML);
  - the time to make the index (records from the model + encoding), in Python;
  - in headless Chromium from file://: time until the results page shows results
    (index parsed and opened, query run, first 50 results drawn), the time to open
    the index, and each query's time (median of 5 runs, `siteSearch.search` only),
    against the budget (a query <= 50 ms at 10,000).

    python bench/bench_search.py                       # N = 1,000 and 10,000 (several minutes)
    python bench/bench_search.py --sizes 1000 --workdir /tmp/search-bench
    python bench/bench_search.py --minisearch /tmp/ms/node_modules/minisearch   # also MiniSearch's index size

With --minisearch, the same records are indexed by MiniSearch (npm, not a dependency of
site-builder) in Node with our fold as its term processor, for comparison.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote_plus

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from synthetic import generate  # noqa: E402

from site_builder.build import BuildOptions, build_site, load_site  # noqa: E402
from site_builder.formatting import format_date  # noqa: E402
from site_builder.pages.search import search_records  # noqa: E402
from site_builder.problems import Problems  # noqa: E402
from site_builder.render.search_index import encode_index  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
QUERIES = (
    "dang vien",
    "Đảng viên",
    "kết nạp đảng viên",
    "nguyen van",
    "Đông",
    "hoi nghi tong ket cong tac",
    "2023",
    "xyzzy",
)
SEARCH_JS = HERE.parent / "site_builder" / "themes" / "default" / "static" / "js" / "search.js"


def html_bytes(output: Path) -> int:
    return sum(p.stat().st_size for p in output.rglob("*.html"))


def index_seconds(site: Path) -> tuple[float, int]:
    """Seconds to make the index from a loaded site (best of 3), and the number of records."""
    loaded = load_site(site, Problems(), {}, 2)
    assert loaded is not None
    times = []
    for _ in range(3):
        started = time.perf_counter()
        records = search_records(loaded.model, loaded.bodies)
        encode_index(records, format_date)
        times.append(time.perf_counter() - started)
    return min(times), len(records)


def chromium_times(output: Path) -> dict:
    from playwright.sync_api import sync_playwright

    page_url = (output / "tim-kiem" / "index.html").as_uri()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(f"{page_url}?q={quote_plus('dang vien')}")
            page.wait_for_function("document.getElementById('search-status').textContent.startsWith('Tìm thấy')")
            first_results_ms = page.evaluate("performance.now()")
            open_ms = page.evaluate(
                "() => { const parts = window.siteSearchIndex.parts.map((p) => window.siteSearchParts[p[0]]);"
                " const t = performance.now(); window.__ix = siteSearch.open(window.siteSearchIndex, parts);"
                " return performance.now() - t; }"
            )
            queries = {}
            for query in QUERIES:
                runs = page.evaluate(
                    "q => Array.from({length: 5}, () => { const t = performance.now();"
                    " const r = siteSearch.search(window.__ix, q); return [performance.now() - t, r.length]; })",
                    query,
                )
                queries[query] = {"median_ms": statistics.median(r[0] for r in runs), "results": runs[0][1]}
        finally:
            browser.close()
    return {"first_results_ms": first_results_ms, "open_ms": open_ms, "queries": queries}


def minisearch_size(site: Path, package: Path, workdir: Path) -> dict:
    """MiniSearch 7 over the same records (title + text, our fold), serialised as JSON."""
    loaded = load_site(site, Problems(), {}, 2)
    assert loaded is not None
    records = [
        {"id": i, "title": r.title, "text": r.text} for i, r in enumerate(search_records(loaded.model, loaded.bodies))
    ]
    source = workdir / "records.json"
    source.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    script = f"""
      const MiniSearch = require({json.dumps(str(package / "dist" / "cjs" / "index.cjs"))});
      const s = require({json.dumps(str(SEARCH_JS))});
      const docs = JSON.parse(require('fs').readFileSync({json.dumps(str(source))}, 'utf8'));
      const options = {{ fields: ['title', 'text'], processTerm: t => s.fold(t) }};
      const ms = new MiniSearch(options); ms.addAll(docs);
      const json = JSON.stringify(ms);
      const t = process.hrtime.bigint(); MiniSearch.loadJSON(json, options);
      const loadMs = Number(process.hrtime.bigint() - t) / 1e6;
      process.stdout.write(JSON.stringify({{ raw: Buffer.byteLength(json), load_ms: loadMs }}));
      require('fs').writeFileSync({json.dumps(str(workdir / "minisearch.json"))}, json);
    """
    done = subprocess.run(
        ["node", "--max-old-space-size=8000", "-e", script], capture_output=True, text=True, check=True
    )
    result = json.loads(done.stdout)
    result["gzip"] = len(gzip.compress((workdir / "minisearch.json").read_bytes(), 6))
    return result


def bench_size(n: int, workdir: Path, minisearch: Path | None) -> dict:
    site = workdir / f"site-{n}"
    generate(site, n)
    build_site(BuildOptions(site, pdf=False, use_cache=False))
    output = site / "output"
    # the list and its parts, as one text for the gzip figure (each file is compressed alone on a server)
    index = b"".join(p.read_bytes() for p in sorted((output / "tim-kiem").glob("chi-muc*.js")))
    seconds, records = index_seconds(site)
    result = {
        "n": n,
        "records": records,
        "html_bytes": html_bytes(output),
        "index_bytes": len(index),
        "index_gzip": len(gzip.compress(index, 6)),
        "index_seconds": seconds,
        "chromium": chromium_times(output),
    }
    if minisearch is not None:
        result["minisearch"] = minisearch_size(site, minisearch, workdir)
    return result


def report(result: dict) -> None:
    html, raw, packed = result["html_bytes"], result["index_bytes"], result["index_gzip"]
    print(f"\nN = {result['n']:,} conferences, {result['records']:,} search records")
    print(
        f"  HTML {html / 1e6:.1f} MB; index {raw / 1e6:.2f} MB raw ({100 * raw / html:.1f} % of HTML), "
        f"{packed / 1e6:.2f} MB gzip; made in {result['index_seconds']:.2f} s"
    )
    chromium = result["chromium"]
    print(
        f"  Chromium: results shown {chromium['first_results_ms']:.0f} ms after navigation; "
        f"open {chromium['open_ms']:.0f} ms"
    )
    for query, q in chromium["queries"].items():
        print(f"    {query!r:32} {q['median_ms']:7.1f} ms  {q['results']:>6} results")
    if "minisearch" in result:
        ms = result["minisearch"]
        print(
            f"  MiniSearch: {ms['raw'] / 1e6:.2f} MB raw ({100 * ms['raw'] / html:.1f} % of HTML), "
            f"{ms['gzip'] / 1e6:.2f} MB gzip, loadJSON {ms['load_ms']:.0f} ms (Node); no text for snippets"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--minisearch", type=Path, help="path of an installed minisearch package, for comparison")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-search-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"load average {os.getloadavg()[0]:.1f}; work folder {workdir}")
    results = []
    try:
        for n in (int(s) for s in args.sizes.split(",")):
            results.append(bench_size(n, workdir, args.minisearch))
            report(results[-1])
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
