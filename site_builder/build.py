"""The build recipe: files -> records -> model -> pages -> render core -> staged output -> swap.

Each step is one call; nothing here prints (progress goes to a callback). A
build keeps rendered Markdown, parsed records and the state of its output in
the site's .cache/site-builder/ folder (output/build_cache.py), so after an edit
only the pages that changed are rendered and the others are carried over from
the previous output; a build whose inputs did not change at all only replays
the previous report.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from site_builder.catalogue import ntext
from site_builder.layout import SiteLayout, user_cache
from site_builder.markup.cache import load_cache
from site_builder.markup.early import EarlyBodies
from site_builder.markup.markdown import render_bodies
from site_builder.model.checks import add_body_media, check_model
from site_builder.model.editions import with_draft
from site_builder.model.load import load_model
from site_builder.model.media import bodies
from site_builder.model.memo import LoadMemo
from site_builder.model.records import SiteModel
from site_builder.output import publish, sinks
from site_builder.output.archive import final_warnings, finals_digest, keep_from_output, keep_printed
from site_builder.output.build_cache import BuildCache, cache_dir, inputs_file, markup_file, spare_dir
from site_builder.output.core import Rendering, render_site
from site_builder.output.fingerprint import Counts, Previous, fingerprint, marker_text, previous_build
from site_builder.output.guard import check_output_dir
from site_builder.output.input_hashes import Inputs, read_inputs
from site_builder.output.request import RenderRequest
from site_builder.output.state import Listing, Prefetch, RenderState, Scan, listing_matches, scan_tree, state_file
from site_builder.output.theme_setup import find_theme
from site_builder.output.trash import discard, remove_tree
from site_builder.pages.loaded import Loaded
from site_builder.pages.plan import plan_pages
from site_builder.pages.record_urls import url_for_record_path
from site_builder.problems import Loc, Problem, Problems, RenderError, SiteError
from site_builder.sheets.pending import pending_sheets
from site_builder.sources.discover import RecordCache, read_sources
from site_builder.sources.images import image_sizes
from site_builder.sources.walk import Tree
from site_builder.workers import collector_paused, give_back_memory, worker_count

__all__ = ["BuildOptions", "BuildReport", "Loaded", "build_site", "check_site", "load_site"]

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildOptions:
    site_root: Path
    output: Path | None = None  # default: the site's output/ folder
    pdf: bool = True
    strict: bool = False
    pdf_variant: str | None = None
    jobs: int = 0  # 0: one per CPU
    use_cache: bool = True  # the caches in .cache/site-builder/, and replaying a build whose inputs did not change
    docx: bool = False  # also the yearbook as a Word document (ky-yeu-<term>.docx)
    draft: str | None = None  # --draft: the draft round's label, in place of yearbook.draft

    @property
    def output_options(self) -> tuple[object, ...]:
        """Everything besides the files that changes the output bytes."""
        return (self.pdf, self.pdf_variant, os.environ.get("SOURCE_DATE_EPOCH"), self.docx, self.draft)

    @property
    def output_dir(self) -> Path:
        return self.output or SiteLayout(self.site_root).output

    @property
    def workers(self) -> int:
        return worker_count(self.jobs)


@dataclass(frozen=True)
class BuildReport:
    problems: Problems
    records: int
    pages: int
    pdf_pages: int
    seconds: float
    up_to_date: bool = False  # nothing changed since the last build: nothing was rebuilt
    dropped_pdf: bool = False  # the previous output had the PDF yearbook, this one (--no-pdf) has none
    rendered: int = 0  # pages rendered by this build (the others were carried over)


def cache_file(site_root: Path) -> Path:
    """The Markdown cache (serve reads and writes it too)."""
    return markup_file(site_root)


def load_site(
    site_root: Path, problems: Problems, cache: dict[str, str] | None = None, jobs: int = 1,
    progress: Progress | None = None, record_cache: RecordCache | None = None,
    records_read: Callable[[], None] | None = None, memo: LoadMemo | None = None, tree: Tree | None = None,
    once: bool = False, early: EarlyBodies | None = None,
) -> Loaded | None:  # fmt: skip
    """Read, validate and plan everything; no writing. None when the model cannot be built.

    `records_read` is called once the records are read (build keeps them and lets them go);
    `memo` is what earlier builds made of unchanged files (model/memo.py); `tree` is content/
    as the build listed it for its input hashes. With many bodies to render, Markdown workers
    render them while the model is loaded and checked (markup/early.py): `early` when the
    build started them itself (else they are started here). `once`: the process loads a site
    this one time (a build), so the model is frozen for the collector once made
    (workers.collector_paused); never in the preview, which loads again and again."""
    started = early if early is not None and early.running else EarlyBodies.start(site_root, cache, jobs)
    with started:
        pause = collector_paused() if once else contextlib.nullcontext()
        return _load_site(
            site_root, problems, cache, jobs, progress, record_cache, records_read, memo, tree, started, pause
        )


def _load_site(
    site_root: Path, problems: Problems, cache: dict[str, str] | None, jobs: int, progress: Progress | None,
    record_cache: RecordCache | None, records_read: Callable[[], None] | None, memo: LoadMemo | None,
    tree: Tree | None, early: EarlyBodies, pause: contextlib.AbstractContextManager[None],
) -> Loaded | None:  # fmt: skip
    say = progress or (lambda _line: None)
    sources = read_sources(site_root, problems, cache=record_cache, tree=tree)
    if records_read is not None:
        records_read()
    media, files, count = sources.media, sources.files, len(sources.records)
    with pause:  # the model lives as long as the build; no worker is forked here
        model = load_model(sources, problems, memo)
        del sources  # the raw records are not needed any more
        if model is not None:
            check_model(model, media, problems, memo)
    if model is None:
        return None
    say(ntext("progress.records", count, model.site.language))
    problems.extend(pending_sheets(site_root))  # a filled-in sheet beside the YAML, never imported
    links = url_for_record_path(model)
    rendered = render_bodies(model, links, problems, cache, jobs, files, media, memo, early)
    model = add_body_media(model, rendered.media, media, problems)  # what the bodies show is published
    bodies = rendered.html
    specs = plan_pages(model, bodies, problems)
    return Loaded(model, media, bodies, specs, count, rendered.seeds)


def check_site(site_root: Path) -> Problems:
    return check_for_print(site_root, checklist=False)[0]


def check_for_print(site_root: Path, checklist: bool = True) -> tuple[Problems, list[Problem] | None]:
    """`check`, and with `checklist` the pre-print checklist (None when the site does not load)."""
    problems = Problems()
    # Reads the Markdown cache but never writes it: `check` writes nothing.
    loaded = load_site(site_root, problems, load_cache(cache_file(site_root)), BuildOptions(site_root).workers)
    if loaded is None:
        return problems, None
    check_theme(site_root, loaded, problems)
    final_warnings(site_root, loaded.model, problems)
    if not checklist:
        return problems, None
    from site_builder.yearbook.checklist import print_checklist

    photos = {p.src for c in loaded.model.conferences for p in c.photos}
    return problems, print_checklist(loaded.model, image_sizes(SiteLayout(site_root).media, sorted(photos)))


def check_theme(site_root: Path, loaded: Loaded, problems: Problems) -> None:
    """What `build` would find in the theme before rendering: a missing theme, template syntax errors,
    characters in the bodies that the theme's fonts cannot print in the PDF."""
    from site_builder.render.environment import make_environment
    from site_builder.render.page import check_templates
    from site_builder.yearbook.glyphs import covered_characters, unprintable

    model = loaded.model
    theme = find_theme(site_root, model.site, problems)
    if theme is not None:
        check_templates(make_environment(theme, model.site.language), problems)
        problems.extend(unprintable(bodies(model), loaded.bodies, covered_characters(theme.static_dirs)))


