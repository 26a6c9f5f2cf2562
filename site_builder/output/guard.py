"""Refuse output folders whose replacement would destroy something."""

from __future__ import annotations

from pathlib import Path

from site_builder.catalogue import clause
from site_builder.layout import SOURCE_FOLDERS, SiteLayout
from site_builder.problems import Loc, Problems

MARKER = ".site-builder-output"


def check_output_dir(site_root: Path, output: Path, problems: Problems) -> bool:
    """True when `output` may be replaced wholesale by a new build."""
    site = site_root.resolve()
    out = output.resolve()
    reason = None
    protected = [SiteLayout(site).path(name) for name in SOURCE_FOLDERS]
    if out == site or site.is_relative_to(out):
        reason = "output.site-root"
    elif any(out == p or out.is_relative_to(p) or p.is_relative_to(out) for p in protected):
        reason = "output.protected"
    elif out.exists() and not out.is_dir():
        reason = "output.file"
    elif out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        reason = "output.not-empty"
    if reason:
        problems.error("output.unsafe", Loc(str(output)), output=str(output), reason=clause(reason))
        return False
    return True
