"""Rebuild only the pages a change touches, into the preview folder.

Every rebuild re-reads and re-validates all sources (cheap: Markdown bodies
come from the content-hash cache) and re-plans the pages; `deps` then compares
the new plan with the last good one to choose the pages to render. Changes that
arrive while the content is broken are remembered and built with the next good
save. Nothing here prints; results come back as an `Outcome`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import jinja2

from site_builder.build import Loaded, load_site, search_index, theme_static_files
from site_builder.pages import urls
from site_builder.pages.plan import PageSpec, common_context
from site_builder.problems import Loc, Problems
from site_builder.render.environment import make_environment
from site_builder.render.html_pages import render_pages
from site_builder.render.themes import Theme, resolve_theme
from site_builder.serve import deps, files
from site_builder.sources.discover import RecordCache

MEDIA_PREFIX = "content/media/"


@dataclass(frozen=True)
class Outcome:
    ok: bool
    problems: Problems
    rendered: tuple[str, ...] = ()  # output paths of the pages rendered
    removed: tuple[str, ...] = ()  # output paths of pages that no longer exist
    assets: tuple[str, ...] = ()  # output paths of theme assets and media rewritten ("static/css/site.css")
    seconds: float = 0.0


class IncrementalBuilder:
    """The preview's build state: last good plan, Jinja environment, pending changes."""

    def __init__(self, site_root: Path, out_dir: Path, pdf: bool = True, cache: dict[str, str] | None = None):
        self.site_root = site_root.resolve()
        self.out_dir = out_dir
        self.pdf = pdf
        self.cache = cache if cache is not None else {}
        self.records: RecordCache = {}  # parsed files, re-read only when their size or mtime changes
        self.rendered_pages = 0  # pages rendered since start (tests and the bench read it)
        self.pdf_stale = True
        self.search_stale = True  # the search index is written when asked for, like the PDF
        self.loaded: Loaded | None = None
        self.theme: Theme | None = None
        self.env: jinja2.Environment | None = None
        self._env_key: tuple[str, str] | None = None
        self._deps: deps.TemplateDeps | None = None
        self._specs: dict[str, PageSpec] = {}
        self._static: set[str] = set()
        self._media: set[str] = set()
        self._pending: set[str] = set()
        self._full = True

    @property
    def page_count(self) -> int:
        return len(self._specs)

    @property
    def out_paths(self) -> tuple[str, ...]:
        return tuple(self._specs)

    def pdf_out_path(self) -> str | None:
        if not self.pdf or self.loaded is None:
            return None
        return urls.out_path(urls.yearbook_pdf(self.loaded.model.site))

    def build(self, changed: Iterable[str] = ()) -> Outcome:
        """Bring the preview folder up to date with the files changed (site-relative paths)."""
        started = time.perf_counter()
        self._pending.update(changed)
        problems = Problems()
        try:
            outcome = self._attempt(problems)
        except Exception as exc:  # noqa: BLE001 - the preview must survive any failure
            problems.error("serve.internal", Loc("site-builder"), detail=f"{type(exc).__name__}: {exc}")
            outcome = None
        if outcome is None:
            outcome = Outcome(False, problems)
        return replace(outcome, seconds=time.perf_counter() - started)

    def _attempt(self, problems: Problems) -> Outcome | None:
        change = deps.classify(self._pending)
        loaded = load_site(self.site_root, problems, self.cache, record_cache=self.records)
        if loaded is None or problems.has_errors():
            return None
        all_pages = self._ensure_env(loaded, change, problems)
        if self.env is None or self._deps is None:
            return None
        selected = self._select(loaded.specs, change, full=self._full or all_pages)
        common = common_context(loaded.model, with_pdf=self.pdf)
        rendered = render_pages(self.env, selected, common, problems)
        if problems.has_errors():
            return None
        removed = deps.removed_pages(loaded.specs, self._specs)
        static = self._sync_static() if (self._full or all_pages or change.static) else ()
        for file in rendered:
            files.write_atomic(self.out_dir, file.out_path, file.data)
        for out_path in removed:
            files.remove(self.out_dir, out_path)
        media = self._sync_media(loaded, change.content)
        self._commit(loaded, len(rendered))
        return Outcome(True, problems, tuple(f.out_path for f in rendered), tuple(removed), static + media)

    def _ensure_env(self, loaded: Loaded, change: deps.Classified, problems: Problems) -> bool:
        """A fresh environment when templates or the theme changed.

        True when every page must be rendered again: another theme or language,
        or a theme.yaml changed (its values reach every template).
        """
        site = loaded.model.site
        key, old_key = (site.theme, site.language), self._env_key
        if self.env is not None and key == old_key and not change.theme_changed:
            return False
        theme = resolve_theme(self.site_root, site.theme, problems)
        if theme is None:
            self.env = None
            return False
        self.theme, self._env_key = theme, key
        self.env = make_environment(theme, site.language)
        self._deps = deps.TemplateDeps(self.env)
        return key != old_key or change.theme_config

    def _select(self, specs: list[PageSpec], change: deps.Classified, full: bool) -> list[PageSpec]:
        if full:
            return list(specs)
        assert self._deps is not None
        hit = deps.templates_hit(self._deps, specs, change.templates)
        return deps.pages_to_render(specs, self._specs, change.content, hit)

    def _sync_static(self) -> tuple[str, ...]:
        """Theme assets: write those whose bytes changed, drop those that went away."""
        assert self.theme is not None
        assets = theme_static_files(self.theme)
        written = tuple(a.out_path for a in assets if files.write_if_changed(self.out_dir, a.out_path, a.data))
        current = {a.out_path for a in assets}
        for gone in self._static - current:
            files.remove(self.out_dir, gone)
        self._static = current
        return written

    def _sync_media(self, loaded: Loaded, changed: frozenset[str]) -> tuple[str, ...]:
        """Copy the media files records use (new or changed ones), drop unused ones."""
        media_root = (self.site_root / "content" / "media").resolve()
        wanted = set(loaded.model.media)
        copied: list[str] = []
        for rel in sorted(wanted):
            source = (media_root / rel).resolve()
            fresh = rel not in self._media or f"{MEDIA_PREFIX}{rel}" in changed
            if fresh and source.is_file() and source.is_relative_to(media_root):
                files.copy_in(self.out_dir, f"media/{rel}", source)
                copied.append(f"media/{rel}")
        for rel in self._media - wanted:
            files.remove(self.out_dir, f"media/{rel}")
        self._media = wanted
        return tuple(copied)

    def _commit(self, loaded: Loaded, rendered: int) -> None:
        self.loaded = loaded
        self._specs = {s.out_path: s for s in loaded.specs}
        self._pending.clear()
        self._full = False
        self.pdf_stale = True
        self.search_stale = True
        self.rendered_pages += rendered

    def search_index_out_path(self) -> str:
        return urls.out_path(urls.search_index())

    def ensure_search_index(self) -> None:
        """Write the search index if content changed since the last one (most saves are never searched)."""
        if self.search_stale and self.loaded is not None:
            files.write_if_changed(self.out_dir, self.search_index_out_path(), search_index(self.loaded).data)
            self.search_stale = False

    def ensure_pdf(self, problems: Problems) -> bool:
        """Render the yearbook PDF into the preview folder if content changed since the last one."""
        if not self.pdf_stale:
            return True
        if self.loaded is None or self.theme is None or self.env is None:
            return False
        try:
            from site_builder.yearbook.pdf import render_yearbook
        except ImportError as exc:
            problems.error("pdf.error", Loc("site-builder"), detail=str(exc))
            return False
        loaded = self.loaded
        try:
            result = render_yearbook(loaded.model, loaded.bodies, self.theme, self.env, self.site_root, problems)
        except Exception as exc:  # noqa: BLE001 - a PDF failure is shown, never fatal
            problems.error("pdf.error", Loc("site-builder"), detail=f"{type(exc).__name__}: {exc}")
            return False
        if result is None or problems.has_errors():
            return False
        files.write_atomic(self.out_dir, result.file.out_path, result.file.data)
        self.pdf_stale = False
        return True
