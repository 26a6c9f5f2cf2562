"""A conference entered twice is reported once, at the later file, naming the other."""

from __future__ import annotations

import pytest

from site_builder.model.duplicates import fold, similar_titles
from tests.conftest import load, site_with

FOLDER = "content/years/2023/conferences"
ORIGINAL = f"{FOLDER}/2023-10-05-bch-mo-rong.md"


def conference(title: str, date: str = "2023-10-05", body: str = "Ngày 05 tháng 10 năm 2023, BCH họp mở rộng.") -> str:
    return f'---\ntitle: "{title}"\ndate: {date}\nkind: bch-mo-rong\n---\n{body}\n'


def duplicates(tmp_path, files: dict[str, str]):
    _, problems = load(site_with(tmp_path, files))
    return [(str(p.loc), p.message()) for p in problems if p.code == "conference.duplicate"]


def test_fold_ignores_case_diacritics_d_stroke_punctuation_and_spacing():
    assert fold("Hội nghị  BCH Đảng bộ Khối, lần thứ 16.") == "hoi nghi bch dang bo khoi lan thu 16"
    assert fold("Hội nghị") == fold("Ho\u0302\u0323i nghi\u0323")  # NFD input


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Hội nghị Ban Chấp hành mở rộng lần thứ 16", "HỘI NGHỊ BAN CHẤP HÀNH MỞ RỘNG LẦN THỨ 16", True),
        ("Hội nghị Ban Chấp hành mở rộng lần thứ 16", "Hoi nghi Ban Chap hanh mo rong lan thu 16.", True),
        ("Hội nghị Ban Chấp hành mở rộng lần thứ 16", "Hội nghị Ban Chấp hành mở rộng lần thư 16", True),
        ("Hội nghị Ban Chấp hành mở rộng lần thứ 16", "Hội nghị Ban Thường vụ lần thứ 16", False),
        ("Sơ kết 6 tháng đầu năm", "Tổng kết năm", False),
    ],
)
def test_similar_titles(a, b, same):
    assert similar_titles(a, b) is same


def test_a_windows_copy_is_reported_at_the_copy_naming_the_original(tmp_path):
    text = conference("Hội nghị Ban Chấp hành mở rộng lần thứ 16")
    found = duplicates(tmp_path, {ORIGINAL: text, f"{FOLDER}/2023-10-05-bch-mo-rong - Copy.md": text})
    assert found == [
        (
            f"{FOLDER}/2023-10-05-bch-mo-rong - Copy.md:1",
            f"hội nghị này có vẻ đã được nhập ở {ORIGINAL} (cùng ngày, tiêu đề giống nhau), nên trang web và "
            "kỷ yếu sẽ in hai lần: nếu là bản chép (“- Copy”) hoặc nhập lại, hãy xóa một tệp; nếu là hai "
            "hội nghị khác nhau, hãy sửa tiêu đề cho khác",
        )
    ]


def test_the_same_meeting_typed_again_with_another_spelling(tmp_path):
    files = {
        ORIGINAL: conference("Hội nghị Ban Chấp hành mở rộng lần thứ 16"),
        f"{FOLDER}/2023-10-05-hoi-nghi-bch.md": conference("HỘI NGHỊ BAN CHẤP HÀNH MỞ RỘNG LẦN THỨ 16", body="Khác."),
    }
    assert [loc for loc, _ in duplicates(tmp_path, files)] == [f"{FOLDER}/2023-10-05-hoi-nghi-bch.md:1"]


def test_the_same_body_on_another_date_is_a_duplicate(tmp_path):
    body = (
        "Sáng 05/10, Đảng ủy Khối tổ chức Hội nghị BCH mở rộng lần thứ 16 để đánh giá kết quả 9 tháng, "
        "triển khai nhiệm vụ 3 tháng cuối năm 2023. Đồng chí Bí thư Đảng ủy Khối chủ trì hội nghị; dự có "
        "các đồng chí trong Ban Thường vụ và các cấp ủy viên."
    )
    files = {
        ORIGINAL: conference("Hội nghị BCH mở rộng", body=body),
        f"{FOLDER}/2023-10-06-bch-lan-16.md": conference("BCH lần thứ 16", "2023-10-06", body=body.upper()),
    }
    found = duplicates(tmp_path, files)
    assert [loc for loc, _ in found] == [f"{FOLDER}/2023-10-06-bch-lan-16.md:1"]
    assert "(nội dung bài giống hệt)" in found[0][1]


def test_different_meetings_of_one_day_are_not_duplicates(tmp_path):
    files = {
        ORIGINAL: conference("Hội nghị Ban Chấp hành mở rộng lần thứ 16"),
        f"{FOLDER}/2023-10-05-ban-thuong-vu.md": conference("Hội nghị Ban Thường vụ lần thứ 40", body="Khác hẳn."),
    }
    assert duplicates(tmp_path, files) == []


def test_a_duplicate_is_an_error_under_strict(tmp_path, run_cli):
    text = conference("Hội nghị Ban Chấp hành mở rộng lần thứ 16")
    site = site_with(tmp_path, {ORIGINAL: text, f"{FOLDER}/2023-10-05-bch-mo-rong (1).md": text})
    code, _, err = run_cli("check", "--strict", "--site", str(site))
    assert code == 1 and f"{FOLDER}/2023-10-05-bch-mo-rong (1).md:1: warning: hội nghị này có vẻ" in err
    assert run_cli("check", "--site", str(site))[0] == 0


def test_a_short_placeholder_body_is_no_duplicate(tmp_path):
    """ "Nội dung đang cập nhật." may stand in several conferences: bodies compare from 30 words."""
    files = {
        ORIGINAL: conference("Hội nghị BCH mở rộng", body="Nội dung đang cập nhật."),
        f"{FOLDER}/2023-12-20-tong-ket.md": conference("Tổng kết năm", "2023-12-20", body="Nội dung đang cập nhật."),
    }
    assert duplicates(tmp_path, files) == []
