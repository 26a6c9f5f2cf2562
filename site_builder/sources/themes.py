"""Find a site's theme: the ordered folders templates and static files come from.

Search path, first match wins:
  1. <site>/templates/                      site-level overrides of single templates
  2. <site>/themes/<name>/templates/        the theme named in site.yaml
  3. parents named by `extends:` in each theme's theme.yaml
  4. the built-in default theme (package data), always last
Static files follow the same order (<site>/themes/<name>/static/, parents, built-in),
and so do the theme's text catalogues (<theme>/locales/<lang>/LC_MESSAGES/theme.po).

This reads the site's theme folders, so it sits with the other readers in sources/, below both
the page rendering and the yearbook that draw on the resolved theme.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from site_builder.layout import SITE_YAML, THEME_STATIC, THEME_TEMPLATES, THEME_YAML, SiteLayout
from site_builder.problems import Loc, Problems
from site_builder.sources.yamlsafe import YamlFailure, describe, load_yaml

BUILTIN_ROOT = Path(__file__).resolve().parent.parent / "themes"
DEFAULT_THEME = "default"
MAX_DEPTH = 8
_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*")


@dataclass(frozen=True)
class Theme:
    name: str
    template_dirs: tuple[Path, ...]  # highest priority first
    static_dirs: tuple[Path, ...]  # highest priority first: copy in reverse so the first wins
    config: Mapping[str, Any]  # the named theme's theme.yaml (parents' keys merged under it)
    site_dirs: tuple[Path, ...] = ()  # the site's own override folders (not part of `theme:`)
    site_root: Path | None = field(default=None, compare=False)
    folders: tuple[Path, ...] = (BUILTIN_ROOT / DEFAULT_THEME,)  # the theme chain, built-in default last

    @property
    def theme_template_dirs(self) -> tuple[Path, ...]:
        """What the `theme:` prefix searches: the theme chain without site overrides."""
        return tuple(d for d in self.template_dirs if d not in self.site_dirs)

    @property
    def builtin_template_dirs(self) -> tuple[Path, ...]:
        return (BUILTIN_ROOT / DEFAULT_THEME / THEME_TEMPLATES,)

    def display(self, path: Path | str) -> str:
        return display_path(path, self.site_root)


def resolve_theme(site_root: Path, name: str, problems: Problems) -> Theme | None:
    """The theme `name` for the site at `site_root`, or None after reporting why not."""
    site_root = site_root.resolve()
    chain = _theme_chain(site_root, name, problems)
    if chain is None:
        return None
    builtin = BUILTIN_ROOT / DEFAULT_THEME
    if builtin not in chain:
        chain.append(builtin)
    config: dict[str, Any] = {}
    for folder in reversed(chain):
        config.update(_read_config(folder, site_root, problems))
    site_templates = SiteLayout(site_root).templates
    site_dirs = (site_templates,) if site_templates.is_dir() else ()
    templates = site_dirs + tuple(f / THEME_TEMPLATES for f in chain if (f / THEME_TEMPLATES).is_dir())
    statics = tuple(f / THEME_STATIC for f in chain if (f / THEME_STATIC).is_dir())
    return Theme(name, templates, statics, config, site_dirs, site_root, tuple(chain))


def _find_theme(site_root: Path, name: str) -> Path | None:
    if not _NAME.fullmatch(name):
        return None
    for folder in (SiteLayout(site_root).themes / name, BUILTIN_ROOT / name):
        if folder.is_dir():
            return folder
    return None


def _theme_chain(site_root: Path, name: str, problems: Problems) -> list[Path] | None:
    """The named theme's folder, then its parents, following `extends:`."""
    chain: list[Path] = []
    current: str | None = name
    while current is not None:
        folder = _find_theme(site_root, current)
        if folder is not None and (folder in chain or len(chain) >= MAX_DEPTH):
            where = display_path(chain[-1] / THEME_YAML, site_root)
            problems.error("theme.extends-cycle", Loc(where), theme=current)
            return None
        if folder is None:
            # In words, not "<built-in>/name": staff cannot look inside the installed program.
            folder_shown = display_path(SiteLayout(site_root).themes / str(current), site_root)
            problems.error("theme.missing", Loc(SITE_YAML), theme=current, folder=folder_shown, builtin=_builtins())
            return None
        chain.append(folder)
        parent = _read_config(folder, site_root, Problems()).get("extends")
        current = str(parent) if parent and folder != BUILTIN_ROOT / DEFAULT_THEME else None
    return chain


def _builtins() -> str:
    """The names of the themes installed with the program ("default")."""
    return ", ".join(sorted(p.name for p in BUILTIN_ROOT.iterdir() if p.is_dir() and _NAME.fullmatch(p.name)))


def _read_config(folder: Path, site_root: Path, problems: Problems) -> dict[str, Any]:
    file = folder / THEME_YAML
    if not file.is_file():
        return {}
    shown = display_path(file, site_root)
    try:
        data = load_yaml(file.read_text(encoding="utf-8"), shown, problems)
    except (OSError, UnicodeDecodeError) as exc:
        problems.error("file.unreadable", Loc(shown), detail=str(exc))
        return {}
    except YamlFailure:
        return {}
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.error("field.expected-mapping", Loc(shown), found=describe(data))
        return {}
    return {str(k): v for k, v in data.items()}


def display_path(path: Path | str, site_root: Path | None) -> str:
    """A folder or file as a user should read it: site-relative, or <built-in>/..."""
    p = Path(path)
    for root, prefix in ((site_root, ""), (BUILTIN_ROOT, "<built-in>/")):
        if root is not None and p.is_relative_to(root):
            return prefix + p.relative_to(root).as_posix()
    return p.as_posix()
