"""The one render core: a loaded site in, the files of its output out. Nothing is written.

`render_site` is what `build` and `serve` share. It resolves the theme (a
missing theme is reported where `theme:` is written: theme_setup.py), compares
each page's signature with the previous render's state (signatures.py) and
renders only the pages that changed, in worker processes when there are many.
Theme assets and media are named by their source files, unchanged pages and
media are marked as kept, and the PDF yearbook is rendered when asked for and
something it shows changed (artifacts.py). Files go to a sink as they are
made (sinks.py: staging + atomic swap for `build`; the preview collects them and
writes what changed), so pages are written while others are still being
rendered, by the worker that rendered them when there are many.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from site_builder.catalogue import ntext
from site_builder.layout import OUTPUT_MEDIA, SiteLayout
from site_builder.output.artifacts import ArtifactJob, artifact_names
from site_builder.output.background import Later
from site_builder.output.photos import web_photos
from site_builder.output.request import RenderRequest
from site_builder.output.search_job import SEARCH, SearchJob, previous_vocabularies
from site_builder.output.signatures import Digester, page_signatures, seed_records
from site_builder.output.state import RenderState
from site_builder.output.theme_setup import ThemeSetup, theme_setup, theme_static_files
from site_builder.pages.loaded import Loaded
from site_builder.pages.plan import PageSpec, common_context
from site_builder.problems import Problems, RenderError
from site_builder.render.html_pages import PARALLEL_PAGES, Tail, Written, iter_pages
from site_builder.rendered import CopiedFile, KeptFile, OutputFile, RenderedFile
from site_builder.workers import give_back_memory

Progress = Callable[[str], None]
Emit = Callable[[OutputFile], None]


class Sink(Protocol):
    """Where a render's files go as they are made (sinks.Staging)."""

    def put(self, file: OutputFile) -> None: ...

    def claim(self, out_path: str) -> None:
        """A file a worker process put (through its copy of this sink)."""


@dataclass(frozen=True)
class Rendering:
    files: tuple[OutputFile, ...]  # every file, unless they went to a sink
    removed: tuple[str, ...]  # outputs of the previous render that are gone
    state: RenderState
    setup: ThemeSetup
    pages: int  # HTML pages in the output
    rendered: tuple[str, ...]  # out paths of the pages rendered this time
    pdf_pages: int = 0


def media_files(site_root: Path, paths: tuple[str, ...]) -> list[CopiedFile]:
    """The media files records use, never anything outside content/media/."""
    media_root = SiteLayout(site_root).media
    root = media_root.resolve()
    found = []
    for rel in paths:
        source = (media_root / rel).resolve()
        if source.is_relative_to(root) and source.is_file():
            found.append(CopiedFile(f"{OUTPUT_MEDIA}/{rel}", source))
    return found


def render_site(
    loaded: Loaded,
    request: RenderRequest,
    problems: Problems,
    previous: RenderState | None = None,
    reuse: ThemeSetup | None = None,
    progress: Progress | None = None,
    sink: Sink | None = None,
    settle: Callable[[], None] | None = None,
) -> Rendering:
    """Every output file of `loaded`: pages that changed since `previous` rendered, the rest kept.

    Files go to `sink` as they are made (without one, they are returned in `files`). `settle` is
    called before page workers are forked (build waits there for its cache-writing child). Raises
    SiteError for a missing theme and RenderError when a page or the PDF fails (files already
    put must then be thrown away: `build` never swaps its staging folder in).
    """
    say = progress or (lambda _line: None)
    previous = previous if previous is not None and previous.key == request.key else None
    setup = theme_setup(request.site_root, loaded.model.site, problems, reuse, request.templates, request.user_cache)
    out = _Out(sink)
    for file in theme_static_files(setup.theme):
        out.put(file)
    media_state = _media(loaded, request, previous, out.put)
    old_photos = previous.photos if previous else {}
    images, photos = web_photos(request.site_root, loaded.model, request.media_tokens, old_photos, problems, out.put)
    digester = Digester(loaded.body_seeds)
    seed_records(digester, loaded.model, request.record_tokens)
    common = {**common_context(loaded.model, with_pdf=request.links_pdf), "images": images}
    signing, specs = _select(loaded, setup, previous, common, digester, out.put, request.jobs)
    parallel = request.jobs > 1 and len(specs) >= PARALLEL_PAGES
    beside = not parallel and len(specs) >= PARALLEL_PAGES  # enough rendering here to hide the index behind
    jobs = _artifact_jobs(loaded, request, setup, previous, digester, beside)
    search = jobs.get(SEARCH)
    tail = search.tasks() if parallel and isinstance(search, SearchJob) else []
    try:
        rendered = _render(specs, request, setup, problems, common, parallel, out, tail, not signing.forked, settle)
    except BaseException:
        for job in jobs.values():
            job.cancel()
        signing.cancel()
        raise
    pages = sum(1 for s in loaded.specs if s.out_path.endswith(".html"))
    say(ntext("progress.pages", pages, loaded.model.site.language))
    artifacts = {}
    for job in jobs.values():
        for name, made, artifact in job.collect_all(problems, say):
            artifacts[name] = artifact
            out.put(made)
    state = RenderState(request.key, signing.result(), media_state, artifacts, photos)
    removed = tuple(sorted(previous.outputs - out.made)) if previous else ()
    pdf_pages = sum(a.count for name, a in artifacts.items() if name.split(":")[0] == "pdf")  # every edition
    return Rendering(tuple(out.collected), removed, state, setup, pages, rendered, pdf_pages)


