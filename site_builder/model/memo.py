"""What loading learnt from one file alone, kept so the next build need not learn it again.

A conference is made from its own file (path and content) and nothing else, and so are the
facts the checks need of a text: how deeply a body nests, how deeply its HTML nests, its
folded form for the duplicate check. `LoadMemo` holds what an earlier build learnt (`known`,
given only for files whose content hash still matches: output/load_store.py decides that) and
collects what this build learns (`made`), so an edit build validates the edited files only.

Facts are keyed by a digest of the text they were computed from, so a fact can only ever be
asked for the text it belongs to. Without a memo (tests, `check` with no cache) every value is
computed as before; a memo changes speed, never a result.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from site_builder.model.records import Conference
from site_builder.problems import Problem

# path -> (the conference, or None when its file is invalid; the problems met making it)
ConferenceEntry = tuple[Conference | None, tuple[Problem, ...]]
Fact = int | str


def text_key(kind: str, text: str) -> str:
    """The key of a fact of kind `kind` about `text`."""
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    return f"{kind}:{digest}"


@dataclass
class LoadMemo:
    known: dict[str, ConferenceEntry] = field(default_factory=dict)  # by path, content hashes checked
    facts: dict[str, Fact] = field(default_factory=dict)  # by text_key
    made: dict[str, ConferenceEntry] = field(default_factory=dict)  # learnt by this build
    used_facts: set[str] = field(default_factory=set)  # facts asked for by this build (kept; others go)

    def conference(self, path: str, make: Callable[[], ConferenceEntry]) -> ConferenceEntry:
        hit = self.known.get(path)
        if hit is None:
            hit = self.made[path] = make()
        return hit

    def fact(self, kind: str, text: str, compute: Callable[[str], Fact]) -> Fact:
        key = text_key(kind, text)
        self.used_facts.add(key)
        found = self.facts.get(key)
        if found is None:
            found = self.facts[key] = compute(text)
        return found


def memo_fact(memo: LoadMemo | None, kind: str, text: str, compute: Callable[[str], Fact]) -> Fact:
    """`compute(text)`, through `memo` when there is one."""
    return compute(text) if memo is None else memo.fact(kind, text, compute)
