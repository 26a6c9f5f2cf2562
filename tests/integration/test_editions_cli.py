"""Editions end to end on copies of the demo: `build` prints every edition site.yaml asks for
and the pages link them; `site-builder pdf --year` writes one book without touching the rest
(and fails without damage); `site-builder changes` says what moved between two rounds, and a
figure changed after the final edition is flagged by `check` and `changes`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from site_builder.build import BuildOptions, build_site
from site_builder.editions import PdfOptions, print_edition
from site_builder.problems import RenderError
from tests.conftest import copy_demo, parse_html, snapshot

pytestmark = pytest.mark.pdf

YEAR_BOOK = "ky-yeu-nam-2023.pdf"
TARGETS_2023 = "content/years/2023/targets.yaml"


def set_yearbook(site: Path, **values: str) -> None:
    """Add lines to site.yaml's `yearbook:` mapping (right under its key)."""
    path = site / "content" / "site.yaml"
    lines = "".join(f"  {key}: {value}\n" for key, value in values.items())
    path.write_text(path.read_text(encoding="utf-8").replace("yearbook:\n", "yearbook:\n" + lines, 1), "utf-8")


def edit(site: Path, rel: str, old: str, new: str) -> None:
    path = site / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    site = copy_demo(tmp_path_factory.mktemp("built") / "site")
    report = build_site(BuildOptions(site, jobs=1))
    assert not report.problems.errors
    return site


def test_build_prints_every_edition_and_the_pages_link_them(built):
    output = built / "output"
    books = sorted(p.name for p in output.glob("*.pdf"))
    assert len(books) == 8 and YEAR_BOOK in books and "ky-yeu-2020-2025.pdf" in books
    for book in books:  # each printed edition leaves its manifest next to it
        manifest = json.loads((output / book.replace(".pdf", ".manifest.json")).read_text("utf-8"))
        assert manifest["edition"]["file"] == book
    home = parse_html(output / "index.html")
    listed = [a.get("href") for a in home.iter("a") if a.get("type") == "application/pdf"]
    assert set(books) <= set(listed), listed  # the header's list (and the home page's main link)
    year = (output / "nam" / "2023" / "index.html").read_text("utf-8")
    assert f'href="../../{YEAR_BOOK}"' in year
    term = (output / "nhiem-ky" / "2020-2025" / "index.html").read_text("utf-8")
    assert 'href="../../ky-yeu-2020-2025.pdf"' in term
    assert not (built / "editions").exists()  # a build without a draft label or final: not a round
    assert not list((built / "content").rglob("*.json"))  # nothing written under content/


def test_pdf_year_writes_that_book_alone_and_the_next_build_keeps_it(tmp_path):
    site = copy_demo(tmp_path / "site")
    build_site(BuildOptions(site, jobs=1))
    before = snapshot(site / "output")
    report = print_edition(PdfOptions(site, year="2023", draft="Dự thảo lần 2"))
    assert report.files == (YEAR_BOOK, "ky-yeu-nam-2023.manifest.json") and report.in_build
    after = snapshot(site / "output")
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert changed == [".site-builder-output", "ky-yeu-nam-2023.manifest.json", YEAR_BOOK]
    assert not [p for p in (site / "output").iterdir() if p.name.endswith(".tmp")]
    # The next build is incremental: it makes the year's book again (the draft label is
    # --draft's, not site.yaml's) and keeps every other file.
    lines: list[str] = []
    again = build_site(BuildOptions(site, jobs=1), lines.append)
    assert again.rendered == 0 and not again.up_to_date
    assert [line for line in lines if line.startswith("đang dựng")] == [f"đang dựng {YEAR_BOOK}"]
    assert snapshot(site / "output") == before


