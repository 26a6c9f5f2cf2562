"""The lines `import` and `export` print: what was written, or would change, row by row."""

from __future__ import annotations

from site_builder.catalogue import text
from site_builder.sheets.diff import Change
from site_builder.sheets.exporter import ExportReport
from site_builder.sheets.importer import ImportReport


def change_line(change: Change, lang: str) -> str:
    if change.op == "remove":
        return text("import.remove", lang, label=change.label)
    if change.op == "add":
        return text("import.add", lang, row=change.row, label=change.label)
    fields = "; ".join(f"{name} {old or '∅'} → {new or '∅'}" for name, old, new in change.fields)
    return text("import.change", lang, row=change.row, label=change.label, fields=fields)


def change_lines(report: ImportReport, lang: str) -> list[str]:
    lines = [change_line(c, lang) for c in report.changes]
    same = report.records - sum(1 for c in report.changes if c.op != "remove")
    if report.existed and same:
        lines.append(text("import.same", lang, count=same))
    return lines


def import_lines(report: ImportReport, source: str, lang: str) -> list[str]:
    """Everything but the refusal (printed apart, as an error)."""
    if report.unchanged:
        return [text("import.unchanged", lang, path=report.destination, count=report.records)]
    if not report.written and not report.refused:  # --dry-run
        key = "import.dry-run" if report.existed else "import.dry-run-new"
        return [text(key, lang, path=report.destination, count=report.records), *change_lines(report, lang)]
    if report.refused:
        return change_lines(report, lang)
    lines = [text("import.written", lang, path=report.destination, count=report.records, source=source)]
    if report.backup:
        lines += [
            *change_lines(report, lang),
            text("import.backup", lang, path=report.backup, original=report.destination),
        ]
    return lines


def export_lines(report: ExportReport, lang: str) -> list[str]:
    return [text("export.written", lang, count=report.records, source=report.source, path=report.path)]
