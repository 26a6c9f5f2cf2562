"""The one way the preview serves files from a folder: confined to it, never cached.

The preview pages, the site's output/ under /_sb/output/ and the panel's PDFs are each
a Tornado StaticFileHandler over one folder. The rules are the same for all three, so
they live here once:

- a file outside the folder (a symbolic link out of it) is refused, 403 (guard.py);
- nothing is cached: the files change with every build, and a 304 or a cached copy
  would show the reader the previous build;
- HTML and CSS are declared UTF-8 (Vietnamese text).
"""

from __future__ import annotations

from tornado import web

from site_builder.serve.guard import GuardMixin, confined

UTF8_TYPES = ("text/html", "text/css")


class ConfinedStaticHandler(GuardMixin, web.StaticFileHandler):
    """Files of the folder given as `path` to `initialize`, under the guard's checks."""

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        found = super().validate_absolute_path(root, absolute_path)
        if found is not None and not confined(found, [root]):
            raise web.HTTPError(403)
        return found

    def should_return_304(self) -> bool:
        return False

    def get_content_type(self) -> str:
        kind = super().get_content_type()
        return f"{kind}; charset=UTF-8" if kind in UTF8_TYPES else kind

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "no-store")
