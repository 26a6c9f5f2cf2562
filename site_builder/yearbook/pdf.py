"""Render the yearbook to PDF: one HTML document, a confining fetcher, two passes.

Pass 1 lays the whole book out and reads where each people-index anchor landed;
pass 2 lays out only the tail (people index + colophon) with those numbers
written in and splices its pages in place of pass 1's tail.
All of WeasyPrint's warnings become problems; a refused URL for a stylesheet or
font stops the render (FatalURLFetchingError is a BaseException, caught here).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import jinja2
import pikepdf
from PIL import Image
from weasyprint import CSS, HTML, Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError

from site_builder.catalogue import ntext
from site_builder.layout import SITE_YAML, SiteLayout
from site_builder.model.editions import Edition, main_edition
from site_builder.model.media import bodies as model_bodies
from site_builder.model.records import SiteModel
from site_builder.problems import Loc, Problems
from site_builder.rendered import RenderedFile
from site_builder.sources.themes import Theme
from site_builder.yearbook import logs
from site_builder.yearbook.book import assemble, generator_version, theme_words
from site_builder.yearbook.fetcher import ConfinedFetcher
from site_builder.yearbook.fonts import bundled_font_hashes, foreign_fonts
from site_builder.yearbook.glyphs import covered_characters, unprintable
from site_builder.yearbook.index import anchor_pages
from site_builder.yearbook.tagging import finish_tags
from site_builder.yearbook.views import printed_without_data
from site_builder.yearbook.watermark import WATERMARK_URL, watermark_css, watermark_font, watermark_svg

SITE_LOC = Loc(SITE_YAML)
INDEX_ANCHOR = "nhan-vat"  # the people index's id in yearbook/back.html
PROFILE_SHEETS = {"ky-yeu": ("fonts.css", "print.css"), "van-kien": ("fonts.css", "print.css", "print-van-kien.css")}


@dataclass(frozen=True)
class YearbookResult:
    file: RenderedFile
    page_count: int
    document: Document


@dataclass(frozen=True)
class _Renderer:
    """Everything one layout pass needs, fixed for the whole render."""

    fetcher: ConfinedFetcher
    font_config: FontConfiguration
    stylesheets: tuple[CSS, ...]
    base_url: str

    def render(self, html: str, extra_css: str | None = None) -> Document:
        source = HTML(string=html, base_url=self.base_url, url_fetcher=self.fetcher)
        sheets = list(self.stylesheets)
        if extra_css:
            sheets.append(CSS(string=extra_css, font_config=self.font_config, url_fetcher=self.fetcher))
        return source.render(font_config=self.font_config, stylesheets=sheets)


def stylesheet_paths(theme: Theme, profile: str, problems: Problems) -> list[Path] | None:
    """The print stylesheets of `profile`, each from the first static folder that has it."""
    paths = []
    for name in PROFILE_SHEETS.get(profile, PROFILE_SHEETS["ky-yeu"]):
        found = next((d / "css" / name for d in theme.static_dirs if (d / "css" / name).is_file()), None)
        if found is None:
            problems.error("pdf.stylesheet-missing", SITE_LOC, theme=theme.name, name=name)
            return None
        paths.append(found)
    return paths


def allowed_roots(site_root: Path, theme: Theme) -> list[Path]:
    return [SiteLayout(site_root).media, *theme.static_dirs]


def _watermark(theme: Theme, word: str | None, problems: Problems) -> dict[str, tuple[bytes, str]] | None:
    """The draft watermark as a resource for the fetcher ({} without a draft; None: no font)."""
    if word is None:
        return {}
    font = watermark_font(theme.static_dirs)
    if font is None:
        problems.error("pdf.stylesheet-missing", SITE_LOC, theme=theme.name, name=FONT_NAME)
        return None
    return {WATERMARK_URL: (watermark_svg(word, font), "image/svg+xml")}


FONT_NAME = "LiberationSans-Bold.ttf"


def _make_renderer(
    site_root: Path, theme: Theme, model: SiteModel, problems: Problems, watermark: str | None = None
) -> _Renderer | None:
    paths = stylesheet_paths(theme, model.site.yearbook.profile, problems)
    generated = _watermark(theme, watermark, problems)
    if paths is None or generated is None:
        return None
    media = SiteLayout(site_root).media
    fetcher = ConfinedFetcher(
        allowed_roots(site_root, theme), problems, SITE_LOC, limits=model.site.limits, media_root=media,
        generated=generated,
    )  # fmt: skip
    font_config = FontConfiguration()
    sheets = tuple(CSS(filename=str(p), font_config=font_config, url_fetcher=fetcher) for p in paths)
    if generated:  # after the profile's sheets, which set (or clear) the pages' backgrounds
        sheets += (CSS(string=watermark_css(), font_config=font_config, url_fetcher=fetcher),)
    base_url = SiteLayout(site_root).media.resolve().as_uri() + "/"
    return _Renderer(fetcher, font_config, sheets, base_url)


def _tail_css(first_page: int) -> str:
    """Start a separately laid-out tail on the page number and side it has in the book."""
    side = "right" if first_page % 2 else "left"
    return f"html {{ break-before: {side} }} @page :first {{ counter-reset: page {first_page} }}"


def _layout(
    model: SiteModel,
    bodies: Mapping[str, str],
    env: jinja2.Environment,
    site_root: Path,
    renderer: _Renderer,
    problems: Problems,
    edition: Edition,
) -> tuple[Document, dict[str, str]]:
    """Lay the book out once; then lay out only its tail (people index + colophon) again
    with the index's page numbers written in, and splice it in place of the first tail.
    Also the contents' labels by anchor, which describe the links to them.

    The index is the book's last part, so its content cannot move any earlier page:
    the pages before it are kept as they are (a full second pass would double the time).
    """
    version = generator_version()
    book = assemble(model, bodies, env, site_root, version=version, edition=edition)
    document = renderer.render(book.html)
    labels = {e.id: e.label for entry in book.toc for e in (entry, *entry.children)}
    if not book.people:
        return document, labels
    pages = anchor_pages(document.pages)
    start = pages[INDEX_ANCHOR]
    tail_book = assemble(model, bodies, env, site_root, pages=pages, version=version, tail_only=True, edition=edition)
    tail = renderer.render(tail_book.html, _tail_css(start))
    if anchor_pages(tail.pages).get(INDEX_ANCHOR) != 1 or _first_number(tail) != start:
        problems.error("pdf.unstable-index", SITE_LOC, passes=2)
    return document.copy(document.pages[: start - 1] + tail.pages), labels


def _first_number(document: Document) -> int | None:
    """The page number printed by the first page's page-number margin box, if any."""
    for box in document.pages[0]._page_box.children:
        text = "".join(getattr(b, "text", "") or "" for b in box.descendants())
        if text.strip().isdigit():
            return int(text)
    return None


