"""Where the site folder is when a command is run from inside its content/ folder.

Staff often open a terminal where they edit (content/, or content/years/2024/):
every command then says to go up (`cd ..`) rather than suggesting a new site.
"""

from __future__ import annotations

import os
from pathlib import Path

from site_builder.layout import CONTENT, SiteLayout


def site_above(folder: Path) -> Path | None:
    """The site folder whose content/ holds `folder` (content/ itself or any folder in it)."""
    try:
        folder = folder.resolve()
        candidates = (c.parent for c in (folder, *folder.parents) if c.name == CONTENT)
        return next((site for site in candidates if SiteLayout(site).site_yaml.is_file()), None)
    except OSError:
        return None


def way_up(folder: Path, site: Path) -> str:
    """The `cd` that reaches `site` from `folder`: "cd ..", "cd ../.."."""
    return "cd " + Path(os.path.relpath(site, folder.resolve())).as_posix()
