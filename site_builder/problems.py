"""Problems found in a site, collected per run and printed together.

A `Problem` keeps a message code and its parameters, not a finished sentence,
so the same problem can be shown in Vietnamese or English (see catalogue.py): the
code is the message id in the package catalogue, and a parameter that is itself a
sentence is a `catalogue.Clause`, rendered in the same language.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from site_builder.catalogue import text

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Loc:
    """A position in a site file: site-relative POSIX path, 1-based line and column.

    In a spreadsheet (`sheet` not None) line and column are the cell's row and column, shown
    the way Excel names a cell: `FILE.xlsx:Chỉ tiêu!E7` (a CSV file has no sheet name: `FILE.csv:E7`).
    """

    path: str
    line: int | None = None
    col: int | None = None
    sheet: str | None = None

    def __str__(self) -> str:
        if self.sheet is not None and self.line is not None:
            cell = f"{column_letters(self.col)}{self.line}" if self.col else str(self.line)
            return f"{self.path}:{self.sheet}!{cell}" if self.sheet else f"{self.path}:{cell}"
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)


def column_letters(col: int) -> str:
    """Excel's name of a 1-based column: 1 -> A, 27 -> AA."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True)
class Problem:
    severity: Severity
    code: str
    loc: Loc
    params: tuple[tuple[str, object], ...] = ()

    def message(self, lang: str = "vi") -> str:
        return text(self.code, lang, **dict(self.params))

    def format(self, lang: str = "vi") -> str:
        return f"{self.loc}: {text('severity.' + self.severity, lang)}: {self.message(lang)}"


@dataclass
class Problems:
    """Collector for one run. Never module-level: create one per build."""

    items: list[Problem] = field(default_factory=list)

    def error(self, code: str, loc: Loc, **params: object) -> None:
        self.items.append(Problem("error", code, loc, tuple(params.items())))

    def warning(self, code: str, loc: Loc, **params: object) -> None:
        self.items.append(Problem("warning", code, loc, tuple(params.items())))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    def merge(self, problems: Iterable[Problem]) -> None:
        """Add the problems not already collected: each printed book checks what it prints, and
        a year printed in two books (its term's and its own) must not be reported twice."""
        seen = {repr(p) for p in self.items}  # params may hold lists: compare their text, not hashes
        for problem in problems:
            if repr(problem) not in seen:
                seen.add(repr(problem))
                self.items.append(problem)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def has_errors(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))

    def sorted(self) -> list[Problem]:
        """Stable report order: by file, then position; messages of one file together."""
        return sorted(self.items, key=lambda p: (p.loc.path, p.loc.line or 0, p.loc.col or 0))


class SiteError(Exception):
    """The site has content errors: the build stops before anything is written."""

    def __init__(self, problems: Problems):
        super().__init__(f"{len(problems.errors)} error(s)")
        self.problems = problems


class RenderError(Exception):
    """A theme template or the PDF renderer failed (exit code 3)."""

    def __init__(self, problems: Problems):
        super().__init__(f"{len(problems.errors)} render error(s)")
        self.problems = problems
