"""WeasyPrint's log is its error channel: listen to it for the length of one render.

WeasyPrint never fails on bad CSS, a missing image or a missing glyph: it logs
them. `capture()` attaches a handler to the "weasyprint" logger that turns each
WARNING-or-worse record into a problem (a missing glyph is an error: the book
would print a blank box), and optionally reports layout progress every ten pages
from the "weasyprint.progress" logger. Both handlers are removed afterwards.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from site_builder.problems import Loc, Problems

_PAGE = re.compile(r"Creating layout - Page (\d+)$")
MAX_DETAIL = 300


class ProblemHandler(logging.Handler):
    def __init__(self, problems: Problems, loc: Loc):
        super().__init__(logging.WARNING)
        self.problems, self.loc = problems, loc

    def emit(self, record: logging.LogRecord) -> None:
        detail = record.getMessage().strip()
        if "refused: " in detail:
            return  # already reported by the fetcher as pdf.fetch-refused
        detail = detail if len(detail) <= MAX_DETAIL else detail[: MAX_DETAIL - 1] + "…"
        if ".notdef glyph" in detail:
            self.problems.error("pdf.missing-glyph", self.loc, detail=detail)
        else:
            self.problems.warning("pdf.warning", self.loc, detail=detail)


class ProgressHandler(logging.Handler):
    """Calls `progress` once per `every` laid-out pages."""

    def __init__(self, progress: Callable[[str], None], label: Callable[[int], str], every: int = 10):
        super().__init__(logging.INFO)
        self.progress, self.label, self.every = progress, label, every

    def emit(self, record: logging.LogRecord) -> None:
        match = _PAGE.search(record.getMessage())
        if match and int(match.group(1)) % self.every == 0:
            self.progress(self.label(int(match.group(1))))


@contextmanager
def capture(problems: Problems, loc: Loc, progress: ProgressHandler | None = None) -> Iterator[None]:
    main = logging.getLogger("weasyprint")
    steps = logging.getLogger("weasyprint.progress")
    handler, old_level = ProblemHandler(problems, loc), steps.level
    main.addHandler(handler)
    if progress is not None:
        steps.addHandler(progress)
        steps.setLevel(logging.INFO)
    try:
        yield
    finally:
        main.removeHandler(handler)
        if progress is not None:
            steps.removeHandler(progress)
            steps.setLevel(old_level)
