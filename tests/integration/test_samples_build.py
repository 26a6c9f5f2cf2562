"""Samples and missing figures as a reader sees them: on the web, in the PDF, in the terminal."""

from __future__ import annotations

import io
import unicodedata

import pytest

from site_builder.build import BuildOptions, build_site
from tests.conftest import by_class, parse_html, site_with, text_of
from tests.unit.test_samples import AWARDS, CONFERENCE, PAGE, SAMPLE_AWARDS, SAMPLE_CONFERENCE, SAMPLE_PAGE

TERM_TARGETS = "content/terms/2020-2025/targets.yaml"
TARGETS = """\
- id: ket-nap
  name: "Kết nạp đảng viên mới"
  unit: "đảng viên"
  target: 150
  actual: 152
- id: chua-co
  name: "Tổ chức cơ sở đảng trong sạch, vững mạnh"
  unit: "%"
  target: 85
  actual:
- id: mau
  name: "Chỉ tiêu mẫu"
  target: 750
  actual: 0
  sample: true
"""
FILES = {TERM_TARGETS: TARGETS, AWARDS: SAMPLE_AWARDS, CONFERENCE: SAMPLE_CONFERENCE, PAGE: SAMPLE_PAGE}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = site_with(tmp_path_factory.mktemp("samples"), FILES)
    report = build_site(BuildOptions(site, pdf=False, use_cache=False, jobs=1))
    return site / "output", report


def rows(page):
    return {text_of(r.find("th")): r for r in by_class(page, "target", "tr")}


def test_no_data_is_shown_as_such_and_the_tally_says_so(built):
    output, _ = built
    page = parse_html(output / "nhiem-ky/2020-2025/index.html")
    row = rows(page)["Tổ chức cơ sở đảng trong sạch, vững mạnh"]
    cells = [text_of(td) for td in row.findall("td")]
    assert "Chưa có số liệu" in cells and "—" in cells  # the status says it, the figures are empty
    assert not any(word in " ".join(cells) for word in ("Không đạt", "Đạt", "Vượt", "0%"))
    tally = text_of(by_class(page, "tally")[0])
    assert tally == "Đạt và vượt 1/1 chỉ tiêu có số liệu; 1 chỉ tiêu chưa có số liệu"


def test_every_sample_carries_the_mark_where_it_appears(built):
    output, _ = built
    term = parse_html(output / "nhiem-ky/2020-2025/index.html")
    assert [text_of(m) for m in by_class(rows(term)["Chỉ tiêu mẫu MẪU"], "sample-mark")] == ["MẪU"]
    assert not by_class(rows(term)["Kết nạp đảng viên mới"], "sample-mark")
    year = parse_html(output / "nam/2022/index.html")
    marked = [text_of(m.getparent()) if hasattr(m, "getparent") else "" for m in by_class(year, "sample-mark")]
    assert len(by_class(year, "sample-mark")) == 2, marked  # the conference card and the award
    conference = parse_html(output / "nam/2022/so-ket/index.html")
    assert text_of(conference.find(".//h1")) == "Hội nghị sơ kết (bài mẫu) MẪU"
    page = parse_html(output / "trang/gioi-thieu/index.html")
    assert text_of(page.find(".//h1")) == "Giới thiệu MẪU"


def test_the_sample_award_is_not_in_the_totals(built):
    output, _ = built
    awards = parse_html(output / "khen-thuong/index.html")
    totals = " ".join(text_of(e) for e in by_class(awards, "award-totals"))
    assert "18" in totals and "19" not in totals


def test_the_build_warns_for_each_sample_and_succeeds(built):
    _, report = built
    assert not report.problems.errors
    assert sorted(str(p.loc) for p in report.problems if p.code == "sample.unedited") == [
        "content/pages/gioi-thieu.md:3:1",
        "content/terms/2020-2025/targets.yaml:15:3",
        "content/years/2022/awards.yaml:9:3",
        "content/years/2022/conferences/2022-07-15-so-ket.md:8:1",
    ]


@pytest.mark.pdf
def test_the_yearbook_marks_samples_prints_no_data_and_warns(tmp_path):
    from pypdf import PdfReader

    site = site_with(tmp_path, FILES)
    report = build_site(BuildOptions(site, pdf=True, use_cache=False, jobs=1))
    assert not report.problems.errors
    no_data = [str(p.loc) for p in report.problems if p.code == "yearbook.target-no-data"]
    assert no_data == [f"{TERM_TARGETS}:6:3"]
    reader = PdfReader(io.BytesIO((site / "output/ky-yeu-2020-2025.pdf").read_bytes()))
    text = unicodedata.normalize("NFC", " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages))
    assert "Chưa có số liệu" in text
    assert "Đạt và vượt 1/1 chỉ tiêu có số liệu; 1 chỉ tiêu chưa có số liệu" in text
    assert text.count("MẪU") >= 3  # the sample target, the sample conference, the sample award
    assert "Hội nghị sơ kết (bài mẫu) MẪU" in text


def test_a_fresh_site_checks_with_warnings_fails_strict_naming_each_sample_and_builds(tmp_path, run_cli):
    code, _, _ = run_cli("new", "site", "thu", cwd=tmp_path)
    assert code == 0
    site = tmp_path / "thu"
    code, _, err = run_cli("check", cwd=site)
    assert code == 0 and "error:" not in err
    code, _, err = run_cli("check", "--strict", cwd=site)
    assert code == 1
    named = {line.split(":", 1)[0] for line in err.splitlines() if "sample: true" in line}
    assert named == {
        "content/pages/gioi-thieu.md",
        "content/terms/2025-2030/awards.yaml",
        "content/terms/2025-2030/targets.yaml",
        "content/terms/2025-2030/term.md",
        *(
            f"content/years/{p.parent.parent.name}/conferences/{p.name}"
            for p in site.glob("content/years/*/conferences/*.md")
        ),
        *(f"content/years/{p.parent.name}/year.md" for p in site.glob("content/years/*/year.md")),
    }
    code, _, err = run_cli("build", "--no-pdf", "--quiet", cwd=site)
    assert code == 0
    shown = [line for line in err.splitlines() if "warning: bài mẫu chưa sửa" in line]
    assert len(shown) == 7  # --quiet hides warnings, never these
