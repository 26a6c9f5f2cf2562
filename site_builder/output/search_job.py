"""The search index's files (render/search_index.py): its parts kept or made, and its list.

Each part is an artifact of its own, "search:<part id>" (tim-kiem/chi-muc-<id>.js),
signed by what its records are made from: a conference by its digest (seeded by
its file's content hash: output/signatures.py `seed_records`) and its rendered
body, every other record by its value; with the glossary (the expansions) and
the site's language (the dates). A part whose signature stays is kept without
making its records (a conference's body text is most of the cost), so an edit
encodes the one part it falls in. Changed parts are made in a forked child while
pages are rendered when the render asks for it (`background`); beside page
workers, each is a task the workers and the render take when their pages run
out (`tasks`); else (and any such task that failed) when collected. The list,
"search" (tim-kiem/chi-muc.js), holds every part's words: it is written from
the parts' vocabularies, a kept part's read back from the list in the previous
output (`previous_vocabularies`); a part whose vocabulary cannot be read there
is made again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

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
from site_builder.render.html_pages import TailTask
from site_builder.render.search_index import FORMAT_VERSION, encode_list, encode_part, read_list, split_parts
from site_builder.rendered import KeptFile, RenderedFile

SEARCH = "search"  # the list's artifact name; a part's is "search:<part id>"
Vocabularies = Mapping[str, tuple[str, ...]]  # part id -> its tokens, in its numbering
Made = dict[str, tuple[bytes, tuple[str, ...]]]  # artifact name -> (script, vocabulary)


def is_search(name: str) -> bool:
    """Whether the artifact `name` is a file of the search index (the list or a part)."""
    return name.split(":", 1)[0] == SEARCH


def previous_vocabularies(folder: Path | None) -> dict[str, tuple[str, ...]]:
    """The parts' vocabularies in the list the previous render left in `folder` ({} if none)."""
    if folder is None:
        return {}
    try:
        return read_list((folder / urls.out_path(urls.search_index())).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return {}


@dataclass(frozen=True)
class Part:
    name: str
    part_id: str
    out_path: str
    signature: str
    items: tuple[Item, ...]


class SearchJob:
    """The search index on its way: which parts are kept, the others being made."""

    def __init__(
        self, loaded: Loaded, kept: Mapping[str, Artifact], digester: Digester | None = None,
        background: bool = False, previous: Vocabularies | None = None,
    ) -> None:  # fmt: skip
        self.model = loaded.model
        self.parts = index_parts(loaded, digester or Digester())
        self.list_kept = kept.get(SEARCH)
        known = previous or {}
        self.kept = {p.name: (kept[p.name], known[p.part_id]) for p in self.parts if _fresh(kept, p, known)}
        self.todo = tuple(p for p in self.parts if p.name not in self.kept)
        self.child = Forked(self._make) if background and self.todo else None
        self.given: Made = {}  # parts made by the tasks

    def _make(self) -> Made:
        return make_parts(self.model, [part for part in self.todo if part.name not in self.given])

    def tasks(self) -> list[TailTask]:
        """One task per part to make, for the page workers (none when a child makes them)."""
        return [] if self.child is not None else [TailTask(self._task(part), self._take) for part in self.todo]

    def _task(self, part: Part) -> Callable[[], object]:
        return lambda: make_parts(self.model, [part])

    def _take(self, result: object) -> None:
        self.given.update(cast(Made, result))

    def collect_all(self, problems: Problems, progress: Callable[[str], None] | None = None) -> Collected:
        """Every file of the index, the list first, kept or made, with its state (the index
        reports no problems)."""
        made_parts = {**self.given, **self._result()}
        found: Collected = []
        vocabularies = []
        for part in self.parts:
            kept = self.kept.get(part.name)
            if kept is not None:
                found.append((part.name, KeptFile(part.out_path), kept[0]))
                vocabularies.append((part.part_id, kept[1]))
            else:
                data, vocabulary = made_parts[part.name]
                found.append((part.name, RenderedFile(part.out_path, data), Artifact(part.out_path, part.signature)))
                vocabularies.append((part.part_id, vocabulary))
        return [self._list(encode_list(vocabularies).encode("utf-8")), *found]

    def _list(self, data: bytes) -> tuple[str, KeptFile | RenderedFile, Artifact]:
        """The list: kept when it is the bytes the previous render wrote."""
        out_path = urls.out_path(urls.search_index())
        state = Artifact(out_path, hashlib.blake2b(data, digest_size=16).hexdigest())
        if state == self.list_kept:
            return SEARCH, KeptFile(out_path), state
        return SEARCH, RenderedFile(out_path, data), state

    def _result(self) -> Made:
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
    """Each part with its signature, in record order."""
    model = loaded.model
    items = search_items(model, loaded.bodies)
    common = digester.of((FORMAT_VERSION, model.site.language, model.glossary))
    parts = []
    for part_id, span in split_parts([item.url for item in items]):
        chosen = items[span.start : span.stop]
        out_path = urls.out_path(urls.search_index_part(part_id))
        parts.append(Part(f"{SEARCH}:{part_id}", part_id, out_path, _signature(common, chosen, digester), chosen))
    return parts


def _signature(common: bytes, items: Sequence[Item], digester: Digester) -> str:
    """A conference stands as its record's digest and its body's (by its seed: Digester.body); every
    other record as its value:
    its repr, exact for a record of text and dates, and cheaper than a pickle."""
    digest = hashlib.blake2b(common, digest_size=16)
    for item in items:
        if isinstance(item, Pending):
            body = digester.of(None) if item.body is None else digester.body(item.conference.path, item.body)
            digest.update(digester.of(item.conference) + body)
        else:
            text = repr(item).encode("utf-8", "surrogatepass")
            digest.update(b"%d\0" % len(text) + text)
    return digest.hexdigest()


def make_parts(model: SiteModel, todo: Sequence[Part]) -> Made:
    """The scripts and vocabularies of the parts `todo`, by artifact name."""
    lang = model.site.language
    made_parts: Made = {}
    for part in todo:
        script, vocabulary = encode_part(part.part_id, made(part.items, model.glossary), lambda d: format_date(d, lang))
        made_parts[part.name] = (script.encode("utf-8"), vocabulary)
    return made_parts


def _fresh(kept: Mapping[str, Artifact], part: Part, known: Vocabularies) -> bool:
    state = kept.get(part.name)
    fresh = state is not None and state.signature == part.signature and state.out_path == part.out_path
    return fresh and part.part_id in known


def search_files(loaded: Loaded, kept: Mapping[str, Artifact], problems: Problems, folder: Path | None) -> Collected:
    """Every file of the search index now (for the preview, which makes it when it is asked for;
    `folder`: where it wrote the index before)."""
    return SearchJob(loaded, kept, previous=previous_vocabularies(folder)).collect_all(problems)
