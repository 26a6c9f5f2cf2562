import re
import unicodedata

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_builder.model.slugs import ascii_fold, conference_slug, heading_id, short_slug, slugify


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đảng bộ Khối", "Dang bo Khoi"),
        ("đ Đ", "d D"),
        ("Nguyễn Thị Ánh Tuyết", "Nguyen Thi Anh Tuyet"),
        ("ắ ằ ẳ ẵ ặ ấ ầ ẩ ẫ ậ", "a a a a a a a a a a"),
        ("ươ ƯƠ ê ô", "uo UO e o"),
        ("plain ASCII 123", "plain ASCII 123"),
    ],
)
def test_ascii_fold(text: str, expected: str) -> None:
    assert ascii_fold(text) == expected


def test_ascii_fold_accepts_nfd_input() -> None:
    text = "Đảng viên mới"
    assert ascii_fold(unicodedata.normalize("NFD", text)) == ascii_fold(text) == "Dang vien moi"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đảng bộ Khối", "dang-bo-khoi"),
        ("Tổng kết năm 2021", "tong-ket-nam-2021"),
        ("  Hội nghị -- sơ kết!  ", "hoi-nghi-so-ket"),
        ("Nghị quyết 05/NQ-ĐU", "nghi-quyet-05-nq-du"),
        ("a_b.c", "a-b-c"),
        ("---", ""),
        ("", ""),
    ],
)
def test_slugify(text: str, expected: str) -> None:
    assert slugify(text) == expected


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("2019-08-02-so-ket-6-thang", "so-ket-6-thang"),
        ("2023-12-20-Tổng kết năm 2023", "tong-ket-nam-2023"),
        ("hoi-nghi-giua-nhiem-ky", "hoi-nghi-giua-nhiem-ky"),
        # Only a full leading date prefix is dropped.
        ("2019-08-so-ket", "2019-08-so-ket"),
        ("so-ket-2019-08-02-lan-2", "so-ket-2019-08-02-lan-2"),
        # A bare date keeps the date rather than giving an empty slug.
        ("2019-08-02", "2019-08-02"),
    ],
)
def test_conference_slug(stem: str, expected: str) -> None:
    assert conference_slug(stem) == expected


@pytest.mark.parametrize(
    ("text", "separator", "expected"),
    [
        ("Đảng viên mới", "-", "dang-vien-moi"),
        ("Đảng viên mới", "_", "dang_vien_moi"),
        ("1. Kết quả (năm 2023)", "-", "1-ket-qua-nam-2023"),
    ],
)
def test_heading_id(text: str, separator: str, expected: str) -> None:
    assert heading_id(text, separator) == expected


def test_heading_id_works_as_markdown_toc_slugify() -> None:
    md = markdown.Markdown(extensions=["toc"], extension_configs={"toc": {"slugify": heading_id}})
    assert md.convert("## Đảng viên mới") == '<h2 id="dang-vien-moi">Đảng viên mới</h2>'


@given(st.text())
def test_slugify_output_is_a_clean_slug(text: str) -> None:
    slug = slugify(text)
    assert re.fullmatch(r"([a-z0-9]+(-[a-z0-9]+)*)?", slug)
    assert slugify(slug) == slug


@given(
    st.lists(
        st.sampled_from(["hội", "nghị", "tổng", "kết", "năm", "2023", "2024", "lần", "thứ", "16", "Đảng", "bộ", ","]),
        max_size=30,
    )
)
def test_short_slug_keeps_leading_words_and_the_years_cut_off(words):
    text = " ".join(words)
    slug = short_slug(text, 40)
    full = slugify(text).split("-") if slugify(text) else []
    kept = slug.split("-") if slug else []
    assert len(slug) <= 40
    if len(slugify(text)) <= 40:
        assert slug == slugify(text)
        return
    is_year = re.compile(r"[12][0-9]{3}").fullmatch
    # The title's first words, whole, then only years cut off from the rest, each once.
    assert any(
        kept[:i] == full[:i] and all(map(is_year, kept[i:])) and len(set(kept[i:])) == len(kept[i:])
        for i in range(1, len(kept) + 1)
    ), slug
    # Every year of the title is in the slug, and no bare ordinal ("16") is left dangling.
    assert {w for w in full if is_year(w)} <= set(kept)
    assert kept[-1] != "16"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        # Staff #14: the trial cut these to "...-6-thang-dau-6-2019" and "...-nam-2021-trien-2022".
        (
            "Hội nghị sơ kết công tác xây dựng Đảng 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm 2019",
            "hoi-nghi-so-ket-cong-tac-xay-dung-dang-6-thang-dau-nam-2019",
        ),
        (
            "Hội nghị tổng kết công tác xây dựng Đảng năm 2021, triển khai nhiệm vụ năm 2022",
            "hoi-nghi-tong-ket-cong-tac-xay-dung-dang-nam-2021-2022",
        ),
        (
            "Hội nghị tổng kết công tác năm 2023, triển khai nhiệm vụ năm 2024",
            "hoi-nghi-tong-ket-cong-tac-nam-2023-trien-khai-nhiem-vu-2024",
        ),
        (
            "Sơ kết 6 tháng đầu năm và 6 tháng cuối năm 2019 của Đảng bộ Khối Các cơ quan",
            "so-ket-6-thang-dau-nam-va-6-thang-cuoi-nam-2019-cua-dang-bo",
        ),
    ],
)  # fmt: skip
def test_short_slug_reads_as_a_shortened_title(title: str, slug: str) -> None:
    assert short_slug(title) == slug


def test_a_year_opening_a_dropped_clause_is_kept() -> None:
    # Found by Hypothesis: the clause ", 2023 kết ..." was dropped with its year.
    text = "kết kết bộ , 2024 kết năm năm Đảng , 2023 kết hội Đảng kết 16 năm năm tổng ,"
    assert short_slug(text, 40) == "ket-ket-bo-2024-ket-nam-nam-dang-2023"
