"""A site written by someone else purely from CONTENT_MODEL.md builds unchanged.

tests/sites/independent/ is a different bloc with its own people, written from the
contract text only: a rate target, an at_most rate and count target, a percent-only
target, awards with recipients and proposed ones, and one conference file typed in
NFD (the secretary's name, also written NFC elsewhere, must stay one person).
"""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path

import pytest

from site_builder.build import BuildOptions, build_site
from tests.conftest import by_class, parse_html, run_cli, text_of

SITE = Path(__file__).resolve().parents[1] / "sites" / "independent"


NFD_WARNING = (
    "content/years/2022/conferences/2022-01-15-tong-ket-nam-2021.md: warning: văn bản chưa ở dạng Unicode "
    "dựng sẵn (NFC); đã tự chuẩn hoá khi đọc, nên lưu lại tệp ở dạng dựng sẵn"
)
# Written to the contract before photos had `alt`: its one photo is described by its caption only.
NO_ALT_WARNING = (
    "content/years/2021/conferences/2021-07-20-so-ket-6-thang-dau-nam.md:16:5: warning: ảnh “anh/so-ket-2021.jpg” "
    'chỉ có chú thích, chưa có mô tả thay thế: thêm dòng alt: "…" tả những gì thấy trong ảnh '
    "(người đọc không xem được ảnh sẽ nghe mô tả này)"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("independent") / "site"
    shutil.copytree(SITE, site)
    report = build_site(BuildOptions(site, pdf=False, use_cache=False, jobs=1))
    assert [p.format() for p in report.problems] == [NFD_WARNING, NO_ALT_WARNING]
    return site / "output"


def resolved(href: str, page_url: str) -> str:
    """Site URL a relative link leads to; body links must be relative so the site works from disk."""
    assert not href.startswith("/"), f"root-absolute link {href} breaks the site opened from disk"
    target = posixpath.normpath(posixpath.join(page_url, href))
    target = target.removesuffix("index.html")
    return target if target.endswith("/") else target + "/"


def body_links(path: Path, page_url: str) -> set[str]:
    (prose,) = by_class(parse_html(path), "prose")
    return {resolved(a.get("href"), page_url) for a in prose.iter("a")}


def rows(root) -> dict[str, str]:
    found = {}
    for tr in by_class(root, "target", "tr"):
        name = " ".join((by_class(tr, "target__name")[0].text or "").split())
        found[name] = text_of(tr)
    return found


def test_check_accepts_it_with_only_the_nfd_and_alt_warnings():
    code, _, err = run_cli("check", "--site", str(SITE))
    assert code == 0
    assert "0 lỗi, 2 cảnh báo" in err
    assert "Traceback" not in err


def test_term_targets_ratio_points_both_directions_and_tally(built):
    root = parse_html(built / "nhiem-ky/2020-2025/index.html")
    assert "4.512 đảng viên" in [text_of(s) for s in by_class(root, "stat__value")]
    found = rows(root)
    count = found["Kết nạp đảng viên mới trong nhiệm kỳ"]
    assert "1.200" in count and "1.187" in count and "98,9%" in count and "Không đạt" in count
    rate = found["Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên"]
    assert "+3,5 điểm %" in rate and "Vượt" in rate
    at_most = found["Đảng viên vi phạm phải xử lý kỷ luật"]
    assert "−0,2 điểm %" in at_most and "Vượt" in at_most
    assert "100%" in found["Lớp bồi dưỡng lý luận chính trị"] and "Đạt" in found["Lớp bồi dưỡng lý luận chính trị"]
    assert "Đạt và vượt 3/4 chỉ tiêu" in text_of(root)


def test_year_targets_implied_plan_at_most_count_and_tally(built):
    root = parse_html(built / "nam/2021/index.html")
    found = rows(root)
    partial = found["Kết nạp đảng viên mới (6 tháng)"]
    assert "150*" in partial and "42,7%" in partial  # 64 at 42,7% -> 150
    assert "Số liệu 6 tháng, chưa đánh giá" in partial  # a part-period figure is not rated
    assert "104,6%" in found["Kết nạp đảng viên mới"] and "Vượt" in found["Kết nạp đảng viên mới"]
    fewer = found["Vụ việc sai phạm phải xử lý"]
    assert "40%" in fewer and "Vượt" in fewer  # 2 cases against at most 5
    missed = found["Tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ"]
    assert "−1,5 điểm %" in missed and "Không đạt" in missed
    # the 6-month figure is left out of "đạt và vượt" and named apart
    assert "Đạt và vượt 2/3 chỉ tiêu có số liệu; 1 chỉ tiêu mới có số liệu chưa trọn kỳ, chưa đánh giá" in text_of(root)


def test_awards_rank_totals_and_proposed(built):
    root = parse_html(built / "nam/2021/index.html")
    text = text_of(root)
    assert "Đã khen thưởng 11 tập thể, 3 cá nhân" in text
    assert "Đề nghị khen thưởng 1 tập thể" in text and "1 tập thể, 0 cá nhân" not in text  # zero part left out
    titles = [text_of(t) for t in by_class(root, "award__title")]
    assert titles == ["Huân chương Lao động hạng Ba", "Bằng khen", "Giấy khen", "Giấy khen"]
    (proposed,) = by_class(root, "award--proposed", "li")
    assert "Huân chương" in text_of(proposed) and "Đề nghị" in text_of(proposed)
    assert "Lê Thị Hạnh" in text and "Phan Thị Yến" in text
    term = text_of(parse_html(built / "nhiem-ky/2020-2025/index.html"))
    assert "Đã khen thưởng 13 tập thể Đề nghị khen thưởng 2 cá nhân" in term  # zero parts are left out


def test_people_merged_across_nfd_and_spacing_and_sorted_by_given_name(built):
    root = parse_html(built / "nguoi/index.html")
    people = by_class(root, "person", "li")
    assert [text_of(by_class(p, "person__name")[0]) for p in people] == [
        "Âu Thị Bích",
        "Đinh Văn Khải",
        "Hoàng Thị Mai",
    ]
    mai = next(p for p in people if p.get("id") == "hoang-thi-mai")
    assert len(by_class(mai, "person__mentions")[0].findall("li")) == 3  # term + two conferences
    khai = next(p for p in people if p.get("id") == "dinh-van-khai")
    assert len(by_class(khai, "person__mentions")[0].findall("li")) == 2


def test_conference_pages_dates_slugs_photo_and_links(built):
    so_ket = built / "nam/2021/so-ket-6-thang-dau-nam/index.html"
    text = text_of(parse_html(so_ket))
    assert "ngày 20 tháng 7 năm 2021" in text and "Thứ Ba" in text
    assert "Quang cảnh hội nghị sơ kết" in text
    assert (built / "media/anh/so-ket-2021.jpg").is_file()
    tong_ket = parse_html(built / "nam/2022/tong-ket-nam-2021/index.html")
    assert "ngày 15 tháng 01 năm 2022" in text_of(tong_ket)
    assert body_links(built / "nam/2022/tong-ket-nam-2021/index.html", "/nam/2022/tong-ket-nam-2021/") == {
        "/nam/2021/so-ket-6-thang-dau-nam/"
    }
    assert body_links(built / "trang/gioi-thieu/index.html", "/trang/gioi-thieu/") == {"/nhiem-ky/2020-2025/"}
    assert {(a.text, a.get("title")) for a in parse_html(built / "nhiem-ky/2020-2025/index.html").iter("abbr")} >= {
        ("ĐV", "đảng viên"),
        ("SXKD", "sản xuất, kinh doanh"),
    }


def test_yearbook_defaults_from_the_contract(built):
    home = parse_html(built / "index.html")
    assert "ky-yeu-2020-2025.pdf" not in {a.get("href") for a in home.iter("a")}  # built with --no-pdf
    assert home.get("lang") == "vi"
    assert all(p.relative_to(built).as_posix().isascii() for p in built.rglob("*"))
