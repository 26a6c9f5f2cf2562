"""Cross-record checks: media references, unused files, glossary use, unknown statuses, unique addresses."""

from __future__ import annotations

from site_builder.build import load_site
from site_builder.problems import Problems
from tests.conftest import formatted, site_with

CONF = "content/years/2021/conferences/2021-01-14-tong-ket.md"
PHOTO = b"\xff\xd8\xff\xe0"


def load(site):
    """(model, problems) of the whole loader: body media are checked and published by the markup stage."""
    problems = Problems()
    loaded = load_site(site, problems)
    return (loaded.model if loaded else None), problems


def conf(front: str = "", body: str = "Nội dung.\n") -> str:
    return f"---\ntitle: Tổng kết\ndate: 2021-01-14\nkind: tong-ket\n{front}---\n{body}"


def test_photos_must_exist_inside_media(tmp_path):
    front = """\
photos:
  - {src: photos/co.jpg, caption: A, alt: "Hội trường"}
  - {src: photos/khong-co.jpg, caption: B, alt: b}
  - {src: ../../bi-mat.jpg, caption: C, alt: c}
  - {src: "https://example.vn/a.jpg", caption: D, alt: d}
"""
    model, problems = load(site_with(tmp_path, {CONF: conf(front), "content/media/photos/co.jpg": PHOTO}))
    assert formatted(problems) == [
        f"{CONF}:7:5: error: không tìm thấy ảnh “photos/khong-co.jpg” trong content/media/",
        f"{CONF}:8:5: error: đường dẫn “../../bi-mat.jpg” đi ra ngoài thư mục content/media/; "
        "chỉ dùng ảnh trong thư mục đó",
        f"{CONF}:9:5: error: ảnh “https://example.vn/a.jpg” nằm trên mạng; hãy tải về, đặt vào content/media/ "
        "và ghi đường dẫn",
    ]
    assert "photos/co.jpg" in model.media and not any("bi-mat" in m or "example" in m for m in model.media)


def test_photo_src_may_carry_the_media_prefix(tmp_path):
    front = (
        "photos:\n  - {src: content/media/photos/a.jpg, caption: A, alt: a}\n"
        "  - {src: media/photos/b.jpg, caption: B, alt: b}\n"
    )
    files = {CONF: conf(front), "content/media/photos/a.jpg": PHOTO, "content/media/photos/b.jpg": PHOTO}
    model, problems = load(site_with(tmp_path, files))
    assert formatted(problems) == []
    assert model.media == ("photos/a.jpg", "photos/b.jpg")


def test_unused_media_is_a_warning_and_not_published(tmp_path):
    model, problems = load(site_with(tmp_path, {CONF: conf(), "content/media/thua.jpg": PHOTO}))
    assert formatted(problems) == [
        "content/media/thua.jpg: warning: tệp media không được bản ghi nào dùng nên không được xuất bản"
    ]
    assert model.media == ()


def test_body_images_relative_to_the_file_or_to_media(tmp_path):
    body = "![a](../../../media/photos/a.jpg)\n\n![b](photos/b.jpg)\n\n![c](photos/khong-co.jpg)\n"
    files = {CONF: conf("", body), "content/media/photos/a.jpg": PHOTO, "content/media/photos/b.jpg": PHOTO}
    model, problems = load(site_with(tmp_path, files))
    assert formatted(problems) == [f"{CONF}:10:6: error: không tìm thấy ảnh “photos/khong-co.jpg” trong content/media/"]
    assert {"photos/a.jpg", "photos/b.jpg"} <= set(model.media)


def test_links_to_media_files_publish_them(tmp_path):
    page = (
        "---\ntitle: Văn kiện\n---\nTải [báo cáo](../media/van-kien/bao-cao.pdf) và [thiếu](../media/khong-co.pdf).\n"
    )
    files = {"content/pages/van-kien.md": page, "content/media/van-kien/bao-cao.pdf": b"%PDF-1.4"}
    model, problems = load(site_with(tmp_path, files))
    assert "van-kien/bao-cao.pdf" in model.media
    assert formatted(problems) == [
        "content/pages/van-kien.md:4:57: error: không tìm thấy ảnh “../media/khong-co.pdf” trong content/media/"
    ]


def test_unused_glossary_entry_is_a_warning(tmp_path):
    files = {"content/glossary.yaml": "ĐV: đảng viên\nMTTQ: Mặt trận Tổ quốc\n", CONF: conf("", "Có 152 ĐV mới.\n")}
    _, problems = load(site_with(tmp_path, files))
    assert formatted(problems) == [
        "content/glossary.yaml:2:1: warning: từ viết tắt “MTTQ” không xuất hiện ở đâu trong nội dung "
        "(bài viết, chức vụ, lý do khen thưởng, chú thích ảnh ...): dùng nó, hoặc xóa dòng này"
    ]


def test_a_broken_file_gives_no_knock_on_unused_abbreviation_warning(tmp_path):
    """Staff #21: the only file using UVTV was broken (date 05/10/2023, curly quotes): `check` said
    UVTV was used nowhere. Only the file's own errors are reported."""
    broken = "---\ntitle: “Tổng kết”\ndate: 14/01/2021\nkind: tong-ket\n---\nĐồng chí UVTV phát biểu.\n"
    files = {"content/glossary.yaml": "UVTV: Ủy viên Ban Thường vụ\n", CONF: broken}
    _, problems = load(site_with(tmp_path, files))
    assert problems.errors and all(p.loc.path == CONF for p in problems.errors)
    assert "glossary.unused" not in {p.code for p in problems}


