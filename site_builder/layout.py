"""Every folder and file name of a site, in one place (a leaf module: it imports no stage).

A site folder holds content/ (the records staff write), templates/ and themes/ (its look), and
gets output/ (the published site) and .cache/site-builder/ (what builds keep between runs).
Names here are site-relative POSIX strings, the way problems and record paths print them
("content/media/anh/hoi-nghi.jpg"); `SiteLayout` turns them into the paths of one site on disk.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

CONTENT = "content"
SITE_YAML = f"{CONTENT}/site.yaml"  # the one record every site has
GLOSSARY_YAML = f"{CONTENT}/glossary.yaml"
TERMS = f"{CONTENT}/terms"  # terms/<start>-<end>/
YEARS = f"{CONTENT}/years"  # years/<year>/
PAGES = f"{CONTENT}/pages"  # free pages
MEDIA = f"{CONTENT}/media"  # photos and files records name, published under output/media/
TEMPLATES = "templates"  # the site's overrides of theme templates
THEMES = "themes"  # the site's own themes, themes/<name>/
OUTPUT = "output"  # where a build publishes unless --output says otherwise
CACHE = ".cache/site-builder"  # caches and build state; never under content/
MARKUP_CACHE = "markup.json"  # rendered Markdown, in CACHE (markup/cache.py)
EDITIONS = "editions"  # the manifest of every printed edition, kept with the site (not a cache)

# Inside a term or year folder.
TERM_MD = "term.md"
YEAR_MD = "year.md"
TARGETS_YAML = "targets.yaml"
AWARDS_YAML = "awards.yaml"
CONFERENCES = "conferences"  # years/<year>/conferences/<date>-<slug>.md

# Inside a theme folder (the built-in one and each of themes/<name>/).
THEME_YAML = "theme.yaml"
THEME_TEMPLATES = "templates"
THEME_STATIC = "static"
THEME_LOCALES = "locales"

# The folders a build must never write into or delete (the output may not be or hold them).
SOURCE_FOLDERS = (CONTENT, TEMPLATES, THEMES)
# The published site: media files and theme static files keep their own folders.
OUTPUT_MEDIA = "media"
OUTPUT_STATIC = "static"


def user_cache(environ: Mapping[str, str]) -> Path | None:
    """This program's folder in the user's own cache (not the site's): what may hold code, such as
    compiled templates, lives here and never travels with a site. None when there is no home."""
    base = environ.get("XDG_CACHE_HOME") or environ.get("LOCALAPPDATA")
    if not base and environ.get("HOME"):
        base = str(Path(environ["HOME"], ".cache"))
    return Path(base, "site-builder") if base and Path(base).is_absolute() else None


def in_content(rel: str) -> str:
    """A path relative to content/ as a site-relative one: "pages/a.md" -> "content/pages/a.md"."""
    return f"{CONTENT}/{rel}"


def content_relative(path: str) -> str:
    """A site-relative path as content/ sees it: "content/pages/a.md" -> "pages/a.md"."""
    return path.removeprefix(f"{CONTENT}/")


def media_file(src: str) -> str:
    """A file under content/media/ as problems name it: "anh/a.jpg" -> "content/media/anh/a.jpg"."""
    return f"{MEDIA}/{src}"


def media_relative(path: str) -> str | None:
    """The part of a site-relative path under content/media/, or None when it is elsewhere."""
    prefix = f"{MEDIA}/"
    return path[len(prefix) :] if path.startswith(prefix) else None


@dataclass(frozen=True)
class SiteLayout:
    """The folders and files of the site at `root`, as paths on disk."""

    root: Path

    def path(self, rel: str) -> Path:
        """A site-relative POSIX name (one of this module's constants) under this site's root."""
        return self.root.joinpath(*rel.split("/"))

    @property
    def content(self) -> Path:
        return self.path(CONTENT)

    @property
    def site_yaml(self) -> Path:
        return self.path(SITE_YAML)

    @property
    def media(self) -> Path:
        return self.path(MEDIA)

    @property
    def templates(self) -> Path:
        return self.path(TEMPLATES)

    @property
    def themes(self) -> Path:
        return self.path(THEMES)

    @property
    def output(self) -> Path:
        return self.path(OUTPUT)

    @property
    def cache(self) -> Path:
        return self.path(CACHE)

    @property
    def markup_cache(self) -> Path:
        return self.cache / MARKUP_CACHE

    @property
    def editions(self) -> Path:
        return self.path(EDITIONS)
