"""Checks of the files in content/media/, by what they are, not what they are called.

- Files a browser would run as a page (HTML, XHTML, XML, JavaScript,
  compressed SVG) are refused: a link to one would run it on the site.
- SVG (by name, or any file whose content is an `<svg>` document) goes
  through the allow-list of sources/svg.py and the byte cap.
- Every other file is identified by its bytes; an image in any format is held
  to the byte and pixel caps (a PNG renamed .bmp is still a PNG).

`check_media_files` reads the site's folder; `media_problems` checks bytes
already in memory (the PDF renderer's fetcher), so both apply the same rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

from site_builder.layout import media_file
from site_builder.problems import Loc, Problem, Problems
from site_builder.sources.images import TooManyPixels, bytes_size, file_size, is_image_name, library_pixel_limit
from site_builder.sources.limits import KB, SourceLimits

# Suffix -> what it is, for files a browser would open as a page and run.
ACTIVE_SUFFIXES = {
    ".html": "HTML", ".htm": "HTML", ".shtml": "HTML", ".xhtml": "XHTML", ".xht": "XHTML", ".mht": "MHTML",
    ".mhtml": "MHTML", ".xml": "XML", ".xsl": "XSLT", ".xslt": "XSLT", ".js": "JavaScript", ".mjs": "JavaScript",
    ".svgz": "SVG nén (.svgz)",
}  # fmt: skip
_HEAD = 64


def check_media_files(media_root: Path, names: Iterable[str], limits: SourceLimits, problems: Problems) -> None:
    for name in sorted(names):
        problems.extend(check_media_file(media_root / name, name, limits))


def check_media_file(path: Path, name: str, limits: SourceLimits) -> list[Problem]:
    """Problems of one file in content/media/ (`name` relative to it), read from disk."""
    loc = Loc(media_file(name))
    if kind := ACTIVE_SUFFIXES.get(PurePosixPath(name).suffix.lower()):
        return [Problem("error", "media.active-content", loc, (("kind", kind),))]
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            head = stream.read(_HEAD)
            if _maybe_svg(name, head):
                data = head + stream.read(limits.max_image_bytes + 1 - len(head))
                return _svg_problems(data, name, loc, limits, size)
    except OSError as exc:
        return [Problem("error", "file.unreadable", loc, (("detail", exc.strerror or str(exc)),))]
    if size > limits.max_image_bytes and is_image_name(name):
        return [_too_big(loc, size, limits)]
    return _raster_problems(lambda: file_size(path), loc, size, limits)


def media_problems(data: bytes, name: str, limits: SourceLimits) -> list[Problem]:
    """The same checks on a file's bytes (`name` relative to content/media/)."""
    loc = Loc(media_file(name))
    if kind := ACTIVE_SUFFIXES.get(PurePosixPath(name).suffix.lower()):
        return [Problem("error", "media.active-content", loc, (("kind", kind),))]
    if _maybe_svg(name, data[:_HEAD]):
        return _svg_problems(data, name, loc, limits, len(data))
    return _raster_problems(lambda: bytes_size(data), loc, len(data), limits)


def looks_like_xml(head: bytes) -> bool:
    """Whether a file's first bytes could start an XML document (and so an SVG of any name)."""
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def _maybe_svg(name: str, head: bytes) -> bool:
    return name.lower().endswith(".svg") or looks_like_xml(head)


def _svg_problems(data: bytes, name: str, loc: Loc, limits: SourceLimits, size: int) -> list[Problem]:
    # Imported here: the SVG checker brings defusedxml and the SAX reader, which a site without
    # SVG files (or a build whose media are unchanged) never needs.
    from site_builder.sources.svg import SvgLimits, check_svg

    if size > limits.max_image_bytes:
        return [_too_big(loc, size, limits)]
    report = check_svg(data, SvgLimits(max_nodes=limits.max_svg_nodes))
    if not report.is_svg and not name.lower().endswith(".svg"):
        return []  # some other text that starts with "<": not ours to judge
    return [Problem("error", i.code, Loc(loc.path, i.line, i.col), i.params) for i in report.issues]


def _raster_problems(
    measure: Callable[[], tuple[int, int] | None], loc: Loc, size: int, limits: SourceLimits
) -> list[Problem]:
    try:
        dimensions = measure()
    except TooManyPixels:
        return [Problem("error", "media.decompression-bomb", loc, (("limit", library_pixel_limit()),))]
    if dimensions is None:
        return []  # not an image: an attachment, left as it is
    if size > limits.max_image_bytes:
        return [_too_big(loc, size, limits)]
    width, height = dimensions
    if width * height > limits.max_image_pixels:
        params = (("width", width), ("height", height), ("limit", limits.max_image_pixels))
        return [Problem("error", "media.too-many-pixels", loc, params)]
    if limits.max_image_pixels > (library := library_pixel_limit()) and width * height > library:
        # a cap raised above what the image library decodes: it would refuse the image in the PDF
        return [Problem("error", "media.decompression-bomb", loc, (("limit", library),))]
    return []


def _too_big(loc: Loc, size: int, limits: SourceLimits) -> Problem:
    return Problem("error", "media.too-big", loc, (("size", -(-size // KB)), ("limit", limits.max_image_kb)))
