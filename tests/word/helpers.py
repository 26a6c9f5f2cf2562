"""Rendering the demo's Word yearbook and reading it back with python-docx."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import docx
from docx.oxml.ns import qn

from site_builder.build import find_theme, load_site
from site_builder.problems import Problems
from site_builder.render.environment import make_environment
from site_builder.yearbook.book import assemble
from site_builder.yearbook.word.writer import render_docx


@contextmanager
def environ(**values: str) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def render_site(site: Path, **env: str):
    """(DocxResult or None, Problems, the PDF's Book) for the site folder `site`."""
    problems = Problems()
    loaded = load_site(site, problems, {}, 1)
    assert loaded is not None, [p.format() for p in problems]
    theme = find_theme(site, loaded.model.site, problems)
    jinja = make_environment(theme, loaded.model.site.language)
    with environ(**env):
        result = render_docx(loaded.model, loaded.bodies, jinja, site, problems)
        book = assemble(loaded.model, loaded.bodies, jinja, site.resolve())
    return result, problems, book


def read(data: bytes):
    return docx.Document(io.BytesIO(data))


def headings(document, *levels: int) -> list[tuple[int, str]]:
    """(level, text) of every Heading paragraph of the given levels, in order."""
    names = {f"Heading {n}": n for n in levels}
    return [(names[p.style.name], p.text) for p in document.paragraphs if p.style.name in names]


def instructions(element) -> list[str]:
    """The field instructions (w:instrText) inside an element, stripped."""
    return [(t.text or "").strip() for t in element.iter(qn("w:instrText"))]


def table_texts(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]
