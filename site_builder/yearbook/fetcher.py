"""A confining URL fetcher for WeasyPrint: the PDF's security boundary.

WeasyPrint's default fetcher reads (and can even attach) any local file and
any network URL named in the HTML or CSS. This one serves `file:` URLs only
when the resolved path lies inside one of the allowed roots (the site's
`content/media/` and the theme's static folders) and refuses everything else:
other schemes (http, https, ftp, data ...), `file:///etc/passwd`, `../`
escapes and symbolic links leading out. Each refusal is recorded as a
`pdf.fetch-refused` problem. Stylesheets and fonts raise
`FatalURLFetchingError` (a BaseException) so the render stops instead of
producing a book without its design; a refused image is a plain error that
WeasyPrint logs and skips. Resources made in memory (the draft watermark) are
served under the exact URLs they are given for, and nothing else.

Files from content/media/ also pass the checks `check` applies to them
(sources/media_files.py) before WeasyPrint sees a byte: SVG allow-list and
size, and the byte and pixel caps for an image in any format. So a file that
changed after `check`, or a render path `check` did not cover, still cannot
run the renderer out of time or memory. The theme's files are trusted.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from site_builder.layout import SITE_YAML
from site_builder.problems import Loc, Problems
from site_builder.sources.limits import SourceLimits
from site_builder.sources.media_files import media_problems

_FATAL_SUFFIXES = frozenset({".css", ".ttf", ".otf", ".woff", ".woff2"})
_EXTRA_TYPES = {
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".svg": "image/svg+xml",
    ".css": "text/css",
}


class FetchRefused(ValueError):
    """A URL outside the allowed roots (WeasyPrint logs it and goes on)."""


class ConfinedFetcher(URLFetcher):
    """Serve `file:` URLs inside `roots` only; refuse and record the rest."""

    def __init__(
        self, roots: Iterable[Path], problems: Problems, loc: Loc | None = None, *,
        limits: SourceLimits | None = None, media_root: Path | None = None,
        generated: Mapping[str, tuple[bytes, str]] | None = None,
    ) -> None:  # fmt: skip
        super().__init__(timeout=1, allowed_protocols={"file"}, allow_redirects=False)
        self.roots = tuple(Path(r).resolve() for r in roots)
        self.generated = dict(generated or {})  # exact URL -> (bytes, media type)
        self.problems = problems
        self.loc = loc or Loc(SITE_YAML)
        self.limits = limits or SourceLimits()
        self.media_root = media_root.resolve() if media_root is not None else None
        self.refused: list[str] = []

    def allowed_path(self, url: str) -> Path | None:
        """The local file a URL names, if it is a `file:` URL inside a root."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(unquote(parts.path)).resolve()
        return path if any(path.is_relative_to(root) for root in self.roots) else None

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        if url in self.generated:
            data, mime = self.generated[url]
            return URLFetcherResponse(url, data, {"Content-Type": mime})
        path = self.allowed_path(url)
        if path is None:
            return self._refuse(url)
        if not path.is_file():
            raise FileNotFoundError(f"no such file: {path.name}")  # logged by WeasyPrint
        data = path.read_bytes()
        if self.media_root is not None and path.is_relative_to(self.media_root):
            found = media_problems(data, path.relative_to(self.media_root).as_posix(), self.limits)
            if found:
                self.problems.extend(found)
                raise FetchRefused(f"refused: {path.name}")  # WeasyPrint logs it and leaves the image out
        kind = _EXTRA_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
        response_headers = {"Content-Type": kind or "application/octet-stream"}
        return URLFetcherResponse(path.as_uri(), data, response_headers)

    def _refuse(self, url: str) -> URLFetcherResponse:
        shown = url if len(url) <= 120 else url[:117] + "..."
        self.refused.append(url)
        self.problems.error("pdf.fetch-refused", self.loc, url=shown)
        suffix = Path(urlsplit(url).path).suffix.lower()
        if suffix in _FATAL_SUFFIXES:
            raise FatalURLFetchingError(f"refused: {shown}")
        raise FetchRefused(f"refused: {shown}")
