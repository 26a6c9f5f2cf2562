"""Render planned pages to HTML bytes; template mistakes become problems.

Every page gets `page_url` (its own URL), `link(url)` (a relative link from this
page that works on a server and from disk) and `canonical_url` (when the site
has a base_url). Template errors are reported with the template's file:line and
rendering carries on with the next page; nothing here raises for them.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2

from site_builder.output.files import RenderedFile
from site_builder.pages import urls
from site_builder.pages.plan import PageSpec
from site_builder.problems import Loc, Problems
from site_builder.render.themes import Theme

SITE_YAML = "content/site.yaml"


def render_pages(
    env: jinja2.Environment,
    specs: Sequence[PageSpec],
    common: Mapping[str, Any],
    problems: Problems,
) -> list[RenderedFile]:
    """One RenderedFile per spec that rendered; problems for the others."""
    rendered: list[RenderedFile] = []
    for spec in specs:
        html = render_page(env, spec, common, problems)
        if html is not None:
            rendered.append(RenderedFile(spec.out_path, html.encode("utf-8")))
    return rendered


def render_page(env: jinja2.Environment, spec: PageSpec, common: Mapping[str, Any], problems: Problems) -> str | None:
    theme: Theme | None = getattr(env, "site_theme", None)
    try:
        template = env.get_template(spec.template)
        return template.render(page_context(spec, common))
    except jinja2.TemplateNotFound as exc:
        _not_found(exc, spec, theme, problems)
    except jinja2.TemplateSyntaxError as exc:
        loc = Loc(_display(theme, exc.filename or exc.name or spec.template), exc.lineno)
        problems.error("template.error", loc, detail=exc.message or str(exc))
    except Exception as exc:  # a filter or attribute failing inside a template
        loc = _template_loc(exc, theme)
        if loc is None:
            raise
        detail = str(exc) if isinstance(exc, jinja2.TemplateError) else _describe(exc)
        problems.error("template.error", loc, detail=f"{detail} ({spec.url})")
    return None


def page_context(spec: PageSpec, common: Mapping[str, Any]) -> dict[str, Any]:
    site = common.get("site")
    base_url = getattr(site, "base_url", None)
    context = {**common, **spec.context}
    context["page_url"] = spec.url
    context["link"] = make_link(spec.url, base_url)
    context["canonical_url"] = urls.absolute_url(base_url, spec.url) if base_url else None
    return context


def make_link(page_url: str, base_url: str | None) -> Callable[[str], str]:
    """`link(url)` for one page. The 404 page is served at any address, so its links
    are absolute when the site's address is known."""
    if page_url == urls.not_found() and base_url:
        return lambda url: urls.absolute_url(base_url, url) if url.startswith("/") else url
    return lambda url: urls.relative_url(url, page_url)


def _not_found(exc: jinja2.TemplateNotFound, spec: PageSpec, theme: Theme | None, problems: Problems) -> None:
    name = exc.name or spec.template
    loc = _template_loc(exc, theme) or Loc(SITE_YAML)
    if theme is None:
        searched = "?"
    else:
        dirs = theme.template_dirs
        if name.startswith("theme:"):
            dirs = theme.theme_template_dirs
        elif name.startswith("default:"):
            dirs = theme.builtin_template_dirs
        searched = ", ".join(theme.display(d) for d in dirs)
    problems.error("template.not-found", loc, name=name, searched=searched)


def _template_loc(exc: BaseException, theme: Theme | None) -> Loc | None:
    """The innermost template frame of a rendering error, as file:line.

    Jinja rewrites tracebacks so template frames carry the template's file
    name and line; frames of Python code (filters, our package) are skipped.
    """
    dirs = theme.template_dirs if theme else ()
    found: Loc | None = None
    for frame in traceback.extract_tb(exc.__traceback__):
        path = Path(frame.filename)
        if path.suffix in {".html", ".xml", ".txt", ".j2"} and any(path.is_relative_to(d) for d in dirs):
            found = Loc(_display(theme, frame.filename), frame.lineno)
    return found


def _display(theme: Theme | None, filename: str) -> str:
    return theme.display(filename) if theme else filename


def _describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"
