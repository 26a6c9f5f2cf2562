"""The site's `language:` reaches every word: the HTML, the yearbook, dates and numbers, and
the terminal's problems and summary lines. The demo content stays Vietnamese either way;
only the words the software adds change."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_builder.build import BuildOptions, build_site
from site_builder.model.load import load_model
from site_builder.problems import Problems
from site_builder.render.environment import make_environment
from site_builder.sources.discover import read_sources
from site_builder.sources.themes import resolve_theme
from site_builder.yearbook.book import assemble
from tests.conftest import by_class, copy_demo, parse_html, run_cli, text_of

# Vietnamese words the software itself adds (never typed in content) and their English.
UI_WORDS = {
    "Trang chủ": "Home",
    "Kế hoạch": "Planned",
    "Thực hiện": "Achieved",
    "Đánh giá": "Result",
    "Đạt và vượt": "targets met or exceeded",
}


def demo_in(tmp_path: Path, lang: str) -> Path:
    site = copy_demo(tmp_path / f"site-{lang}")
    config = site / "content/site.yaml"
    config.write_text(re.sub(r"(?m)^language: vi$", f"language: {lang}", config.read_text("utf-8")), "utf-8")
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    sites = {}
    for lang in ("vi", "en"):
        site = demo_in(tmp_path_factory.mktemp("lang"), lang)
        build_site(BuildOptions(site, pdf=False, use_cache=False, jobs=1))
        sites[lang] = site / "output"
    return sites


def test_english_site_has_english_navigation_and_headings(built):
    home = parse_html(built["en"] / "index.html")
    assert home.find(".").get("lang") == "en"
    (menu,) = by_class(home, "site-nav__list", "ul")
    nav = [text_of(a) for a in menu.iter("a")]
    assert nav[:4] == ["Home", "Terms", "Years", "Targets"], nav
    targets = parse_html(built["en"] / "chi-tieu/index.html")
    heads = {text_of(th) for th in targets.iter("th") if th.get("scope") == "col"}
    assert {"No.", "Target", "Unit", "Planned", "Achieved", "Ratio / difference", "Result"} <= heads
    statuses = {text_of(s) for s in by_class(targets, "status", "span")}
    rated = {s for s in statuses if not s.startswith("Figure for ")}  # a part-period figure is not rated
    assert rated == {"Exceeded", "Met", "Missed"}
    assert {s for s in statuses - rated if not s.endswith(", not rated")} == set()
    tallies = [text_of(t) for t in by_class(targets, "tally__figure")]
    partial = r"\d+ targets with figures for part of the period only, not rated"
    english = rf"(\d+ of \d+ targets( with data)? met or exceeded(; {partial})?|{partial})"
    assert tallies and all(re.fullmatch(english, t) for t in tallies), tallies


def test_english_site_writes_dates_and_numbers_the_english_way(built):
    page = (built["en"] / "nam/2023/index.html").read_text("utf-8")
    assert re.search(r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|"
                     r"December) 20\d\d\b", page)  # fmt: skip
    conference = next(p for p in (built["en"] / "nam/2023").rglob("index.html") if p.parent.name != "2023")
    assert re.search(r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), ", conference.read_text("utf-8"))
    targets = (built["en"] / "chi-tieu/index.html").read_text("utf-8")
    assert re.search(r"\b\d{1,3}(,\d{3})+\b", targets) and re.search(r"\d+\.\d%", targets)
    times = [text_of(t) for t in parse_html(conference).iter("time")]
    assert times and not any(word in t for t in times for word in ("ngày", "tháng", "Thứ")), times


def test_no_vietnamese_ui_word_leaks_into_the_english_site(built):
    for page in ("index.html", "chi-tieu/index.html", "khen-thuong/index.html", "nam/2023/index.html"):
        root = parse_html(built["en"] / page)
        chrome = [e for e in root.iter() if e.tag in ("nav", "th", "h2", "dt", "caption", "title")]
        shown = " | ".join(text_of(e) for e in chrome)
        for vi in UI_WORDS:
            assert vi not in shown, (page, vi)


def test_the_vietnamese_site_has_no_english_ui_word(built):
    for page in ("index.html", "chi-tieu/index.html", "khen-thuong/index.html", "nam/2023/index.html"):
        root = parse_html(built["vi"] / page)
        chrome = " | ".join(text_of(e) for e in root.iter() if e.tag in ("nav", "th", "h2", "dt", "caption"))
        for en in UI_WORDS.values():
            assert en not in chrome, (page, en)
        assert "Kế hoạch" in text_of(parse_html(built["vi"] / "chi-tieu/index.html"))


@pytest.mark.parametrize(
    ("lang", "words", "foreign"),
    [
        ("vi", ["Mục lục", "Danh mục nhân vật", "Kế hoạch", "Đạt và vượt"], ["Contents", "Planned", "Index of people"]),
        ("en", ["Contents", "Index of people", "Planned", "targets met or exceeded"], ["Mục lục", "Kế hoạch"]),
    ],
)
def test_the_yearbook_labels_follow_the_language(tmp_path, lang, words, foreign):
    site = demo_in(tmp_path, lang)
    problems = Problems()
    model = load_model(read_sources(site, problems), problems)
    env = make_environment(resolve_theme(site, "default", problems), lang)
    book = assemble(model, {}, env, site)
    labels = re.sub(r"<[^>]+>", " ", book.html)
    for word in words:
        assert word in labels, word
    chrome = " ".join(re.findall(r"<(?:h1|h2|th|dt)[^>]*>(.*?)</", book.html))
    for word in foreign:
        assert word not in chrome, word


def test_check_prints_problems_and_summary_in_the_site_language(tmp_path):
    site = demo_in(tmp_path, "en")
    conference = next((site / "content/years/2023/conferences").glob("*.md"))
    conference.write_text(re.sub(r"(?m)^title: .*\n", "", conference.read_text("utf-8"), count=1), "utf-8")
    code, _, err = run_cli("check", "--site", str(site))
    assert code == 1
    assert re.search(r": error: the required field “title” is missing\n", err), err
    assert err.rstrip().endswith("The content has problems: 1 error, 0 warnings.")


def test_the_build_summary_is_in_the_site_language(tmp_path):
    site = demo_in(tmp_path, "en")
    code, _, err = run_cli("build", "--no-pdf", "--site", str(site))
    assert code == 0, err
    assert "… read 28 records" in err
    assert re.search(r"Done: 28 records, \d+ HTML pages, 0 PDF pages, \d+\.\d s \(0 errors, 0 warnings\)", err), err
