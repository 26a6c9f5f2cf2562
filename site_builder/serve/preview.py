"""The running preview: polls for changes, rebuilds, tells browsers to reload.

Everything runs on the server's event loop, one step at a time, so the build
state needs no locks. Requests ask `intercept` first: while the content has an
error every page is the error panel, and the PDF is rendered when asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath

from site_builder.catalogue import text
from site_builder.problems import Problems
from site_builder.serve.console import Console
from site_builder.serve.errorpage import error_page
from site_builder.serve.incremental import IncrementalBuilder, Outcome
from site_builder.serve.snapshot import changed_paths, scan

Notify = Callable[[str], None]  # livereload: "reload the page showing this path"
PAGE_SUFFIXES = {"", ".html", ".htm"}
LIVE_ASSETS = (".css", ".jpg", ".jpeg", ".png", ".gif")  # livereload.js swaps these in place


def looks_like_page(path: str) -> bool:
    return path == "" or path.endswith("/") or PurePosixPath(path).suffix.lower() in PAGE_SUFFIXES


class Preview:
    def __init__(self, builder: IncrementalBuilder, console: Console, notify: Notify):
        self.builder = builder
        self.console = console
        self.notify = notify
        self.snapshot = scan(builder.site_root)
        self.error_html: bytes | None = None

    @property
    def site_root(self) -> Path:
        return self.builder.site_root

    def start(self) -> Outcome:
        outcome = self.builder.build()
        self._record(outcome)
        return outcome

    def tick(self) -> Outcome | None:
        """One poll: rebuild what the changed files touch and reload the browsers."""
        current = scan(self.site_root)
        changed = changed_paths(self.snapshot, current)
        if not changed:
            return None
        self.snapshot = current
        was_broken = self.error_html is not None
        outcome = self.builder.build(changed)
        self._record(outcome)
        self._reload(outcome, was_broken)
        return outcome

    def _record(self, outcome: Outcome) -> None:
        self.console.rebuilt(outcome.problems, outcome.ok, len(outcome.rendered), outcome.seconds)
        self.error_html = None if outcome.ok else error_page(outcome.problems.errors, self.site_root, self.console.lang)

    def _reload(self, outcome: Outcome, was_broken: bool) -> None:
        """Swap changed styles and images in place when nothing else changed; else reload."""
        if outcome.ok and not was_broken and not outcome.rendered and not outcome.removed:
            assets = [f"/{p}" for p in outcome.assets]
            if all(p.lower().endswith(LIVE_ASSETS) for p in assets):
                for path in assets:
                    self.notify(path)
                return
        self.notify("*")

    def intercept(self, path: str) -> tuple[int, bytes] | None:
        """(status, HTML) to send instead of the file at `path`, or None to serve the file."""
        book = self.builder.pdf_names().get(path)  # every book `build` prints, made when asked for
        is_pdf = book is not None
        if path == self.builder.search_index_out_path():
            self.builder.ensure_search_index()
        if self.error_html is not None and (is_pdf or looks_like_page(path)):
            return 500, self.error_html
        if book is not None:
            problems = Problems()
            if not self.builder.ensure_pdf(problems, book):
                self.console.problems(problems)
                title = text("serve.pdf-failed", self.console.lang)
                return 500, error_page(problems.errors, self.site_root, self.console.lang, title)
        return None
