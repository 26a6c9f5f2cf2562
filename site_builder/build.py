"""The build recipe: files -> records -> model -> pages -> HTML/PDF -> staged output -> swap.

Each step is one call; nothing here prints (progress goes to a callback).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from site_builder.catalogue import text
from site_builder.markup.cache import load_cache, save_cache
from site_builder.markup.markdown import render_bodies
from site_builder.model.checks import add_body_media, check_model
from site_builder.model.load import load_model
from site_builder.model.media import bodies
from site_builder.model.records import SiteInfo, SiteModel
from site_builder.output import publish
from site_builder.output.files import RenderedFile
from site_builder.output.fingerprint import Previous, fingerprint, marker_text, previous_build
from site_builder.output.guard import check_output_dir
from site_builder.pages import urls
from site_builder.pages.plan import PageSpec, common_context, plan_pages
from site_builder.pages.urls import url_for_record_path
from site_builder.problems import Loc, Problem, Problems, RenderError, SiteError
from site_builder.sources.discover import RecordCache, read_sources
from site_builder.sources.images import image_sizes

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildOptions:
    site_root: Path
    output: Path | None = None  # default: site_root / "output"
    pdf: bool = True
    strict: bool = False
    pdf_variant: str | None = None
    jobs: int = 0  # 0: one per CPU
    use_cache: bool = True  # the Markdown cache, and skipping a build whose inputs did not change
    docx: bool = False  # also the yearbook as a Word document (ky-yeu-<term>.docx)

    @property
    def output_options(self) -> tuple[object, ...]:
        """Everything besides the files that changes the output bytes."""
        return (self.pdf, self.pdf_variant, os.environ.get("SOURCE_DATE_EPOCH"), self.docx)

    @property
    def output_dir(self) -> Path:
        return self.output or self.site_root / "output"

    @property
    def workers(self) -> int:
        return self.jobs or max(1, min(4, os.cpu_count() or 1))


@dataclass(frozen=True)
class Loaded:
    """Everything `check` validates; `build` renders from it."""

    model: SiteModel
    media_files: frozenset[str]
    bodies: dict[str, str]
    specs: list[PageSpec]
    record_count: int


@dataclass(frozen=True)
class BuildReport:
    problems: Problems
    records: int
    pages: int
    pdf_pages: int
    seconds: float
    up_to_date: bool = False  # nothing changed since the last build: nothing was rebuilt
    dropped_pdf: bool = False  # the previous output had the PDF yearbook, this one (--no-pdf) has none


def cache_file(site_root: Path) -> Path:
    return site_root / ".cache" / "site-builder" / "markup.json"


def load_site(
    site_root: Path, problems: Problems, cache: dict[str, str] | None = None, jobs: int = 1,
    progress: Progress | None = None, record_cache: RecordCache | None = None,
) -> Loaded | None:  # fmt: skip
    """Read, validate and plan everything; no writing. None when the model cannot be built."""
    say = progress or (lambda _line: None)
    sources = read_sources(site_root, problems, cache=record_cache)
    model = load_model(sources, problems)
    if model is None:
        return None
    say(text("progress.records", model.site.language, count=len(sources.records)))
    check_model(model, sources.media, problems)
    links = url_for_record_path(model)
    rendered = render_bodies(model, links, problems, cache, jobs, sources.files, sources.media)
    model = add_body_media(model, rendered.media, sources.media, problems)  # what the bodies show is published
    bodies = rendered.html
    specs = plan_pages(model, bodies, problems)
    return Loaded(model, sources.media, bodies, specs, len(sources.records))


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
    if not checklist:
        return problems, None
    from site_builder.yearbook.checklist import print_checklist

    photos = {p.src for c in loaded.model.conferences for p in c.photos}
    return problems, print_checklist(loaded.model, image_sizes(site_root / "content" / "media", sorted(photos)))


def check_theme(site_root: Path, loaded: Loaded, problems: Problems) -> None:
    """What `build` would find in the theme before rendering: a missing theme, template syntax errors,
    characters in the bodies that the theme's fonts cannot print in the PDF."""
    from site_builder.render.environment import make_environment
    from site_builder.render.html_pages import check_templates
    from site_builder.yearbook.glyphs import covered_characters, unprintable

    model = loaded.model
    theme = find_theme(site_root, model.site, problems)
    if theme is not None:
        check_templates(make_environment(theme, model.site.language), problems)
        problems.extend(unprintable(bodies(model), loaded.bodies, covered_characters(theme.static_dirs)))


