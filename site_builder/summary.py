"""The lines that sum up a build or a check, in the site's language.

The command line prints them and the preview's control panel shows them: one
wording for both, so "Xuất bản" in the panel ends with the very line
`site-builder build` prints. Part of the build stage (tests/unit/test_import_order.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from site_builder.catalogue import clause, nclause, text
from site_builder.formatting import format_number
from site_builder.problems import Problem, Problems

if TYPE_CHECKING:  # the build itself is imported by the command that builds
    from site_builder.build import BuildReport

# Problems the pre-print checklist lists again, with the fix for print: shown once, there.
IN_CHECKLIST = frozenset({"sample.unedited", "glossary.unused"})

FAILURES = ("content-errors", "render-failed", "interrupted", "internal")


def summary_counts(problems: Problems, lang: str) -> str:
    errors = nclause("counts.errors", len(problems.errors))
    warnings = nclause("counts.warnings", len(problems.warnings))
    return text("counts", lang, errors=errors, warnings=warnings)


def format_seconds(seconds: float, lang: str = "vi") -> str:
    """One decimal, written the site's way: 1.84 -> "1,8" (vi), "1.8" (en)."""
    return format_number(seconds, lang, 1)


def build_done(report: BuildReport, output: Path, lang: str) -> str:
    """`Xong: 28 bản ghi, 27 trang HTML, 26 trang PDF, 6,7 giây (0 lỗi, 0 cảnh báo) → …/output`."""
    return text(
        "build.done",
        lang,
        unchanged=clause("build.unchanged") if report.up_to_date else "",
        records=nclause("counts.records", report.records),
        pages=nclause("counts.html-pages", report.pages),
        pdf_pages=nclause("counts.pdf-pages", report.pdf_pages),
        seconds=format_seconds(report.seconds, lang),
        counts=summary_counts(report.problems, lang),
        output=output,
    )


def failure_line(failure: str, lang: str, kept: bool, problems: Problems | None = None, detail: str = "") -> str:
    """Why a run stopped (one of FAILURES); `kept`: an earlier output exists and is left as it was."""
    assert failure in FAILURES, failure
    suffix = "" if kept else ".fresh"
    counts = summary_counts(problems or Problems(), lang)
    return text(f"run.{failure}{suffix}", lang, counts=counts, detail=detail)


def has_previous_output(output: Path) -> bool:
    """Whether an earlier build left something in `output` (so a failed build keeps it)."""
    try:
        return output.is_dir() and any(output.iterdir())
    except OSError:
        return False


def check_line(problems: Problems, lang: str, strict: bool = False) -> str:
    key = "check.failed" if problems.has_errors(strict) else "check.ok"
    return text(key, lang, counts=summary_counts(problems, lang))


def for_print(problems: Problems) -> Problems:
    """The problems `check --print` shows above its checklist (not those the checklist repeats)."""
    return Problems([p for p in problems if p.code not in IN_CHECKLIST])


def print_ready(shown: Problems, items: list[Problem] | None, strict: bool = False) -> bool:
    return items == [] and not shown.has_errors(strict)


def print_line(shown: Problems, items: list[Problem] | None, lang: str, strict: bool = False) -> str:
    """`Sẵn sàng in …` or `Chưa sẵn sàng in: còn N việc …`."""
    if print_ready(shown, items, strict):
        return text("check.print-ready", lang)
    listed = Problems([*shown, *(items or ())])  # the checklist's items are counted as the lines say
    return text("check.print-left", lang, items=len(items or ()), counts=summary_counts(listed, lang))
