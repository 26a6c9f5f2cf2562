"""The search index's files (render/search_index.py): the list of parts, and each part kept or made.

Each part is an artifact of its own, "search:<part id>" (tim-kiem/chi-muc-<id>.js),
signed by what its records are made from: a conference by its digest (seeded by
its file's content hash: output/signatures.py `seed_records`) and its rendered
body, every other record by its value; with the glossary (the expansions) and
the site's language (the dates). A part whose signature stays is kept without
making its records (a conference's body text is most of the cost), so an edit
encodes the one part it falls in. The list, "search" (tim-kiem/chi-muc.js),
names the parts in order. Changed parts are made in a forked child while pages
are rendered when the render asks for it (`background`), else when collected.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from site_builder import urls
from site_builder.formatting import format_date
from site_builder.model.records import SiteModel
from site_builder.output.artifacts import Collected
from site_builder.output.background import ChildFailed, Forked
from site_builder.output.signatures import Digester
from site_builder.output.state import Artifact
from site_builder.pages.loaded import Loaded
from site_builder.pages.search import Item, Pending, made, search_items
from site_builder.problems import Problems
from site_builder.render.search_index import FORMAT_VERSION, encode_list, encode_part, split_parts
from site_builder.rendered import KeptFile, RenderedFile

SEARCH = "search"  # the list's artifact name; a part's is "search:<part id>"


def is_search(name: str) -> bool:
    """Whether the artifact `name` is a file of the search index (the list or a part)."""
    return name.split(":", 1)[0] == SEARCH


@dataclass(frozen=True)
class Part:
    name: str
    part_id: str  # "" for the list
    out_path: str
    signature: str
    items: tuple[Item, ...] = ()


class SearchJob:
    """The search index on its way: which files are kept, the others being made."""

    def __init__(
        self, loaded: Loaded, kept: Mapping[str, Artifact], digester: Digester | None = None, background: bool = False
    ) -> None:
        self.model = loaded.model
        self.parts = index_parts(loaded, digester or Digester())
        self.kept = {p.name: kept[p.name] for p in self.parts if _fresh(kept.get(p.name), p)}
        self.todo = tuple(p for p in self.parts if p.name not in self.kept)
        self.child = Forked(self._make) if background and self.todo else None

    def _make(self) -> dict[str, bytes]:
        return make_parts(self.model, self.parts, self.todo)

    def collect_all(self, problems: Problems, progress: Callable[[str], None] | None = None) -> Collected:
        """Every file of the index, kept or made, with its state (the index reports no problems)."""
        made_files = self._result()
        found: Collected = []
        for part in self.parts:
            kept = self.kept.get(part.name)
            if kept is not None:
                if kept.problems:  # none today; merging compares with every problem collected
                    problems.merge(kept.problems)
                found.append((part.name, KeptFile(part.out_path), kept))
            else:
                file = RenderedFile(part.out_path, made_files[part.name])
                found.append((part.name, file, Artifact(part.out_path, part.signature)))
        return found

    def _result(self) -> dict[str, bytes]:
        if self.child is not None:
            try:
                return self.child.result()
            except ChildFailed:
                pass  # made here instead, where a failure is reported as usual
        return self._make()

    def cancel(self) -> None:
        if self.child is not None:
            self.child.cancel()


def index_parts(loaded: Loaded, digester: Digester) -> list[Part]:
    """The list, then each part with its signature, in record order."""
    model = loaded.model
    items = search_items(model, loaded.bodies)
    common = digester.of((FORMAT_VERSION, model.site.language, model.glossary))
    parts = []
    for part_id, span in split_parts([item.url for item in items]):
        chosen = items[span.start : span.stop]
        out_path = urls.out_path(urls.search_index_part(part_id))
        parts.append(Part(f"{SEARCH}:{part_id}", part_id, out_path, _signature(common, chosen, digester), chosen))
    names = "\0".join(p.part_id for p in parts).encode()
    listed = hashlib.blake2b(common + names, digest_size=16).hexdigest()
    return [Part(SEARCH, "", urls.out_path(urls.search_index()), listed), *parts]


def _signature(common: bytes, items: Sequence[Item], digester: Digester) -> str:
    """A conference stands as its record's digest and its body's; every other record as its value."""
    digest = hashlib.blake2b(common, digest_size=16)
    for item in items:
        if isinstance(item, Pending):
            digest.update(digester.of(item.conference) + digester.of(item.body))
        else:
            digest.update(digester.of(item))
    return digest.hexdigest()


def make_parts(model: SiteModel, parts: Sequence[Part], todo: Sequence[Part]) -> dict[str, bytes]:
    """The scripts of the files `todo` (the list among `parts`, or parts), by artifact name."""
    lang = model.site.language
    made_files = {}
    for part in todo:
        if part.name == SEARCH:
            script = encode_list([p.part_id for p in parts if p.name != SEARCH])
        else:
            script = encode_part(part.part_id, made(part.items, model.glossary), lambda d: format_date(d, lang))
        made_files[part.name] = script.encode("utf-8")
    return made_files


def _fresh(kept: Artifact | None, part: Part) -> bool:
    return kept is not None and kept.signature == part.signature and kept.out_path == part.out_path


def search_files(loaded: Loaded, kept: Mapping[str, Artifact], problems: Problems) -> Collected:
    """Every file of the search index now (for the preview, which makes it when it is asked for)."""
    return SearchJob(loaded, kept).collect_all(problems)
