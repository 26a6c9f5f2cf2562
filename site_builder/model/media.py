"""Media references: photos, the emblem and images inside Markdown bodies."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

from site_builder.model.records import Markdown, Photo, SiteModel
from site_builder.problems import Loc

REMOTE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
_MD_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>#]+)")
_HTML_SRC = re.compile(r"""<img[^>]*\ssrc\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)


def media_path(src: str) -> str | None:
    """Normalised path under content/media/, or None when `src` leaves it or is remote."""
    src = src.strip().removeprefix("content/media/").removeprefix("media/")
    if src.startswith("/") or "\\" in src or REMOTE.match(src):
        return None
    normal = posixpath.normpath(src)
    return None if normal.startswith("..") or normal == "." else normal


def body_media_path(src: str, body: Markdown) -> str | None:
    """Media path of an image in a body: relative to the Markdown file (as editors preview it,
    e.g. "../media/a.jpg" from pages/) or, failing that, relative to content/media/."""
    if REMOTE.match(src.strip()) or src.strip().startswith("/"):
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(body.loc.path), src.strip()))
    if target.startswith("content/media/"):
        return media_path(target.removeprefix("content/media/"))
    return media_path(src)


def photos(model: SiteModel) -> Iterable[Photo]:
    return (photo for conference in model.conferences for photo in conference.photos)


def bodies(model: SiteModel) -> Iterable[Markdown]:
    for term in model.terms:
        yield term.body
    for year in model.years:
        if year.body:
            yield year.body
        yield from (c.body for c in year.conferences)
    yield from (p.body for p in model.pages)


def body_image_refs(body: Markdown) -> Iterable[tuple[str, Loc]]:
    for offset, line in enumerate(body.source.split("\n")):
        for pattern in (_MD_IMAGE, _HTML_SRC):
            for match in pattern.finditer(line):
                yield match.group(1), Loc(body.loc.path, (body.loc.line or 1) + offset, match.start(1) + 1)


def body_media_links(body: Markdown) -> Iterable[tuple[str, Loc]]:
    """Links (not images) to files under content/media/, e.g. "[báo cáo](../media/bao-cao.pdf)"."""
    base = posixpath.dirname(body.loc.path)
    for offset, line in enumerate(body.source.split("\n")):
        for match in _MD_LINK.finditer(line):
            src = match.group(1)
            if not REMOTE.match(src) and posixpath.normpath(posixpath.join(base, src)).startswith("content/media/"):
                yield src, Loc(body.loc.path, (body.loc.line or 1) + offset, match.start(1) + 1)


def body_media_refs(body: Markdown) -> Iterable[tuple[str, Loc]]:
    yield from body_image_refs(body)
    yield from body_media_links(body)


def referenced_media(model: SiteModel) -> tuple[str, ...]:
    used = {path for p in photos(model) if (path := media_path(p.src))}
    used.update(path for b in bodies(model) for src, _ in body_media_refs(b) if (path := body_media_path(src, b)))
    if model.site.yearbook.emblem and (path := media_path(model.site.yearbook.emblem)):
        used.add(path)
    return tuple(sorted(used))
