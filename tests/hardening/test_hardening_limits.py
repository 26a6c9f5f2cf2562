"""Case 6: caps on file size, record count and image size/pixels, set in site.yaml `limits:`."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest

from site_builder.problems import Problems
from site_builder.sources.discover import read_sources
from site_builder.sources.images import image_size
from site_builder.sources.limits import SourceLimits
from tests.hardening.helpers import codes, load, messages, site_with

SITE = 'title: "Kỷ yếu"\norganization: "Đảng bộ"\n'
PAGE = "content/pages/dai.md"


def with_limits(**values: int) -> str:
    return SITE + "limits:\n" + "".join(f"  {k}: {v}\n" for k, v in values.items())


def png(width: int, height: int) -> bytes:
    """A PNG header claiming any size (enough for a header-only reader)."""
    return (
        b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", width, height) + b"\x08\x02\0\0\0"
    )


def test_file_over_the_configured_size_is_refused_with_the_limit(tmp_path):
    body = "Đảng viên. " * 2000  # about 24 KB
    site = site_with(
        tmp_path, {"content/site.yaml": with_limits(max_file_kb=10), PAGE: f"---\ntitle: Dài\n---\n{body}"}
    )
    _, problems = load(site)
    (error,) = problems.errors
    assert (error.code, error.loc.path) == ("file.too-big", PAGE)
    assert "limit 10 KB" in error.format("en") and "max_file_kb" in error.format("en")


def test_default_file_cap_applies_without_limits(tmp_path):
    big = "---\ntitle: Dài\n---\n" + "x" * 2_100_000
    _, problems = load(site_with(tmp_path, {PAGE: big}))
    assert [(p.code, p.loc.path) for p in problems.errors] == [("file.too-big", PAGE)]


def test_raising_the_file_cap_lets_a_big_file_in(tmp_path):
    big = "---\ntitle: Dài\n---\n" + "x" * 2_100_000
    site = site_with(tmp_path, {"content/site.yaml": with_limits(max_file_kb=3000), PAGE: big})
    _, problems = load(site)
    assert not problems.errors


def test_too_many_records_stop_reading_with_one_clear_error(tmp_path):
    pages = {f"content/pages/p{i}.md": f"---\ntitle: Trang {i}\n---\n" for i in range(5)}
    site = site_with(tmp_path, {"content/site.yaml": with_limits(max_records=4), **pages})
    problems = Problems()
    sources = read_sources(site, problems)
    assert sources.records == ()
    assert messages(problems) == [
        "content: error: 7 records exceed the limit of 4 (set limits.max_records in site.yaml)"
    ]


def test_image_over_the_size_cap(tmp_path):
    site = site_with(
        tmp_path, {"content/site.yaml": with_limits(max_image_kb=1), "content/media/a.png": png(10, 10) + b"\0" * 2000}
    )
    _, problems = load(site)
    assert [(p.code, p.loc.path) for p in problems.errors] == [("media.too-big", "content/media/a.png")]


def test_image_over_the_pixel_cap_is_measured_from_the_header(tmp_path):
    site = site_with(tmp_path, {"content/media/bom.png": png(100_000, 100_000)})  # a decompression bomb
    _, problems = load(site)
    (error,) = problems.errors
    assert (error.code, error.loc.path) == ("media.too-many-pixels", "content/media/bom.png")
    assert "100000 × 100000" in error.format("en")


def test_pixel_cap_is_configurable(tmp_path):
    site = site_with(
        tmp_path, {"content/site.yaml": with_limits(max_image_pixels=50), "content/media/a.png": png(10, 10)}
    )
    _, problems = load(site)
    assert codes(problems)[:1] == ["media.too-many-pixels"]


@pytest.mark.parametrize("value", [-1, 0])
def test_non_positive_limits_are_reported_and_ignored(tmp_path, value):
    site = site_with(tmp_path, {"content/site.yaml": with_limits(max_records=value)})
    problems = Problems()
    assert read_sources(site, problems).records  # -1 ignored while reading
    _, problems = load(site)
    assert [(p.code, p.loc.path) for p in problems.errors] == [("limit.not-positive", "content/site.yaml")]


def test_explicit_limits_override_site_yaml(tmp_path):
    site = site_with(tmp_path, {PAGE: "---\ntitle: x\n---\n" + "y" * 5000})
    problems = Problems()
    read_sources(site, problems, SourceLimits(max_file_kb=1))
    assert codes(problems) == ["file.too-big"]


# --- the header-only image reader --------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "options"),
    [("PNG", {}), ("GIF", {}), ("JPEG", {}), ("JPEG", {"progressive": True}), ("WEBP", {}),
     ("WEBP", {"lossless": True}), ("JPEG", {"exif": b"Exif\0\0" + b"x" * 60_000})],
)  # fmt: skip
def test_image_size_matches_pillow(tmp_path: Path, fmt, options):
    from PIL import Image

    data = io.BytesIO()
    Image.new("P" if fmt == "GIF" else "RGB", (321, 123)).save(data, fmt, **options)
    path = tmp_path / "img"
    path.write_bytes(data.getvalue())
    assert image_size(path) == (321, 123)


def test_webp_extended_header(tmp_path):
    from PIL import Image

    data = io.BytesIO()
    Image.new("RGBA", (640, 480)).save(data, "WEBP")
    (tmp_path / "a.webp").write_bytes(data.getvalue())
    assert image_size(tmp_path / "a.webp") == (640, 480)


@pytest.mark.parametrize(
    "data", [b"", b"\xff\xd8", b"\xff\xd8\xff\xc0", b"GIF89a", b"not an image", b"\x89PNG\r\n\x1a\n"]
)
def test_truncated_or_foreign_files_give_none(tmp_path, data):
    (tmp_path / "x").write_bytes(data)
    assert image_size(tmp_path / "x") is None
