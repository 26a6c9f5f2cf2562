"""Search in headless Chromium, from file:// as on a USB copy: no server anywhere.

Builds the demo site and a small ranking site (tests/search_site.py) with --no-pdf,
opens tim-kiem/index.html?q=... straight from disk and reads the results as a
reader sees them. Needs Debian's /usr/bin/chromium and the playwright package.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import quote_plus

import pytest

from site_builder.build import BuildOptions, build_site, load_site
from site_builder.formatting import format_date
from site_builder.model.fold import search_fold, search_terms
from site_builder.pages.search import SearchRecord, search_records
from site_builder.problems import Problems
from site_builder.render.search_index import encode_index, encode_list, encode_part
from tests.browser.test_live_reload import CHROMIUM, CHROMIUM_ARGS
from tests.search_site import search_site
from tests.unit.test_catalogue import theme_catalogue
from tests.unit.test_search_fold import GOLDEN, GOLDEN_TERMS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="module")
def ranking_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = search_site(tmp_path_factory.mktemp("search-site"))
    build_site(BuildOptions(site, pdf=False, use_cache=False, jobs=1))
    return site / "output"


@pytest.fixture
def page(browser):
    context = browser.new_context()
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    yield opened
    context.close()
    assert not errors


def search(page, output: Path, query: str) -> list[dict]:
    page.goto(f"{(output / 'tim-kiem' / 'index.html').as_uri()}?q={quote_plus(query)}")
    return results(page)


def results(page) -> list[dict]:
    page.wait_for_function(
        "document.getElementById('search-status').textContent.startsWith('Tìm thấy') || "
        "document.getElementById('search-status').textContent.startsWith('Không')"
    )
    return page.eval_on_selector_all(
        ".search-result",
        """items => items.map(li => ({
            kind: li.querySelector('.search-result__kind').textContent,
            title: li.querySelector('.search-result__title').textContent,
            href: li.querySelector('a').getAttribute('href'),
            snippet: (li.querySelector('.search-result__snippet') || {textContent: ''}).textContent,
            marks: [...li.querySelectorAll('mark')].map(m => m.textContent),
        }))""",
    )


def test_chromium_folds_the_golden_table_like_python(page, built_demo: Path) -> None:
    page.goto((built_demo / "tim-kiem" / "index.html").as_uri())
    texts = [t for t, _ in GOLDEN] + [t for t, _ in GOLDEN_TERMS]
    folds, terms = page.evaluate("texts => [texts.map(siteSearch.fold), texts.map(siteSearch.terms)]", texts)
    assert folds == [search_fold(t) for t in texts]
    assert terms == [search_terms(t) for t in texts]


def test_dang_vien_finds_pages_with_dang_vien_and_marks_them(page, built_demo: Path) -> None:
    found = search(page, built_demo, "dang vien")
    assert len(found) >= 5
    status = page.text_content("#search-status")
    assert status == f"Tìm thấy {len(found)} kết quả cho «dang vien»."
    # the records with the phrase come first, the phrase marked as one; then those with both words apart
    with_phrase = [any(search_fold(m) == "dang vien" for m in r["marks"]) for r in found]
    assert sum(with_phrase) >= 5
    assert with_phrase == sorted(with_phrase, reverse=True)
    assert all(r["marks"] for r in found)
    assert page.input_value("#site-search-q") == "dang vien"


def test_dong_finds_lam_dong_first_and_the_link_opens_his_entry(page, built_demo: Path) -> None:
    found = search(page, built_demo, "dong")
    assert (found[0]["title"], found[0]["kind"]) == ("Lâm Đông", "Nhân vật")
    page.click(".search-result a")
    page.wait_for_url("**/nguoi/index.html#lam-dong")
    assert page.text_content("#lam-dong .person__name") == "Lâm Đông"


def test_query_with_marks_ranks_exact_words_first(page, ranking_output: Path) -> None:
    found = search(page, ranking_output, "Đông")
    titles = [r["title"] for r in found]
    assert titles[0] == "Lâm Đông"
    assert titles.index("Sơ kết 6 tháng đầu năm 2021") < titles.index("Chuyên đề về dòng đảng viên mới và việc kết nạp")
    so_ket = found[titles.index("Sơ kết 6 tháng đầu năm 2021")]
    assert so_ket["marks"] == ["Đông"]  # "đồng chí" in the same sentence is not marked
    # without marks, "dong" matches both spellings; the short title that is the name still leads
    assert search(page, ranking_output, "dong")[0]["title"] == "Lâm Đông"


def test_phrase_ranks_before_the_same_words_apart(page, ranking_output: Path) -> None:
    found = search(page, ranking_output, "kết nạp đảng viên")
    titles = [r["title"] for r in found]
    phrase, apart = "Sơ kết 6 tháng đầu năm 2021", "Chuyên đề về dòng đảng viên mới và việc kết nạp"
    assert phrase in titles and apart in titles
    assert titles.index(phrase) < titles.index(apart)
    assert "kết nạp đảng viên" in found[titles.index(phrase)]["marks"]


def test_result_link_opens_the_conference_page(page, ranking_output: Path) -> None:
    found = search(page, ranking_output, "dòng chảy lao động")
    assert found[0]["title"] == "Chuyên đề về dòng đảng viên mới và việc kết nạp"
    assert found[0]["kind"] == theme_catalogue("vi").get("kind.chuyen-de")
    page.click(".search-result a")
    page.wait_for_url("**/nam/2021/chuyen-de/index.html")
    assert page.text_content("h1") == found[0]["title"]


def test_nothing_found_says_so(page, ranking_output: Path) -> None:
    assert search(page, ranking_output, "xyzzy") == []
    assert page.text_content("#search-status").startswith("Không tìm thấy kết quả nào cho «xyzzy»")


def test_header_box_submits_to_the_results_page_from_disk(page, built_demo: Path) -> None:
    page.goto((built_demo / "nam" / "index.html").as_uri())
    page.fill("#site-search-q", "Lâm Đông")
    page.press("#site-search-q", "Enter")
    page.wait_for_url("**/tim-kiem/index.html?q=*")
    assert results(page)[0]["title"] == "Lâm Đông"


def test_results_page_without_javascript_shows_a_plain_message(browser, built_demo: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{(built_demo / 'tim-kiem' / 'index.html').as_uri()}?q=dang")
        assert page.text_content("#search-status") == theme_catalogue("vi").get("search.needs-js")
        assert page.eval_on_selector_all(".search-result", "items => items.length") == 0
    finally:
        context.close()


def _with_index(output: Path, folder: Path, scripts: dict[str, str]) -> Path:
    """A copy of the site `output` whose search index is `scripts` (out path -> script)."""
    shutil.copytree(output, folder)
    for old in (folder / "tim-kiem").glob("chi-muc*.js"):
        old.unlink()
    for out_path, script in scripts.items():
        (folder / out_path).write_text(script, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def many_parts(ranking_output: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the ranking site with its records and 500 more in one part as before, the same in parts)."""
    problems = Problems()
    loaded = load_site(ranking_output.parent, problems)
    assert loaded is not None
    extra = tuple(
        SearchRecord("conference", "so-ket", f"/nam/2021/hoi-nghi-{n}/", f"Hội nghị {n} về dòng đảng viên",
                     f"Chi bộ {n % 13} kết nạp {n} đảng viên; Lâm Đông dự {n % 7} buổi.", None, "")
        for n in range(500)
    )  # fmt: skip
    records = search_records(loaded.model, loaded.bodies) + extra
    folder = tmp_path_factory.mktemp("parts")
    script, vocabulary = encode_part("a", records, format_date)  # one part: one vocabulary, as before
    one = {"tim-kiem/chi-muc.js": encode_list([("a", vocabulary)]), "tim-kiem/chi-muc-a.js": script}
    split = encode_index(records, format_date)
    assert len(split) > 4
    return _with_index(ranking_output, folder / "one", one), _with_index(ranking_output, folder / "split", split)


