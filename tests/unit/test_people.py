"""The people index: spellings merged (NFC/NFD, spaces, case), sorted the Vietnamese way by given name."""

from __future__ import annotations

import datetime as dt
import unicodedata

from site_builder.model.people import build_people_index
from site_builder.model.records import Person
from site_builder.problems import Loc
from tests.factories import make_conference, make_term


def person(name: str, role: str | None = None) -> Person:
    return Person(name, role, Loc("content/x.md", 1))


def conference(names, date=dt.date(2021, 1, 14), title="Hội nghị"):
    people = tuple(person(*n) if isinstance(n, tuple) else person(n) for n in names)
    return make_conference(title, date, attendees=people)


def names(entries) -> list[str]:
    return [e.name for e in entries]


def test_nfc_and_nfd_spellings_are_one_person():
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    assert nfd != "Nguyễn Thị Ánh"
    index = build_people_index([], [conference([("Nguyễn Thị Ánh", "Bí thư")]), conference([(nfd, "Phó Bí thư")])])
    assert len(index) == 1
    assert index[0].roles == ("Bí thư", "Phó Bí thư")
    assert len(index[0].mentions) == 2


def test_spacing_and_case_do_not_split_a_person():
    index = build_people_index([], [conference(["Trần  Văn Bình", " Trần Văn Bình ", "TRẦN VĂN BÌNH"], title="A")])
    assert names(index) == ["Trần Văn Bình"]


def test_display_name_is_the_first_spelling_with_spaces_folded():
    index = build_people_index([], [conference(["Lê   Văn  Tám"])])
    assert index[0].name == "Lê Văn Tám"
    assert unicodedata.is_normalized("NFC", index[0].name)


def test_sorted_by_given_name_in_the_vietnamese_alphabet():
    people = ["Phạm Đức", "Vũ Thị Dung", "Hồ Văn Ân", "Trần Văn Bình", "Nguyễn Thị Ánh", "Lê Văn An", "Đỗ Thị Ơn",
              "Mai Văn Ôn", "Lý Thị On", "Bùi Thị Ưng", "Cao Văn Uy"]  # fmt: skip
    index = build_people_index([], [conference(people)])
    assert names(index) == [
        "Lê Văn An",
        "Nguyễn Thị Ánh",
        "Hồ Văn Ân",
        "Trần Văn Bình",
        "Vũ Thị Dung",
        "Phạm Đức",
        "Lý Thị On",
        "Mai Văn Ôn",
        "Đỗ Thị Ơn",
        "Cao Văn Uy",
        "Bùi Thị Ưng",
    ]


def test_same_given_name_sorts_by_full_name():
    index = build_people_index([], [conference(["Trần Văn Hùng", "Đặng Văn Hùng", "Bùi Văn Hùng", "Ân Văn Hùng"])])
    assert names(index) == ["Ân Văn Hùng", "Bùi Văn Hùng", "Đặng Văn Hùng", "Trần Văn Hùng"]


def test_tones_order_ngang_huyen_hoi_nga_sac_nang():
    index = build_people_index([], [conference(["Lê Ma", "Lê Mà", "Lê Mả", "Lê Mã", "Lê Má", "Lê Mạ"][::-1])])
    assert names(index) == ["Lê Ma", "Lê Mà", "Lê Mả", "Lê Mã", "Lê Má", "Lê Mạ"]


def test_anchors_are_ascii_and_unique():
    index = build_people_index([], [conference(["Nguyễn Văn An", "Nguyễn Văn Ân"])])
    anchors = [e.anchor for e in index]
    assert anchors == ["nguyen-van-an", "nguyen-van-an-2"]
    assert all(a.isascii() for a in anchors)


def test_secretary_and_attendees_are_collected_with_mentions_by_date():
    term = make_term("2020-2025", secretary=person("Phạm Văn Bảy", "Bí thư Đảng ủy Khối"))
    later = conference([("Phạm Văn Bảy", "Bí thư Đảng ủy Khối")], dt.date(2023, 10, 5), "Hội nghị BCH")
    earlier = conference([("Phạm Văn Bảy", "Chủ trì")], dt.date(2021, 1, 14), "Tổng kết")
    (entry,) = build_people_index([term], [later, earlier])
    assert entry.roles == ("Bí thư Đảng ủy Khối", "Chủ trì")
    assert [(m.kind, m.title, m.date) for m in entry.mentions] == [
        ("term", term.title, term.start),
        ("conference", "Tổng kết", dt.date(2021, 1, 14)),
        ("conference", "Hội nghị BCH", dt.date(2023, 10, 5)),
    ]


def test_a_person_without_role_has_no_roles():
    (entry,) = build_people_index([], [conference(["Hồ Văn Ân"])])
    assert entry.roles == ()
    assert entry.mentions[0].role is None