def test_a_failing_pdf_year_leaves_the_output_as_it_was(tmp_path):
    site = copy_demo(tmp_path / "site")
    build_site(BuildOptions(site, pdf=False, jobs=1))
    (site / "output" / YEAR_BOOK).write_bytes(b"%PDF- the previous edition")
    before = snapshot(site / "output")
    template = site / "templates" / "yearbook" / "year.html"
    template.parent.mkdir(parents=True)
    template.write_text("{% if %}broken{% endif %}", encoding="utf-8")
    with pytest.raises(RenderError):
        print_edition(PdfOptions(site, year="2023"))
    assert snapshot(site / "output") == before


def test_pdf_into_a_new_output_folder_that_build_may_replace(tmp_path, run_cli):
    site = copy_demo(tmp_path / "site")
    code, _out, err = run_cli("pdf", "--term", "2015-2020", "--site", str(site))
    assert code == 0, err
    assert sorted(p.name for p in (site / "output").iterdir() if not p.name.startswith(".")) == [
        "ky-yeu-2015-2020.manifest.json", "ky-yeu-2015-2020.pdf",
    ]  # fmt: skip
    code, _out, err = run_cli("build", "--no-pdf", "--site", str(site))
    assert code == 0, err
    code, _out, err = run_cli("pdf", "--year", "2031", "--site", str(site))
    assert code == 2 and "không có năm 2031" in err and "Traceback" not in err


def test_changes_between_two_rounds_and_after_the_final_edition(tmp_path, run_cli):
    site = copy_demo(tmp_path / "site")
    set_yearbook(site, draft='"Dự thảo lần 1"')
    print_edition(PdfOptions(site, year="2023"))
    # Round 2: a figure corrected, a conference added, one removed.
    edit(site, "content/site.yaml", "Dự thảo lần 1", "Dự thảo lần 2")
    edit(site, TARGETS_2023, "actual: 283", "actual: 285")
    edit(site, TARGETS_2023, "percent: 113.2", "percent: 114.0")
    folder = site / "content" / "years" / "2023" / "conferences"
    first, *_rest = sorted(folder.glob("*.md"))
    removed_title = re.search(r'title: "(.*)"', first.read_text("utf-8")).group(1)
    first.rename(site / "old.md")
    (folder / "2023-12-20-tong-ket-nam.md").write_text(
        '---\ntitle: "Hội nghị tổng kết năm 2023"\ndate: 2023-12-20\nkind: tong-ket\n---\nNội dung.\n', "utf-8"
    )
    code, out, err = run_cli("changes", "--year", "2023", "--site", str(site))
    assert code == 0, err
    assert "so với bản in “Dự thảo lần 1” (editions/ky-yeu-nam-2023/001-du-thao-lan-1.json)" in out
    assert "Kết nạp đảng viên mới năm 2023: thực hiện 283 → 285, tỷ lệ 113,2% → 114%" in out
    assert "thêm mới: Hội nghị “Hội nghị tổng kết năm 2023”" in out
    assert f"đã bỏ: Hội nghị “{removed_title}”" in out
    # The final edition, then a figure changed after it: check warns at the figure's line.
    edit(site, "content/site.yaml", '  draft: "Dự thảo lần 2"\n', "  final: true\n")
    print_edition(PdfOptions(site, year="2023"))
    assert sorted(p.name for p in (site / "editions" / "ky-yeu-nam-2023").iterdir()) == [
        "001-du-thao-lan-1.json", "002-ban-in.json",
    ]  # fmt: skip
    edit(site, TARGETS_2023, "actual: 285", "actual: 290")
    edit(site, TARGETS_2023, "percent: 114.0", "percent: 116.0")
    code, _out, err = run_cli("check", "--site", str(site))
    assert code == 0, err
    lines = (site / TARGETS_2023).read_text("utf-8").splitlines()
    line = next(n for n, t in enumerate(lines, 1) if t == "- id: ket-nap-ca-nam")  # the target's own line
    assert f"{TARGETS_2023}:{line}:3: warning: Kết nạp đảng viên mới năm 2023: thực hiện 285 → 290" in err
    assert "thay đổi sau bản chính thức" in err
    code, out, err = run_cli("changes", "--year", "2023", "--site", str(site))
    assert "(!) Kết nạp đảng viên mới năm 2023: thực hiện 285 → 290" in out
