"""Markdown bodies -> safe HTML fragments, with glossary <abbr> and resolved links.

Rendering (Markdown + sanitising) depends only on the source and the glossary,
so it is cached by content hash; link resolution (markup/links.py) depends on
which records and media exist, so it is kept with the answers it was given.
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

import markdown

from site_builder.catalogue import text
from site_builder.markup import inline_gate, source_gates
from site_builder.markup.headings import heading_ids
from site_builder.markup.links import Lookups, resolve_body
from site_builder.markup.nesting import html_depth, refuse_deep_html, refuse_too_deep
from site_builder.markup.sanitize import sanitize
from site_builder.model.media import bodies
from site_builder.model.memo import LoadMemo
from site_builder.model.records import GlossaryEntry, Markdown, SiteModel
from site_builder.problems import Problems
from site_builder.workers import worker_pool

RENDERER_VERSION = "1"
RENDERER_LIBRARIES = ("markdown", "nh3")  # their versions are part of every cache key
PARALLEL_THRESHOLD = 400
CHUNKS_PER_WORKER = 8


def make_renderer(glossary: Mapping[str, str], lang: str = "vi") -> markdown.Markdown:
    back_title = text("markdown.footnote-back", lang)
    renderer = markdown.Markdown(
        extensions=["tables", "sane_lists", "footnotes", "abbr", heading_ids(), "attr_list"],
        extension_configs={"abbr": {"glossary": dict(glossary)}, "footnotes": {"BACKLINK_TITLE": back_title}},
        output_format="html",
    )
    inline_gate.install(renderer)
    source_gates.install(renderer, [back_title, *glossary.keys(), *glossary.values()])
    return renderer


def render_sources(sources: list[str], glossary: Mapping[str, str], lang: str = "vi") -> list[str]:
    """Markdown -> sanitised HTML, one renderer reused across documents."""
    renderer = make_renderer(glossary, lang)
    out = []
    for source in sources:
        renderer.reset()
        out.append(sanitize(renderer.convert(source)))
    return out


def renderer_signature() -> str:
    """RENDERER_VERSION plus the installed versions of the libraries that shape the HTML, so an
    upgraded Markdown or nh3 never replays HTML cached by the old one."""
    return json.dumps([RENDERER_VERSION, *(_library_version(name) for name in RENDERER_LIBRARIES)])


def _library_version(name: str) -> str:
    return f"{name}=={version(name)}"


def version(name: str) -> str:
    """The installed version of the library `name` ("?" when it is not installed)."""
    # Imported here: 25 ms that the Markdown workers' start (markup/early.py) does not need.
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def cache_key(source: str, glossary_sig: str) -> str:
    """`glossary_sig` is BodyRenderer's signature of the glossary and the renderer's versions."""
    digest = hashlib.sha256(f"{RENDERER_VERSION}\0{glossary_sig}\0{source}".encode())
    return digest.hexdigest()[:32]


# A body rendered: its safe HTML and how deeply that HTML nests (nesting.html_depth), measured
# where it was rendered, so that a worker's core does it when there are many.
Rendered = tuple[str, int]


def render_measured(sources: list[str], glossary: Mapping[str, str], lang: str = "vi") -> list[Rendered]:
    return [(fragment, html_depth(fragment)) for fragment in render_sources(sources, glossary, lang)]


def glossary_signature(glossary: Mapping[str, str], lang: str) -> str:
    """What, besides its source, a body's HTML depends on (part of every cache key)."""
    signed = [renderer_signature(), sorted(glossary.items()), lang]
    return hashlib.sha256(json.dumps(signed).encode()).hexdigest()


class Started(Protocol):
    """Bodies whose rendering started before the model was loaded (markup/early.py)."""

    def take(self, signature: str, keys: Mapping[str, str]) -> dict[str, Rendered]:
        """What was made of `keys` (cache key -> source) under `signature`."""


