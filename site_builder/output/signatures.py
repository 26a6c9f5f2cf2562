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

import hashlib
import io
import os
import pickle
from collections.abc import Iterable, Mapping
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
        self._memo: dict[int, tuple[bytes, object]] = {}  # the object is kept so its id stays unique
        self._body_seeds = body_seeds or {}

    def of(self, value: object) -> bytes:
        kind = type(value)
        if kind in _ATOMS:  # text and numbers: no pickling, no memo (the type counts: Markup is not str)
            text = value if kind is str or kind is Markup else repr(value)
            data = f"{kind.__name__}\0{text}".encode("utf-8", "surrogatepass")
            return hashlib.blake2b(data, digest_size=16).digest()
        key = id(value)
        hit = self._memo.get(key)
        if hit is not None:
            return hit[0]
        # Breadcrumbs item by item: the crumbs every page of a year shares are digested once.
        if kind is tuple and isinstance(value, tuple) and value and all(type(item) in _PLAIN for item in value):
            digest = hashlib.blake2b(b"tuple\0" + b"".join(map(self.of, value)), digest_size=16).digest()
        elif kind is PageBody and isinstance(value, PageBody) and value.path in self._body_seeds:
            data = f"PageBody\0{self._body_seeds[value.path]}\0{value.page_url}".encode("utf-8", "surrogatepass")
            digest = hashlib.blake2b(data, digest_size=16).digest()
        else:
            digest = self._pickled(value)
        self._memo[key] = (digest, value)
        return digest

    def _pickled(self, value: object) -> bytes:
        buffer = io.BytesIO()
        try:
            if _plain(value):
                pickler = pickle.Pickler(buffer, protocol=5)
                pickler.fast = True  # as _Pickler: no memo, so equal values give equal bytes
                pickler.dump(value)
            else:
                _Pickler(buffer, self, value).dump(value)
            return hashlib.blake2b(buffer.getvalue(), digest_size=16).digest()
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return os.urandom(16)  # cannot be digested: never equal, so always rendered

    def seed(self, value: object, digest: bytes) -> None:
        """Let `digest` stand for `value` (which must be made from what the digest covers)."""
        self._memo[id(value)] = (digest, value)


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
    shared: dict[str, bytes] = {}
    found: dict[str, str] = {}
    for spec in specs:
        names = deps.variables(spec.template)
        if spec.template not in shared:
            used = {k: v for k, v in common.items() if k not in NOT_DIGESTED and (names is None or k in names)}
            model = digester.of(common.get("model")) if names is None or "model" in names else b""
            shared[spec.template] = digester.of(used) + model
        digest = hashlib.blake2b(digest_size=16)
        for part in (spec.url, spec.template, deps.signature(spec.template), environment):
            digest.update(part.encode() + b"\0")
        digest.update(shared[spec.template])
        for key, value in spec.context.items():
            if names is None or key in names:
                digest.update(key.encode() + b"\0" + digester.of(value))
        found[spec.out_path] = digest.hexdigest()
    return found


def value_signature(*values: object, digester: Digester | None = None) -> str:
    """One digest of several values (the PDF's inputs, the environment's settings)."""
    digester = digester or Digester()
    digest = hashlib.blake2b(digest_size=16)
    for value in values:
        digest.update(digester.of(value))
    return digest.hexdigest()
