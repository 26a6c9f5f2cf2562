"""Where every page lives: one small pure function per page kind (a leaf module).

URLs are site-absolute ("/nam/2022/"), ASCII and stable; pages are folders
with an index.html so addresses stay clean on a web server. Links written
into pages are made relative with `relative_url`, always naming the explicit
"index.html", so the output also works opened straight from disk (file://).

It imports no stage, so Markdown rendering, charts and images may use it as much as the
page plan does: a function that names a record takes anything with the attributes it reads
(the model's records, or a template's view of them), described by the protocols below.
"""

from __future__ import annotations

import html
import posixpath
import re
from typing import Protocol
from urllib.parse import quote

from site_builder.layout import OUTPUT_MEDIA, OUTPUT_STATIC


class HasId(Protocol):
    @property
    def id(self) -> str: ...


class HasYear(Protocol):
    @property
    def year(self) -> int: ...


class HasSlug(Protocol):
    @property
    def slug(self) -> str: ...


class DatedSlug(HasYear, HasSlug, Protocol):
    """A conference: its year and its slug."""


class HasFilename(Protocol):
    @property
    def filename(self) -> str: ...


class HasYearbook(Protocol):
    @property
    def yearbook(self) -> HasFilename: ...


def home() -> str:
    return "/"


def terms_index() -> str:
    return "/nhiem-ky/"


def term(t: HasId) -> str:
    return f"/nhiem-ky/{t.id}/"


def years_index() -> str:
    return "/nam/"


def year(y: HasYear | int) -> str:
    number = y if isinstance(y, int) else y.year
    return f"/nam/{number}/"


def conference(c: DatedSlug) -> str:
    return f"/nam/{c.year}/{c.slug}/"


def targets() -> str:
    return "/chi-tieu/"


def awards() -> str:
    return "/khen-thuong/"


def people() -> str:
    return "/nguoi/"


def person(anchor: str) -> str:
    """A person's entry in the people index: "/nguoi/#nguyen-van-a"."""
    return f"/nguoi/#{anchor}"


def glossary() -> str:
    return "/thuat-ngu/"


def page(p: HasSlug) -> str:
    return f"/trang/{p.slug}/"


def search() -> str:
    """The search results page; the query comes in its address: "/tim-kiem/?q=dang+vien"."""
    return "/tim-kiem/"


def search_index() -> str:
    """The search index, a script the results page loads (a fetch would fail from file://)."""
    return "/tim-kiem/chi-muc.js"


def search_index_part(part_id: str) -> str:
    """One part of the search index (render/search_index.py), beside the list of parts."""
    return f"/tim-kiem/chi-muc-{part_id}.js"


def not_found() -> str:
    return "/404.html"


def sitemap() -> str:
    return "/sitemap.xml"


def feed() -> str:
    """Atom feed of the conferences, newest first."""
    return "/feed.xml"


def yearbook_pdf(site: HasYearbook) -> str:
    return f"/{site.yearbook.filename}"


def edition_pdf(filename: str) -> str:
    """A printed edition beside index.html: edition_pdf("ky-yeu-nam-2023.pdf")."""
    return f"/{filename}"


def static(path: str) -> str:
    """A theme static file, copied to output/static/: static("css/site.css")."""
    return f"/{OUTPUT_STATIC}/{path.lstrip('/')}"


def media(src: str) -> str:
    """A content/media/ file, copied to output/media/ under its own name: media("photos/a.jpg").

    The URL is percent-encoded ("Ảnh số #1.jpg" -> "%E1%BA%A2nh%20s%E1%BB%91%20%231.jpg"), so a
    space, "#" or "?" in a file name never cuts the address short.
    """
    return f"/{OUTPUT_MEDIA}/{quote_path(src.lstrip('/'))}"


def quote_path(path: str) -> str:
    """Percent-encode each segment of a POSIX path, keeping the "/" between them."""
    return quote(path, safe="/")


def out_path(url: str) -> str:
    """The output file of a URL: "/nam/2022/" -> "nam/2022/index.html"."""
    path = url.split("#", 1)[0].lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path


def relative_url(target_url: str, from_url: str) -> str:
    """A link from the page at `from_url` to `target_url` that also works from disk.

    relative_url("/nhiem-ky/2015-2020/", "/nam/2022/") -> "../../nhiem-ky/2015-2020/index.html"
    Absolute addresses (https:, mailto:) and bare fragments are returned as given.
    """
    if not target_url.startswith("/") or target_url.startswith("//"):
        return target_url
    path, hash_, fragment = target_url.partition("#")
    from_dir = posixpath.dirname("/" + out_path(from_url))
    relative = posixpath.relpath("/" + out_path(path), from_dir)
    return relative + hash_ + fragment


_ROOT_LINK = re.compile(r'(?P<attr>href|src)="(?P<url>/(?!/)[^"]*)"')


def relativize(fragment: str, from_url: str) -> str:
    """Rewrite root-absolute links in an HTML fragment (rendered bodies) relative to a page,
    so the site also works opened from disk or under a sub-path."""

    def replace(match: re.Match[str]) -> str:
        target = relative_url(html.unescape(match.group("url")), from_url)
        return f'{match.group("attr")}="{html.escape(target)}"'

    return _ROOT_LINK.sub(replace, fragment)


def absolute_url(base_url: str, url: str) -> str:
    """The published address of a page: base "https://x.vn/ky-yeu/" + "/nam/2022/"."""
    return base_url.rstrip("/") + "/" + url.lstrip("/")
