"""Markdown rendered in worker processes while the model is still being loaded and checked.

Rendering a body needs only its text, the glossary and the site's language, all written in the
sources; loading and checking the model (half a second at 1,000 conferences) needs none of the
HTML. So a build with many bodies to render forks its Markdown workers before it reads anything
(the process is small then, so the memory the workers share with it is small too, and none of
it is the records or the model that this process goes on to write), hands them the bodies as
soon as they are read, with the glossary and language as written, and collects their HTML when
the model's bodies are rendered (BodyRenderer.render).

What the workers made is only ever used under the cache key of the model's own body, glossary
and language (markdown.cache_key): a glossary entry or a language the model refuses, a record it
drops, a body over the site's depth limit costs the work done for nothing, never a byte of the
output. A worker that fails is ignored the same way: the body is rendered as if never started.
"""

from __future__ import annotations

import gc
import os
from collections import defaultdict
from collections.abc import Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from pathlib import Path
from types import TracebackType

from site_builder.layout import SiteLayout
from site_builder.markup.markdown import (
    CHUNKS_PER_WORKER,
    PARALLEL_THRESHOLD,
    Rendered,
    cache_key,
    glossary_map,
    glossary_signature,
    render_measured,
)
from site_builder.markup.nesting import deepest
from site_builder.model.load import declared_language, load_glossary
from site_builder.problems import Problems
from site_builder.sources.discover import RECORD_SUFFIXES, SourceSet
from site_builder.sources.limits import CEILINGS
from site_builder.workers import worker_pool

MARKDOWN_SUFFIXES = tuple(s for s in RECORD_SUFFIXES if not s.startswith(".y"))


class EarlyBodies:
    """Markdown workers started before the sources are read (`start`), fed with the bodies as
    written (`feed`), joined by BodyRenderer (`take`). A context manager: leaving it stops them."""

    def __init__(self, pool: ProcessPoolExecutor | None = None, jobs: int = 0):
        self._pool, self._jobs = pool, jobs
        self._signature = ""
        self._chunks: list[tuple[list[str], Future[list[Rendered | None]]]] = []

    @classmethod
    def start(cls, site_root: Path, cache: Mapping[str, str] | None, jobs: int) -> EarlyBodies:
        """Workers now when there will be many bodies to render (a cold build); else an idle one."""
        if jobs <= 1 or (cache is not None and len(cache) >= PARALLEL_THRESHOLD):
            return cls()  # most bodies are cached: the few left are rendered after the checks
        if _markdown_files(SiteLayout(site_root).content, PARALLEL_THRESHOLD) < PARALLEL_THRESHOLD:
            return cls()
        pool = worker_pool(jobs)
        # Forked here, while this process is small; frozen, the objects they share with it are
        # never scanned by their collector (which would write into, and so copy, their pages).
        gc.freeze()
        try:
            pool.submit(int)  # with the fork start method, every worker is forked by the first task
        finally:
            gc.unfreeze()
        return cls(pool, jobs)

    def feed(self, sources: SourceSet, cache: Mapping[str, str] | None) -> None:
        """Hand the workers every body not in `cache`, rendered with the glossary and language
        as written."""
        if self._pool is None:
            return
        by_kind = defaultdict(list)
        for record in sources.records:
            by_kind[record.kind].append(record)
        glossary = glossary_map(load_glossary(by_kind["glossary"], Problems()))  # reported by the model
        lang = declared_language(by_kind["site"])
        self._signature = glossary_signature(glossary, lang)
        texts: dict[str, str] = {}
        for record in sources.records:
            if record.body is not None:
                key = cache_key(record.body, self._signature)
                if cache is None or key not in cache:
                    texts[key] = record.body
        size = max(1, -(-len(texts) // (self._jobs * CHUNKS_PER_WORKER)))
        items = list(texts.items())
        for start in range(0, len(items), size):
            chunk = items[start : start + size]
            future = self._pool.submit(render_early, [s for _, s in chunk], glossary, lang)
            self._chunks.append(([k for k, _ in chunk], future))

    def take(self, signature: str, keys: Mapping[str, str]) -> dict[str, Rendered]:
        """What the workers made of `keys` (cache key -> source), when rendered with `signature`;
        then the workers stop."""
        made: dict[str, Rendered] = {}
        if signature == self._signature:
            for chunk_keys, future in self._chunks:
                try:
                    rendered = future.result()
                except Exception:  # noqa: BLE001 - a failed worker's bodies are rendered again after
                    continue
                made.update((k, r) for k, r in zip(chunk_keys, rendered, strict=True) if r is not None and k in keys)
        self.close()
        return made

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool, self._chunks = None, []

    def __enter__(self) -> EarlyBodies:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def render_early(sources: list[str], glossary: Mapping[str, str], lang: str) -> list[Rendered | None]:
    """render_measured, except bodies nested deeper than any site may allow (None): Markdown
    would recurse too deeply, and the model's own check refuses them anyway."""
    shallow = [deepest(source) <= CEILINGS["max_depth"] for source in sources]
    made = iter(render_measured([s for s, ok in zip(sources, shallow, strict=True) if ok], glossary, lang))
    return [next(made) if ok else None for ok in shallow]


def _markdown_files(content: Path, enough: int) -> int:
    """How many Markdown files content/ holds, counting no further than `enough`."""
    found = (name for _, _, names in os.walk(content) for name in names if name.endswith(MARKDOWN_SUFFIXES))
    return sum(1 for _ in islice(found, enough))
