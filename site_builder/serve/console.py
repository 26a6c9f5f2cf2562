"""What the terminal shows while serving: each problem once, one line per rebuild."""

from __future__ import annotations

from collections.abc import Callable

from site_builder.catalogue import text
from site_builder.problems import Problems

Say = Callable[[str], None]


class Console:
    """Prints a problem when it appears, not again while it stays; announces recovery."""

    def __init__(self, say: Say, lang: str = "vi"):
        self._say = say
        self.lang = lang  # the site's language when serving started
        self._shown: frozenset[str] = frozenset()
        self._broken = False

    def problems(self, problems: Problems) -> None:
        lines = [p.format(self.lang) for p in problems.sorted()]
        for line in lines:
            if line not in self._shown:
                self._say(line)
        self._shown = frozenset(lines)

    def rebuilt(self, problems: Problems, ok: bool, pages: int, seconds: float) -> None:
        self.problems(problems)
        if ok and self._broken:
            self._say(text("serve.recovered", self.lang))
        elif not ok and not self._broken:
            self._say(text("serve.broken", self.lang))
        if ok and pages:
            self._say(text("serve.rebuilt", self.lang, pages=pages, ms=f"{seconds * 1000:.0f}"))
        self._broken = not ok

    def say(self, line: str) -> None:
        self._say(line)
