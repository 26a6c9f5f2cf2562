"""Media references: photos, the emblem and images inside Markdown bodies."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

from site_builder.model.records import Markdown, Photo, SiteModel
from site_builder.problems import Loc

REMOTE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
_HTML_SRC = re.compile(r"""<img[^>]*\ssrc\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)


def media_path(src: str) -> str | None:
    """Normalised path under content/media/, or None when `src` leaves it or is remote."""
    src = src.strip().removeprefix("content/media/").removeprefix("media/")
    if src.startswith("/") or "\\" in src or REMOTE.match(src):
        return None
    normal = posixpath.normpath(src)
    return None if normal.startswith("..") or normal == "." else normal


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


def referenced_media(model: SiteModel) -> tuple[str, ...]:
    used = {path for p in photos(model) if (path := media_path(p.src))}
    used.update(path for b in bodies(model) for src, _ in body_image_refs(b) if (path := media_path(src)))
    if model.site.yearbook.emblem and (path := media_path(model.site.yearbook.emblem)):
        used.add(path)
    return tuple(sorted(used))
