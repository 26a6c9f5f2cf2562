"""Markdown rendered in worker processes while this process reads the sources and checks the model.

Rendering a body needs only its text, the glossary and the site's language, all written in the
files; reading every record and loading and checking the model (about a second at 1,000
conferences) needs none of the HTML. So a build with many bodies to render (a cold one) reads
site.yaml and glossary.yaml first, forks its Markdown workers while it is still small (the
memory they share with it is small, and none of it is the records or the model it goes on to
make), and gives each a folder of content/ (one year, one term, the pages): the worker reads its
Markdown files and renders their bodies with the glossary and language as written. The HTML is
collected when the model's bodies are rendered (BodyRenderer.render).

What the workers made is only ever used under the cache key of the model's own body, glossary
and language (markdown.cache_key): a glossary entry or a language the model refuses, a file the
model does not load, a body over the site's depth limit, a file changed since costs the work done
for nothing, never a byte of the output. A worker that fails is ignored the same way: its bodies
are rendered as if it had never started. Workers only read regular files (never a link, a FIFO
or a device) no larger than site.yaml's file cap, and report nothing: reading reports problems.
"""

from __future__ import annotations

import gc
import hashlib
import os
import stat
from collections.abc import Iterator, Mapping
from concurrent.futures import Future
from itertools import islice
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from site_builder.layout import GLOSSARY_YAML, SITE_YAML, SiteLayout, content_relative
from site_builder.markup.markdown import (
    PARALLEL_THRESHOLD,
    Rendered,
    glossary_map,
    glossary_signature,
    render_measured,
)
from site_builder.markup.nesting import deepest
from site_builder.model.load import declared_language, load_glossary
from site_builder.problems import Problems
from site_builder.sources.discover import MAX_FILE_BYTES, Kind, RawRecord, classify, read_record, read_text
from site_builder.sources.frontmatter import split_front_matter
from site_builder.sources.limits import CEILINGS, limits_from_site
from site_builder.workers import worker_pool

if TYPE_CHECKING:  # the pool's module is imported by workers.py when a pool is made
    from concurrent.futures import ProcessPoolExecutor

MARKDOWN = ".md"  # the suffix of records with a body (discover.parse_record)
# The workers' priority, lowered: while they render, this process reads, loads and checks the model
# on a share of the same cores, and it is the longer path (what it makes is needed before any
# page; their bodies only after it). Without, it got two thirds of a core beside them and ran on
# alone after they were done.
EARLY_NICE = 5


class EarlyBodies:
    """Markdown workers started before the sources are read (`start`), joined by BodyRenderer
    (`take`). A context manager: leaving it stops them."""

    def __init__(
        self, pool: ProcessPoolExecutor | None = None, written: tuple[Mapping[str, str], str] = ({}, ""),
        folders: list[Future[dict[str, Rendered]]] | None = None,
    ) -> None:  # fmt: skip
        self._pool, self._written, self._folders = pool, written, folders or []

    @classmethod
    def start(cls, site_root: Path, cache: Mapping[str, str] | None, jobs: int) -> EarlyBodies:
        """Workers rendering every body now when there are many to render (a cold build); else an
        idle EarlyBodies."""
        folders = SiteLayout(site_root)
        if jobs <= 1 or (cache is not None and len(cache) >= PARALLEL_THRESHOLD):
            return cls()  # most bodies are cached: the few left are rendered after the checks
        if sum(1 for _ in islice(_markdown_files(folders.content), PARALLEL_THRESHOLD)) < PARALLEL_THRESHOLD:
            return cls()
        glossary, lang, max_bytes = _as_written(folders)
        pool: ProcessPoolExecutor | None = None
        # Frozen, the objects the workers share with this process are never scanned by their
        # collector (which would write into, and so copy, their pages); the first task forks them.
        gc.freeze()
        try:
            pool = worker_pool(jobs, nice=EARLY_NICE)
            futures = [
                pool.submit(render_folder, str(folder), whole, glossary, lang, max_bytes)
                for folder, whole in _folders(folders)
            ]
        except (OSError, RuntimeError):  # no workers (a fork refused, a broken pool): only speed is lost
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)
            return cls()
        finally:
            gc.unfreeze()
        return cls(pool, (glossary, lang), futures)

    @classmethod
    def before_build(cls, site_root: Path, jobs: int, use_cache: bool) -> EarlyBodies:
        """Workers started by `build` as soon as it runs, before the rest of the program is imported
        and the inputs hashed (about a tenth of a second at 1,000 conferences, then spent beside
        them), when no rendered Markdown is kept (a cold build, or --force); else an idle one, and
        `load_site` decides with the kept bodies in hand."""
        cold = not use_cache or not SiteLayout(site_root).markup_cache.exists()
        return cls.start(site_root, {}, jobs) if cold else cls()

    @property
    def running(self) -> bool:
        return self._pool is not None

    def take(self, signature: str, keys: Mapping[str, str]) -> dict[str, Rendered]:
        """What the workers made of `keys` (cache key -> source), when rendered with `signature`;
        then the workers stop. The workers' glossary and language are signed here, not before
        they start: the renderer's signature reads the libraries' versions (importlib.metadata,
        25 ms of a start-up that has one core busy)."""
        made: dict[str, Rendered] = {}
        if self._pool is not None and signature == glossary_signature(*self._written):
            wanted = {source_key(source): key for key, source in keys.items()}
            for future in self._folders:
                try:
                    rendered = future.result()
                except Exception:  # noqa: BLE001 - a failed worker's bodies are rendered again after
                    continue
                made.update((wanted[found], body) for found, body in rendered.items() if found in wanted)
        self.close()
        return made

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool, self._folders = None, []

    def __enter__(self) -> EarlyBodies:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def _as_written(folders: SiteLayout) -> tuple[dict[str, str], str, int]:
    """(glossary, language, file size cap) as site.yaml and glossary.yaml write them; the model
    validates and reports them."""
    site = _record(folders.site_yaml, SITE_YAML, ("site", {}))
    glossary = _record(folders.path(GLOSSARY_YAML), GLOSSARY_YAML, classify(content_relative(GLOSSARY_YAML)))
    lang = declared_language([site] if site else [])
    limits = limits_from_site(site.data if site else None)
    return glossary_map(load_glossary([glossary] if glossary else [], Problems())), lang, limits.max_file_bytes


