"""Image dimensions from the first bytes of a file, whatever its name says.

PNG, JPEG, GIF and WebP headers are read here (JPEG: segment headers only,
skipping their bodies), so a huge or hostile image costs almost nothing to
measure. Any other format the image library (Pillow, which the PDF renderer
decodes with) recognises is measured by Pillow, which also reads only the
header. A file that is no image, or whose header is cut short, gives None.

Pillow's "decompression bomb" warning is never printed: reading a header
decodes nothing, so it is silenced here and the caller compares the size with
our cap and with Pillow's own (`library_pixel_limit`), which the PDF renderer
enforces. Above twice that, Pillow will not even open the file:
`TooManyPixels` is raised, and sources/media_files.py reports it.
"""

from __future__ import annotations

import io
import struct
import sys
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".ico")
_HEAD = 32
_MAX_JPEG_SEGMENTS = 1_000
# Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) do not.
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


class TooManyPixels(Exception):
    """The image library refused to open the file: more pixels than its own limit."""


# Pillow's own Image.MAX_IMAGE_PIXELS, 1024 * 1024 * 1024 // 4 // 3 (tests/unit/test_images.py
# checks that the installed Pillow still says so).
PILLOW_PIXEL_LIMIT = 89_478_485


def library_pixel_limit() -> int:
    """The most pixels Pillow decodes without a DecompressionBombWarning (made an error in the PDF render)."""
    image = sys.modules.get("PIL.Image")
    if image is None:  # not imported yet, so at its default: no need to pay Pillow's import for it
        return PILLOW_PIXEL_LIMIT
    return int(image.MAX_IMAGE_PIXELS or 0)


def is_image_name(name: str) -> bool:
    return name.lower().endswith(IMAGE_SUFFIXES)


def image_size(path: Path) -> tuple[int, int] | None:
    """(width, height) of the image in `path` (any format Pillow knows), or None when it is none
    (or too large for Pillow even to open: `check` reports that, see `file_size`)."""
    try:
        return file_size(path)
    except TooManyPixels:
        return None


def image_sizes(media_root: Path, paths: Iterable[str]) -> dict[str, tuple[int, int] | None]:
    """Pixel sizes of media files (paths under content/media/) from their headers only; a path
    leaving the folder, missing, or of no known format gives None."""
    root = media_root.resolve()
    sizes: dict[str, tuple[int, int] | None] = {}
    for rel in paths:
        path = (root / rel).resolve()
        sizes[rel] = image_size(path) if path.is_relative_to(root) and path.is_file() else None
    return sizes


def file_size(path: Path) -> tuple[int, int] | None:
    """Like image_size, but raises TooManyPixels for an image Pillow refuses to open."""
    try:
        with path.open("rb") as stream:
            return stream_size(stream)
    except OSError:
        return None


def bytes_size(data: bytes) -> tuple[int, int] | None:
    """file_size of bytes in memory (raises TooManyPixels)."""
    return stream_size(io.BytesIO(data))


def stream_size(stream: BinaryIO) -> tuple[int, int] | None:
    """Dimensions from our own header readers, else from Pillow's (raises TooManyPixels)."""
    try:
        head = stream.read(_HEAD)
        if head.startswith(b"\xff\xd8"):
            stream.seek(2)
            found = _jpeg_size(stream)
        else:
            found = header_size(head)
    except (OSError, struct.error):
        found = None
    if found is not None:
        return found
    stream.seek(0)
    return _pillow_size(stream)


def _pillow_size(stream: BinaryIO) -> tuple[int, int] | None:
    from PIL import Image, UnidentifiedImageError  # only for formats our readers do not know

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(stream) as image:  # lazy: reads the header, decodes nothing
                return image.size
        except Image.DecompressionBombError as exc:
            raise TooManyPixels from exc
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, struct.error, EOFError):
            return None


def header_size(head: bytes) -> tuple[int, int] | None:
    """Dimensions of PNG, GIF and WebP images from their first 32 bytes."""
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR" and len(head) >= 24:
        return struct.unpack(">II", head[16:24])
    if head[:6] in (b"GIF87a", b"GIF89a") and len(head) >= 10:
        return struct.unpack("<HH", head[6:10])
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP" and len(head) >= 30:
        return _webp_size(head)
    return None


def _webp_size(head: bytes) -> tuple[int, int] | None:
    chunk = head[12:16]
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", head[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L":
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":
        return int.from_bytes(head[24:27], "little") + 1, int.from_bytes(head[27:30], "little") + 1
    return None


def _jpeg_size(stream: BinaryIO) -> tuple[int, int] | None:
    """Walk JPEG segments (after SOI) until a start-of-frame marker."""
    for _ in range(_MAX_JPEG_SEGMENTS):
        marker = stream.read(2)
        while marker[:1] == b"\xff" and marker[1:] == b"\xff":  # fill bytes
            marker = b"\xff" + stream.read(1)
        if len(marker) < 2 or marker[0] != 0xFF:
            return None
        code = marker[1]
        if code in (0x01, 0xD8) or 0xD0 <= code <= 0xD7:
            continue  # markers without a length
        length = struct.unpack(">H", stream.read(2))[0]
        if code in _SOF:
            height, width = struct.unpack(">xHH", stream.read(5))
            return width, height
        if length < 2:
            return None
        stream.seek(length - 2, 1)
    return None
