"""A build whose inputs did not change reuses the previous output (output/fingerprint.py)."""

from __future__ import annotations

import pytest

from site_builder.build import BuildOptions, build_site
from site_builder.problems import SiteError
from tests.conftest import run_cli, site_with

PAGE = "content/pages/gioi-thieu.md"


@pytest.fixture
def built(tmp_path):
    site = site_with(tmp_path, {PAGE: "---\ntitle: Giới thiệu\nghi_chu_noi_bo: x\n---\nNội dung.\n"})
    first = build_site(BuildOptions(site, pdf=False, jobs=1))
    return site, first


def page_mtime(site) -> int:
    return (site / "output/trang/gioi-thieu/index.html").stat().st_mtime_ns


def test_second_build_replays_the_report_without_rebuilding(built):
    site, first = built
    assert not first.up_to_date
    before = page_mtime(site)
    again = build_site(BuildOptions(site, pdf=False, jobs=1))
    assert again.up_to_date
    assert page_mtime(site) == before
    assert [p.format() for p in again.problems] == [p.format() for p in first.problems]
    assert any("ghi_chu_noi_bo" in p.format() for p in again.problems)  # the unknown-field warning, replayed
    assert (again.records, again.pages) == (first.records, first.pages)


def test_strict_fails_on_replayed_warnings_and_keeps_the_output(built):
    site, _ = built
    before = page_mtime(site)
    with pytest.raises(SiteError):
        build_site(BuildOptions(site, pdf=False, strict=True, jobs=1))
    assert page_mtime(site) == before


def test_an_edited_record_is_rebuilt(built):
    site, _ = built
    (site / PAGE).write_text("---\ntitle: Giới thiệu mới\n---\nNội dung.\n", encoding="utf-8")
    report = build_site(BuildOptions(site, pdf=False, jobs=1))
    assert not report.up_to_date
    assert "Giới thiệu mới" in (site / "output/trang/gioi-thieu/index.html").read_text(encoding="utf-8")


def test_a_hand_edited_output_is_rebuilt(built):
    site, _ = built
    (site / "output/trang/gioi-thieu/index.html").unlink()
    report = build_site(BuildOptions(site, pdf=False, jobs=1))
    assert not report.up_to_date
    assert (site / "output/trang/gioi-thieu/index.html").is_file()


def test_changed_options_or_force_rebuild(built, monkeypatch):
    site, _ = built
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert not build_site(BuildOptions(site, pdf=False, jobs=1)).up_to_date
    assert build_site(BuildOptions(site, pdf=False, jobs=1)).up_to_date
    assert not build_site(BuildOptions(site, pdf=False, jobs=1, use_cache=False)).up_to_date


def test_the_cli_says_nothing_changed(built):
    site, _ = built
    code, _, err = run_cli("build", "--no-pdf", "--site", str(site))
    assert code == 0 and "không có gì thay đổi" in err
    code, _, err = run_cli("build", "--no-pdf", "--force", "--site", str(site))
    assert code == 0 and "không có gì thay đổi" not in err


def test_a_hand_edit_of_the_output_that_keeps_the_size_is_rebuilt(built):
    """Code review #7: names and sizes alone let such an edit survive; the saved listing's times catch it."""
    site, _ = built
    home = site / "output/index.html"
    original = home.read_bytes()
    edited = original.replace("Trang chủ".encode(), b"Trang chXYZ", 1)  # as many bytes
    assert edited != original and len(edited) == len(original)
    home.write_bytes(edited)
    report = build_site(BuildOptions(site, pdf=False, jobs=1))
    assert not report.up_to_date
    assert home.read_bytes() == original


def test_without_the_saved_state_nothing_is_replayed(built):
    site, _ = built
    for state in (site / ".cache/site-builder").glob("output-*.json"):
        state.unlink()
    assert not build_site(BuildOptions(site, pdf=False, jobs=1)).up_to_date
    assert build_site(BuildOptions(site, pdf=False, jobs=1)).up_to_date