def find_theme(site_root: Path, site: SiteInfo, problems: Problems):
    """The site's theme (render.themes.resolve_theme); a missing theme is reported where `theme:` is written."""
    from site_builder.render.themes import resolve_theme

    found = Problems()
    theme = resolve_theme(site_root, site.theme, found)
    for problem in found.items:
        if problem.code == "theme.missing":
            problem = dataclasses.replace(problem, loc=site.theme_loc)
        problems.extend([problem])
    return theme


def build_site(options: BuildOptions, progress: Progress | None = None) -> BuildReport:
    """Build HTML (and the PDF) into a staging folder and swap it in; raise on errors."""
    say = progress or (lambda _line: None)
    started = time.perf_counter()
    problems = Problems()
    output = options.output_dir
    if not check_output_dir(options.site_root, output, problems):
        raise SiteError(problems)
    stamp = fingerprint(options.site_root, options.output_options)
    previous = previous_build(output, stamp) if options.use_cache else None
    if previous is not None:
        return replay(previous, options, output, started)
    cache = load_cache(cache_file(options.site_root)) if options.use_cache else {}
    cached = len(cache)
    loaded = load_site(options.site_root, problems, cache, options.workers, say)
    if loaded is None or problems.has_errors(options.strict):
        raise SiteError(problems)
    files, pdf_pages = render_outputs(loaded, options, problems, say)
    # Looked at before the swap replaces the folder: a --no-pdf build removes the old PDF.
    dropped_pdf = not options.pdf and had_pdf(output, loaded.model)
    left: list[Path | None] = [*publish.sweep_leftovers(output)]
    staging = publish.staging_dir(output)
    try:
        with publish.write_errors(output):
            stage(loaded, files, options, staging)
        pages = sum(1 for f in files if f.out_path.endswith(".html"))
        marker = marker_text(stamp, staging, problems, loaded.record_count, pages, pdf_pages)
        left.append(publish.swap_in(staging, output, marker))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    report_left_behind(left, problems)
    if options.use_cache and len(cache) != cached:  # entries are only ever added: unchanged means nothing new
        save_cache(cache_file(options.site_root), cache)
    elapsed = time.perf_counter() - started
    return BuildReport(problems, loaded.record_count, pages, pdf_pages, elapsed, dropped_pdf=dropped_pdf)


def had_pdf(output: Path, model: SiteModel) -> bool:
    """Whether the current output folder holds a yearbook PDF (this site's name, or any top-level .pdf)."""
    if not output.is_dir():
        return False
    return (output / model.site.yearbook.filename).is_file() or any(p.is_file() for p in output.glob("*.pdf"))


def replay(previous: Previous, options: BuildOptions, output: Path, started: float) -> BuildReport:
    """Inputs unchanged since `output` was built: report what that build found, touch nothing."""
    left: list[Path | None] = [*publish.sweep_leftovers(output)]
    if previous.problems.has_errors(options.strict):  # --strict now, warnings then
        raise SiteError(previous.problems)
    problems = Problems(list(previous.problems))
    report_left_behind(left, problems)
    elapsed = time.perf_counter() - started
    return BuildReport(problems, previous.records, previous.pages, previous.pdf_pages, elapsed, True)


def report_left_behind(folders: list[Path | None], problems: Problems) -> None:
    """Old output copies that could not be deleted (not ours, read-only): said, never left silently."""
    for folder in folders:
        if folder is not None:
            problems.warning("output.old-left", Loc(str(folder)))


