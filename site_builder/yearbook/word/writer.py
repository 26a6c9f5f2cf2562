"""The yearbook as a Word document: `render_docx(model, bodies, env, site_root, problems)`.

Built from the very views the PDF templates receive (`book.assemble`'s context:
year views, honour roll, used glossary, people index), in the PDF's section
order and with its labels and number formats, so the two cannot disagree.
Pure apart from reading photos under content/media/; the bytes are the same
for the same input (no clock: dates from SOURCE_DATE_EPOCH, else the term's end).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import jinja2
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from site_builder.layout import SITE_YAML, SiteLayout
from site_builder.model.editions import Edition, main_edition
from site_builder.model.records import SiteModel
from site_builder.problems import Loc, Problems
from site_builder.yearbook.book import Book, assemble, generator_version, theme_words
from site_builder.yearbook.word import back, chapters, front, ooxml
from site_builder.yearbook.word.emit import Pen, style_ids
from site_builder.yearbook.word.setup import new_document
from site_builder.yearbook.word.watermark import add_watermark

SITE_LOC = Loc(SITE_YAML)
_CONTENTS = ("Heading1", "Heading2")  # the style ids the table of contents lists


@dataclass(frozen=True)
class DocxResult:
    """The file's name in the output folder and its bytes (build.py makes it a RenderedFile:
    the output stage sits above this one)."""

    name: str
    data: bytes
    headings: int  # Heading 1-2 paragraphs: the entries of the table of contents


def render_docx(
    model: SiteModel,
    bodies: Mapping[str, str],
    env: jinja2.Environment,
    site_root: Path,
    problems: Problems,
    *,
    edition: Edition | None = None,
) -> DocxResult | None:
    """The Word yearbook of `model` (the book `edition`, default the term book), or None after
    recording why not. A draft round (`yearbook.draft`) is watermarked "DỰ THẢO" on every page."""
    edition = edition or main_edition(model)
    if edition is None:
        problems.error("site.no-terms", SITE_LOC)
        return None
    errors_before = len(problems.errors)
    try:
        book = assemble(model, bodies, env, site_root.resolve(), version=generator_version(), edition=edition)
        ui = theme_words(env)
        document = _write(model, book, site_root, problems, ui, env.filters)
        if model.site.yearbook.draft:
            add_watermark(document.sections[0], ui("yearbook.watermark"))
        data = _package(document, book, ui)
    except (jinja2.TemplateError, OSError, ValueError, TypeError, KeyError) as exc:
        problems.error("docx.error", SITE_LOC, detail=f"{type(exc).__name__}: {exc}")
        return None
    if len(problems.errors) > errors_before:
        return None
    headings = sum(1 for s in document.element.body.iter(qn("w:pStyle")) if s.get(qn("w:val")) in _CONTENTS)
    return DocxResult(edition.docx, data, headings)


def _write(
    model: SiteModel, book: Book, site_root: Path, problems: Problems, ui: Callable[..., str],
    filters: Mapping[str, Callable[..., str]],
) -> DocxDocument:  # fmt: skip
    ctx = book.context
    document = new_document(model.site.language)
    media_root = SiteLayout(site_root).media.resolve()
    pen = Pen(document, ui, filters, media_root, problems, style_ids(document))
    front.add_cover(pen, ctx)
    front.add_foreword(pen, ctx)
    front.add_contents(pen)
    if ctx["edition"].kind == "term":  # a year's book is that year's chapter alone
        chapters.add_term(pen, ctx)
    for view in ctx["years"]:
        chapters.add_year(pen, view)
    back.add_honours(pen, ctx)
    back.add_glossary(pen, book.glossary)
    back.add_people(pen, book.people, ctx)
    back.add_colophon(pen, ctx)
    return document


def _package(document: DocxDocument, book: Book, ui: Callable[..., str]) -> bytes:
    ctx = book.context
    options, term, site = ctx["options"], ctx["term"], ctx["site"]
    when = ctx["built"] or dt.datetime.combine(term.end, dt.time(), dt.UTC)
    props = document.core_properties
    props.title = options.title
    props.subject = options.subtitle or term.title
    props.author = props.last_modified_by = site.organization
    props.keywords = ui("yearbook.keywords", term=term.id, org=site.organization)
    props.comments = f"site-builder {ctx['version']}"
    props.language = site.language
    props.created = props.modified = when.replace(tzinfo=None)
    props.revision = 1
    out = io.BytesIO()
    document.save(out)
    return ooxml.reproducible_zip(out.getvalue(), when)