def test_an_index_in_parts_loads_from_disk_and_finds_what_one_part_finds(page, many_parts) -> None:
    one, split = many_parts
    for query in ("Đông", "dong", "kết nạp đảng viên", "Hội nghị 42", "xyzzy"):
        found, status = search(page, split, query), page.text_content("#search-status")
        assert (found, status) == (search(page, one, query), page.text_content("#search-status")), query
    assert len(search(page, split, "dong")) == 50  # the first page of results, from several parts
    count = page.text_content("#search-status").removeprefix("Tìm thấy ").split(" kết quả")[0]
    assert int(count.replace(".", "")) > 500


def test_a_missing_part_says_the_index_could_not_be_loaded(page, many_parts, tmp_path: Path) -> None:
    _, split = many_parts
    broken = tmp_path / "broken"
    shutil.copytree(split, broken)
    sorted((broken / "tim-kiem").glob("chi-muc-*.js"))[1].unlink()
    page.goto(f"{(broken / 'tim-kiem' / 'index.html').as_uri()}?q=dong")
    page.wait_for_function("document.getElementById('search-status').textContent.includes('chi-muc.js')")
    assert page.text_content("#search-status") == theme_catalogue("vi").get("search.no-index")
    assert page.eval_on_selector_all(".search-result", "items => items.length") == 0
