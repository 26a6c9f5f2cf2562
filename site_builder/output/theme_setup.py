"""The theme a render uses: resolved once, with its Jinja environment and template closures.

A missing theme is reported where `theme:` is written in site.yaml, by `check`,
`build` and `serve` alike. The setup's signature (part of every page's) covers
the theme's settings, language and text catalogues; the preview reuses a setup
while no template file, theme folder or setting changed, keeping its compiled
templates.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import MutableMapping
from dataclasses import dataclass
from pathlib import Path

import jinja2

from site_builder.catalogue import THEME_DOMAIN, catalogue_path
from site_builder.layout import THEME_LOCALES
from site_builder.model.records import SiteInfo
from site_builder.output.signatures import value_signature
from site_builder.problems import Problems, SiteError
from site_builder.render.environment import make_environment
from site_builder.render.template_deps import Analysis, TemplateDeps
from site_builder.rendered import CopiedFile
from site_builder.sources.themes import Theme, resolve_theme


@dataclass(frozen=True)
class ThemeSetup:
    """The resolved theme and its environment."""

    theme: Theme
    env: jinja2.Environment
    deps: TemplateDeps
    signature: str  # the theme's settings and language: part of every page's signature
    files: str  # the theme's folders and every template file: while they stay, the setup is reused


def find_theme(site_root: Path, site: SiteInfo, problems: Problems) -> Theme | None:
    """The site's theme; a missing theme is reported where `theme:` is written in site.yaml."""
    found = Problems()
    theme = resolve_theme(site_root, site.theme, found)
    for problem in found.items:
        if problem.code == "theme.missing":
            problem = dataclasses.replace(problem, loc=site.theme_loc)
        problems.extend([problem])
    return theme


def theme_setup(
    site_root: Path, site: SiteInfo, problems: Problems, reuse: ThemeSetup | None = None,
    known: MutableMapping[str, Analysis] | None = None, user_cache: Path | None = None,
) -> ThemeSetup:  # fmt: skip
    """The theme and a Jinja environment for it; `reuse` is kept while nothing in the theme changed.
    `known`: template analyses kept between runs; `user_cache`: where compiled templates are kept."""
    theme = find_theme(site_root, site, problems)
    if theme is None:
        raise SiteError(problems)
    env = make_environment(theme, site.language, user_cache)
    deps = TemplateDeps(env, known)
    signature = value_signature(theme.name, dict(theme.config), site.language, theme_texts(theme, site.language))
    dirs = [theme.display(d) for d in (*theme.template_dirs, *theme.static_dirs)]
    files = value_signature(dirs, deps.everything())
    if reuse is not None and (reuse.signature, reuse.files) == (signature, files):
        return reuse  # its compiled templates are still good
    return ThemeSetup(theme, env, deps, signature, files)


def theme_texts(theme: Theme, lang: str) -> list[tuple[str, str]]:
    """The theme's text catalogues in `lang` (what `_()` in templates says), by content."""
    found = []
    for folder in theme.folders:
        path = catalogue_path(folder / THEME_LOCALES, lang, THEME_DOMAIN)
        if path.is_file():
            found.append((theme.display(path), hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()))
    return found


def theme_static_files(theme: Theme) -> list[CopiedFile]:
    """Theme assets under static/, site-level static dirs overriding built-in ones."""
    seen: dict[str, CopiedFile] = {}
    for static_dir in reversed(theme.static_dirs):
        root = static_dir.resolve()
        for path in sorted(static_dir.rglob("*")):
            if path.is_file() and path.resolve().is_relative_to(root):
                rel = path.relative_to(static_dir).as_posix()
                seen[f"static/{rel}"] = CopiedFile(f"static/{rel}", path)
    return list(seen.values())
