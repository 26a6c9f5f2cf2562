"""Media references: photos, the emblem and files named inside Markdown bodies.

Photos and the emblem are known from the records (`referenced_media`). Images and
links inside bodies are known only once the Markdown is rendered: the markup stage
(markup/markdown.py) resolves every `src`/`href` of the rendered HTML with
`body_media_path`, checks it and reports which files it used, so inline images,
reference-style images (`![a][b]` + `[b]: ...`) and raw `<img>` are one case.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Iterable

from site_builder.layout import MEDIA, content_relative, media_relative
from site_builder.model.records import Markdown, Photo, SiteModel
from site_builder.model.slugs import ascii_fold

REMOTE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")


def media_path(src: str) -> str | None:
    """Normalised path under content/media/, or None when `src` leaves it or is remote."""
    src = src.strip().removeprefix(f"{MEDIA}/").removeprefix(f"{content_relative(MEDIA)}/")
    if not src or src.startswith("/") or "\\" in src or REMOTE.match(src):
        return None
    normal = posixpath.normpath(src)
    return None if normal.startswith("..") or normal == "." else normal


def _loose(path: str) -> str:
    """A media path without extension, case or diacritics: "Ảnh/Hội-Nghị.JPG" -> "anh/hoi-nghi"."""
    stem, _ = posixpath.splitext(path)
    return ascii_fold(unicodedata.normalize("NFC", stem)).casefold()


def closest_media(path: str, media_files: Iterable[str]) -> str | None:
    """The existing file `path` most likely means: it differs only by extension, case or
    diacritics ("anh-1.JPG" for "anh-1.jpg", "hoi-nghi.png" for "hội-nghị.png")."""
    wanted = _loose(path)
    return next((f for f in sorted(media_files) if f != path and _loose(f) == wanted), None)


def suggest_src(written: str, path: str, found: str) -> str:
    """`written` corrected to name `found`: only the file name changes when the folder is right."""
    written = written.strip()
    if posixpath.dirname(found) == posixpath.dirname(path):
        head, slash, _ = written.rpartition("/")
        return head + slash + posixpath.basename(found)
    return found  # a path under content/media/ works for photos and for body images alike


def body_media_path(src: str, doc_path: str) -> str | None:
    """Media path of a file named in the body of `doc_path`: relative to the Markdown file (as
    editors preview it, e.g. "../media/a.jpg" from pages/) or, failing that, relative to
    content/ ("media/a.jpg") or content/media/ ("a.jpg"). None when it leaves content/media/."""
    src = src.strip()
    if not src or REMOTE.match(src) or src.startswith("/"):
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(doc_path), src))
    if (rel := media_relative(target)) is not None:
        return media_path(rel)
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


def referenced_media(model: SiteModel) -> tuple[str, ...]:
    """Media named by records (photos, the emblem). Files used by bodies are added by the
    markup stage (build.load_site), which alone knows what the Markdown renders to."""
    used = {path for p in photos(model) if (path := media_path(p.src))}
    if model.site.yearbook.emblem and (path := media_path(model.site.yearbook.emblem)):
        used.add(path)
    return tuple(sorted(used))
