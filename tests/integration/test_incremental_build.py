"""An incremental build equals a full build, byte for byte (issue 12).

`build` keeps parsed records and its output's render state in .cache/site-builder/
and renders only the pages whose signature changed, carrying the others over
from the previous output. The oracle: after each edit of a seeded random
sequence (every kind of edit at least once), the site is built incrementally
into its own output/ and from scratch (a copy of the site, --force, no caches);
both trees, marker included, and both reports must be identical.
"""

from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path

import pytest

import site_builder
from site_builder.build import BuildOptions, BuildReport, build_site, check_site
from site_builder.output.build_cache import cache_dir
from site_builder.problems import SiteError
from site_builder.serve.incremental import IncrementalBuilder
from tests.conftest import add_conferences, copy_demo, formatted, snapshot
from tests.integration.edits import EDITS, add_to_body, break_then_fix, conferences, fix, replace_in


def full_build(site: Path, scratch: Path) -> tuple[BuildReport | SiteError, dict[str, bytes]]:
    """A build from scratch of a copy of `site`: no caches, no previous output."""
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(site, scratch, ignore=shutil.ignore_patterns(".cache", "output"))
    return attempt(BuildOptions(scratch, pdf=False, use_cache=False, jobs=1)), tree(scratch / "output")


def attempt(options: BuildOptions) -> BuildReport | SiteError:
    try:
        return build_site(options)
    except SiteError as exc:
        return exc


def tree(folder: Path) -> dict[str, bytes]:
    return snapshot(folder) if folder.is_dir() else {}


def report_of(result: BuildReport | SiteError) -> tuple:
    if isinstance(result, SiteError):
        return ("error", formatted(result.problems))
    return ("ok", formatted(result.problems), result.records, result.pages, result.pdf_pages)


def test_incremental_builds_equal_full_builds_over_random_edits(tmp_path: Path) -> None:
    site = copy_demo(tmp_path / "site")
    first = build_site(BuildOptions(site, pdf=False, jobs=1))
    assert first.rendered == first.pages + 2  # sitemap.xml and feed.xml too
    rng = random.Random(12)
    sequence = rng.sample(EDITS, len(EDITS)) + [rng.choice(EDITS) for _ in range(6)]
    kept_some = 0
    for step, edit in enumerate(sequence):
        what = edit(site, rng)
        ours = attempt(BuildOptions(site, pdf=False, jobs=1))
        theirs, expected = full_build(site, tmp_path / "full")
        assert report_of(ours) == report_of(theirs), what
        assert isinstance(ours, SiteError) == (edit is break_then_fix), (what, report_of(ours))
        if isinstance(ours, SiteError):
            fix(site)
            ours = attempt(BuildOptions(site, pdf=False, jobs=1))
            theirs, expected = full_build(site, tmp_path / "full")
            assert report_of(ours) == report_of(theirs), f"{what}, then fixed"
        assert isinstance(ours, BuildReport)
        got = tree(site / "output")
        stale = sorted(k for k in got.keys() | expected.keys() if got.get(k) != expected.get(k))
        assert not stale, f"step {step} ({what}): differs from a full build: {stale}"
        kept_some += ours.rendered < ours.pages
    assert kept_some >= len(sequence) // 2  # most edits kept most pages


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, BuildReport]:
    site = copy_demo(tmp_path / "site")
    return site, build_site(BuildOptions(site, pdf=False, jobs=1))


def test_one_edited_conference_renders_only_the_pages_that_show_it(built) -> None:
    site, first = built
    page = site / "output/nam/2019/index.html"
    kept = site / "output/trang/gioi-thieu/index.html"
    before = os.stat(kept)
    replace_in(site, conferences(site)[0].relative_to(site).as_posix(), 'title: "', 'title: "Đã sửa: ')
    report = build_site(BuildOptions(site, pdf=False, jobs=1))
    assert 0 < report.rendered < first.pages / 2
    assert "Đã sửa: " in page.read_text(encoding="utf-8")
    after = os.stat(site / "output/trang/gioi-thieu/index.html")
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # carried over, not rewritten


