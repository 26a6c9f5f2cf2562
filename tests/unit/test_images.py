"""Web copies of photos: which copies (pure planning) and their bytes (Pillow), and site.yaml `images:`."""

from __future__ import annotations

import io
import random

from PIL import Image

from site_builder.images.responsive import plan_image, thumb_base
from site_builder.images.thumbnails import describe, encode_variants, web_images
from site_builder.model.records import ImageOptions
from site_builder.problems import Problems
from tests.conftest import load, site_with

MAX = 40_000_000


def jpeg(width: int, height: int, orientation: int | None = None, when: str | None = None) -> bytes:
    """A JPEG whose left half is red and right half blue, with optional EXIF orientation and date."""
    image = Image.new("RGB", (width, height), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, width // 2, height))
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    if when:
        exif[0x0132] = when  # DateTime
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=exif.tobytes())
    return buffer.getvalue()


def test_a_wide_jpeg_gets_webp_at_every_step_and_jpeg_below_its_width():
    plan = plan_image("photos/a.jpg", 1600, 1000, "JPEG")
    assert [(v.format, v.width, v.height) for v in plan.variants] == [
        ("WEBP", 480, 300), ("WEBP", 800, 500), ("WEBP", 1200, 750), ("WEBP", 1600, 1000),
        ("JPEG", 480, 300), ("JPEG", 800, 500), ("JPEG", 1200, 750),
    ]  # fmt: skip
    assert plan.fallback.width == 800
    assert [v.url for v in plan.fallback_set][-1] == "/media/photos/a.jpg"  # the original is the largest JPEG
    assert all(v.url.startswith("/thumbs/") and v.url.isascii() for v in plan.variants)


def test_small_png_gif_and_unknown_formats():
    assert [(v.format, v.width) for v in plan_image("a.png", 300, 200, "PNG").variants] == [("WEBP", 300)]
    assert plan_image("a.png", 300, 200, "PNG").fallback is None  # <img src> stays the original PNG
    assert plan_image("a.gif", 2000, 1000, "GIF").variants == ()  # maybe animated: shown as it is
    assert plan_image("a.bmp", 2000, 1000, None).variants == ()


def test_copy_names_are_ascii_and_differ_for_the_same_file_name_in_two_folders():
    a, b = thumb_base("photos/Ảnh số 1.jpg"), thumb_base("anh/Ảnh số 1.jpg")
    assert a.endswith("-anh-so-1") and b.endswith("-anh-so-1") and a != b and a.isascii()


def test_exif_orientation_is_applied_and_no_metadata_is_copied():
    data = jpeg(1000, 600, orientation=6, when="2023:10:05 08:00:00")  # 6: turn 90° clockwise to show
    plan = describe(data, "photos/a.jpg", MAX)
    assert (plan.width, plan.height) == (600, 1000)
    files = encode_variants(data, plan, ImageOptions(), MAX)
    assert [path for path, _ in files] == [v.out_path for v in plan.variants]
    for (_, data), variant in zip(files, plan.variants, strict=True):
        copy = Image.open(io.BytesIO(data))
        assert copy.size == (variant.width, variant.height) and copy.format == variant.format
        assert not copy.getexif() and "exif" not in copy.info
    shown = Image.open(io.BytesIO(files[0][1])).convert("RGB")
    assert shown.getpixel((10, 10))[0] > 200 and shown.getpixel((10, shown.height - 10))[2] > 200  # red above blue


def noisy_jpeg(width: int, height: int) -> bytes:
    """Seeded noise: the encoders' quality setting changes the size of such a picture a lot."""
    image = Image.frombytes("RGB", (width, height), random.Random(1).randbytes(width * height * 3))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def test_same_original_same_bytes_and_quality_settings_apply():
    data = noisy_jpeg(1200, 800)
    plan = describe(data, "photos/a.jpg", MAX)
    once = encode_variants(data, plan, ImageOptions(), MAX)
    assert once == encode_variants(data, plan, ImageOptions(), MAX)
    low = encode_variants(data, plan, ImageOptions(jpeg_quality=20, webp_quality=20), MAX)
    assert all(len(a) < len(b) for (_, a), (_, b) in zip(low, once, strict=True))


def test_a_file_that_is_not_an_image_or_too_big_is_a_warning_and_the_original_is_shown(tmp_path):
    media = tmp_path / "media"
    (media / "photos").mkdir(parents=True)
    (media / "photos/gia.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    (media / "photos/lon.jpg").write_bytes(jpeg(1000, 600))
    (media / "photos/tot.jpg").write_bytes(jpeg(200, 100))
    problems = Problems()
    shown, files = web_images(
        media, ["photos/gia.jpg", "photos/lon.jpg", "photos/tot.jpg"], ImageOptions(), 50_000, problems
    )
    assert [(p.code, p.loc.path, p.severity) for p in problems] == [
        ("media.not-an-image", "content/media/photos/gia.jpg", "warning"),
        ("media.pixels-undecoded", "content/media/photos/lon.jpg", "warning"),
    ]
    assert list(shown) == ["photos/tot.jpg"] and len(files) == len(shown["photos/tot.jpg"].variants)


def test_site_yaml_image_qualities_are_validated_where_written(tmp_path):
    site_yaml = 'title: "K"\norganization: "Đ"\nimages:\n  jpeg_quality: 70\n  webp_quality: 0\n'
    model, problems = load(site_with(tmp_path, {"content/site.yaml": site_yaml}))
    assert [(p.code, p.loc.line) for p in problems] == [("images.quality-range", 5)]
    assert "webp_quality" in problems.items[0].format() and "1 đến 100" in problems.items[0].format()
    assert (model.site.images.jpeg_quality, model.site.images.webp_quality) == (70, ImageOptions().webp_quality)
    model, problems = load(site_with(tmp_path / "b", {"content/site.yaml": site_yaml.replace(": 0", ": cao")}))
    assert [p.code for p in problems] == ["field.expected-integer"]


def test_the_pixel_limit_is_pillows_whether_or_not_pillow_is_imported(monkeypatch):
    """The media checks compare sizes with Pillow's limit without importing Pillow for it: the
    number kept for that is the installed Pillow's own, and a limit changed in Pillow is followed."""
    import subprocess
    import sys

    from site_builder.sources.images import PILLOW_PIXEL_LIMIT, library_pixel_limit

    script = "from PIL import Image; print(Image.MAX_IMAGE_PIXELS)"
    fresh = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert int(fresh.stdout) == PILLOW_PIXEL_LIMIT
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000)
    assert library_pixel_limit() == 1_000
    monkeypatch.delitem(sys.modules, "PIL.Image")
    assert library_pixel_limit() == PILLOW_PIXEL_LIMIT