def _progress_handler(progress: Callable[[str], None] | None, lang: str) -> logs.ProgressHandler | None:
    if progress is None:
        return None
    return logs.ProgressHandler(progress, lambda n: ntext("progress.pdf-laid-out", n, lang))


def _check_fonts(document: Document, theme: Theme, problems: Problems) -> None:
    foreign = foreign_fonts(document.fonts, bundled_font_hashes(theme.static_dirs))
    if foreign:
        problems.error("pdf.foreign-font", SITE_LOC, fonts=", ".join(foreign))


def render_yearbook(
    model: SiteModel,
    bodies: Mapping[str, str],
    theme: Theme,
    env: jinja2.Environment,
    site_root: Path,
    problems: Problems,
    *,
    variant: str | None = None,
    progress: Callable[[str], None] | None = None,
    edition: Edition | None = None,
) -> YearbookResult | None:
    """The yearbook PDF of `model` (the book `edition`, default the term book), or None after
    recording why not. A draft (`yearbook.draft`) is watermarked on every page."""
    site_root = site_root.resolve()
    edition = edition or main_edition(model)
    if edition is None:
        problems.error("site.no-terms", SITE_LOC)
        return None
    unprintable_text = unprintable(model_bodies(model), bodies, covered_characters(theme.static_dirs))
    if unprintable_text:  # the fonts would fall back to a system font: say where, before laying out
        problems.extend(unprintable_text)
        return None
    for target in printed_without_data(model, edition):  # the book prints "chưa có số liệu": say so before it goes out
        problems.warning("yearbook.target-no-data", target.loc, id=target.id)
    handler = _progress_handler(progress, model.site.language)
    errors_before = len(problems.errors)
    with logs.capture(problems, SITE_LOC, handler), warnings.catch_warnings():
        # Every image was measured against our caps (check, then the fetcher): the image library's
        # own bomb warning must stop a decode, never print (WeasyPrint then logs the image as failed).
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            word = theme_words(env)("yearbook.watermark") if model.site.yearbook.draft else None
            renderer = _make_renderer(site_root, theme, model, problems, word)
            if renderer is None:
                return None
            document, link_labels = _layout(model, bodies, env, site_root, renderer, problems, edition)
            data = finish_tags(document.write_pdf(pdf_variant=variant, pdf_tags=True), link_labels)
        except FatalURLFetchingError as exc:
            problems.error("pdf.error", SITE_LOC, detail=str(exc) or type(exc).__name__)
            return None
        except (
            jinja2.TemplateError,
            OSError,
            ValueError,
            TypeError,
            KeyError,
            pikepdf.PdfError,
            RecursionError,
        ) as exc:
            problems.error("pdf.error", SITE_LOC, detail=f"{type(exc).__name__}: {exc}")
            return None
    _check_fonts(document, theme, problems)
    if len(problems.errors) > errors_before:
        return None
    file = RenderedFile(edition.filename, data)
    return YearbookResult(file, len(document.pages), document)
