"""Counting what nested `<use>` elements of an SVG would draw, without drawing anything.

Each id's own element count and the ids its `<use>` elements name are known from one
pass over the file (sources/svg.py); the expanded size of an id is then its count plus
the expanded sizes of what it uses, memoised, so a "use bomb" of 10^8 elements costs a
few dozen additions. A cycle, or a chain deeper than the limit, is an `ExpansionError`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


class ExpansionError(Exception):
    def __init__(self, code: str, ref: str):
        super().__init__(code)
        self.code, self.ref = code, ref


@dataclass
class UseExpansion:
    """Elements one <use> of an id draws, memoised per id; cycles and over-deep chains raise."""

    defined: dict[str, tuple[int, Counter[str]]]  # id -> (elements inside it, ids its <use>s name)
    max_depth: int
    memo: dict[str, int] = field(default_factory=dict)
    open: set[str] = field(default_factory=set)

    def size(self, ref: str, depth: int) -> int:
        """Elements drawn by one <use> of `ref` (0 for an id that does not exist: nothing drawn)."""
        if ref in self.memo or ref not in self.defined:
            return self.memo.get(ref, 0)
        if ref in self.open:
            raise ExpansionError("svg.use-cycle", ref)
        if depth > self.max_depth:
            raise ExpansionError("svg.use-too-deep", ref)
        self.open.add(ref)
        nodes, refs = self.defined[ref]
        total = nodes + sum(n * self.size(inner, depth + 1) for inner, n in refs.items())
        self.open.discard(ref)
        self.memo[ref] = total
        return total
