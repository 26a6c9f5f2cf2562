"""The preview's control panel: what its buttons do, and the snippet that puts it on every page.

The snippet (injected before `</head>` of every preview page, beside livereload's
script) carries the run's token and the panel's words in the preview's language,
and loads `/_sb/panel.js`, which builds the panel in a shadow root so the site's
styles and the panel's never meet. Nothing of it is ever written into a build.

Buttons (POST /_sb/<action>, guarded by guard.ActionHandler):
- check, build, pdf: one at a time in a worker process (jobs.py, worker.py); the PDFs
  (every book `build` prints) land in the preview folder's _sb/pdf/, served at /_sb/pdf/;
- open-output: the site's own output/ folder in the file manager (opener.py);
- status: the current or last action, which the panel polls.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from site_builder.catalogue import text
from site_builder.serve.jobs import KINDS, Job, JobRunner
from site_builder.serve.opener import Opener, open_folder, own_output
from site_builder.serve.preview import Preview

ASSETS = Path(__file__).resolve().parent / "panel_static"
# The panel's PDFs: in the preview folder, under a name no page of a site can have, and apart from
# the preview's own PDF (which the preview makes on request and keeps track of itself).
PDF_FOLDER = "_sb/pdf"
PDF_URL = "/_sb/pdf/"
PDF_TEMP = ".in-progress"  # the worker writes the books into this folder; each finished one is moved out
# Words the panel's script shows; ids without "panel." are its keys.
PANEL_TEXTS = (
    "panel.title", "panel.toggle", "panel.collapse", "panel.check", "panel.build", "panel.pdf",
    "panel.open-output", "panel.running-check", "panel.running-build", "panel.running-pdf",
    "panel.progress", "panel.problems", "panel.checklist", "panel.unreachable",
)  # fmt: skip


def panel_snippet(token: str, lang: str) -> bytes:
    """The HTML injected before `</head>`: the panel's data and its script."""
    words = {key.removeprefix("panel."): text(key, lang) for key in PANEL_TEXTS}
    data = json.dumps({"token": token, "lang": lang, "texts": words}, ensure_ascii=True).replace("<", "\\u003c")
    return (
        f'<script id="sb-panel-data" type="application/json">{data}</script><script src="/_sb/panel.js" defer></script>'
    ).encode("ascii")


class Panel:
    def __init__(self, preview: Preview, lang: str, opener: Opener = open_folder):
        self.preview = preview
        self.lang = lang
        self.opener = opener
        self.runner = JobRunner(preview.site_root, lang, self.finish, preview.console.say)

    @property
    def site_root(self) -> Path:
        return self.preview.site_root

    def act(self, name: str) -> tuple[int, dict[str, Any]]:
        """(HTTP status, JSON body) for a button."""
        if name == "open-output":
            return self.open_output()
        if name not in KINDS:
            return 200, self.state()
        target = self.pdf_folder / PDF_TEMP if name == "pdf" else None
        if target is not None and not self.runner.busy:
            shutil.rmtree(target, ignore_errors=True)  # what a stopped run left
            target.mkdir(parents=True, exist_ok=True)
        if self.runner.start(name, target) is None:
            return 409, {**self.state(), "message": text("panel.busy", self.lang)}
        self.preview.console.say(text("panel.log-start", self.lang, action=text(f"panel.{name}", self.lang)))
        return 202, self.state()

    @property
    def pdf_folder(self) -> Path:
        return self.preview.builder.out_dir / PDF_FOLDER

    def state(self) -> dict[str, Any]:
        return {"job": self.runner.snapshot()}

    def open_output(self) -> tuple[int, dict[str, Any]]:
        folder, refusal = own_output(self.site_root)
        if refusal is not None:
            return 409, {"ok": False, "message": text(refusal, self.lang, folder=folder)}
        try:
            self.opener(folder)
        except OSError as exc:
            detail = exc.strerror or str(exc)
            return 500, {"ok": False, "message": text("panel.open-failed", self.lang, folder=folder, detail=detail)}
        return 200, {"ok": True, "message": text("panel.output-opened", self.lang, folder=folder)}

    def finish(self, job: Job) -> Job:
        """The finished books get their names in the panel's folder, and a link each."""
        if job.kind != "pdf" or job.result is None:
            return job
        result = dict(job.result)
        names = result.pop("out_paths", [])
        temp = self.pdf_folder / PDF_TEMP
        links = []
        for name in names if result.get("ok") and isinstance(names, list) else []:
            base = PurePosixPath(str(name)).name
            if base.endswith(".pdf") and (temp / base).is_file():
                os.replace(temp / base, self.pdf_folder / base)
                links.append({"href": PDF_URL + quote(base), "label": text("panel.link-pdf", self.lang, name=base)})
        shutil.rmtree(temp, ignore_errors=True)
        if links:
            result["links"] = links
        return replace(job, result=result)
