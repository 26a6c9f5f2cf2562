"""Which pages must be rendered again: a digest of everything each page is made from.

A page's signature covers its address, its template and the sources of every
template that one uses (render/template_deps.py), the theme's settings, and the
*values* it is given: its own context and the context shared by every page.
Records, derived figures (a term's conference count, a year's default title),
rendered bodies with their resolved links, neighbours, charts: whatever a
context holds is digested as it is, so nothing is listed by hand and a new
context value can never leave a page stale. Two renders give a page the same
signature only when they would give it the same HTML. The full model is shared
with every template; a page whose templates read `model` depends on all of it.

Values are digested from their pickle (C speed, value-faithful: equal bytes
mean equal values; written without the memo, equal values give equal bytes
too). The big records (conferences, years, terms, pages, target and award sets)
are digested once per render and stand as their digest wherever they recur, so
the year every conference page shows costs one digest, not forty; which types
get this treatment changes the speed only, never the result. A page body stands as the seed
of what its HTML is made from (Loaded.body_seeds: its source's cache key, which covers the
glossary and renderer, and what resolving its links changed) and its page's address.
Nothing here reads files or writes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import operator
import os
import pickle
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from markupsafe import Markup

from site_builder.model.records import AwardSet, Conference, Page, PersonEntry, SiteModel, TargetSet, Term, Year
from site_builder.pages.plan import Crumb, PageBody, PageSpec
from site_builder.render.template_deps import TemplateDeps

# Shared-context entries left out of the shared digest: code (urls) and the model, which
# counts only for pages whose templates read it.
NOT_DIGESTED = ("model", "urls")
SHARED_RECORDS = (Conference, Year, Term, Page, TargetSet, AwardSet)
_ATOMS = frozenset({str, Markup, int, float, bool, type(None)})
# Values that never hold a shared record (a page's body and breadcrumbs, the people index): pickled
# without `reducer_override`, whose call per object (in Python) is most of what signing them costs.
# Same bytes either way.
_PLAIN = frozenset({PageBody, Crumb, PersonEntry})
# What the fields of a plain value may hold and be pickled as they are (no call per object).
_LEAVES = frozenset({*_ATOMS, dt.date})
_DATES = frozenset({dt.date, type(None)})
_SHORT = 64  # texts up to this length are memoised: the few distinct short ones recur on every page


class _Fields:
    """Marks a dataclass written as its fields (Digester._flat); never made."""


class _Columns:
    """Marks a tuple of one dataclass written column by column (Digester._flat); never made."""


class _Ordinals:
    """Marks a column of dates (or None) written as day numbers (Digester._flat); never made."""


def _stands_for(digest: bytes) -> None:
    """Stands in for a record inside another value's pickle; never called."""
    raise AssertionError("a digest reference is never unpickled")


class _Pickler(pickle.Pickler):
    def __init__(self, buffer: io.BytesIO, digester: Digester, root: object):
        super().__init__(buffer, protocol=5)
        # No memo: an object met twice is written twice, so the bytes depend on the values
        # alone, never on which equal values happen to be one object (a record read from the
        # cache shares fewer strings than one just parsed). Contexts hold no cycles.
        self.fast = True
        self._digester = digester
        self._root = root

    def reducer_override(self, obj: object) -> Any:
        if obj is not self._root and isinstance(obj, SHARED_RECORDS):
            return _stands_for, (self._digester.of(obj),)
        return NotImplemented


