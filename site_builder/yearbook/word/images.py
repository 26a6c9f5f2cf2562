"""Pictures for the Word file: only files inside content/media/, only formats Word shows.

The same files the PDF uses. A path is resolved and must stay inside the media
folder (the confining fetcher's rule for the PDF); the format is read from the
file's first bytes, not its name. Sizes come from the header (no Pillow): the
picture spans the text width unless that would make it taller than `MAX_HEIGHT`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from site_builder.sources.images import image_size

# python-docx (and Word) take these; WebP and SVG they do not.
_MAGIC = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg", b"GIF87a": "gif", b"GIF89a": "gif"}


@dataclass(frozen=True)
class Image:
    data: bytes
    width: int  # pixels
    height: int


@dataclass(frozen=True)
class Refused:
    code: str  # docx.image-missing or docx.image-unsupported


def media_file(media_root: Path, src: str) -> Path | None:
    """The file named by `src` (a path under content/media/, or the file: URL the book
    views give it) if it resolves inside `media_root`."""
    if src.startswith("file:"):
        path = Path(url2pathname(unquote(urlsplit(src).path)))
    elif "://" in src or src.startswith("/"):
        return None
    else:
        path = media_root / src
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):
        return None
    return resolved if resolved.is_relative_to(media_root.resolve()) else None


def load_image(media_root: Path, src: str) -> Image | Refused:
    path = media_file(media_root, src)
    if path is None or not path.is_file():
        return Refused("docx.image-missing")
    try:
        data = path.read_bytes()
    except OSError:
        return Refused("docx.image-missing")
    size = image_size(path)
    if not any(data.startswith(magic) for magic in _MAGIC) or not size or min(size) <= 0:
        return Refused("docx.image-unsupported")
    return Image(data, *size)


def fit(image: Image, max_width: int, max_height: int) -> tuple[int, int]:
    """(width, height) in EMU: the full `max_width`, or less to stay within `max_height`."""
    width = max_width
    height = round(max_width * image.height / image.width)
    if height > max_height:
        width, height = round(max_height * image.width / image.height), max_height
    return width, height