def build_site(
    options: BuildOptions, progress: Progress | None = None, early: EarlyBodies | None = None
) -> BuildReport:
    """Build HTML (and the PDF) into a staging folder and swap it in; raise on errors. `early`: the
    Markdown workers the command started as it began (EarlyBodies.before_build), if any."""
    say = progress or (lambda _line: None)
    started = time.perf_counter()
    problems = Problems()
    output = options.output_dir
    left = open_output(options.site_root, output, problems)
    # The output and the tree kept for recycling are listed in threads while content/ is hashed
    # (both joined before anything is loaded).
    scanning = Prefetch(lambda: scan_tree(output) if output.is_dir() else Scan({}, {}))
    spare = sinks.TreeListing(spare_dir(cache_dir(options.site_root), output) if options.use_cache else None)
    try:
        inputs = read_inputs(options.site_root, inputs_file(options.site_root), options.use_cache)
        stamp = fingerprint(inputs.digests, (*options.output_options, finals_digest(options.site_root)))
        live = scanning.result()  # the one scan of the output: see publish_site
        previous = previous_build(output, stamp, live.listing) if options.use_cache else None
        if previous is not None and listing_matches(state_file(cache_dir(options.site_root), output), live.listing):
            return replay(previous, options, left, started)
        spare.wait()  # no thread runs while loading forks Markdown workers
        loaded, cache, request = prepare_render(options, problems, say, inputs, early, background=True)
        del inputs  # the listing of content/ and every hash: not needed while rendering (memory)
        # Looked at before the swap replaces the folder: a --no-pdf build removes the old PDF.
        dropped_pdf = not options.pdf and had_pdf(output, loaded.model)
        published = publish_site(loaded, request, problems, cache, live, stamp, say, spare)
        found, rendering, new_listing, old_left = published
    finally:
        spare.wait()  # no listing outlives its build (the preview builds again and again in one process)
    report_left_behind([*left, old_left], found)
    cache.save(rendering.state, stamp, new_listing)
    if options.pdf or options.docx:  # the printed rounds' manifests, for `changes`; a failure is a warning
        keep_printed(options.site_root, loaded.model, found)
    elapsed = time.perf_counter() - started
    counts = (loaded.record_count, rendering.pages, rendering.pdf_pages, elapsed)
    return BuildReport(found, *counts, dropped_pdf=dropped_pdf, rendered=len(rendering.rendered))


