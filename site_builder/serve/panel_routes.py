"""The control panel's addresses, all under /_sb/ (no page of a site has an underscore in its URL).

- POST /_sb/check|build|pdf|open-output|status: the buttons (token, same Origin, loopback);
- GET /_sb/panel.js, /_sb/panel.css: the panel's own files, from the package;
- GET /_sb/pdf/NAME.pdf: the PDFs "Tạo kỷ yếu PDF" made, from the panel's folder;
- GET /_sb/output/…: the site's output/ as the last build left it, so the panel can
  link to the published site and its PDF over HTTP (a browser does not follow
  file:// links from an http:// page); served as built, without the panel;
- anything else under /_sb/ is 404, never a file.
"""

from __future__ import annotations

import json
from typing import Any

from tornado import web

from site_builder.layout import SiteLayout
from site_builder.serve.guard import ActionHandler, GuardedHandler
from site_builder.serve.opener import own_output
from site_builder.serve.panel import ASSETS, Panel
from site_builder.serve.static import ConfinedStaticHandler

ASSET_TYPES = {"panel.js": "text/javascript; charset=UTF-8", "panel.css": "text/css; charset=UTF-8"}


class PanelAction(ActionHandler):
    def initialize(self, panel: Panel) -> None:
        self.panel = panel

    def post(self, name: str) -> None:
        status, body = self.panel.act(name)
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(body, ensure_ascii=False))


class PanelAsset(GuardedHandler):
    def get(self, name: str) -> None:
        self.set_header("Content-Type", ASSET_TYPES[name])
        self.set_header("Cache-Control", "no-store")
        self.finish((ASSETS / name).read_bytes())


class OutputHandler(ConfinedStaticHandler):
    """The site's own output/ folder; refused when output/ is a link to somewhere else."""

    # override: Tornado hands a route's keyword arguments to initialize(), declared without any.
    def initialize(self, panel: Panel) -> None:  # type: ignore[override]
        super().initialize(path=str(SiteLayout(panel.site_root).output), default_filename="index.html")
        self.panel = panel

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        if own_output(self.panel.site_root)[1] == "panel.output-not-own":
            raise web.HTTPError(403)
        return super().validate_absolute_path(root, absolute_path)


class PanelPdf(ConfinedStaticHandler):
    """The PDFs the panel made, from its folder in the preview folder."""

    # override: Tornado hands a route's keyword arguments to initialize(), declared without any.
    def initialize(self, panel: Panel) -> None:  # type: ignore[override]
        super().initialize(path=str(panel.pdf_folder))


class NotOurs(GuardedHandler):
    def prepare(self) -> None:
        super().prepare()
        if not self._finished:
            raise web.HTTPError(404)


def panel_routes(panel: Panel) -> list[Any]:
    return [
        (r"/_sb/(check|build|pdf|open-output|status)", PanelAction, {"panel": panel}),
        (r"/_sb/(panel\.js|panel\.css)", PanelAsset),
        (r"/_sb/output/(.*)", OutputHandler, {"panel": panel}),
        (r"/_sb/pdf/([^/]+\.pdf)", PanelPdf, {"panel": panel}),
        (r"/_sb/.*", NotOurs),
    ]
