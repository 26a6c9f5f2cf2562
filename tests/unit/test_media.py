"""Media paths (model/media.py): every spelling staff use for a file in content/media/, nothing
outside it, and the file a near miss most likely means."""

from __future__ import annotations

import pytest

from site_builder.model.media import body_media_path, closest_media, media_path, suggest_src


@pytest.mark.parametrize(
    ("written", "path"),
    [
        ("photos/a.jpg", "photos/a.jpg"),
        ("media/photos/a.jpg", "photos/a.jpg"),
        ("content/media/photos/a.jpg", "photos/a.jpg"),
        (" photos/./b/../a.jpg ", "photos/a.jpg"),
        ("../site.yaml", None),
        ("/etc/passwd", None),
        ("photos\\a.jpg", None),
        ("https://example.vn/a.jpg", None),
        ("//example.vn/a.jpg", None),
        ("file:///etc/passwd", None),
        ("", None),
    ],
)
def test_a_media_path_stays_inside_the_media_folder(written, path):
    assert media_path(written) == path


@pytest.mark.parametrize(
    ("src", "doc", "path"),
    [
        ("../media/a.jpg", "content/pages/gioi-thieu.md", "a.jpg"),  # as an editor previews it
        ("../../../media/anh/b.png", "content/years/2021/conferences/x.md", "anh/b.png"),
        ("media/a.jpg", "content/pages/gioi-thieu.md", "a.jpg"),  # relative to content/
        ("a.jpg", "content/pages/gioi-thieu.md", "a.jpg"),  # relative to content/media/
        ("../../site.yaml", "content/pages/gioi-thieu.md", None),
        ("http://x.vn/a.jpg", "content/pages/gioi-thieu.md", None),
    ],
)
def test_a_body_names_media_relative_to_its_file_or_the_content_folder(src, doc, path):
    assert body_media_path(src, doc) == path


def test_the_closest_file_differs_only_by_case_extension_or_marks():
    files = ["anh/hội-nghị.png", "anh/toan-canh.jpg", "anh-1.jpg"]
    assert closest_media("anh/hoi-nghi.png", files) == "anh/hội-nghị.png"
    assert closest_media("anh-1.JPG", files) == "anh-1.jpg"
    assert closest_media("anh/khac.jpg", files) is None


def test_the_suggestion_changes_only_the_file_name_when_the_folder_is_right():
    assert (
        suggest_src("../media/anh/hoi-nghi.png", "anh/hoi-nghi.png", "anh/hội-nghị.png") == "../media/anh/hội-nghị.png"
    )
    assert suggest_src("anh/a.JPG", "anh/a.JPG", "khac/a.jpg") == "khac/a.jpg"
