"""`site-builder export targets|awards --output FILE.xlsx`: a targets.yaml / awards.yaml as a sheet.

The file is read and validated exactly as `check` does; a file with errors is not exported
(its faulty records would be missing from the sheet). Without a file yet, the sheet is an
empty one to fill in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_builder.atomic import write_atomic
from site_builder.layout import CONTENT, OUTPUT, SiteLayout
from site_builder.model.records import TargetSet
from site_builder.model.sets import load_award_set, load_target_set
from site_builder.problems import Loc, Problems, SiteError
from site_builder.sheets.export import SheetText, export_awards, export_targets, sheet_title
from site_builder.sheets.files import SheetRefused, SheetUsageError, content_file, site_relative
from site_builder.sources.discover import MAX_FILE_BYTES, Kind, read_record
from site_builder.sources.language import site_language

# (a term's file?, targets or awards) -> the record kind of that file
_RECORD_KINDS: dict[tuple[bool, str], Kind] = {
    (True, "targets"): "term-targets", (True, "awards"): "term-awards",
    (False, "targets"): "year-targets", (False, "awards"): "year-awards",
}  # fmt: skip


@dataclass(frozen=True)
class ExportRequest:
    site_root: Path
    kind: str  # "targets" or "awards"
    output: Path
    year: int | None = None
    term: str | None = None
    replace: bool = False


@dataclass(frozen=True)
class ExportReport:
    source: str  # content/years/2024/targets.yaml
    path: str  # the sheet written
    records: int
    problems: Problems  # warnings of the source file


def check_output(request: ExportRequest) -> Path:
    output = request.output.resolve()
    if output.suffix.lower() != ".xlsx":
        raise SheetUsageError("export.suffix", path=request.output)
    managed = [SiteLayout(request.site_root).path(name).resolve() for name in (CONTENT, OUTPUT)]
    if any(output.is_relative_to(folder) for folder in managed):
        raise SheetUsageError("export.protected", path=request.output)
    if output.exists() and not request.replace:
        raise SheetRefused("export.exists", path=request.output)
    return output


def export_sheet(request: ExportRequest) -> ExportReport:
    """Raises SheetUsageError (exit 2) or SiteError with the source file's problems (exit 1)."""
    source = content_file(request.site_root, request.kind, request.year, request.term)
    output = check_output(request)
    shown = site_relative(source, request.site_root)
    problems = Problems()
    kind = _RECORD_KINDS[(request.term is not None, request.kind)]
    record = read_record(source, shown, (kind, {}), problems, MAX_FILE_BYTES) if source.exists() else None
    loaded = load_target_set(record, problems) if request.kind == "targets" else load_award_set(record, problems)
    if problems.errors:
        raise SiteError(problems)
    lang = site_language(request.site_root)
    scope = f"--year {request.year}" if request.year is not None else f"--term {request.term}"
    sheet = SheetText(sheet_title(request.kind, request.year, request.term, lang), lang, scope)
    data = export_targets(loaded.items, sheet) if isinstance(loaded, TargetSet) else export_awards(loaded.items, sheet)
    try:
        write_atomic(output, data, durable=True)
    except OSError as exc:
        problems.error("sheets.write-failed", Loc(str(request.output)), detail=exc.strerror or type(exc).__name__)
        raise SiteError(problems) from None
    return ExportReport(shown, str(request.output), len(loaded.items), problems)
