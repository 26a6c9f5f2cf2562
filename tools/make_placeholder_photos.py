#!/usr/bin/env python3
"""Generate the placeholder photos of the demo site.

The demo site in ``content/`` refers to photos under ``content/media/photos/``.
They are NOT real photographs: each one is a soft two-colour gradient with the
label "Ảnh minh hoạ" and the file name, so nobody mistakes them for press photos.

The output is deterministic (the colours come from a hash of the file name and
no timestamp is written), 1200x800 pixels, JPEG quality 80, well under 120 KB.

Usage::

    python tools/make_placeholder_photos.py            # (re)create the photos
    python tools/make_placeholder_photos.py --check    # only list missing ones

Requires Pillow (``pip install pillow``).
"""

from __future__ import annotations

import argparse
import colorsys
import hashlib
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
PHOTO_DIR = ROOT / "content" / "media" / "photos"
SIZE = (1200, 800)
QUALITY = 80
LABEL = "Ảnh minh hoạ"

# One entry per `photos:` record in content/years/*/conferences/*.md.
PHOTOS = [
    "2019-so-ket-dai-bieu.jpg",
    "2019-so-ket-bi-thu-ket-luan.jpg",
    "2020-giao-ban-chuan-bi-dai-hoi.jpg",
    "2020-dai-hoi-toan-canh.jpg",
    "2021-tong-ket-2020.jpg",
    "2022-tang-giay-khen.jpg",
    "2023-bch-mo-rong-toan-canh.jpg",
    "2023-bch-mo-rong-phat-bieu.jpg",
    "2024-tong-ket-phat-bieu-chi-dao.jpg",
]

FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/arialbd.ttf",
]


def load_font(size: int) -> ImageFont.ImageFont:
    for candidate in FONT_CANDIDATES:
        if Path(candidate).is_file():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default()


def palette(name: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """Two soft colours derived from the file name (stable across runs)."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    hue = digest[0] / 255.0
    hue2 = (hue + 0.08 + digest[1] / 2550.0) % 1.0

    def soft(h: float, light: float) -> tuple[int, int, int]:
        r, g, b = colorsys.hls_to_rgb(h, light, 0.45)
        return int(r * 255), int(g * 255), int(b * 255)

    return soft(hue, 0.80), soft(hue2, 0.62)


def gradient(size: tuple[int, int], top, bottom) -> Image.Image:
    width, height = size
    column = Image.new("RGB", (1, height))
    for y in range(height):
        t = y / (height - 1)
        column.putpixel((0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    return column.resize(size)


def centred(draw: ImageDraw.ImageDraw, y: int, text: str, font, fill) -> None:
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    x = (SIZE[0] - (right - left)) // 2 - left
    draw.text((x, y), text, font=font, fill=fill)


def make(name: str) -> Image.Image:
    top, bottom = palette(name)
    image = gradient(SIZE, top, bottom)
    draw = ImageDraw.Draw(image)
    # a soft frame, like a photo mount
    draw.rectangle((40, 40, SIZE[0] - 41, SIZE[1] - 41), outline=(255, 255, 255), width=6)
    centred(draw, 270, LABEL, load_font(110), (40, 40, 60))
    centred(draw, 450, name, load_font(40), (60, 60, 80))
    centred(draw, 520, "(không phải ảnh thật)", load_font(34), (80, 80, 100))
    return image


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only list missing photos")
    args = parser.parse_args(argv)
    PHOTO_DIR.mkdir(parents=True, exist_ok=True)
    missing = [n for n in PHOTOS if not (PHOTO_DIR / n).is_file()]
    if args.check:
        for name in missing:
            print(f"thiếu: {PHOTO_DIR / name}")
        return 1 if missing else 0
    for name in PHOTOS:
        path = PHOTO_DIR / name
        make(name).save(path, "JPEG", quality=QUALITY, optimize=True)
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