def test_kept_files_of_the_live_output_are_never_written(built) -> None:
    site, _ = built
    kept = site / "output/trang/gioi-thieu/index.html"
    held = kept.read_bytes()
    link = site.parent / "held-open.html"
    os.link(kept, link)  # the old output's file, as a server reading it would see it
    replace_in(site, "content/site.yaml", 'title: "', 'title: "Mới: ')
    build_site(BuildOptions(site, pdf=False, jobs=1))
    assert link.read_bytes() == held  # rendered again into a new file, the old one untouched
    assert b"M\xe1\xbb\x9bi: " in kept.read_bytes()


def test_a_hand_edited_output_means_a_full_build(built) -> None:
    site, first = built
    page = site / "output/nam/index.html"
    page.write_bytes(page.read_bytes().replace(b"<main", b"<main data-x", 1))
    add_to_body(site, "Sửa")
    report = build_site(BuildOptions(site, pdf=False, jobs=1))
    assert report.rendered == first.rendered
    assert b"data-x" not in page.read_bytes()


@pytest.mark.parametrize("damage", ["missing", "garbage"])
def test_a_missing_or_damaged_cache_means_a_full_build(built, damage: str) -> None:
    site, first = built
    for file in cache_dir(site).glob("*.json"):
        if damage == "missing":
            file.unlink()
        else:
            file.write_bytes(b"\x00{not json")
    add_to_body(site, "Đoạn mới")
    report = build_site(BuildOptions(site, pdf=False, jobs=1))
    assert report.rendered == first.rendered and not report.problems.items
    assert "Đoạn mới" in (site / "output/trang/lich-su/index.html").read_text(encoding="utf-8")


def test_force_and_changed_options_mean_a_full_build(built, monkeypatch) -> None:
    site, first = built
    add_to_body(site, "Sửa")
    assert build_site(BuildOptions(site, pdf=False, jobs=1, use_cache=False)).rendered == first.rendered
    add_to_body(site, "Lại")
    assert build_site(BuildOptions(site, pdf=False, jobs=1)).rendered == 1
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    add_to_body(site, "Nữa")
    assert build_site(BuildOptions(site, pdf=False, jobs=1)).rendered == first.rendered


def test_warnings_of_unchanged_records_are_reported_on_every_build(tmp_path: Path) -> None:
    site = copy_demo(tmp_path / "site")
    replace_in(site, "content/pages/gioi-thieu.md", "title: ", "ghi_chu_noi_bo: x\ntitle: ")
    first = build_site(BuildOptions(site, pdf=False, jobs=1))
    assert any("ghi_chu_noi_bo" in line for line in formatted(first.problems))
    add_to_body(site, "Sửa")
    again = build_site(BuildOptions(site, pdf=False, jobs=1))
    assert again.rendered == 1 and formatted(again.problems) == formatted(first.problems)


