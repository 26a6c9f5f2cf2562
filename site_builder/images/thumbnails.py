"""Decode a photo and encode its web copies with Pillow: same input, same bytes.

Decoding is careful, as for any file a user hands us: only the formats we expect
(named, never guessed from the extension), a pixel cap checked before decoding, and
Pillow's decompression-bomb warning raised as an error here, not only under pytest.
Copies carry no metadata (no EXIF, no timestamps); the EXIF orientation is applied
to the pixels instead, and an ICC colour profile is kept so colours stay right.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterable
from pathlib import Path

from PIL import Image, ImageOps

from site_builder.images.responsive import RESIZABLE, ResponsiveImage, Variant, plan_image
from site_builder.layout import media_file
from site_builder.model.records import ImageOptions
from site_builder.problems import Loc, Problems

OPEN_FORMATS = [*RESIZABLE, "GIF"]
_SWAPS_SIDES = {5, 6, 7, 8}  # EXIF orientations that turn the picture by 90°
_EXIF_ORIENTATION = 0x0112


class ImageUnusable(Exception):
    """The file is not one of OPEN_FORMATS, is damaged, or is over the pixel cap.

    `code` is the problem to report (its text is in the package catalogue), never Pillow's own wording."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def open_image(data: bytes, max_pixels: int) -> Image.Image:
    """The image in `data`, header read, pixels not decoded yet."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=OPEN_FORMATS)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise ImageUnusable("media.pixels-undecoded") from exc
    except (OSError, ValueError, SyntaxError) as exc:  # UnidentifiedImageError is an OSError
        raise ImageUnusable("media.not-an-image") from exc
    if image.width * image.height > max_pixels:
        raise ImageUnusable("media.pixels-undecoded")
    return image


def describe(data: bytes, src: str, max_pixels: int) -> ResponsiveImage:
    """The photo's copies and its size as shown (after EXIF rotation), from the header only."""
    image = open_image(data, max_pixels)
    width, height = image.size
    if image.getexif().get(_EXIF_ORIENTATION) in _SWAPS_SIDES:
        width, height = height, width
    return plan_image(src, width, height, image.format)


def encode_variants(
    data: bytes, plan: ResponsiveImage, options: ImageOptions, max_pixels: int
) -> list[tuple[str, bytes]]:
    """Every copy `plan` names, encoded from the original bytes: (output path, bytes) pairs."""
    if not plan.variants:
        return []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = ImageOps.exif_transpose(open_image(data, max_pixels))
    except (OSError, ValueError, SyntaxError) as exc:  # truncated or corrupt pixel data
        raise ImageUnusable("media.damaged") from exc
    icc = image.info.get("icc_profile")
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    pixels = image.convert("RGBA" if has_alpha else "RGB")
    return [(v.out_path, _encode(pixels, v, options, icc)) for v in plan.variants]


def _encode(pixels: Image.Image, variant: Variant, options: ImageOptions, icc: bytes | None) -> bytes:
    resized = pixels.resize((variant.width, variant.height), Image.Resampling.LANCZOS, reducing_gap=3.0)
    extra = {"icc_profile": icc} if icc else {}
    buffer = io.BytesIO()
    if variant.format == "JPEG":
        quality = options.jpeg_quality
        resized.convert("RGB").save(buffer, "JPEG", quality=quality, optimize=True, progressive=True, **extra)
    else:
        resized.save(buffer, "WEBP", quality=options.webp_quality, method=4, **extra)
    return buffer.getvalue()


def web_images(
    media_root: Path, sources: Iterable[str], options: ImageOptions, max_pixels: int, problems: Problems
) -> tuple[dict[str, ResponsiveImage], list[tuple[str, bytes]]]:
    """For each media path in `sources`: what the page shows, and the copies to publish."""
    shown: dict[str, ResponsiveImage] = {}
    files: list[tuple[str, bytes]] = []
    for src in sorted(set(sources)):
        path = media_root / src
        if path.suffix.lower() == ".svg" or not path.is_file():
            continue  # SVG scales by itself; a missing file is reported by check_photos
        data = path.read_bytes()
        try:
            plan = describe(data, src, max_pixels)
            files.extend(encode_variants(data, plan, options, max_pixels))
        except ImageUnusable as exc:  # the page shows the original, as a browser may still manage it
            problems.warning(exc.code, Loc(media_file(src)))
            continue
        shown[src] = plan
    return shown, files
