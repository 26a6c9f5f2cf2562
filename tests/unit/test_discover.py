"""Walking content/: every file classified by where it sits, problems collected."""

from __future__ import annotations

import pytest

from site_builder.problems import Problems
from site_builder.sources.discover import classify, read_sources
from tests.conftest import BASE_FILES, make_site


@pytest.mark.parametrize(
    ("rel", "kind", "parts"),
    [
        ("site.yaml", "site", {}),
        ("glossary.yaml", "glossary", {}),
        ("terms/2015-2020/term.md", "term", {"folder": "2015-2020"}),
        ("terms/2015-2020/targets.yaml", "term-targets", {"folder": "2015-2020"}),
        ("terms/2015-2020/awards.yaml", "term-awards", {"folder": "2015-2020"}),
        ("years/2019/year.md", "year", {"folder": "2019"}),
        ("years/2019/targets.yaml", "year-targets", {"folder": "2019"}),
        ("years/2019/awards.yaml", "year-awards", {"folder": "2019"}),
        (
            "years/2019/conferences/2019-08-02-so-ket-6-thang.md",
            "conference",
            {"folder": "2019", "stem": "2019-08-02-so-ket-6-thang"},
        ),
        ("pages/gioi-thieu.md", "page", {"stem": "gioi-thieu"}),
    ],
)
def test_classify_every_record_kind(rel, kind, parts):
    assert classify(rel) == (kind, parts)


@pytest.mark.parametrize(
    "rel", ["notes.txt", "years/2019/conferences/a.yaml", "terms/2015-2020/other.md", "pages/sub/x.md"]
)
def test_classify_unknown(rel):
    assert classify(rel) is None


def read(files):
    import tempfile
    from pathlib import Path

    site = make_site(Path(tempfile.mkdtemp()), files)
    problems = Problems()
    return read_sources(site, problems), [p.format() for p in problems.sorted()]


def test_missing_site_yaml_is_one_clear_error():
    sources, messages = read({"content/pages/a.md": "---\ntitle: A\n---\n"})
    assert sources.records == ()
    assert messages == [
        "content/site.yaml: error: không tìm thấy content/site.yaml: thư mục này chưa phải một trang kỷ yếu "
        "(tạo mới bằng lệnh: site-builder new site <thư-mục>)"
    ]


def test_records_media_and_unknown_files():
    sources, messages = read(
        {
            **BASE_FILES,
            "content/media/photos/a.jpg": b"\xff\xd8",
            "content/ghi-chu.txt": "x",
            "content/.DS_Store": b"\x00",
            "content/pages/nhap.md~": "x",
            "content/README.md": "hướng dẫn",
        }
    )
    assert sorted(r.path for r in sources.records) == ["content/site.yaml", "content/terms/2020-2025/term.md"]
    assert sources.media == frozenset({"photos/a.jpg"})
    assert messages == [
        "content/ghi-chu.txt: warning: tệp này không thuộc loại nào trong cấu trúc nội dung nên bị bỏ qua"
    ]


def test_markdown_body_and_its_first_line():
    sources, _ = read({**BASE_FILES})
    term = next(r for r in sources.records if r.kind == "term")
    assert term.folder == "2020-2025"
    assert term.body == "Thân bài của nhiệm kỳ.\n"
    assert term.body_line == 6
    assert term.data["start"].line == 3


def test_front_matter_missing_and_unclosed_are_reported():
    sources, messages = read(
        {
            **BASE_FILES,
            "content/pages/a.md": "Chỉ có thân bài\n",
            "content/pages/b.md": "---\ntitle: B\nThân bài\n",
        }
    )
    assert messages == [
        "content/pages/a.md:1: error: tệp phải bắt đầu bằng phần thông tin đặt giữa hai dòng “---”",
        "content/pages/b.md:1: error: phần thông tin đầu tệp chưa được đóng bằng dòng “---”",
    ]
    assert {r.path for r in sources.records} == {"content/site.yaml", "content/terms/2020-2025/term.md"}


def test_one_bad_file_does_not_stop_the_others():
    sources, messages = read(
        {
            **BASE_FILES,
            "content/pages/a.md": b"---\ntitle: \xff\n---\n",
            "content/pages/b.md": "---\ntitle: [B\n---\n",
            "content/pages/c.md": "---\ntitle: C\n---\n",
        }
    )
    assert [m.split(": ")[0] for m in messages] == ["content/pages/a.md:2:8", "content/pages/b.md:2:8"]
    assert "content/pages/c.md" in {r.path for r in sources.records}


