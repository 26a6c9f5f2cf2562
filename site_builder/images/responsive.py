"""Which web copies a photo gets, and the values its <picture> shows (pure, no Pillow).

A photo wider than a step in WIDTHS gets a WebP copy at each such step, plus one at its
own width, so `srcset` covers every screen up to the original; a JPEG original also gets
JPEG copies at the steps below its width for browsers without WebP (the original itself
is their largest candidate). Originals are published unchanged (the PDF and the
"original photo" link use them). Copies live under /thumbs/ with ASCII names that
cannot collide: a short hash of the media path plus the folded file stem.
"""

from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass

from site_builder import urls
from site_builder.model.slugs import slugify

WIDTHS = (480, 800, 1200)
THUMBS = "thumbs"
# Formats worth re-encoding; GIF (maybe animated) and SVG are shown as they are.
RESIZABLE = ("JPEG", "PNG", "WEBP")


@dataclass(frozen=True)
class Variant:
    url: str  # "/thumbs/3f2a9c1d0b-dai-bieu-480.webp"
    width: int
    height: int
    format: str  # "WEBP" or "JPEG"

    @property
    def out_path(self) -> str:
        return self.url.lstrip("/")


@dataclass(frozen=True)
class ResponsiveImage:
    """A photo as the page shows it: the original plus its copies, sizes after EXIF rotation."""

    src: str  # media path of the original, "photos/2019-so-ket.jpg"
    width: int
    height: int
    variants: tuple[Variant, ...] = ()

    @property
    def original_url(self) -> str:
        return urls.media(self.src)

    def of_format(self, fmt: str) -> tuple[Variant, ...]:
        return tuple(v for v in self.variants if v.format == fmt)

    @property
    def fallback_set(self) -> tuple[Variant, ...]:
        """The `<img srcset>` for browsers without WebP: JPEG copies, then the original."""
        jpeg = self.of_format("JPEG")
        return (*jpeg, Variant(self.original_url, self.width, self.height, "ORIGINAL")) if jpeg else ()

    @property
    def fallback(self) -> Variant | None:
        """The `<img src>`: the JPEG copy closest to 800 px wide, or None for the original."""
        jpeg = self.of_format("JPEG")
        return min(jpeg, key=lambda v: abs(v.width - 800)) if jpeg else None


def srcset(variants: tuple[Variant, ...]) -> str:
    """`srcset` with width descriptors; URLs stay root-relative (the template relativises them)."""
    return ", ".join(f"{v.url} {v.width}w" for v in variants)


def widths_for(width: int) -> tuple[int, ...]:
    """Copy widths for an original `width` px wide: the steps below it, then its own width."""
    return (*(w for w in WIDTHS if w < width), width)


def plan_image(src: str, width: int, height: int, fmt: str | None) -> ResponsiveImage:
    """The copies of the original at media path `src` (`fmt` is Pillow's name for its format)."""
    if fmt not in RESIZABLE or width <= 0 or height <= 0:
        return ResponsiveImage(src, width, height)
    base = thumb_base(src)
    steps = [("WEBP", w) for w in widths_for(width)]
    if fmt == "JPEG":
        steps += [("JPEG", w) for w in WIDTHS if w < width]
    variants = tuple(
        Variant(f"/{THUMBS}/{base}-{w}.{f.lower()}", w, max(1, round(height * w / width)), f) for f, w in steps
    )
    return ResponsiveImage(src, width, height, variants)


def thumb_base(src: str) -> str:
    """ASCII and unique per media path: "photos/Ảnh số 1.jpg" -> "<10 hex>-anh-so-1"."""
    digest = hashlib.sha256(src.encode("utf-8")).hexdigest()[:10]
    stem = slugify(posixpath.splitext(posixpath.basename(src))[0])[:40].strip("-")
    return f"{digest}-{stem}" if stem else digest
