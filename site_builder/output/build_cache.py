"""What a build keeps in the site's .cache/site-builder/ folder, and when it trusts it.

- inputs.json       the content hash of each input file, by its lstat (input_hashes.py);
- markup.json       rendered Markdown, keyed by content, and markup.journal.json, what later
                    builds added to it (markup/cache.py);
- records-NN.json, record-data-NN.json  parsed records, keyed by path, size, mtime and content
                    hash: outlines and problems, then data and bodies (record_store.py);
- conferences-NN.json, facts-NN.json  what loading made of each file: validated conferences by path
                    and content hash, facts of texts by their digest (load_store.py);
- templates.json    what each template file names and reads, keyed by its content (template_deps.py);
- output-<h>.json   the render state of one output folder and what that folder held (state.py);
- spare-<h>/        the output tree the last swap replaced, recycled as the next staging folder;
- trash/            output trees being deleted in the background (trash.py).

Everything is checked against the program that wrote it (`generation`: package
code and library versions) and, for the render state, the options and folders
of this build (`key`), so a changed program, option or output folder, a missing
or damaged file, or a hand-edited output means a full build (inputs.json holds
facts about bytes, not about the program: each hash is checked against its
file's lstat instead). The folder is never under content/, and losing it only
costs speed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Mapping
from pathlib import Path

from site_builder import cachejson
from site_builder.layout import SiteLayout, media_relative
from site_builder.markup.cache import add_to_cache, load_cache
from site_builder.markup.markdown import PARALLEL_THRESHOLD
from site_builder.model.memo import LoadMemo
from site_builder.output.background import ChildFailed, Forked
from site_builder.output.fingerprint import generation, marker_stamp, site_digests
from site_builder.output.load_store import LoadStore
from site_builder.output.record_store import RecordStore
from site_builder.output.state import Listing, RenderState, load_state, save_state, state_file
from site_builder.output.trash import sweep_trash
from site_builder.render.template_deps import Analysis
from site_builder.sources.discover import RecordCache
from site_builder.workers import collector_paused


def _analysis_ok(value: object) -> bool:
    """[names of templates or None, names read] as template_deps.py writes it."""
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, list) for v in value)):
        return False
    named, read = value
    return all(n is None or isinstance(n, str) for n in named) and all(isinstance(n, str) for n in read)


def cache_dir(site_root: Path) -> Path:
    return SiteLayout(site_root).cache


def markup_file(site_root: Path) -> Path:
    return SiteLayout(site_root).markup_cache


def spare_dir(folder: Path, output: Path) -> Path:
    """Where the tree each swap of `output` replaces is kept (`folder`: the cache folder)."""
    return folder / state_file(folder, output).stem.replace("output-", "spare-")


def inputs_file(site_root: Path) -> Path:
    return cache_dir(site_root) / "inputs.json"


# Above this many bodies a cold build writes its Markdown cache and load memo itself: a child
# copies each page of them it reads (reference counts); at 10,000 conferences it held 334 MB and
# the build's tree peaked at 629 MB (budget 600). At 1,000 it is about a tenth of that, for the
# 0.08 s of CPU it takes off the steps where the other core waits.
BACKGROUND_BODIES = 3000


class BuildCache:
    """The caches of one build. With `trusted` False (--force), nothing is read, all is rewritten.

    With `background`, a cold build of a small site (BACKGROUND_BODIES) with workers writes its
    rendered Markdown and load memo from a forked child (output/background.py) while this
    process prepares the render, when the other core would wait for it; `join` (before the page
    workers are forked, and before build returns) waits for it, then lets them go."""

    def __init__(
        self, site_root: Path, output: Path, digests: Mapping[str, str], options: tuple[object, ...], trusted: bool,
        background: bool = False,
    ):  # fmt: skip
        self.folder = cache_dir(site_root)
        self._markup_file = markup_file(site_root)
        self.output = output
        self.trusted = trusted
        self.files = site_digests(digests)  # "content/..." -> content hash
        program = generation(digests)
        parts = [program, [str(o) for o in options], str(site_root.resolve()), str(output.resolve())]
        self.key = hashlib.sha256(json.dumps(parts).encode()).hexdigest()
        self._load_store = LoadStore(self.folder, program)
        with collector_paused():  # 10,000 conferences decoded, all kept for the build
            self.markup: dict[str, str] = load_cache(self._markup_file) if trusted else {}
            self.memo = self._load_store.load(self.files) if trusted else LoadMemo()
        self._markup_count = len(self.markup)
        self._store = RecordStore(self.folder, program)
        self._records: RecordCache | None = None if trusted else {}
        self._program = program
        self.templates: dict[str, Analysis] = self._load_templates() if trusted else {}
        self._template_count = len(self.templates)
        self._background = background and self._markup_count < PARALLEL_THRESHOLD  # few bodies kept: cold
        self._children: list[Forked[None]] = []
        sweep_trash(self.trash)

    @property
    def trash(self) -> Path:
        return self.folder / "trash"

    @property
    def spare(self) -> Path:
        """Where the tree each swap replaces is kept, one per output folder."""
        return spare_dir(self.folder, self.output)

    @property
    def media_tokens(self) -> dict[str, str]:
        """Media path (under content/media/) -> content hash."""
        return {rel: h for p, h in self.files.items() if (rel := media_relative(p)) is not None}

    def previous_state(self, listing: Listing) -> RenderState | None:
        """The render state of the output as it is now (`listing`), when it can be trusted."""
        if not self.trusted:
            return None
        stamp = marker_stamp(self.output)
        return None if stamp is None else load_state(state_file(self.folder, self.output), self.key, stamp, listing)

    def _load_templates(self) -> dict[str, Analysis]:
        try:
            data = cachejson.read(self.folder / "templates.json")
            if data["generation"] != self._program or not isinstance(data["templates"], dict):
                return {}
            return {k: v for k, v in data["templates"].items() if _analysis_ok(v)}
        except (OSError, ValueError, KeyError, TypeError):
            return {}

    @property
    def records(self) -> RecordCache:
        """The kept parsed records, all decoded (see `outlined_records`)."""
        if self._records is None:
            self._records = self._store.load(self.files)
        return self._records

    def outlined_records(self) -> RecordCache:
        """The kept parsed records, those of the conferences in `memo` without their data and body:
        loading with the memo never reads them (model/memo.py), so they are not decoded."""
        if self._records is None:
            self._records = self._store.load(self.files, self.memo.known.keys())
        return self._records

    def save_records(self) -> None:
        """Keep the parsed records, then let them go: once the model is built from them they are
        not needed, and a large site's records are a third of its memory."""
        if self._records is not None:
            self._store.save(self._records, self.files)
        self._records = {}

    def save_loaded(self) -> bool:
        """Keep the rendered Markdown (entries are only ever added) and what loading made of each
        file (model/memo.py), then let them go; True when a child writes them (see `join`)."""
        if self._background and len(self.markup) <= BACKGROUND_BODIES:
            self._children.append(Forked(self._save_loaded))
            return True
        self._save_loaded()
        self._let_go()
        return False

    def _save_loaded(self) -> None:
        # Entries are only ever added, so those past the first `_markup_count` are this build's:
        # markup/cache.py journals them.
        add_to_cache(self._markup_file, self.markup, self._markup_count)
        self._load_store.save(self.memo, self.files)

    def _let_go(self) -> None:
        self.markup, self._markup_count, self.memo = {}, 0, LoadMemo()

    def join(self) -> None:
        """Wait for the child writing caches, then let go of what it wrote; one that failed only
        costs speed, like a save that failed here (it is made again next time)."""
        if not self._children:
            return
        for child in self._children:
            with contextlib.suppress(ChildFailed):
                child.result()
        self._children = []
        self._let_go()

    def save(self, state: RenderState, stamp: str, listing: Listing) -> None:
        """Keep what the render learnt (template analyses) and the output's state."""
        if len(self.templates) != self._template_count:
            cachejson.write(self.folder / "templates.json", {"generation": self._program, "templates": self.templates})
        save_state(state_file(self.folder, self.output), state, stamp, listing)