def test_a_missing_theme_is_reported_at_the_theme_line_by_build_check_and_serve(tmp_path: Path) -> None:
    site = copy_demo(tmp_path / "site")
    replace_in(site, "content/site.yaml", "theme: default", "theme: khong-co")
    lines = (site / "content/site.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "khong-co" in text)
    with pytest.raises(SiteError) as built_error:
        build_site(BuildOptions(site, pdf=False, jobs=1))
    served = IncrementalBuilder(site, tmp_path / "preview", pdf=False).build()
    found = {
        "build": built_error.value.problems.errors,
        "check": check_site(site).errors,
        "serve": served.problems.errors,
    }
    for command, errors in found.items():
        assert [(p.code, p.loc.path, p.loc.line, p.loc.col) for p in errors] == [
            ("theme.missing", "content/site.yaml", line, 8)
        ], command


def test_the_recycled_tree_is_checked_and_replaced_when_tampered_with(built, tmp_path: Path) -> None:
    site, first = built
    add_to_body(site, "Một")
    build_site(BuildOptions(site, pdf=False, jobs=1))  # the first output is now kept for recycling
    [spare] = [p for p in cache_dir(site).iterdir() if p.name.startswith("spare-")]
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.rmtree(spare / "nam")
    os.symlink(outside, spare / "nam")
    add_to_body(site, "Hai")
    report = build_site(BuildOptions(site, pdf=False, jobs=1))
    assert report.rendered == 1 and list(outside.iterdir()) == []
    theirs, expected = full_build(site, tmp_path / "full")
    assert tree(site / "output") == expected


def test_hand_edits_of_the_recycled_tree_never_reach_the_output(built, tmp_path: Path) -> None:
    """The kept tree is listed while the site loads (sinks.TreeListing): a file added there, a
    kept page replaced by another file (another inode) or a folder deleted is found by that
    listing, so the next output is still the full build's."""
    site, _ = built
    add_to_body(site, "Một")
    build_site(BuildOptions(site, pdf=False, jobs=1))
    [spare] = [p for p in cache_dir(site).iterdir() if p.name.startswith("spare-")]
    (spare / "stray.html").write_bytes(b"<p>not ours</p>")
    kept = next(p for p in sorted(spare.rglob("index.html")) if p.parent != spare and "nam" in p.parts)
    kept.unlink()
    kept.write_bytes(b"<p>replaced by hand</p>")
    gone = next(p for p in sorted((spare / "nhiem-ky").iterdir()) if p.is_dir())
    shutil.rmtree(gone)
    add_to_body(site, "Hai")
    report = build_site(BuildOptions(site, pdf=False, jobs=1))
    assert report.rendered < report.pages
    _, expected = full_build(site, tmp_path / "full")
    assert tree(site / "output") == expected


def test_workers_writing_pages_give_the_same_output_as_one_process(tmp_path: Path) -> None:
    """With 400 pages or more and two jobs, workers render and write pages themselves: into a new
    staging folder, then into a recycled one; the output is the single-process one."""
    site = add_conferences(copy_demo(tmp_path / "site"), 420, lambda n: f"Nội dung {n}.\n")
    footer = site / "templates/partials/footer.html"
    for step in range(3):
        if step:
            footer.write_text(footer.read_text(encoding="utf-8") + f"<!-- {step} -->\n", encoding="utf-8")
        report = build_site(BuildOptions(site, pdf=False, jobs=2))
        assert report.rendered > 400 and not report.problems.errors
        single = tmp_path / f"single-{step}"
        shutil.copytree(site, single, ignore=shutil.ignore_patterns(".cache", "output"))
        build_site(BuildOptions(single, pdf=False, jobs=1, use_cache=False))
        assert tree(site / "output") == tree(single / "output"), f"step {step}"


def _doctor_kept_titles(site: Path, title: str) -> int:
    """Put `title` in every conference the cache keeps (as a doctored cache would); how many."""
    count = 0
    for file in cache_dir(site).glob("conferences-*.kept"):  # a line of JSON, then the bodies' text
        line, bodies = file.read_bytes().decode("utf-8").split("\n", 1)
        data = json.loads(line)
        for _path, (_digest, (conference, _problems)) in data["conferences"].items():
            conference[2] = title
            count += 1
        file.write_bytes(f"{json.dumps(data, ensure_ascii=False)}\n{bodies}".encode())
    return count


def test_kept_conferences_are_used_only_by_the_program_that_kept_them(built, monkeypatch, tmp_path: Path) -> None:
    """What loading kept of a file is trusted while its content hash and the program match: a
    kept (here doctored) conference shows while both match, and never once the program changes."""
    site, _ = built
    assert _doctor_kept_titles(site, "Tiêu đề trong bộ nhớ đệm") == len(conferences(site))
    replace_in(site, "content/years/2019/year.md", "title: ", "title: Sửa ")  # the year page is made again
    build_site(BuildOptions(site, pdf=False, jobs=1))
    assert "Tiêu đề trong bộ nhớ đệm" in (site / "output/nam/2019/index.html").read_text(encoding="utf-8")
    monkeypatch.setattr(site_builder, "__version__", f"{site_builder.__version__}+khac")
    add_to_body(site, "Lại")
    build_site(BuildOptions(site, pdf=False, jobs=1))
    assert "Tiêu đề trong bộ nhớ đệm" not in (site / "output/nam/2019/index.html").read_text(encoding="utf-8")
    theirs, expected = full_build(site, tmp_path / "full")
    assert tree(site / "output") == expected