def render_outputs(
    loaded: Loaded, options: BuildOptions, problems: Problems, say: Progress
) -> tuple[list[RenderedFile], int]:
    # Imported here: rendering pulls in Jinja and WeasyPrint, which `check` never needs.
    from site_builder.render.environment import make_environment
    from site_builder.render.html_pages import render_pages

    model = loaded.model
    theme = find_theme(options.site_root, model.site, problems)
    if theme is None:
        raise SiteError(problems)
    env = make_environment(theme, model.site.language)
    images, thumbs = web_images_of(model, options.site_root, problems)
    common = {**common_context(model, with_pdf=options.pdf), "images": images}
    files = render_pages(env, loaded.specs, common, problems, options.workers)
    files.extend(RenderedFile(path, data) for path, data in thumbs)
    files.append(search_index(loaded))
    say(text("progress.pages", model.site.language, count=sum(1 for f in files if f.out_path.endswith(".html"))))
    if problems.has_errors():
        raise RenderError(problems)
    pdf_pages = 0
    if options.pdf:
        from site_builder.yearbook.pdf import render_yearbook

        say(text("progress.pdf", model.site.language))
        result = render_yearbook(
            model, loaded.bodies, theme, env, options.site_root, problems, variant=options.pdf_variant, progress=say
        )
        if result is None or problems.has_errors(options.strict):
            raise RenderError(problems)
        files.append(result.file)
        pdf_pages = result.page_count
        say(text("progress.pdf-pages", model.site.language, count=pdf_pages))
    if options.docx:
        files.append(render_word(loaded, env, options, problems, say))
    files.extend(theme_static_files(theme))
    return files, pdf_pages


def render_word(loaded: Loaded, env, options: BuildOptions, problems: Problems, say: Progress) -> RenderedFile:
    from site_builder.yearbook.word.writer import render_docx

    lang = loaded.model.site.language
    say(text("progress.docx", lang))
    result = render_docx(loaded.model, loaded.bodies, env, options.site_root, problems)
    if result is None or problems.has_errors(options.strict):
        raise RenderError(problems)
    size = max(1, round(len(result.data) / 1024))
    say(text("progress.docx-done", lang, name=result.name, size=size))
    return RenderedFile(result.name, result.data)


def web_images_of(model: SiteModel, site_root: Path, problems: Problems):
    """The photos' sizes and smaller web copies (images/): what `srcset` offers a phone."""
    from site_builder.images.thumbnails import web_images
    from site_builder.model.media import photos

    sources = [p.src for p in photos(model)]
    limits, media_root = model.site.limits, site_root / "content" / "media"
    return web_images(media_root, sources, model.site.images, limits.max_image_pixels, problems)


def search_index(loaded: Loaded) -> RenderedFile:
    """tim-kiem/chi-muc.js, the script the search results page reads."""
    from site_builder.pages.search import search_records
    from site_builder.render.filters import format_date
    from site_builder.render.search_index import encode_index

    lang = loaded.model.site.language
    script = encode_index(search_records(loaded.model, loaded.bodies), lambda d: format_date(d, lang))
    return RenderedFile(urls.out_path(urls.search_index()), script.encode("utf-8"))


def theme_static_files(theme) -> list[RenderedFile]:
    """Theme assets under static/, site-level static dirs overriding built-in ones."""
    seen: dict[str, RenderedFile] = {}
    for static_dir in reversed(theme.static_dirs):
        root = static_dir.resolve()
        for path in sorted(static_dir.rglob("*")):
            if path.is_file() and path.resolve().is_relative_to(root):
                rel = path.relative_to(static_dir).as_posix()
                seen[rel] = RenderedFile(f"static/{rel}", path.read_bytes())
    return list(seen.values())


def stage(loaded: Loaded, files: list[RenderedFile], options: BuildOptions, staging: Path) -> None:
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    publish.write_files(staging, files)
    publish.copy_media(options.site_root / "content" / "media", loaded.model.media, staging / "media")
