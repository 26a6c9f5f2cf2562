"""What loading learnt from one file alone, kept so the next build need not learn it again.

A conference is made from its own file (path and content) and nothing else, and so are the
facts the checks need of a text: how deeply a body nests, how deeply its HTML nests, its
folded form for the duplicate check. `LoadMemo` holds what an earlier build learnt (`known`,
given only for files whose content hash still matches: output/load_store.py decides that) and
collects what this build learns (`made`), so an edit build validates the edited files only.

Facts are keyed by a digest of the text they were computed from, so a fact can only ever be
asked for the text it belongs to. Each text is digested once per build, however many facts are
asked of it (a body's nesting depth, its folded form, its abbreviations); a text made from one
file alone is keyed by that file's content hash instead, and not digested at all. Without a memo (tests,
`check` with no cache) every value is computed as before; a memo changes speed, never a result.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from site_builder.model.records import Conference
from site_builder.problems import Problem

# path -> (the conference, or None when its file is invalid; the problems met making it)
ConferenceEntry = tuple[Conference | None, tuple[Problem, ...]]
Fact = int | str


def text_key(kind: str, text: str) -> str:
    """The key of a fact of kind `kind` about `text`."""
    return f"{kind}:{_digest(text)}"


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


@dataclass
class LoadMemo:
    known: dict[str, ConferenceEntry] = field(default_factory=dict)  # by path, content hashes checked
    facts: dict[str, Fact] = field(default_factory=dict)  # by text_key
    made: dict[str, ConferenceEntry] = field(default_factory=dict)  # learnt by this build
    used_facts: set[str] = field(default_factory=set)  # facts asked for by this build (kept; others go)
    replaced: set[str] = field(default_factory=set)  # facts this build kept anew under their key (`put`)
    # text -> its digest, for this build: a text's hash is kept by the string itself, so finding
    # it again costs far less than digesting it again
    digests: dict[str, str] = field(default_factory=dict)
    # site-relative path -> content hash of every file of the site (output/load_store.py), for `key`
    tokens: Mapping[str, str] = field(default_factory=dict)

    def conference(self, path: str, make: Callable[[], ConferenceEntry]) -> ConferenceEntry:
        hit = self.known.get(path)
        if hit is None:
            hit = self.made[path] = make()
        return hit

    def key(self, kind: str, text: str, path: str | None = None) -> str:
        """`text_key(kind, text)`, digesting `text` only the first time. With `path`, `text` must be
        made from that file alone (a body, a conference's fields): while the file's content hash
        is known (`tokens`), it stands for the text, which is then not digested at all."""
        if path is not None and (key := self._file_key(kind, path)) is not None:
            return key
        digest = self.digests.get(text)
        if digest is None:
            digest = self.digests[text] = _digest(text)
        return f"{kind}:{digest}"

    def _file_key(self, kind: str, path: str) -> str | None:
        token = self.tokens.get(path)
        return None if token is None else f"{kind}:file:{token[:32]}"  # 128 bits name a content well enough

    def fact(self, kind: str, text: str, compute: Callable[[str], Fact], path: str | None = None) -> Fact:
        """`compute(text)`, kept under `key(kind, text, path)`."""
        key = self.key(kind, text, path)
        self.used_facts.add(key)
        found = self.facts.get(key)
        if found is None:
            found = self.facts[key] = compute(text)
        return found

    def file_fact(self, kind: str, path: str, text: Callable[[], str], compute: Callable[[str], Fact]) -> Fact:
        """`fact(kind, text(), compute, path)`, making the text only when it is needed."""
        key = self._file_key(kind, path)
        if key is None:
            return self.fact(kind, text(), compute)
        self.used_facts.add(key)
        found = self.facts.get(key)
        if found is None:
            found = self.facts[key] = compute(text())
        return found

    def get(self, key: str) -> Fact | None:
        """The fact kept under `key` (made by `key`), for a caller that must check it is still
        true: kept for the next build only when `put` again."""
        return self.facts.get(key)

    def put(self, key: str, value: Fact) -> None:
        """Keep `value` under `key` for the next build (replacing what was kept)."""
        if self.facts.get(key, value) != value:
            self.replaced.add(key)
        self.facts[key] = value
        self.used_facts.add(key)


def memo_fact(
    memo: LoadMemo | None, kind: str, text: str, compute: Callable[[str], Fact], path: str | None = None
) -> Fact:
    """`compute(text)`, through `memo` when there is one (`path`: see `LoadMemo.key`)."""
    return compute(text) if memo is None else memo.fact(kind, text, compute, path)
