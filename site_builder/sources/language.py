"""The site's language, read cheaply from content/site.yaml for the terminal's own lines.

The CLI and the preview speak the site's language even when the site does not
load (a problem in another file, a broken site.yaml): this reads only the
`language:` value and falls back to Vietnamese on anything unexpected. The
model validates the same field properly and reports its problems.
"""

from __future__ import annotations

from pathlib import Path

from site_builder.catalogue import DEFAULT_LANG, LANGS
from site_builder.layout import SITE_YAML, SiteLayout
from site_builder.problems import Problems
from site_builder.sources.location import site_above
from site_builder.sources.yamlsafe import YamlFailure, YMap, load_yaml

MAX_BYTES = 200_000  # a site.yaml is a few KB; a huge one is reported by the real load


def site_language(site_root: Path) -> str:
    """`vi` or `en` as written in the site's site.yaml, else the default (`vi`)."""
    if not SiteLayout(site_root).site_yaml.is_file():  # run from inside content/: that site's language
        site_root = site_above(site_root) or site_root
    try:
        raw = SiteLayout(site_root).site_yaml.read_bytes()[:MAX_BYTES].decode("utf-8")
        data = load_yaml(raw, SITE_YAML, Problems())
    except (OSError, UnicodeDecodeError, YamlFailure, RecursionError):
        return DEFAULT_LANG
    value = data.get("language") if isinstance(data, YMap) else None
    return str(value).strip() if value is not None and str(value).strip() in LANGS else DEFAULT_LANG