def test_record_cache_skips_unchanged_files_and_replays_their_problems(tmp_path):
    import os
    import unicodedata

    page = "content/pages/a.md"
    site = make_site(tmp_path, {**BASE_FILES, page: unicodedata.normalize("NFD", "---\ntitle: Đảng\n---\nx\n")})
    cache: dict = {}
    first, second = Problems(), Problems()
    before = {r.path: r for r in read_sources(site, first, cache=cache).records}
    again = {r.path: r for r in read_sources(site, second, cache=cache).records}
    assert again[page] is before[page]  # not parsed again
    assert [p.code for p in second] == [p.code for p in first] == ["text.not-nfc"]

    target = site / page
    target.write_text("---\ntitle: Mới\n---\nx\n", encoding="utf-8")
    stat = target.stat()
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    third = Problems()
    changed = {r.path: r for r in read_sources(site, third, cache=cache).records}
    assert changed[page].data["title"] == "Mới"
    assert list(third) == []


def test_misplaced_record_files_are_errors_that_say_what_to_do():
    _, messages = read(
        {
            **BASE_FILES,
            "content/years/2025/awards.yml": "- {title: Giấy khen}\n",
            "content/terms/2020-2025/targets.yml": "[]\n",
            "content/pages/x.markdown": "---\ntitle: X\n---\n",
            "content/years/2025/x.md": "---\ntitle: Hội nghị\n---\n",
            "content/pages/cu/y.md": "---\ntitle: Y\n---\n",
            "content/years/2025/conferences/z.yaml": "a: 1\n",
            "content/ghi-chu.docx": b"PK\x03\x04",
            "content/README.txt": "đọc tôi",
        }
    )
    ignored = "tệp này có vẻ là bản ghi nhưng"
    assert messages == [
        "content/README.txt: warning: tệp này không thuộc loại nào trong cấu trúc nội dung nên bị bỏ qua",
        "content/ghi-chu.docx: warning: tệp này không thuộc loại nào trong cấu trúc nội dung nên bị bỏ qua",
        f"content/pages/cu/y.md: error: {ignored} nằm sai chỗ nên bị bỏ qua; hãy chuyển vào pages/",
        f"content/pages/x.markdown: error: {ignored} sai tên nên bị bỏ qua; hãy đổi tên thành x.md",
        f"content/terms/2020-2025/targets.yml: error: {ignored} sai tên nên bị bỏ qua; hãy đổi tên thành targets.yaml",
        f"content/years/2025/awards.yml: error: {ignored} sai tên nên bị bỏ qua; hãy đổi tên thành awards.yaml",
        f"content/years/2025/conferences/z.yaml: error: {ignored} không nằm ở chỗ nào của cấu trúc nội dung "
        "nên bị bỏ qua; xem phần cấu trúc thư mục content/ trong hướng dẫn",
        f"content/years/2025/x.md: error: {ignored} nằm sai chỗ nên bị bỏ qua; hãy chuyển vào years/2025/conferences/",
    ]


def test_running_inside_content_says_go_one_folder_up(tmp_path):
    content = make_site(tmp_path, BASE_FILES) / "content"
    problems = Problems()
    read_sources(content, problems)  # the folder given is content/ itself
    (problem,) = problems
    assert problem.code == "site.inside-content"
    assert problem.message() == (
        "bạn đang đứng trong thư mục content/ của một trang kỷ yếu: hãy chạy lệnh ở thư mục cha, "
        "thư mục chứa content/ (gõ: cd ..), rồi chạy lại lệnh"
    )
    assert "new site" not in problem.message() and "(type: cd ..)" in problem.message("en")


def test_running_deeper_inside_content_says_how_far_up(tmp_path):
    site = make_site(tmp_path, BASE_FILES)
    problems = Problems()
    read_sources(site / "content/terms/2020-2025", problems)
    (problem,) = problems
    assert problem.code == "site.inside-content" and "(gõ: cd ../../..)" in problem.message()


def test_a_folder_that_is_no_site_at_all_suggests_a_new_site(tmp_path):
    problems = Problems()
    read_sources(tmp_path, problems)
    (problem,) = problems
    assert problem.code == "site.missing" and "site-builder new site" in problem.message()


@pytest.mark.parametrize("kind", ["targets", "awards"])
@pytest.mark.parametrize("text", ["", "# chưa có số liệu\n"])
def test_empty_targets_or_awards_file_is_a_warning(kind, text):
    sources, messages = read(
        {**BASE_FILES, f"content/years/2021/{kind}.yaml": text, "content/terms/2020-2025/awards.yaml": "[]\n"}
    )
    assert messages == [
        f"content/years/2021/{kind}.yaml: warning: tệp trống: chưa có mục nào, nên trang kỷ yếu không có gì từ tệp này"
    ]
    assert f"years/2021/{kind}.yaml" in sources.files


def test_source_set_lists_every_record_file_even_unreadable_ones():
    sources, _ = read({**BASE_FILES, "content/pages/hong.md": "không có front matter\n"})
    assert "pages/hong.md" in sources.files and "terms/2020-2025/term.md" in sources.files
    assert all(r.path != "content/pages/hong.md" for r in sources.records)
