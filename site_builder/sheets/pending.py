"""Sheets left beside a targets.yaml / awards.yaml and never imported: a warning in check and build.

`new year --xlsx` and `new site --xlsx` put blank targets.xlsx / awards.xlsx beside the YAML
files, and staff fill them in. Check and build read the YAML only, so the figures of a filled
sheet would be missing from the yearbook without a word. Here each such sheet is read as
`import --dry-run` reads it and compared with the YAML: records the YAML lacks, or records
that differ while the sheet is the newer file, are a warning that names the command to run.
A blank sheet, or one already imported, says nothing. Nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from site_builder.layout import TERM_MD, TERMS, YEARS, SiteLayout
from site_builder.problems import Loc, Problems
from site_builder.sheets.files import SUFFIXES, site_relative

if TYPE_CHECKING:
    from site_builder.sheets.diff import Change

SHEET_KINDS = ("targets", "awards")


def pending_sheets(site_root: Path) -> Problems:
    """A warning for every sheet beside the YAML files whose data the YAML does not hold."""
    found = Problems()
    for folder, scope in sheet_folders(SiteLayout(site_root)):
        for kind in SHEET_KINDS:
            for suffix in SUFFIXES:
                sheet = folder / f"{kind}{suffix}"
                if sheet.is_file() and not sheet.is_symlink():
                    check_sheet(site_root, sheet, kind, scope, found)
    return found


def sheet_folders(layout: SiteLayout) -> Iterator[tuple[Path, str]]:
    """Each year's and term's folder, with the option that names it on the command line."""
    years, terms = layout.path(YEARS), layout.path(TERMS)
    if years.is_dir():
        for folder in sorted(years.iterdir()):
            if folder.is_dir() and folder.name.isdigit():
                yield folder, f"--year {folder.name}"
    if terms.is_dir():
        for folder in sorted(terms.iterdir()):
            if (folder / TERM_MD).is_file():
                yield folder, f"--term {folder.name}"


def check_sheet(site_root: Path, sheet: Path, kind: str, scope: str, found: Problems) -> None:
    # Imported here: reading and comparing a sheet is most of the sheets package (with its YAML
    # writer), which a build of a site without sheets would otherwise load for nothing.
    from site_builder.sheets.diff import diff
    from site_builder.sheets.importer import existing, read_sheet

    shown = site_relative(sheet, site_root)
    # What the sheet's own cells are wrong about is for `import` to say; here only its rows count.
    records = read_sheet(sheet, kind, None, Problems())
    if records is None:  # blank (as `new year --xlsx` writes it), or not a sheet of this kind
        return
    yaml_file = sheet.with_name(f"{kind}.yaml")
    old_items = existing(yaml_file, site_relative(yaml_file, site_root))[1]
    changes = [c for c in diff(old_items, list(records.items), kind) if c.op != "remove"]
    added = [c for c in changes if c.op == "add"]
    if added or (changes and newer(sheet, yaml_file)):
        found.warning(
            "sheet.not-imported", Loc(shown), yaml=site_relative(yaml_file, site_root), count=len(changes),
            command=f"site-builder import {kind} {shown} {scope} --dry-run", first=first_label(changes),
        )  # fmt: skip


def newer(sheet: Path, yaml_file: Path) -> bool:
    """The sheet was saved after the YAML file was written (or there is no YAML file)."""
    try:
        return sheet.stat().st_mtime_ns > yaml_file.stat().st_mtime_ns
    except OSError:
        return True


def first_label(changes: list[Change]) -> str:
    return changes[0].label if changes else ""
