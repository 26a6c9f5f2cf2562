"""What each page template pulls in, found by parsing: the closure and its digest.

A page must be rendered again when any template it uses changed: its own file,
or one it extends, includes or imports (with the `theme:`/`default:` prefixes
resolving to other files than the bare name). `signature(name)` digests the
sources of that closure as the environment resolves them, so adding a site
override of a partial changes the signature of exactly the templates using it.

A name built at render time (`{% include "x/" ~ y %}`) cannot be known: such
a template depends on every template file on the search path. Nothing here
writes; one instance per Jinja environment.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import MutableMapping
from pathlib import Path

import jinja2
import jinja2.nodes
from jinja2 import meta

PREFIXES = ("theme:", "default:")


def _marker() -> None: ...


# How Jinja marks "hand me the context": read from a function it marked, not from its private enum.
_GIVEN_CONTEXT = vars(jinja2.pass_context(_marker)).get("jinja_pass_arg")


def bare_name(name: str) -> str:
    for prefix in PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


# A template file's analysis, kept by the digest of its source: the templates it names
# (None for a name built at render time) and every name it loads; None when it does not parse.
Analysis = list[list[str | None]] | None


class TemplateDeps:
    def __init__(self, env: jinja2.Environment, known: MutableMapping[str, Analysis] | None = None):
        """`known` keeps analyses between runs (build: .cache/site-builder/templates.json)."""
        self.env = env
        self.known: MutableMapping[str, Analysis] = known if known is not None else {}
        self._closures: dict[str, frozenset[str] | None] = {}
        self._sources: dict[str, tuple[str, str] | None] = {}  # name -> (file, source)
        self._signatures: dict[str, str] = {}
        self._variables: dict[str, frozenset[str] | None] = {}  # per closure
        self._everything: str | None = None

    def closure(self, name: str) -> frozenset[str] | None:
        """`name` and every template it uses (prefixes kept); None when not knowable."""
        if name not in self._closures:
            self._closures[name] = None  # guards against cycles while computing
            self._closures[name] = self._compute(name)
        return self._closures[name]

    def bare_closure(self, name: str) -> frozenset[str] | None:
        found = self.closure(name)
        return None if found is None else frozenset(bare_name(n) for n in found)

    def signature(self, name: str) -> str:
        """Digest of the sources of `name`'s closure (of every template file when not knowable)."""
        if name not in self._signatures:
            closure = self.closure(name)
            if closure is None:
                self._signatures[name] = self.everything()
            else:
                digest = hashlib.blake2b(digest_size=16)
                for member in sorted(closure):
                    found = self._source(member)
                    digest.update(f"{member}\0{found[1] if found else '(missing)'}\0".encode())
                self._signatures[name] = digest.hexdigest()
        return self._signatures[name]

    def variables(self, name: str) -> frozenset[str] | None:
        """Context names read anywhere in `name`'s closure (and by context-reading filters); None when
        not knowable (a name built at render time, a missing or broken template, or a filter handed
        the whole context without saying what it reads)."""
        if name not in self._variables:
            self._variables[name] = self._variables_of(self.closure(name))
        return self._variables[name]

    def _variables_of(self, closure: frozenset[str] | None) -> frozenset[str] | None:
        extra = self._context_names
        if closure is None or extra is None:
            return None
        found: set[str] = set(extra)
        for member in closure:
            names = self._names_of(member)
            if names is None:
                return None
            found |= names
        return frozenset(found)

    def _names_of(self, member: str) -> frozenset[str] | None:
        found = self._analysis(member)
        return None if found is None else frozenset(name for name in found[1] if name is not None)

    def _analysis(self, name: str) -> Analysis:
        """[templates named, names loaded] of one template file, parsed only when not known."""
        source = self._source(name)
        if source is None:
            return None  # missing or undecodable: rendering reports it
        key = hashlib.blake2b(source[1].encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        if key not in self.known:
            try:
                ast = self.env.parse(source[1])
            except jinja2.TemplateSyntaxError:
                return None  # rendering reports it
            # Every name the template loads: a superset of the context names it reads (its own
            # loop variables too), found without compiling it (meta.find_undeclared_variables).
            loaded = {n.name for n in ast.find_all(jinja2.nodes.Name) if n.ctx == "load"}
            self.known[key] = [list(meta.find_referenced_templates(ast)), list[str | None](sorted(loaded))]
        return self.known[key]

    @functools.cached_property
    def _context_names(self) -> frozenset[str] | None:
        """The names read by our filters, tests and globals that are handed the template context:
        each declares them in `reads_context` (None when one does not: it could read any name).
        Jinja's own (`map`, `select`, ...) only pass the context on to other filters and tests."""
        found: set[str] = set()
        for function in [*self.env.filters.values(), *self.env.tests.values(), *self.env.globals.values()]:
            if getattr(function, "jinja_pass_arg", None) is not _GIVEN_CONTEXT:
                continue
            if getattr(function, "__module__", "").startswith("jinja2."):
                continue
            declared = getattr(function, "reads_context", None)
            if declared is None:
                return None
            found.update(declared)
        return frozenset(found)

    def everything(self) -> str:
        """Digest of every template file on the environment's search path."""
        if self._everything is None:
            digest = hashlib.blake2b(digest_size=16)
            for index, folder in enumerate(_search_dirs(self.env)):
                for path in sorted(Path(folder).rglob("*")):
                    if path.is_file():
                        digest.update(f"{index}:{path.relative_to(folder).as_posix()}\0".encode())
                        digest.update(hashlib.blake2b(path.read_bytes(), digest_size=16).digest())
            self._everything = digest.hexdigest()
        return self._everything

    def _source(self, name: str) -> tuple[str, str] | None:
        if name not in self._sources:
            try:
                if self.env.loader is None:
                    raise jinja2.TemplateNotFound(name)  # an environment without templates
                source, filename, _ = self.env.loader.get_source(self.env, name)
                self._sources[name] = (filename or "", source)
            except jinja2.TemplateError:
                self._sources[name] = None  # missing or undecodable: rendering reports it
        return self._sources[name]

    def _compute(self, name: str) -> frozenset[str] | None:
        found_ = self._analysis(name)
        if found_ is None:
            return frozenset({name})  # rendering reports it
        found = {name}
        for child in found_[0]:
            sub = self.closure(child) if child is not None else None
            if sub is None:
                return None
            found |= sub
        return frozenset(found)


def _search_dirs(env: jinja2.Environment) -> list[str]:
    """Every folder any of the environment's loaders searches (prefixed loaders included)."""
    found: list[str] = []
    pending = [env.loader]
    while pending:
        loader = pending.pop()
        if isinstance(loader, jinja2.FileSystemLoader):
            found.extend(str(p) for p in loader.searchpath)
        elif isinstance(loader, jinja2.ChoiceLoader):
            pending.extend(loader.loaders)
        elif isinstance(loader, jinja2.PrefixLoader):
            pending.extend(loader.mapping.values())
    return list(dict.fromkeys(found))
