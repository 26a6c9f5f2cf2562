import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_builder.model.collation import person_match_key, person_sort_key, sort_key


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def assert_sorted(expected: list[str]) -> None:
    """`expected` is in collation order, whatever order the input came in."""
    assert sorted(reversed(expected), key=sort_key) == expected
    assert sorted(expected[::2] + expected[1::2], key=sort_key) == expected


def test_alphabet_order() -> None:
    assert_sorted(list("aăâbcdđeêghiklmnoôơpqrstuưvxy"))


def test_foreign_latin_letters_slot_in_latin_order() -> None:
    assert_sorted(list("eêfgijkvwxyz"))


def test_tone_order() -> None:
    assert_sorted(["a", "à", "ả", "ã", "á", "ạ"])
    assert_sorted(["ơ", "ờ", "ở", "ỡ", "ớ", "ợ"])


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Anh", "Ánh"),
        ("Dũng", "Đức"),
        ("Đức", "Em"),
        ("Anh", "Ăn"),
        ("Ăn", "Ân"),
        ("An", "Ăn"),
        # Base letters compare across the whole word before any tone does.
        ("Ánh", "Ăn"),
        ("Ấn", "Bá"),
        ("Ba", "Bà"),
        ("Bà", "Bả"),
        ("Bạ", "Bắc"),
        ("Hoà", "Hoan"),
        # Tones compare before case.
        ("Ba", "bà"),
        # Case last: lower before upper.
        ("an", "An"),
        # A shorter word before its extensions; spaces and digits before letters.
        ("An", "An Bình"),
        ("An Bình", "Anh"),
        ("Tổ 2", "Tổ A"),
        ("Tổ 1", "Tổ 2"),
        ("Ô", "Ơ"),
        ("Uy", "Ưu"),
    ],
)
def test_pairwise_order(before: str, after: str) -> None:
    assert sort_key(before) < sort_key(after)


def test_word_list_in_dictionary_order() -> None:
    assert_sorted(["An", "Anh", "Ánh", "Ăn", "Ắt", "Ân", "Bình", "Dũng", "Đức", "Em", "Ê", "Giang"])


def test_nfc_and_nfd_give_the_same_key() -> None:
    name = "Nguyễn Thị Phượng"
    assert sort_key(nfd(name)) == sort_key(name)


def test_person_sort_key_sorts_by_given_name_first() -> None:
    names = ["Nguyễn Văn Bình", "Trần Thị An", "Lê Đức Anh", "Phạm Văn Ánh"]
    assert sorted(names, key=person_sort_key) == [
        "Trần Thị An",
        "Lê Đức Anh",
        "Phạm Văn Ánh",
        "Nguyễn Văn Bình",
    ]


def test_person_sort_key_breaks_given_name_ties_by_full_name() -> None:
    names = ["Trần Văn Hùng", "Lê Hùng", "Đỗ Mạnh Hùng", "Dương Hùng"]
    assert sorted(names, key=person_sort_key) == [
        "Dương Hùng",
        "Đỗ Mạnh Hùng",
        "Lê Hùng",
        "Trần Văn Hùng",
    ]


def test_person_sort_key_ignores_spacing_and_form() -> None:
    assert person_sort_key(" Lê  Văn Anh ") == person_sort_key(nfd("Lê Văn Anh"))
    assert person_sort_key("") == person_sort_key("   ")


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Nguyễn Văn A", nfd("Nguyễn Văn A")),
        ("Nguyễn  Văn   A", "Nguyễn Văn A"),
        ("  Nguyễn Văn A\t", "Nguyễn Văn A"),
        ("NGUYỄN VĂN A", "nguyễn văn a"),
        ("Trần Văn Uỷ", "Trần Văn Ủy"),
        ("Lê Thị Hoà", "Lê Thị Hòa"),
        ("Phạm Thị Thuý", "Phạm Thị Thúy"),
        ("Đỗ Khoẻ", "Đỗ Khỏe"),
        (nfd("Lê Thị Hoà"), "Lê Thị Hòa"),
        ("Lê Hoà-Bình", "Lê Hòa-Bình"),
    ],
)
def test_same_person(one: str, other: str) -> None:
    assert person_match_key(one) == person_match_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Nguyễn Văn A", "Nguyễn Văn Á"),
        ("Lê Thị Hoà", "Lê Thị Hoa"),
        ("Lê Thị Hoà", "Lê Thị Hoá"),
        ("Trần Đức", "Trần Dức"),
        ("Lê Văn Anh", "Lê Vân Anh"),
        ("Nguyễn Văn An", "Nguyễn Văn Anh"),
    ],
)
def test_different_people(one: str, other: str) -> None:
    assert person_match_key(one) != person_match_key(other)


def test_match_key_keeps_ordinary_spellings_readable() -> None:
    assert person_match_key("Nguyễn Thị  Người") == "nguyễn thị người"
    assert person_match_key("Nguyễn Quốc Việt") == "nguyễn quốc việt"


vietnamese_text = st.text(alphabet="aăâeêioôơuưyAĐdđ ghnt\u0300\u0301\u0303\u0309\u0323")


@given(vietnamese_text)
def test_match_key_is_stable(text: str) -> None:
    key = person_match_key(text)
    assert person_match_key(key) == key
    assert person_match_key(nfd(text)) == key


@given(vietnamese_text)
def test_sort_key_ignores_normalisation_form(text: str) -> None:
    assert sort_key(nfd(text)) == sort_key(unicodedata.normalize("NFC", text))


@given(vietnamese_text)
def test_tones_never_outweigh_base_letters(text: str) -> None:
    # Adding a tone may move a word only among words with the same letters.
    toned = unicodedata.normalize("NFC", text + "a\u0301")
    assert sort_key(toned)[0] == sort_key(text + "a")[0]
    assert sort_key(text + "a") < sort_key(toned)
