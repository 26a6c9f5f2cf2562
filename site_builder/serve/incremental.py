"""Rebuild the preview folder with the render core, writing only what changed.

Every rebuild re-reads and re-validates all sources (cheap: parsed records
are kept while a file's size and modification time stay, Markdown bodies come
from the content-hash cache) and re-plans the pages; the render core
(output/core.py) then compares each page's signature with the last good
render and renders only the pages that changed, and the preview sink
(output/sinks.py) writes what changed and deletes what is gone. While the
content is broken nothing is written, and the next good save is compared with
the last good render, so no change is lost. Nothing here prints; results come
back as an `Outcome`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import jinja2

from site_builder import urls
from site_builder.build import Loaded, load_site, print_rules
from site_builder.layout import SiteLayout
from site_builder.model.editions import editions_of
from site_builder.output import sinks
from site_builder.output.artifacts import artifact
from site_builder.output.core import render_site
from site_builder.output.request import RenderRequest
from site_builder.output.search_job import is_search, search_files
from site_builder.output.state import Artifact, RenderState
from site_builder.output.theme_setup import ThemeSetup
from site_builder.problems import Loc, Problems, RenderError, SiteError
from site_builder.rendered import RenderedFile
from site_builder.sources.discover import RecordCache
from site_builder.sources.themes import Theme


@dataclass(frozen=True)
class Outcome:
    ok: bool
    problems: Problems
    rendered: tuple[str, ...] = ()  # output paths of the pages rendered
    removed: tuple[str, ...] = ()  # output paths of files that no longer exist
    assets: tuple[str, ...] = ()  # output paths of theme assets and media rewritten ("static/css/site.css")
    seconds: float = 0.0


class IncrementalBuilder:
    """The preview's build state: the last good render, its theme setup, kept records."""

    def __init__(self, site_root: Path, out_dir: Path, pdf: bool = True, cache: dict[str, str] | None = None):
        self.site_root = site_root.resolve()
        self.out_dir = out_dir
        self.pdf = pdf
        self.cache = cache if cache is not None else {}
        self.records: RecordCache = {}  # parsed files, re-read only when their size or mtime changes
        self.rendered_pages = 0  # pages rendered since start (tests and the bench read it)
        # The books and the search index are made when asked for, not with every save: those made
        # since the last change ("pdf", "pdf:ky-yeu-nam-2023", "search").
        self.fresh: set[str] = set()
        self.loaded: Loaded | None = None
        self.setup: ThemeSetup | None = None
        self.state: RenderState | None = None
        self._made: dict[str, Artifact] = {}  # the PDF and the search index, made on request

    @property
    def theme(self) -> Theme | None:
        return self.setup.theme if self.setup else None

    @property
    def env(self) -> jinja2.Environment | None:
        return self.setup.env if self.setup else None

    @property
    def page_count(self) -> int:
        return len(self.state.pages) if self.state else 0

    @property
    def out_paths(self) -> tuple[str, ...]:
        return tuple(self.state.pages) if self.state else ()

    @property
    def pdf_stale(self) -> bool:
        return "pdf" not in self.fresh

    @property
    def search_stale(self) -> bool:
        return "search" not in self.fresh

    def pdf_out_path(self) -> str | None:
        """The main book's PDF."""
        if not self.pdf or self.loaded is None:
            return None
        return urls.out_path(urls.yearbook_pdf(self.loaded.model.site))

    def pdf_names(self) -> dict[str, str]:
        """Output path -> artifact name of every book `build` prints ("ky-yeu-nam-2023.pdf" ->
        "pdf:ky-yeu-nam-2023"): the pages link them all, and each is made when it is asked for."""
        if not self.pdf or self.loaded is None:
            return {}
        books = editions_of(self.loaded.model)
        return {urls.out_path(urls.edition_pdf(e.filename)): "pdf" if e.main else f"pdf:{e.stem}" for e in books}

    def build(self, changed: Iterable[str] = ()) -> Outcome:
        """Bring the preview folder up to date (`changed`: the site files the poll saw change)."""
        started = time.perf_counter()
        problems = Problems()
        try:
            outcome = self._attempt(problems)
        except (SiteError, RenderError):
            outcome = None  # reported in `problems`
        except Exception as exc:  # noqa: BLE001 - the preview must survive any failure
            problems.error("serve.internal", Loc("site-builder"), detail=f"{type(exc).__name__}: {exc}")
            outcome = None
        if outcome is None:
            outcome = Outcome(False, problems)
        return replace(outcome, seconds=time.perf_counter() - started)

    def _request(self, loaded: Loaded) -> RenderRequest:
        # The preview makes the PDF and the search index when they are asked for, not with every save.
        tokens = media_tokens(self.site_root, loaded.model.media)
        return RenderRequest(self.site_root, pdf=False, pdf_link=self.pdf, media_tokens=tokens, search=False)

    def _attempt(self, problems: Problems) -> Outcome | None:
        loaded = load_site(self.site_root, problems, self.cache, record_cache=self.records)
        if loaded is not None:  # the rules of every printed book: a draft, the final edition's warnings
            loaded = print_rules(self.site_root, loaded, None, problems)
        if loaded is None or problems.has_errors():
            return None
        rendering = render_site(loaded, self._request(loaded), problems, self.state, self.setup)
        applied = sinks.apply(rendering.files, rendering.removed, self.out_dir)
        self.loaded, self.state, self.setup = loaded, rendering.state, rendering.setup
        self.fresh = set()
        self.rendered_pages += len(rendering.rendered)
        return Outcome(True, problems, rendering.rendered, applied.removed, applied.assets)

    def search_index_out_path(self) -> str:
        return urls.out_path(urls.search_index())

    def ensure_search_index(self) -> None:
        """Write the search index if content changed since the last one (most saves are never searched)."""
        if "search" in self.fresh or self.loaded is None:
            return
        try:
            self._write_search_index(self.loaded)
        except Exception:  # noqa: BLE001 - never fatal: the results page says the index is missing
            return
        self.fresh.add("search")

    def _write_search_index(self, loaded: Loaded) -> None:
        """Its list and the parts that changed; parts no longer listed are removed."""
        kept = {name: made for name, made in self._made.items() if is_search(name)}
        files = search_files(loaded, kept, Problems(), self.out_dir)
        for name, file, made in files:
            if isinstance(file, RenderedFile):
                sinks.write_if_changed(self.out_dir, file.out_path, file.data)
            self._made[name] = made
        for name in kept.keys() - {name for name, _, _ in files}:
            sinks.remove(self.out_dir, self._made.pop(name).out_path)

    def ensure_pdf(self, problems: Problems, name: str = "pdf") -> bool:
        """Render the book `name` ("pdf": the main one) into the preview folder if what it shows
        changed since it was last made."""
        return self._fresh(name, problems)

    def _fresh(self, name: str, problems: Problems) -> bool:
        if name not in self.fresh and self._ensure(name, problems):
            self.fresh.add(name)
        return name in self.fresh

    def _ensure(self, name: str, problems: Problems) -> bool:
        """Make the artifact `name` (output/artifacts.py) unless what it shows is unchanged."""
        if self.loaded is None or self.setup is None:
            return False
        is_pdf = name.split(":", 1)[0] == "pdf"
        request = replace(self._request(self.loaded), pdf=is_pdf, search=name == "search")
        try:
            file, made = artifact(name, self.loaded, request, self.setup, problems, self._made.get(name))
        except RenderError:
            return False
        except Exception as exc:  # noqa: BLE001 - a failure is shown, never fatal
            code = "pdf.error" if is_pdf else "serve.internal"
            problems.error(code, Loc("site-builder"), detail=f"{type(exc).__name__}: {exc}")
            return False
        if isinstance(file, RenderedFile):
            sinks.write_if_changed(self.out_dir, file.out_path, file.data)
        self._made[name] = made
        return True


def media_tokens(site_root: Path, paths: Iterable[str]) -> dict[str, str]:
    """Size and modification time of each media file used: enough to notice a replaced photo."""
    media_root = SiteLayout(site_root).media
    tokens: dict[str, str] = {}
    for rel in paths:
        try:
            info = (media_root / rel).stat()
        except OSError:
            continue
        tokens[rel] = f"{info.st_size}:{info.st_mtime_ns}"
    return tokens