def _record(file: Path, path: str, found: tuple[Kind, dict[str, str]] | None) -> RawRecord | None:
    if found is None or not _regular(file):
        return None
    return read_record(file, path, found, Problems(), MAX_FILE_BYTES)


def _regular(file: Path) -> bool:
    """A regular file, not a link to one (a FIFO or a device would hang the reader)."""
    try:
        return stat.S_ISREG(os.lstat(file).st_mode)
    except OSError:
        return False


def _folders(folders: SiteLayout) -> Iterator[tuple[Path, bool]]:
    """(folder, whole tree) to hand out: every folder two levels down (years/2021, terms/…),
    whole; the first level on its own (pages/); content/media/ never."""
    media = folders.media
    for first in sorted(_dirs(folders.content)):
        if first != media:
            yield first, False
            yield from ((second, True) for second in sorted(_dirs(first)))


def _dirs(folder: Path) -> list[Path]:
    try:
        return [Path(entry.path) for entry in os.scandir(folder) if entry.is_dir(follow_symlinks=False)]
    except OSError:
        return []


def _markdown_files(folder: Path, recursive: bool = True) -> Iterator[Path]:
    """Markdown files under `folder` (or in it only), linked folders never entered."""
    for here, dirs, names in os.walk(folder):
        yield from (Path(here) / name for name in sorted(names) if name.endswith(MARKDOWN))
        if not recursive:
            dirs.clear()


def render_folder(
    folder: str, recursive: bool, glossary: Mapping[str, str], lang: str, max_bytes: int
) -> dict[str, Rendered]:
    """source_key -> rendered body of each Markdown file of `folder` (a worker's task). Bodies
    nested deeper than any site may allow are left out: Markdown would recurse too deeply."""
    sources = [body for file in _markdown_files(Path(folder), recursive) if (body := _body(file, max_bytes))]
    shallow = [source for source in sources if deepest(source) <= CEILINGS["max_depth"]]
    rendered = render_measured(shallow, glossary, lang)
    return {source_key(source): body for source, body in zip(shallow, rendered, strict=True)}


def source_key(source: str) -> str:
    """A body's source as the workers name what they made of it (the caller knows the glossary
    and language they used: `take` checks them)."""
    return hashlib.blake2b(source.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _body(file: Path, max_bytes: int) -> str | None:
    """The body of a Markdown record as reading it gives it (discover.parse_record); None for
    anything but a regular file with a closed front matter."""
    if not _regular(file):
        return None
    text = read_text(file, str(file), Problems(), max_bytes)
    split = split_front_matter(text) if text is not None else None
    return split.body if split is not None and split.yaml_text is not None and split.closed else None
