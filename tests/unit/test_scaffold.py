"""The starter files made by `site-builder new ...` (site_builder/scaffold.py)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest
import yaml

from site_builder.model.records import CONFERENCE_KINDS
from site_builder.problems import Problems
from site_builder.scaffold import (
    ScaffoldError,
    current_term,
    make_slug,
    new_conference,
    new_page,
    new_site,
    new_term,
    new_year,
    yaml_quote,
)
from site_builder.sources.frontmatter import split_front_matter
from site_builder.sources.yamlsafe import load_yaml

TODAY = date(2026, 11, 22)
TRICKY_TITLE = 'Hội nghị "BCH" mở rộng: lần 2 \\ # - [nháp] – Đảng ủy Khối'

# The content contract (CONTENT_MODEL.md): field -> required.
SITE_FIELDS = {
    "title": True,
    "organization": True,
    "province": False,
    "language": False,
    "base_url": False,
    "theme": False,
    "yearbook": False,
    "term": False,
    "subtitle": False,
    "filename": False,
    "paper": False,
    "foreword": False,
}
TERM_FIELDS = {
    "title": True,
    "start": True,
    "end": True,
    "congress": False,
    "secretary": False,
    "stats": False,
}
TARGET_FIELDS = {
    "id": True,
    "name": True,
    "unit": False,
    "target": False,
    "actual": "key",  # written, left empty in the samples: "chưa có số liệu"
    "percent": False,
    "direction": False,
    "period": False,
    "source": False,
    "note": False,
}
AWARD_FIELDS = {
    "title": True,
    "issuer": True,
    "recipient_kind": True,
    "count": False,
    "recipients": False,
    "reason": False,
    "date": False,
    "decision": False,
    "status": False,
}
CONFERENCE_FIELDS = {
    "title": True,
    "date": True,
    "kind": True,
    "host": False,
    "attendees": False,
    "author": False,
    "summary": False,
    "tags": False,
    "photos": False,
}
PAGE_FIELDS = {"title": True, "order": False, "summary": False}

SITE_FILES = {
    "content/site.yaml",
    "content/glossary.yaml",
    "content/terms/2025-2030/term.md",
    "content/terms/2025-2030/targets.yaml",
    "content/terms/2025-2030/awards.yaml",
    "content/years/2026/year.md",
    "content/years/2026/conferences/2026-11-22-hoi-nghi-so-ket-bai-mau.md",
    "content/years/2026/targets.yaml",
    "content/years/2026/awards.yaml",
    "content/pages/gioi-thieu.md",
    "content/media/.gitkeep",
    "templates/.gitkeep",
    # The double-click files that start the preview (tests/unit/test_launchers.py).
    "Xem-truoc.bat",
    "Xem-truoc.command",
    "xem-truoc.sh",
    "xem-truoc.desktop",
}
# Each `sample: true` of a new site: one per Markdown record, one per example in a list file.
SAMPLE_FILES = [
    "content/terms/2025-2030/term.md",
    "content/terms/2025-2030/targets.yaml",
    "content/terms/2025-2030/targets.yaml",
    "content/terms/2025-2030/awards.yaml",
    "content/years/2026/year.md",
    "content/years/2026/conferences/2026-11-22-hoi-nghi-so-ket-bai-mau.md",
    "content/pages/gioi-thieu.md",
]


def front_matter(path: Path) -> tuple[dict, str]:
    split = split_front_matter(path.read_text(encoding="utf-8"))
    assert split.yaml_text is not None and split.closed
    return yaml.safe_load(split.yaml_text), split.body


def load_list(path: Path) -> list:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def assert_fields(text: str, data: dict, fields: dict[str, bool | str]) -> None:
    """Required fields are filled ("key": written, maybe empty); optional ones are filled or
    shown commented out."""
    for name, required in fields.items():
        if required == "key":
            assert name in data, name
        elif required:
            assert data.get(name) not in (None, ""), name
        elif name not in data:
            assert re.search(rf"^\s*#\s*(- )?{name}:", text, re.MULTILINE), name


def rel_paths(root: Path, paths: list[Path]) -> set[str]:
    return {p.relative_to(root).as_posix() for p in paths}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    new_site(tmp_path, today=TODAY)
    return tmp_path


# --- helpers --------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "term"),
    [
        (date(2026, 11, 22), (2025, 2030)),
        (date(2025, 1, 1), (2025, 2030)),
        (date(2024, 12, 31), (2020, 2025)),
        (date(2020, 6, 1), (2020, 2025)),
        (date(2019, 8, 2), (2015, 2020)),
    ],
)
def test_current_term(today: date, term: tuple[int, int]) -> None:
    assert current_term(today) == term


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Tổng kết năm 2021", "tong-ket-nam-2021"),
        ("Đại hội Đảng bộ Khối lần thứ VII", "dai-hoi-dang-bo-khoi-lan-thu-vii"),
        ('  "Sơ kết": 6 tháng!! ', "so-ket-6-thang"),
        ("中文", ""),
    ],
)
def test_make_slug(text: str, slug: str) -> None:
    assert make_slug(text) == slug


def test_make_slug_cuts_long_titles_at_a_word_and_keeps_the_numbers() -> None:
    title = "Hội nghị Ban Chấp hành Đảng bộ Khối mở rộng lần thứ mười sáu nhiệm kỳ 2020 - 2025"
    slug = make_slug(title)
    assert len(slug) <= 60
    assert slug == "hoi-nghi-ban-chap-hanh-dang-bo-khoi-mo-rong-lan-2020-2025"
    assert make_slug("a" * 80) == "a" * 60


def test_the_trials_title_keeps_both_years() -> None:
    """The trial got "...-trien-khai-nhiem-vu-nam": the year that tells the meetings apart was lost."""
    slug = make_slug("Hội nghị tổng kết công tác năm 2023, triển khai nhiệm vụ năm 2024")
    assert slug == "hoi-nghi-tong-ket-cong-tac-nam-2023-trien-khai-nhiem-vu-2024"
    assert len(slug) <= 60


def test_new_conference_file_name_keeps_the_years(site: Path) -> None:
    title = "Hội nghị tổng kết công tác năm 2023, triển khai nhiệm vụ năm 2024"
    path = new_conference(site, date=date(2024, 1, 17), title=title, kind="tong-ket")
    assert path.name == "2024-01-17-hoi-nghi-tong-ket-cong-tac-nam-2023-trien-khai-nhiem-vu-2024.md"


@pytest.mark.parametrize(
    "text",
    [
        TRICKY_TITLE,
        "no",
        "0123",
        "10:30",
        "- danh sách",
        "#hashtag",
        "tab\there",
        "NEL\x85LS\u2028PS\u2029BOM\ufeff",
        "ctrl\x07\x7f",
        "emoji 🎉 và “ngoặc kép”",
    ],
)
def test_yaml_quote_round_trips(text: str) -> None:
    line = f"title: {yaml_quote(text)}  # ghi chú\n"
    assert "\n" not in line[:-1]
    assert yaml.safe_load(line) == {"title": text}
    problems = Problems()
    assert load_yaml(line, "x.yaml", problems) == {"title": text}
    assert not problems.items


# --- new_site ---------------------------------------------------------------


def test_new_site_creates_the_documented_files(tmp_path: Path) -> None:
    created = new_site(tmp_path / "ky-yeu", today=TODAY)
    assert rel_paths(tmp_path / "ky-yeu", created) == SITE_FILES
    assert all(p.is_file() for p in created)


def test_new_site_has_every_contract_field(site: Path) -> None:
    content = site / "content"
    text = (content / "site.yaml").read_text(encoding="utf-8")
    assert_fields(text, yaml.safe_load(text), SITE_FIELDS)

    term_md = content / "terms/2025-2030/term.md"
    data, _ = front_matter(term_md)
    assert_fields(term_md.read_text(encoding="utf-8"), data, TERM_FIELDS)

    for name, fields in (("targets.yaml", TARGET_FIELDS), ("awards.yaml", AWARD_FIELDS)):
        path = content / "terms/2025-2030" / name
        items = load_list(path)
        assert items
        for item in items:
            assert_fields(path.read_text(encoding="utf-8"), item, fields)

    for path, fields in (
        (next((content / "years/2026/conferences").glob("*.md")), CONFERENCE_FIELDS),
        (content / "years/2026/year.md", PAGE_FIELDS),
        (content / "pages/gioi-thieu.md", PAGE_FIELDS),
    ):
        data, body = front_matter(path)
        assert_fields(path.read_text(encoding="utf-8"), data, fields)
        assert body.strip(), path


def test_new_site_values(tmp_path: Path) -> None:
    new_site(tmp_path, title="Kỷ yếu: 5 năm", organization='Đảng bộ Khối "A"', today=TODAY)
    content = tmp_path / "content"
    site_yaml = yaml.safe_load((content / "site.yaml").read_text(encoding="utf-8"))
    assert site_yaml == {"title": "Kỷ yếu: 5 năm", "organization": 'Đảng bộ Khối "A"'}
    glossary = yaml.safe_load((content / "glossary.yaml").read_text(encoding="utf-8"))
    assert {"ĐV", "TCCSĐ", "BCH", "BTV"} <= set(glossary)

    term, _ = front_matter(content / "terms/2025-2030/term.md")
    assert term["start"] <= TODAY <= term["end"]
    assert (term["start"].year, term["end"].year) == (2025, 2030)

    targets = load_list(content / "terms/2025-2030/targets.yaml")
    assert [t.get("unit") == "%" for t in targets] == [False, True]
    assert all(t["direction"] in ("at_least", "at_most") for t in targets)
    # Invented plans, no invented results: the samples have no data yet, and are marked samples.
    assert all(isinstance(t["target"], int) and t["actual"] is None and t["sample"] is True for t in targets)
    (award,) = load_list(content / "terms/2025-2030/awards.yaml")
    assert award["recipient_kind"] == "collective" and award["count"] == 1 and award["sample"] is True

    conference, _ = front_matter(next((content / "years/2026/conferences").glob("*.md")))
    assert conference["date"] == TODAY and conference["kind"] == "so-ket" and conference["sample"] is True
    assert load_list(content / "years/2026/targets.yaml") == []
    assert load_list(content / "years/2026/awards.yaml") == []


def test_new_site_default_title_names_the_organization(tmp_path: Path) -> None:
    new_site(tmp_path, organization="Đảng bộ Khối tỉnh X", today=TODAY)
    data = yaml.safe_load((tmp_path / "content/site.yaml").read_text(encoding="utf-8"))
    assert data["title"] == "Kỷ yếu Đảng bộ Khối tỉnh X"


def test_new_site_text_is_nfc_utf8_lf_and_strict_yaml(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Đảng bộ Khối Các cơ quan tỉnh")
    created = new_site(tmp_path, organization=decomposed, today=TODAY)
    for path in created:
        data = path.read_bytes()
        text = data.decode("utf-8")
        if path.suffix == ".bat":  # Windows' cmd wants CRLF (tests/unit/test_launchers.py)
            data = data.replace(b"\r\n", b"\n")
        assert b"\r" not in data and not text.startswith("\ufeff")
        assert unicodedata.is_normalized("NFC", text), path
        yaml_text = text
        if path.suffix == ".md":
            yaml_text = split_front_matter(text).yaml_text or ""
        if path.suffix in (".md", ".yaml"):
            problems = Problems()
            assert load_yaml(yaml_text, str(path), problems) is not None
            assert not problems.items, path


def test_new_site_passes_validation(site: Path) -> None:
    # Imported here so the rest of this file runs even without the model stage.
    from site_builder.model.checks import check_model
    from site_builder.model.load import load_model
    from site_builder.sources.discover import read_sources

    problems = Problems()
    sources = read_sources(site, problems)
    model = load_model(sources, problems)
    assert model is not None
    check_model(model, sources.media, problems)
    # Valid, with one warning per example, at its `sample: true` line.
    assert {p.code for p in problems} == {"sample.unedited"}
    assert all(p.severity == "warning" for p in problems)
    assert sorted(p.loc.path for p in problems) == sorted(SAMPLE_FILES)
    for problem in problems:
        line = (site / problem.loc.path).read_text(encoding="utf-8").splitlines()[problem.loc.line - 1]
        assert line.lstrip().startswith("sample: true  # "), line
        assert "xóa dòng này khi đã thay bằng" in line


def test_commented_year_examples_are_complete_when_uncommented(site: Path) -> None:
    """Staff enable an example by deleting `[]` and the leading `# `."""
    for name, fields in (("targets.yaml", TARGET_FIELDS), ("awards.yaml", AWARD_FIELDS)):
        text = (site / "content/years/2026" / name).read_text(encoding="utf-8")
        example = text.split("\n[]\n", 1)[1]
        uncommented = re.sub(r"^# ?", "", example, flags=re.MULTILINE)
        (item,) = yaml.safe_load(uncommented)
        assert set(item) == set(fields), name


def test_new_site_refuses_when_any_file_exists(tmp_path: Path) -> None:
    existing = tmp_path / "content/years/2026/awards.yaml"
    existing.parent.mkdir(parents=True)
    original = "- title: Giấy khen\r\n  # của tôi\r\n".encode()
    existing.write_bytes(original)
    with pytest.raises(ScaffoldError, match="content/years/2026/awards.yaml đã có, không ghi đè"):
        new_site(tmp_path, today=TODAY)
    assert existing.read_bytes() == original
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == [existing]


# --- new_year ---------------------------------------------------------------


def test_new_year_creates_the_year_folder(site: Path) -> None:
    created = new_year(site, 2027)
    assert rel_paths(site, created) == {
        "content/years/2027/year.md",
        "content/years/2027/conferences/.gitkeep",
        "content/years/2027/targets.yaml",
        "content/years/2027/awards.yaml",
    }
    data, _ = front_matter(site / "content/years/2027/year.md")
    assert data == {"title": "Năm 2027", "sample": True}
    assert load_list(site / "content/years/2027/targets.yaml") == []
    assert load_list(site / "content/years/2027/awards.yaml") == []


def test_new_year_refuses_to_overwrite(site: Path) -> None:
    year_md = site / "content/years/2027/year.md"
    year_md.parent.mkdir(parents=True)
    year_md.write_bytes(b"---\ntitle: mine\n---\n")
    with pytest.raises(ScaffoldError) as caught:
        new_year(site, 2027)
    assert str(caught.value) == ("tệp content/years/2027/year.md đã có, không ghi đè; chưa tạo tệp nào")
    assert year_md.read_bytes() == b"---\ntitle: mine\n---\n"
    assert [p.name for p in year_md.parent.iterdir()] == ["year.md"]


def test_new_year_needs_a_site(tmp_path: Path) -> None:
    with pytest.raises(ScaffoldError, match="content/site.yaml"):
        new_year(tmp_path, 2025)
    assert list(tmp_path.iterdir()) == []


def test_new_year_rejects_a_year_without_four_digits(site: Path) -> None:
    with pytest.raises(ScaffoldError, match="bốn chữ số"):
        new_year(site, 20255)


# --- new_conference ---------------------------------------------------------


def test_new_conference_front_matter_and_body(site: Path) -> None:
    path = new_conference(site, date=date(2026, 8, 2), title=TRICKY_TITLE, kind="bch-mo-rong")
    assert path == site / ("content/years/2026/conferences/2026-08-02-hoi-nghi-bch-mo-rong-lan-2-nhap-dang-uy-khoi.md")
    data, body = front_matter(path)
    assert data == {"title": TRICKY_TITLE, "date": date(2026, 8, 2), "kind": "bch-mo-rong", "sample": True}
    headings = re.findall(r"^## (.+)$", body, re.MULTILINE)
    assert len(headings) >= 3
    assert body.lstrip().split("\n\n")[0]  # an opening paragraph before the headings
    assert_fields(path.read_text(encoding="utf-8"), data, CONFERENCE_FIELDS)


def test_new_conference_creates_the_year_folder_when_missing(site: Path) -> None:
    path = new_conference(site, date=date(2031, 1, 15), title="Tổng kết năm 2030", kind="tong-ket")
    assert path.relative_to(site).as_posix() == ("content/years/2031/conferences/2031-01-15-tong-ket-nam-2030.md")


@pytest.mark.parametrize("kind", CONFERENCE_KINDS)
def test_new_conference_accepts_every_kind(site: Path, kind: str) -> None:
    data, _ = front_matter(new_conference(site, date=TODAY, title=f"Hội nghị {kind}", kind=kind))
    assert data["kind"] == kind


def test_new_conference_rejects_an_unknown_kind(site: Path) -> None:
    before = sorted(site.rglob("*"))
    with pytest.raises(ScaffoldError) as caught:
        new_conference(site, date=TODAY, title="Hội nghị", kind="so_ket")
    message = str(caught.value)
    assert "so_ket" in message
    assert all(kind in message for kind in CONFERENCE_KINDS)
    assert sorted(site.rglob("*")) == before


def test_new_conference_refuses_to_overwrite(site: Path) -> None:
    path = new_conference(site, date=TODAY, title="Sơ kết 6 tháng")
    path.write_bytes("sửa tay\n".encode())
    with pytest.raises(ScaffoldError, match="đã có, không ghi đè"):
        new_conference(site, date=TODAY, title="Sơ kết 6 tháng")
    assert path.read_bytes() == "sửa tay\n".encode()


def test_new_conference_title_without_letters_still_gets_a_file_name(site: Path) -> None:
    path = new_conference(site, date=TODAY, title="“…”")
    assert path.name == "2026-11-22-hoi-nghi.md"


@pytest.mark.parametrize("title", ["", "   ", "\n\t"])
def test_empty_titles_are_refused(site: Path, title: str) -> None:
    with pytest.raises(ScaffoldError, match="không được để trống"):
        new_conference(site, date=TODAY, title=title)
    with pytest.raises(ScaffoldError, match="không được để trống"):
        new_page(site, title=title)


# --- new_page ---------------------------------------------------------------


def test_new_page_from_title(site: Path) -> None:
    path = new_page(site, title="Lịch sử: Đảng bộ Khối")
    assert path == site / "content/pages/lich-su-dang-bo-khoi.md"
    data, body = front_matter(path)
    assert data == {"title": "Lịch sử: Đảng bộ Khối", "sample": True}
    assert_fields(path.read_text(encoding="utf-8"), data, PAGE_FIELDS)
    assert "## " in body


def test_new_page_slug_is_folded(site: Path) -> None:
    assert new_page(site, title="A", slug="Lời nói đầu").name == "loi-noi-dau.md"
    with pytest.raises(ScaffoldError, match="--slug"):
        new_page(site, title="Trang", slug="!!!")


def test_new_page_refuses_to_overwrite(site: Path) -> None:
    existing = site / "content/pages/gioi-thieu.md"
    before = existing.read_bytes()
    with pytest.raises(ScaffoldError, match="tệp content/pages/gioi-thieu.md đã có"):
        new_page(site, title="Giới thiệu")
    assert existing.read_bytes() == before


def test_a_failure_midway_leaves_nothing_behind(tmp_path: Path) -> None:
    # templates/.gitkeep is written last: every content/ file exists by then.
    blocker = tmp_path / "templates"
    blocker.write_bytes(b"not a folder")
    with pytest.raises(ScaffoldError, match="thư mục templates: đã có một tệp trùng tên"):
        new_site(tmp_path, today=TODAY)
    assert list(tmp_path.rglob("*")) == [blocker]
    assert blocker.read_bytes() == b"not a folder"


def test_a_recurring_meeting_gets_the_month_then_the_day(site: Path) -> None:
    folder = "content/years/2026/conferences"
    title = "Hội nghị giao ban"
    first = new_conference(site, date=date(2026, 3, 10), title=title)
    second = new_conference(site, date=date(2026, 7, 15), title=title)
    third = new_conference(site, date=date(2026, 7, 28), title=title)
    assert [p.relative_to(site).as_posix() for p in (first, second, third)] == [
        f"{folder}/2026-03-10-hoi-nghi-giao-ban.md",
        f"{folder}/2026-07-15-hoi-nghi-giao-ban-thang-07.md",
        f"{folder}/2026-07-28-hoi-nghi-giao-ban-ngay-28-07.md",
    ]
    with pytest.raises(ScaffoldError, match="đã có, không ghi đè"):  # the same meeting twice is refused
        new_conference(site, date=date(2026, 7, 15), title=title)


def test_a_recurring_meeting_site_still_validates(site: Path) -> None:
    from site_builder.build import check_site

    for day in (date(2026, 3, 10), date(2026, 7, 15)):
        new_conference(site, date=day, title="Hội nghị giao ban")
    # No two conferences on one address (and the placeholder bodies of samples are no duplicates).
    assert [p.format() for p in check_site(site) if p.code != "sample.unedited"] == []


def test_the_new_term_title_is_a_placeholder_not_the_heading(site: Path) -> None:
    data, _ = front_matter(site / "content/terms/2025-2030/term.md")
    assert data["title"] == "Phương hướng, khẩu hiệu của nhiệm kỳ (sửa lại)"


# --- new_term and new_site --term --------------------------------------------


def check_codes(site: Path) -> set[str]:
    from site_builder.build import check_site

    return {p.code for p in check_site(site)}


def test_new_term_creates_the_term_folder_with_the_congress_dates(site: Path) -> None:
    created = new_term(site, "2020-2025", start=date(2020, 8, 1), end=date(2025, 7, 31))
    assert rel_paths(site, created) == {
        "content/terms/2020-2025/term.md",
        "content/terms/2020-2025/targets.yaml",
        "content/terms/2020-2025/awards.yaml",
    }
    data, _ = front_matter(site / "content/terms/2020-2025/term.md")
    assert (data["start"], data["end"], data["sample"]) == (date(2020, 8, 1), date(2025, 7, 31), True)
    assert all(item["sample"] for item in load_list(site / "content/terms/2020-2025/targets.yaml"))
    # The second term is valid at once: only the reminders that samples are left.
    assert check_codes(site) == {"sample.unedited"}


def test_a_later_term_moves_the_book_unless_site_yaml_names_it(tmp_path: Path) -> None:
    """The book is the latest term when `yearbook.term` is not written: adding 2020-2025 to a
    2015-2020 site would switch the printed book without a word; the CLI says so."""
    from site_builder.scaffold_terms import book_term_change

    new_site(tmp_path, today=TODAY, term="2015-2020")
    new_term(tmp_path, "2020-2025")
    assert book_term_change(tmp_path, "2020-2025") == "2015-2020"
    new_term(tmp_path, "2010-2015")
    assert book_term_change(tmp_path, "2010-2015") is None  # an earlier term changes nothing
    site_yaml = tmp_path / "content/site.yaml"
    text = site_yaml.read_text(encoding="utf-8").replace("# yearbook:", "yearbook:")
    site_yaml.write_text(text.replace('#   term: "2015-2020"', '  term: "2015-2020"'), encoding="utf-8")
    assert book_term_change(tmp_path, "2020-2025") is None


def test_new_term_dates_default_to_whole_years(site: Path) -> None:
    new_term(site, "2030 – 2035")  # typed with spaces and an en dash, as in a heading
    data, _ = front_matter(site / "content/terms/2030-2035/term.md")
    assert (data["start"], data["end"]) == (date(2030, 1, 1), date(2035, 12, 31))


@pytest.mark.parametrize(
    ("term", "key"),
    [("20-25", "scaffold.bad-term"), ("2020", "scaffold.bad-term"), ("2025-2020", "scaffold.term-order"),
     ("2020-2020", "scaffold.term-order")],
)  # fmt: skip
def test_new_term_refuses_a_bad_name(site: Path, term: str, key: str) -> None:
    with pytest.raises(ScaffoldError) as caught:
        new_term(site, term)
    assert caught.value.key == key
    assert "2020-2025" in str(caught.value)  # the message shows how to write it
    assert [p.name for p in (site / "content/terms").iterdir()] == ["2025-2030"]


def test_new_term_refuses_a_day_outside_the_folder_years(site: Path) -> None:
    with pytest.raises(ScaffoldError) as caught:
        new_term(site, "2020-2025", start=date(2019, 12, 1))
    assert caught.value.key == "scaffold.term-date-year"
    assert "2019-12-01 (--start)" in str(caught.value)
    assert caught.value.message("en").startswith("the day 2019-12-01 (--start) is not in the year 2020")
    assert not (site / "content/terms/2020-2025").exists()


def test_new_term_needs_a_site(tmp_path: Path) -> None:
    with pytest.raises(ScaffoldError, match="content/site.yaml"):
        new_term(tmp_path, "2020-2025")
    assert list(tmp_path.iterdir()) == []


def test_new_term_refuses_to_overwrite(site: Path) -> None:
    with pytest.raises(ScaffoldError, match="chưa tạo tệp nào"):
        new_term(site, "2025-2030")


def test_new_site_with_a_first_term_in_the_past(tmp_path: Path) -> None:
    created = rel_paths(tmp_path, new_site(tmp_path, today=TODAY, term="2015-2020"))
    # The example year and conference fall in that term: its first year, mid-year.
    assert {
        "content/terms/2015-2020/term.md",
        "content/years/2015/year.md",
        "content/years/2015/conferences/2015-07-01-hoi-nghi-so-ket-bai-mau.md",
    } <= created
    assert not any("2025-2030" in path or "2026" in path for path in created)
    assert 'term: "2015-2020"' in (tmp_path / "content/site.yaml").read_text(encoding="utf-8")
    assert check_codes(tmp_path) == {"sample.unedited"}


def test_new_site_with_the_current_term_keeps_today(tmp_path: Path) -> None:
    created = rel_paths(tmp_path, new_site(tmp_path, today=TODAY, term="2025-2030"))
    assert "content/years/2026/conferences/2026-11-22-hoi-nghi-so-ket-bai-mau.md" in created


def test_new_site_refuses_a_bad_first_term(tmp_path: Path) -> None:
    with pytest.raises(ScaffoldError) as caught:
        new_site(tmp_path, today=TODAY, term="2015")
    assert caught.value.key == "scaffold.bad-term"
    assert list(tmp_path.iterdir()) == []


# --- texts in the site's language (code review #10) ----------------------------


def english(site: Path) -> Path:
    site_yaml = site / "content/site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace("# language: vi", "language: en"), "utf-8")
    return site


def test_an_unknown_kind_is_glossed_in_the_message_language(site: Path) -> None:
    with pytest.raises(ScaffoldError) as caught:
        new_conference(site, date=date(2026, 3, 1), title="Họp", kind="hop")
    assert "tong-ket (Hội nghị tổng kết)" in str(caught.value)
    english_message = caught.value.message("en")
    assert "tong-ket (Annual review conference)" in english_message and "Hội nghị" not in english_message


def test_sheet_templates_are_titled_in_the_sites_language(tmp_path: Path) -> None:
    import openpyxl

    new_site(tmp_path / "vi", today=TODAY, xlsx=True)
    sheet = openpyxl.load_workbook(tmp_path / "vi/content/terms/2025-2030/targets.xlsx").active
    assert sheet["A1"].value == "Chỉ tiêu nhiệm kỳ 2025 - 2030"
    site = english(tmp_path / "vi")
    new_year(site, 2027, xlsx=True)
    new_term(site, "2030-2035", xlsx=True)
    assert openpyxl.load_workbook(site / "content/years/2027/targets.xlsx").active["A1"].value == "Targets, year 2027"
    awards = openpyxl.load_workbook(site / "content/terms/2030-2035/awards.xlsx").active
    assert awards["A1"].value == "Awards, term 2030 - 2035"
