"""One page: its template rendered with its context, links made relative to it, and template
mistakes turned into problems at the template's file:line (render/html_pages.py renders many).
"""

from __future__ import annotations

import posixpath
import traceback
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2

from site_builder import urls
from site_builder.layout import SITE_YAML
from site_builder.pages.plan import PageBody, PageSpec
from site_builder.problems import Loc, Problems
from site_builder.sources.themes import Theme


def render_page(env: jinja2.Environment, spec: PageSpec, common: Mapping[str, Any], problems: Problems) -> str | None:
    theme: Theme | None = getattr(env, "site_theme", None)
    try:
        template = env.get_template(spec.template)
        return template.render(page_context(spec, common))
    except jinja2.TemplateNotFound as exc:
        _not_found(exc, spec, theme, problems)
    except jinja2.TemplateSyntaxError as exc:
        where = Loc(_display(theme, exc.filename or exc.name or spec.template), exc.lineno)
        problems.error("template.error", where, page_detail=exc.message or str(exc), url=spec.url)
    except Exception as exc:  # a filter or attribute failing inside a template
        loc = _template_loc(exc, theme)
        if loc is None:
            raise
        detail = str(exc) if isinstance(exc, jinja2.TemplateError) else _describe(exc)
        problems.error("template.error", loc, page_detail=detail, url=spec.url)
    return None


def page_context(spec: PageSpec, common: Mapping[str, Any]) -> dict[str, Any]:
    site = common.get("site")
    base_url = getattr(site, "base_url", None)
    context = {**common, **{k: v.markup() if type(v) is PageBody else v for k, v in spec.context.items()}}
    context["page_url"] = spec.url
    context["link"] = make_link(spec.url, base_url)
    context["canonical_url"] = urls.absolute_url(base_url, spec.url) if base_url else None
    return context


def make_link(page_url: str, base_url: str | None) -> Callable[[str], str]:
    """`link(url)` for one page. The 404 page is served at any address, so its links
    are absolute when the site's address is known."""
    if page_url == urls.not_found() and base_url:
        return lambda url: urls.absolute_url(base_url, url) if url.startswith("/") else url
    return _RelativeLinker(page_url)


class _RelativeLinker:
    """`urls.relative_url(url, page_url)` with the page's own folder split once.

    A template calls link() a dozen times per page (nav, breadcrumbs, pager), so
    this is the hot path of page rendering; any address that needs normalising
    ("." or ".." parts) goes through urls.relative_url itself.
    """

    __slots__ = ("page_url", "from_parts")

    def __init__(self, page_url: str):
        self.page_url = page_url
        self.from_parts = _parts(posixpath.dirname("/" + urls.out_path(page_url)))

    def __call__(self, target_url: str) -> str:
        if not target_url.startswith("/") or target_url.startswith("//"):
            return target_url
        path, hash_, fragment = target_url.partition("#")
        to_parts = _parts("/" + urls.out_path(path))
        if self.from_parts is None or to_parts is None:
            return urls.relative_url(target_url, self.page_url)
        start = self.from_parts
        common = 0
        for a, b in zip(start, to_parts, strict=False):
            if a != b:
                break
            common += 1
        relative = "/".join([".."] * (len(start) - common) + to_parts[common:]) or "."
        return relative + hash_ + fragment


def _parts(path: str) -> list[str] | None:
    """The non-empty parts of an absolute path; None when "." or ".." would need normalising."""
    parts = [p for p in path.split("/") if p]
    return None if "." in parts or ".." in parts else parts


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


TEMPLATE_SUFFIXES = (".html", ".xml")


def check_templates(env: jinja2.Environment, problems: Problems) -> int:
    """Compile every template file on the theme's search path; report syntax errors.

    `check` calls this so that a broken template is found without rendering (and a
    template shadowed by a site override is still checked: `theme:` can reach it).
    Returns how many files were compiled.
    """
    theme: Theme | None = getattr(env, "site_theme", None)
    if theme is None:
        return 0
    count = 0
    for folder in dict.fromkeys(theme.template_dirs):
        root = folder.resolve()
        for path in sorted(folder.rglob("*")):
            if path.suffix not in TEMPLATE_SUFFIXES or not path.is_file() or not path.resolve().is_relative_to(root):
                continue
            count += 1
            name = path.relative_to(folder).as_posix()
            try:
                env.parse(path.read_text(encoding="utf-8"), name, str(path))
            except jinja2.TemplateSyntaxError as exc:
                problems.error("template.error", Loc(theme.display(path), exc.lineno), detail=exc.message or str(exc))
            except (OSError, UnicodeDecodeError) as exc:
                problems.error("file.unreadable", Loc(theme.display(path)), detail=str(exc))
    return count
