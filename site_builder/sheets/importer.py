"""`site-builder import targets|awards FILE`: a sheet -> targets.yaml / awards.yaml.

Nothing is lost: the file is written only when every row of the sheet is valid, atomically;
an existing file is replaced only when asked (--replace), its previous version kept as
`.bak`; --dry-run writes nothing and lists what would change, row by row.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_builder.problems import Loc, Problems, SiteError
from site_builder.sheets.diff import Change, diff
from site_builder.sheets.files import content_file, replace_with_backup, site_relative
from site_builder.sheets.read import read_grids
from site_builder.sheets.rows import SheetRecords, sheet_records
from site_builder.sheets.table import pick_grid, read_table
from site_builder.sheets.write_yaml import header_comment, render_yaml
from site_builder.sources.language import site_language
from site_builder.sources.text import decode_text
from site_builder.sources.yamlsafe import YamlFailure, YList, load_yaml


@dataclass(frozen=True)
class ImportRequest:
    site_root: Path
    kind: str  # "targets" or "awards"
    source: Path
    year: int | None = None
    term: str | None = None
    sheet: str | None = None  # default: the first sheet with the right headers
    dry_run: bool = False
    replace: bool = False


@dataclass(frozen=True)
class ImportReport:
    destination: str  # site-relative: content/years/2024/targets.yaml
    records: int
    changes: tuple[Change, ...]  # against the existing file (every record is "add" without one)
    existed: bool
    unchanged: bool  # the file already holds exactly this text
    written: bool
    refused: bool  # it exists and --replace was not given
    backup: str | None
    problems: Problems  # warnings only (errors raise SiteError)


def read_sheet(source: Path, kind: str, sheet: str | None, problems: Problems) -> SheetRecords | None:
    """The sheet's rows, validated; None when it could not be read at all (reported)."""
    grid = pick_grid(read_grids(source, str(source), problems), kind, sheet, problems)
    table = read_table(grid, kind, problems) if grid is not None else None
    return sheet_records(table, kind, problems) if table is not None else None


def import_sheet(request: ImportRequest) -> ImportReport:
    """Raises SheetUsageError (exit 2) or SiteError with every problem of the sheet (exit 1)."""
    target = content_file(request.site_root, request.kind, request.year, request.term)
    shown = site_relative(target, request.site_root)
    problems = Problems()
    found = read_sheet(request.source, request.kind, request.sheet, problems)
    if found is None or problems.errors:
        raise SiteError(problems)
    lang = site_language(request.site_root)
    comment = header_comment(request.kind, request.source.name, found.sheet, target.name, lang)
    text = render_yaml(found.items, request.kind, comment)
    old_text, old_items = existing(target, shown)
    changes = tuple(diff(old_items, list(found.items), request.kind))
    existed, unchanged = old_text is not None, old_text == text
    refused = existed and not unchanged and not request.replace and not request.dry_run
    backup = None
    if not (request.dry_run or unchanged or refused):
        backup = write(target, text, shown, problems)
    return ImportReport(
        shown, len(found.items), changes, existed, unchanged,
        written=not (request.dry_run or unchanged or refused), refused=refused,
        backup=site_relative(backup, request.site_root) if backup else None, problems=problems,
    )  # fmt: skip


def existing(target: Path, shown: str) -> tuple[str | None, list[object]]:
    """The current file's text and records ([] when it cannot be parsed: it is still backed up)."""
    if not target.exists():
        return None, []
    data = target.read_bytes()
    text = decode_text(data, shown, Problems())
    if text is None:
        return data.decode("utf-8", "replace"), []
    try:
        parsed = load_yaml(text, shown, Problems())
    except YamlFailure:
        return text, []
    return text, list(parsed) if isinstance(parsed, YList) else []


def write(target: Path, text: str, shown: str, problems: Problems) -> Path | None:
    try:
        return replace_with_backup(target, text.encode("utf-8"))
    except OSError as exc:
        problems.error("sheets.write-failed", Loc(shown), detail=exc.strerror or type(exc).__name__)
        raise SiteError(problems) from None