@dataclass
class BodyRenderer:
    """Renders all bodies of a model, reusing `cache` (key -> html) when given."""

    glossary: Mapping[str, str]
    cache: dict[str, str]
    jobs: int = 1
    lang: str = "vi"  # the site's language: footnote back-link titles
    started: Started | None = None
    depths: dict[str, int] = field(default_factory=dict)  # body path -> depth of the HTML rendered by `render`
    keys: dict[str, str] = field(default_factory=dict)  # body path -> cache key of the HTML `render` gave it

    def render(self, docs: Iterable[Markdown]) -> dict[str, str]:
        docs = list(docs)
        sig = glossary_signature(self.glossary, self.lang)
        keys = [cache_key(d.source, sig) for d in docs]
        missing = dict(sorted({k: d.source for k, d in zip(keys, docs, strict=True) if k not in self.cache}.items()))
        made = self.started.take(sig, missing) if self.started is not None else {}
        rest = [key for key in missing if key not in made]
        made.update(zip(rest, self._render([missing[key] for key in rest]), strict=True))
        self.cache.update((key, made[key][0]) for key in missing)
        self.depths.update((d.loc.path, made[k][1]) for d, k in zip(docs, keys, strict=True) if k in made)
        self.keys.update((d.loc.path, k) for d, k in zip(docs, keys, strict=True))
        return {doc.loc.path: self.cache[key] for doc, key in zip(docs, keys, strict=True)}

    def _render(self, sources: list[str]) -> list[Rendered]:
        if self.jobs <= 1 or len(sources) < PARALLEL_THRESHOLD:
            return render_measured(sources, self.glossary, self.lang)
        # Several chunks per worker: a worker holds one chunk's sources and HTML at a time, not half
        # the site's (40 MB each at 10,000 conferences). Frozen objects are never scanned by the
        # workers' collector, which would otherwise write into (and so copy) the pages they share.
        size = -(-len(sources) // (self.jobs * CHUNKS_PER_WORKER))
        chunks = [sources[i : i + size] for i in range(0, len(sources), size)]
        gc.freeze()
        try:
            with worker_pool(self.jobs) as pool:
                parts = pool.map(render_measured, chunks, [self.glossary] * len(chunks), [self.lang] * len(chunks))
                return [h for part in parts for h in part]
        finally:
            gc.unfreeze()


@dataclass(frozen=True)
class RenderedBodies:
    html: dict[str, str]  # record (body file) path -> safe HTML with resolved links
    media: frozenset[str]  # files under content/media/ the bodies use: they must be published
    # Record path -> a digest of what its HTML is made from (its source, the glossary, the
    # renderer, its links' answers): equal seeds mean equal HTML, so pages are signed by it.
    seeds: dict[str, str] = field(default_factory=dict)


def render_bodies(
    model: SiteModel,
    link_map: Mapping[str, str],
    problems: Problems,
    cache: dict[str, str] | None = None,
    jobs: int = 1,
    files: frozenset[str] = frozenset(),
    media_files: frozenset[str] | None = None,
    memo: LoadMemo | None = None,
    started: Started | None = None,
) -> RenderedBodies:
    """Record path -> safe HTML body with links resolved to site URLs (root-absolute).

    The rendered HTML is the one source of truth for what a body names: every `src` and
    `href` in it is resolved here, checked against `media_files` (None: not checked) and,
    when it is a media file, collected in `.media` for publishing. `files` are the
    content-relative paths of every record file found, loaded or not. `memo` keeps the depths
    of bodies met before and how their links were resolved (model/memo.py, markup/links.py);
    `started`: bodies being rendered since the sources were read (markup/early.py).
    """
    docs = list(bodies(model))
    too_deep = refuse_too_deep(docs, model.site.limits.depth_limit, problems, memo)  # before Markdown recurses
    docs = [doc for doc in docs if doc.loc.path not in too_deep]
    glossary = glossary_map(model.glossary)
    renderer = BodyRenderer(glossary, cache if cache is not None else {}, jobs, model.site.language, started)
    rendered = renderer.render(docs)
    signature = glossary_signature(glossary, renderer.lang)[:32]  # HTML facts are kept by their body's file
    # What the PDF renderer could not lay out (measured as it was rendered, when it was).
    too_deep |= refuse_deep_html(docs, rendered, problems, memo, renderer.depths, signature)
    used: set[str] = set()
    lookups = Lookups(link_map, files, media_files)
    changes: dict[str, str] = {}
    resolved = {
        doc.loc.path: resolve_body(rendered[doc.loc.path], doc, lookups, problems, used, memo, signature, changes)
        for doc in docs
        if doc.loc.path not in too_deep
    }
    seeds = {path: _seed(renderer.keys[path], made) for path, made in changes.items()}
    return RenderedBodies({**resolved, **dict.fromkeys(too_deep, "")}, frozenset(used), seeds)


def _seed(key: str, changes: str) -> str:
    """The cache key names the HTML rendered from the source; `changes`, what resolving its links
    changed in it."""
    return hashlib.blake2b(f"{key}\0{changes}".encode(), digest_size=16).hexdigest()


def glossary_map(entries: Iterable[GlossaryEntry]) -> dict[str, str]:
    """Abbreviation -> expansion, longest abbreviation first ("BTV ĐUK" before "BTV")."""
    ordered = sorted(entries, key=lambda entry: len(entry.abbr), reverse=True)
    return {entry.abbr: entry.expansion for entry in ordered}