class Digester:
    """Digests of values, memoised by identity for one render (the values outlive it).

    `body_seeds` (Loaded.body_seeds: record path -> what its body's HTML is made from) let a page
    body be digested by its seed and address, not by its HTML (a third of signing at 10,000)."""

    def __init__(self, body_seeds: Mapping[str, str] | None = None) -> None:
        self.memo: dict[int, tuple[bytes, object]] = {}  # by id; the object is kept so its id stays unique
        self._body_seeds = body_seeds or {}
        self._fields: dict[type, Callable[[Any], tuple[object, ...]] | None] = {}  # dataclass -> its fields

    def of(self, value: object) -> bytes:
        hit = self.memo.get(id(value))
        if hit is not None:
            return hit[0]
        kind = type(value)
        if kind in _ATOMS:  # text and numbers: no pickling (the type counts: Markup is not str)
            text = value if kind is str or kind is Markup else repr(value)
            data = f"{kind.__name__}\0{text}".encode("utf-8", "surrogatepass")
            digest = hashlib.blake2b(data, digest_size=16).digest()
            if kind is str and len(data) < _SHORT:  # a page's section, met on thousands of pages
                self.memo[id(value)] = (digest, value)
            return digest
        key = id(value)
        # Breadcrumbs item by item: the crumbs every page of a year shares are digested once.
        if kind is tuple and isinstance(value, tuple) and value and _PLAIN.issuperset(map(type, value)):
            digest = hashlib.blake2b(b"tuple\0" + b"".join(map(self.of, value)), digest_size=16).digest()
        elif kind is PageBody and isinstance(value, PageBody) and value.path in self._body_seeds:
            data = f"PageBody\0{self._body_seeds[value.path]}\0{value.page_url}".encode("utf-8", "surrogatepass")
            digest = hashlib.blake2b(data, digest_size=16).digest()
        else:
            digest = self._pickled(value)
        self.memo[key] = (digest, value)
        return digest

    def _pickled(self, value: object) -> bytes:
        buffer = io.BytesIO()
        try:
            if _plain(value):
                pickler = pickle.Pickler(buffer, protocol=5)
                pickler.fast = True  # as _Pickler: no memo, so equal values give equal bytes
                pickler.dump(self._flat(value))
            else:
                _Pickler(buffer, self, value).dump(value)
            return hashlib.blake2b(buffer.getvalue(), digest_size=16).digest()
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return os.urandom(16)  # cannot be digested: never equal, so always rendered

    def _flat(self, value: object) -> object:
        """A plain value as tuples and leaves: the same value for the pickle, cheaper to write.

        A dataclass becomes its fields; a tuple of one dataclass whose fields hold leaves (a
        person's mentions: 35,000 at 10,000 conferences, most of signing) becomes its columns,
        with dates as day numbers: pickling a dataclass or a date writes its class, looked up
        again for each object. Anything else is left as it is. Equal values give equal results
        and unequal ones unequal results: each form starts with a marker class that no value
        holds."""
        kind = type(value)
        if kind is not tuple or not isinstance(value, tuple):
            getter = None if kind in _LEAVES else self._getter(kind)
            if getter is None:
                return value
            items = getter(value)
            return (_Fields, kind, items if _LEAVES.issuperset(map(type, items)) else tuple(map(self._flat, items)))
        kinds = set(map(type, value))
        if _LEAVES.issuperset(kinds):
            return value
        getter = self._getter(kinds.pop()) if len(kinds) == 1 else None
        if getter is None:
            return tuple(map(self._flat, value))
        columns: list[object] = []
        for column in zip(*map(getter, value), strict=True):  # rows of one dataclass: one length
            held = set(map(type, column))
            if not _LEAVES.issuperset(held):
                return tuple(map(self._flat, value))
            columns.append((_Ordinals, tuple(map(_ordinal, column))) if dt.date in held <= _DATES else column)
        return (_Columns, type(value[0]), len(value), tuple(columns))

    def _getter(self, kind: type) -> Callable[[Any], tuple[object, ...]] | None:
        if kind not in self._fields:
            self._fields[kind] = _field_getter(kind)
        return self._fields[kind]

    def body(self, path: str, html: str) -> bytes:
        """A rendered body (Loaded.bodies[path]) without its page: by its seed when it has one."""
        seed = self._body_seeds.get(path)
        if seed is None:
            return self.of(html)
        return hashlib.blake2b(f"Body\0{seed}".encode("utf-8", "surrogatepass"), digest_size=16).digest()

    def seed(self, value: object, digest: bytes) -> None:
        """Let `digest` stand for `value` (which must be made from what the digest covers)."""
        self.memo[id(value)] = (digest, value)


def _ordinal(day: dt.date | None) -> int | None:
    return None if day is None else day.toordinal()