def test_a_rate_target_without_a_planned_rate_is_an_error_not_an_unknown_status(tmp_path):
    files = {"content/years/2021/targets.yaml": "- {id: ty-le, name: Tỷ lệ, unit: '%', actual: 50, percent: 90}\n"}
    _, problems = load(site_with(tmp_path, files))
    messages = formatted(problems)
    assert "chưa xác định được đánh giá" not in "\n".join(messages)
    assert any(m.startswith("content/years/2021/targets.yaml:1:60: error: chỉ tiêu tỷ lệ “ty-le”") for m in messages)


def test_two_records_on_one_address_name_both_files(tmp_path):
    other = "content/years/2021/conferences/tong-ket.md"
    files = {CONF: conf(), other: conf()}
    problems = Problems()
    load_site(site_with(tmp_path, files), problems)
    # (The same title on the same day is also reported as a meeting entered twice.)
    assert [p.code for p in problems if p.severity == "warning"] == ["conference.duplicate"]
    messages = [p.format() for p in problems.errors]
    assert len(messages) == 1
    assert messages[0].startswith(f"{other}: error: hai bản ghi cùng ra một địa chỉ /nam/2021/tong-ket/") or messages[
        0
    ].startswith(f"{CONF}: error: hai bản ghi cùng ra một địa chỉ /nam/2021/tong-ket/")
    assert CONF in messages[0] and other in messages[0]


def test_glossary_use_follows_the_rendering_rule(tmp_path):
    """Where "BTV ĐUK" is written, the page marks up "BTV ĐUK", not "BTV": so "BTV" alone is unused."""
    files = {
        "content/glossary.yaml": "BTV: Ban Thường vụ\nBTV ĐUK: Ban Thường vụ Đảng ủy Khối\n",
        CONF: conf("", "BTV ĐUK họp.\n"),
    }
    _, problems = load(site_with(tmp_path, files))
    assert formatted(problems) == [
        "content/glossary.yaml:1:1: warning: từ viết tắt “BTV” không xuất hiện ở đâu trong nội dung "
        "(bài viết, chức vụ, lý do khen thưởng, chú thích ảnh ...): dùng nó, hoặc xóa dòng này"
    ]


def test_a_photo_described_only_by_its_caption_is_a_warning_at_its_entry(tmp_path):
    front = 'photos:\n  - src: photos/a.jpg\n    caption: "Toàn cảnh"\n'
    front += '  - src: photos/b.jpg\n    caption: B\n    alt: "Hội trường"\n'
    files = {CONF: conf(front), "content/media/photos/a.jpg": PHOTO, "content/media/photos/b.jpg": PHOTO}
    model, problems = load(site_with(tmp_path, files))
    assert [(p.code, p.loc.line, p.severity) for p in problems] == [("photo.no-alt", 6, "warning")]
    assert "photos/a.jpg" in formatted(problems)[0] and "alt:" in formatted(problems)[0]
    assert [p.alt for p in model.conferences[0].photos] == [None, "Hội trường"]


def test_a_missing_photo_suggests_the_file_that_differs_only_by_extension_case_or_diacritics(tmp_path):
    front = """\
photos:
  - {src: photos/toan-canh.jpg, caption: A}
  - {src: photos/Chu-Tri.jpg, caption: B}
  - {src: photos/phát-biểu.jpg, caption: C}
  - {src: photos/khong-co.jpg, caption: D}
"""
    files = {
        CONF: conf(front),
        "content/media/photos/toan-canh.JPEG": PHOTO,
        "content/media/photos/chu-tri.jpg": PHOTO,
        "content/media/photos/phat-bieu.jpg": PHOTO,
    }
    _, problems = load(site_with(tmp_path, files))
    assert [p.format() for p in problems.sorted() if p.severity == "error"] == [
        f"{CONF}:6:5: error: không tìm thấy ảnh “photos/toan-canh.jpg” trong content/media/; "
        "có phải ý bạn là “photos/toan-canh.JPEG”?",
        f"{CONF}:7:5: error: không tìm thấy ảnh “photos/Chu-Tri.jpg” trong content/media/; "
        "có phải ý bạn là “photos/chu-tri.jpg”?",
        f"{CONF}:8:5: error: không tìm thấy ảnh “photos/phát-biểu.jpg” trong content/media/; "
        "có phải ý bạn là “photos/phat-bieu.jpg”?",
        f"{CONF}:9:5: error: không tìm thấy ảnh “photos/khong-co.jpg” trong content/media/",
    ]


def test_a_missing_body_image_suggests_the_name_as_the_body_writes_paths(tmp_path):
    body = "![a](../../../media/photos/Anh-1.png)\n"
    files = {CONF: conf("", body), "content/media/photos/anh-1.jpg": PHOTO}
    _, problems = load(site_with(tmp_path, files))
    assert (
        f"{CONF}:6:6: error: không tìm thấy ảnh “../../../media/photos/Anh-1.png” trong content/media/; "
        "có phải ý bạn là “../../../media/photos/anh-1.jpg”?" in formatted(problems)
    )
    assert "did you mean “../../../media/photos/anh-1.jpg”?" in problems.errors[0].message("en")