class _Out:
    """Where files go: the sink, or a list without one; remembers every out path."""

    def __init__(self, sink: Sink | None):
        self.sink = sink
        self.collected: list[OutputFile] = []
        self.made: set[str] = set()

    def put(self, file: OutputFile) -> None:
        self.made.add(file.out_path)
        if self.sink is not None:
            self.sink.put(file)
        else:
            self.collected.append(file)

    def claim(self, out_path: str) -> None:
        """A file a worker put in (its copy of) the sink."""
        self.made.add(out_path)
        if self.sink is not None:
            self.sink.claim(out_path)


def _artifact_jobs(
    loaded: Loaded, request: RenderRequest, setup: ThemeSetup, previous: RenderState | None,
    digester: Digester, beside: bool,
) -> dict[str, ArtifactJob | SearchJob]:  # fmt: skip
    """The printed editions' files and the search index asked for. The index is made in a forked
    child (`beside`) only while many pages are rendered in this process: beside worker processes
    it would gain no core (there its parts are tasks the workers take when the pages run out:
    `SearchJob.tasks`), and beside a few pages (an edit build) it would gain well under a
    second while its child's memory (the index, and the pages of this process it copies) came on
    top of this process's: 340 MB at 10,000 conferences, the build's peak. Otherwise it is made
    here once the pages are out."""
    kept = previous.artifacts if previous else {}
    return {
        name: SearchJob(loaded, kept, digester, beside, previous_vocabularies(request.output if previous else None))
        if name == SEARCH
        else ArtifactJob(name, loaded, request, setup, kept.get(name), digester)
        for name in artifact_names(request, loaded.model)
    }


def _select(
    loaded: Loaded,
    setup: ThemeSetup,
    previous: RenderState | None,
    common: Mapping[str, object],
    digester: Digester,
    put: Emit,
    jobs: int,
) -> tuple[Later[dict[str, str]], list[PageSpec]]:
    """(the signature of every page, the pages to render): the others are put as kept.

    Pages are signed before any worker is forked: signing reads every value, and done in workers
    it would copy the memory they share with this process. With no previous render every page is
    rendered, and with workers the signing (0.08 s at 1,000 conferences, while the other core
    would wait for it) is done by a forked child beside them: what it copies leaves with it."""

    def sign() -> dict[str, str]:
        return page_signatures(loaded.specs, common, setup.deps, setup.signature, digester)

    if previous is None and jobs > 1 and len(loaded.specs) >= PARALLEL_PAGES:
        return Later(sign, forked=True), list(loaded.specs)
    signing = Later(sign, forked=False)
    old = previous.pages if previous is not None else {}
    signatures = signing.result()
    specs = [s for s in loaded.specs if old.get(s.out_path) != signatures[s.out_path]]
    changed = {s.out_path for s in specs}
    for spec in loaded.specs:
        if spec.out_path not in changed:
            put(KeptFile(spec.out_path))
    return signing, specs


def _render(
    specs: list[PageSpec],
    request: RenderRequest,
    setup: ThemeSetup,
    problems: Problems,
    common: Mapping[str, object],
    parallel: bool,
    out: _Out,
    tail: Tail = (),
    collect: bool = True,
    settle: Callable[[], None] | None = None,
) -> tuple[str, ...]:
    """Render `specs`; the out paths rendered. With `parallel`, each range's pages are put in the
    sink where they were rendered, a worker's through its copy of the sink (page bytes never
    travel back), this process's before it hands out the next range (written later, between
    ranges, a worker's queue ran dry meanwhile); workers take the `tail` (the search index's
    parts) when the pages run out. `collect`: this process signed the pages, and what signing let
    go is collected before workers are forked (not inherited, so not counted thrice); signed by a
    child (and the caches written by others: BuildCache), a collection here now would write into,
    and so copy, every page this process shares with them (0.08 s at 1,000 conferences, for a
    few hundred objects)."""
    if settle is not None:
        settle()
    if parallel:
        warm_up(setup, specs)  # forked workers inherit compiled templates
        give_back_memory(collect=collect)
    parent = os.getpid()

    def hand_over(chunk: Sequence[PageSpec], files: list[RenderedFile]) -> tuple[list[RenderedFile], Written]:
        if not (parallel and out.sink is not None):
            return files, None
        if os.getpid() == parent:  # here a failure is reported as it happens, as by out.put
            for file in files:
                out.sink.put(file)
            return [], [f.out_path for f in files]
        try:
            for file in files:
                out.sink.put(file)  # written by the worker
        except (RenderError, OSError):
            return files, None  # this process writes them again and reports the failure
        return [], [f.out_path for f in files]

    rendered: list[str] = []
    for files, written in iter_pages(setup.env, specs, common, problems, request.jobs, hand_over, tail):
        for path in written or ():
            rendered.append(path)
            out.claim(path)
        for file in files:
            rendered.append(file.out_path)
            out.put(file)
    if problems.has_errors():
        raise RenderError(problems)
    return tuple(rendered)


def warm_up(setup: ThemeSetup, specs: Sequence[PageSpec]) -> None:
    """Compile the page templates once, before any worker is forked."""
    for template in dict.fromkeys(s.template for s in specs):
        try:
            setup.env.get_template(template)
        except Exception:  # noqa: BLE001 - rendering the page reports it with its file and line
            continue


def _media(loaded: Loaded, request: RenderRequest, previous: RenderState | None, put: Emit) -> dict[str, str]:
    """Media to publish: kept when its source's token is the one the previous output was made from."""
    tokens = request.media_tokens
    old = previous.media if previous else {}
    state: dict[str, str] = {}
    for file in media_files(request.site_root, loaded.model.media):
        token = tokens.get(file.out_path.removeprefix(f"{OUTPUT_MEDIA}/")) if tokens is not None else None
        if token is not None:
            state[file.out_path] = token
        put(KeptFile(file.out_path) if token is not None and old.get(file.out_path) == token else file)
    return state
