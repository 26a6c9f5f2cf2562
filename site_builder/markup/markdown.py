"""Markdown bodies -> safe HTML fragments, with glossary <abbr> and resolved links.

Rendering (Markdown + sanitising) depends only on the source and the glossary,
so it is cached by content hash; link resolution is a cheap pass run on every
build, because it depends on which records exist.
"""

from __future__ import annotations

import hashlib
import html
import json
import posixpath
import re
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import markdown

from site_builder.markup.sanitize import sanitize
from site_builder.model.media import REMOTE, bodies, media_path
from site_builder.model.records import GlossaryEntry, Markdown, SiteModel
from site_builder.model.slugs import heading_id
from site_builder.problems import Loc, Problems

RENDERER_VERSION = "1"
PARALLEL_THRESHOLD = 400
_LINK = re.compile(r'(?P<attr>href|src)="(?P<url>[^"]*)"')


def make_renderer(glossary: Mapping[str, str]) -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["tables", "sane_lists", "footnotes", "abbr", "toc", "attr_list"],
        extension_configs={
            "abbr": {"glossary": dict(glossary)},
            "toc": {"slugify": heading_id, "permalink": False},
            "footnotes": {"BACKLINK_TITLE": "Quay lại chú thích %d"},
        },
        output_format="html",
    )


def render_sources(sources: list[str], glossary: Mapping[str, str]) -> list[str]:
    """Markdown -> sanitised HTML, one renderer reused across documents."""
    renderer = make_renderer(glossary)
    out = []
    for source in sources:
        renderer.reset()
        out.append(sanitize(renderer.convert(source)))
    return out


def cache_key(source: str, glossary_sig: str) -> str:
    digest = hashlib.sha256(f"{RENDERER_VERSION}\0{glossary_sig}\0{source}".encode())
    return digest.hexdigest()[:32]


@dataclass
class BodyRenderer:
    """Renders all bodies of a model, reusing `cache` (key -> html) when given."""

    glossary: Mapping[str, str]
    cache: dict[str, str]
    jobs: int = 1

    def render(self, docs: Iterable[Markdown]) -> dict[str, str]:
        docs = list(docs)
        sig = hashlib.sha256(json.dumps(sorted(self.glossary.items())).encode()).hexdigest()
        keys = [cache_key(d.source, sig) for d in docs]
        missing = sorted({k: d.source for k, d in zip(keys, docs, strict=True) if k not in self.cache}.items())
        self.cache.update(zip([k for k, _ in missing], self._render([s for _, s in missing]), strict=True))
        return {doc.loc.path: self.cache[key] for doc, key in zip(docs, keys, strict=True)}

    def _render(self, sources: list[str]) -> list[str]:
        if self.jobs <= 1 or len(sources) < PARALLEL_THRESHOLD:
            return render_sources(sources, self.glossary)
        size = -(-len(sources) // self.jobs)
        chunks = [sources[i : i + size] for i in range(0, len(sources), size)]
        with ProcessPoolExecutor(max_workers=self.jobs) as pool:
            parts = pool.map(render_sources, chunks, [self.glossary] * len(chunks))
            return [h for part in parts for h in part]


def render_bodies(
    model: SiteModel,
    link_map: Mapping[str, str],
    problems: Problems,
    cache: dict[str, str] | None = None,
    jobs: int = 1,
) -> dict[str, str]:
    """Record path -> safe HTML body with links resolved to site URLs (root-absolute)."""
    docs = list(bodies(model))
    renderer = BodyRenderer(glossary_map(model.glossary), cache if cache is not None else {}, jobs)
    rendered = renderer.render(docs)
    return {doc.loc.path: resolve_links(rendered[doc.loc.path], doc, link_map, problems) for doc in docs}


def glossary_map(entries: Iterable[GlossaryEntry]) -> dict[str, str]:
    return {entry.abbr: entry.expansion for entry in entries}


def resolve_links(fragment: str, doc: Markdown, link_map: Mapping[str, str], problems: Problems) -> str:
    """Point .md links at record URLs and media paths at /media/; report links that lead nowhere."""
    base = posixpath.dirname(doc.loc.path)

    def replace(match: re.Match[str]) -> str:
        attr, url = match.group("attr"), html.unescape(match.group("url"))
        resolved = resolve_url(url, attr, base, link_map)
        if resolved is None:
            problems.warning("link.broken", locate(doc, url), href=url)
            return match.group(0)
        return f'{attr}="{html.escape(resolved)}"'

    return _LINK.sub(replace, fragment)


def resolve_url(url: str, attr: str, base: str, link_map: Mapping[str, str]) -> str | None:
    if not url or url.startswith("#") or REMOTE.match(url):
        return url
    path, _, fragment = url.partition("#")
    suffix = f"#{fragment}" if fragment else ""
    if url.startswith("/"):
        return url
    target = posixpath.normpath(posixpath.join(base, path))
    if attr == "src" or target.startswith("content/media/"):
        media = media_path(target.removeprefix("content/media/")) if target.startswith("content/media/") else None
        media = media or media_path(path)
        return f"/media/{media}" if media else None
    if target in link_map:
        return link_map[target] + suffix
    return None


def locate(doc: Markdown, needle: str) -> Loc:
    for offset, line in enumerate(doc.source.split("\n")):
        column = line.find(needle)
        if column >= 0:
            return Loc(doc.loc.path, (doc.loc.line or 1) + offset, column + 1)
    return doc.loc