def open_output(site_root: Path, output: Path, problems: Problems) -> list[Path]:
    """Make sure `output` may be written (SiteError if not: not ours, inside content/, ...) and put
    back an output lost mid-swap by a killed build; the old copies left behind, to report."""
    if not check_output_dir(site_root, output, problems):
        raise SiteError(problems)
    return publish.sweep_leftovers(output)


def prepare_render(
    options: BuildOptions, problems: Problems, say: Progress | None = None, inputs: Inputs | None = None,
    early: EarlyBodies | None = None, background: bool = False,
) -> tuple[Loaded, BuildCache, RenderRequest]:  # fmt: skip
    """The one way a site is made ready to render or print, for `build`, `pdf` and the panel's PDF:
    its caches, the site loaded (with the Markdown workers `early`, when build started them), then
    `print_rules`; raises SiteError when the content has errors (warnings too with --strict). The
    request asks for what `options` do. With `background` (build, which joins the cache before it
    returns), a small cold build may write some caches from a child (BuildCache)."""
    root = options.site_root
    found = read_inputs(root, inputs_file(root), options.use_cache) if inputs is None else inputs
    cache = BuildCache(
        root, options.output_dir, found.digests, options.output_options, options.use_cache,
        background and options.workers > 1,
    )  # fmt: skip
    loaded = load_site(
        root, problems, cache.markup, options.workers, say, cache.outlined_records(), cache.save_records, cache.memo,
        found.content, once=True, early=early,
    )  # fmt: skip
    if not cache.save_loaded():  # else the render gives it back before forking its page workers
        give_back_memory()
    if loaded is not None:
        loaded = print_rules(root, loaded, options.draft, problems)
    if loaded is None or problems.has_errors(options.strict):
        cache.join()
        raise SiteError(problems)
    request = RenderRequest(
        root, pdf=options.pdf, pdf_variant=options.pdf_variant, strict=options.strict, jobs=options.workers,
        key=cache.key, media_tokens=cache.media_tokens, docx=options.docx, templates=cache.templates,
        record_tokens=cache.files, user_cache=user_cache(os.environ), output=options.output_dir,
    )  # fmt: skip
    return loaded, cache, request