def _field_getter(kind: type) -> Callable[[Any], tuple[object, ...]] | None:
    """The values of every field of a dataclass, in order; None for another type, or a dataclass
    that pickles itself its own way (its pickle could hold more than its fields)."""
    own = ("__reduce__", "__reduce_ex__", "__getstate__")
    if not dataclasses.is_dataclass(kind) or any(getattr(kind, n, None) is not getattr(object, n, None) for n in own):
        return None
    names = [f.name for f in dataclasses.fields(kind)]
    if len(names) < 2:  # attrgetter of one name gives the value itself, not a tuple
        return None
    return operator.attrgetter(*names)


def _plain(value: object) -> bool:
    """Whether `value` is a _PLAIN record or a tuple of them and atoms."""
    if type(value) is tuple and isinstance(value, tuple):  # the second for mypy: a subclass is no tuple here
        return all(type(item) in _PLAIN or type(item) in _ATOMS for item in value)
    return type(value) in _PLAIN


def seed_records(digester: Digester, model: SiteModel, tokens: Mapping[str, str] | None) -> None:
    """Digest each conference and free page by its file instead of its pickle: each is made from
    its own file alone (path and content; the program is in the render's key), so the file's
    content hash (`tokens`: site-relative path -> hash) says all its value can. An unchanged
    page then costs a dictionary lookup per record it holds. Without tokens, nothing is seeded.

    The people index is digested by its value, not by the terms and conferences it is made from:
    most edits of a conference leave it as it was, and its page (a link per mention) is then
    not rendered again."""
    if tokens is None:
        return
    records: list[Conference | Page] = [*model.conferences, *model.pages]
    for record in records:
        token = tokens.get(record.path)
        if token is not None:
            data = f"{type(record).__name__}\0{record.path}\0{token}".encode()
            digester.seed(record, hashlib.blake2b(data, digest_size=16).digest())


def page_signatures(
    specs: Iterable[PageSpec],
    common: Mapping[str, object],
    deps: TemplateDeps,
    environment: str,
    digester: Digester | None = None,
) -> dict[str, str]:
    """out_path -> signature for every spec; `environment` digests the theme's settings and language.

    Only the context names the page's templates read count (Jinja finds every name a template
    uses; an unknowable template reads them all): a conference page holds its year but shows
    nothing of it, so another conference of that year does not touch it.
    """
    digester = digester or Digester()
    heads: dict[str, tuple[frozenset[str] | None, bytes]] = {}
    keys: dict[str, bytes] = {}
    of, memo = digester.of, digester.memo
    found: dict[str, str] = {}
    for spec in specs:
        template = spec.template
        head = heads.get(template)
        if head is None:
            head = heads[template] = _head(template, common, deps, environment, digester)
        names, parts = head[0], [spec.url.encode("utf-8", "surrogatepass"), head[1]]
        for key, value in spec.context.items():
            if names is None or key in names:
                name = keys.get(key)
                if name is None:
                    name = keys[key] = key.encode() + b"\0"
                hit = memo.get(id(value))  # Digester.of's first step, inline: most values are met before
                parts.append(name)
                parts.append(hit[0] if hit is not None else of(value))
        found[spec.out_path] = hashlib.blake2b(b"".join(parts), digest_size=16).hexdigest()
    return found


def _head(
    template: str, common: Mapping[str, object], deps: TemplateDeps, environment: str, digester: Digester
) -> tuple[frozenset[str] | None, bytes]:
    """(the names `template` reads, what every page drawn by it is signed with besides its address
    and context: the template, its sources, the settings and the shared context it reads)."""
    names = deps.variables(template)
    used = {k: v for k, v in common.items() if k not in NOT_DIGESTED and (names is None or k in names)}
    model = digester.of(common.get("model")) if names is None or "model" in names else b""
    fixed = "".join(f"\0{part}" for part in (template, deps.signature(template), environment))
    return names, fixed.encode() + b"\0" + digester.of(used) + model


def value_signature(*values: object, digester: Digester | None = None) -> str:
    """One digest of several values (the PDF's inputs, the environment's settings)."""
    digester = digester or Digester()
    digest = hashlib.blake2b(digest_size=16)
    for value in values:
        digest.update(digester.of(value))
    return digest.hexdigest()