def print_rules(site_root: Path, loaded: Loaded, draft: str | None, problems: Problems) -> Loaded:
    """What every path that prints applies to a loaded site (build, `pdf`, the preview and its
    panel): `--draft` in place of site.yaml's draft, refused while `final: true` is set, and a
    warning at each figure changed since the final edition in force."""
    loaded = replace(loaded, model=with_draft(loaded.model, draft, problems))
    final_warnings(site_root, loaded.model, problems)
    return loaded


def publish_site(
    loaded: Loaded, request: RenderRequest, problems: Problems, cache: BuildCache, live: Scan, stamp: str,
    say: Progress, spare: sinks.TreeListing | None = None,
) -> tuple[Problems, Rendering, Listing, Path | None]:  # fmt: skip
    """Render into the staging folder, then swap it in: (problems, rendering, the new listing, the
    old output's folder when it could not be removed).

    The staging folder is the tree the previous swap replaced, when it was kept, so only what
    differs from the live output is written; pages are written as they are rendered. `live` is
    the output as scanned when the build began; the new listing comes from the sink (the files
    it kept are those of `live`), not from scanning the staging folder again. `spare`: the kept
    tree as listed while the site was loaded, used when that very folder is recycled."""
    output = cache.output
    staging = publish.staging_dir(output)
    if spare is not None:
        spare.wait()  # before the tree it lists is moved

    def attempt(
        previous: RenderState | None, reuse: bool, listed: sinks.TreeListing | None = None
    ) -> tuple[Problems, Rendering, Listing]:
        found = Problems(list(problems.items))
        sink = open_staging(staging, output, reuse, live, listed)
        rendering = render_site(loaded, request, found, previous, progress=say, sink=sink, settle=cache.join)
        sink.close()
        return found, rendering, sink.listing()

    try:
        try:
            reuse = recycle(cache.spare, staging)
            found, rendering, new_listing = attempt(cache.previous_state(live.listing), reuse, spare)
        except sinks.KeptFileMissing:  # another build replaced the output meanwhile: render everything
            found, rendering, new_listing = attempt(None, staging.exists())  # listed again: it was written
        counts = Counts(loaded.record_count, rendering.pages, rendering.pdf_pages)
        marker = marker_text(stamp, new_listing, found, counts)
        old_left = publish.swap_in(staging, output, marker, cache.trash, cache.spare)
        return found, rendering, new_listing, old_left
    finally:
        cache.join()  # no child outlives the build
        if staging.exists():
            discard(staging, cache.trash)


def open_staging(
    staging: Path, output: Path, reuse: bool, live: Scan | None = None, listed: sinks.TreeListing | None = None
) -> sinks.Staging:
    """The staging sink; a recycled tree that cannot be used (not made by us) is replaced by a new one."""
    try:
        return sinks.Staging(staging, output, reuse, live, listed)
    except RenderError:
        if not reuse:
            raise
    remove_tree(staging)
    return sinks.Staging(staging, output, live=live)


def recycle(spare: Path, staging: Path) -> bool:
    """Move the kept tree to `staging`; False when there is none (or it is on another disk)."""
    try:
        os.replace(spare, staging)
    except OSError:
        return False
    return True


def had_pdf(output: Path, model: SiteModel) -> bool:
    """Whether the current output folder holds a yearbook PDF (this site's name, or any top-level .pdf)."""
    if not output.is_dir():
        return False
    return (output / model.site.yearbook.filename).is_file() or any(p.is_file() for p in output.glob("*.pdf"))


def replay(previous: Previous, options: BuildOptions, left: list[Path], started: float) -> BuildReport:
    """Inputs unchanged since the output was built: report what that build found, touch nothing."""
    if previous.problems.has_errors(options.strict):  # --strict now, warnings then
        raise SiteError(previous.problems)
    problems = Problems(list(previous.problems))
    report_left_behind(left, problems)
    if options.pdf or options.docx:  # editions/ deleted, or not writable last time: its rounds again
        keep_from_output(options.site_root, options.output_dir, problems)
    elapsed = time.perf_counter() - started
    return BuildReport(problems, previous.records, previous.pages, previous.pdf_pages, elapsed, True)


def report_left_behind(folders: Sequence[Path | None], problems: Problems) -> None:
    """Old output copies that could not be deleted (not ours, read-only): said, never left silently."""
    for folder in folders:
        if folder is not None:
            problems.warning("output.old-left", Loc(str(folder)))
