"""Which pages a change touches, decided from the model's dependency map.

A page is rendered again when
  - it is new, or its template or its list of source records changed
    (a record joined or left a listing, a neighbour changed);
  - a changed file is one of its sources, before or after the change
    (`PageSpec.sources`, planned from the model in pages/plan.py);
  - a changed template is its template or one that template extends,
    includes or imports (found by parsing the templates, see `TemplateDeps`).
Pages that disappeared are deleted. Nothing here reads content or writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import jinja2
from jinja2 import meta

from site_builder.pages.plan import PageSpec

PREFIXES = ("theme:", "default:")


@dataclass(frozen=True)
class Classified:
    """Changed site files sorted by what they feed."""

    content: frozenset[str]  # content/... (records, media, site.yaml)
    templates: frozenset[str]  # template names, e.g. "partials/footer.html"
    static: frozenset[str]  # theme assets, site-relative paths
    theme_config: bool  # a theme.yaml changed: every page, new environment

    @property
    def theme_changed(self) -> bool:
        return bool(self.templates or self.static or self.theme_config)


def classify(paths: Iterable[str]) -> Classified:
    content: set[str] = set()
    templates: set[str] = set()
    static: set[str] = set()
    theme_config = False
    for path in paths:
        parts = path.split("/")
        if parts[0] == "content":
            content.add(path)
        elif parts[0] == "templates" and len(parts) > 1:
            templates.add("/".join(parts[1:]))
        elif parts[0] == "themes" and len(parts) > 3 and parts[2] == "templates":
            templates.add("/".join(parts[3:]))
        elif parts[0] == "themes" and len(parts) > 3 and parts[2] == "static":
            static.add(path)
        elif parts[0] == "themes" and parts[-1] == "theme.yaml":
            theme_config = True
    return Classified(frozenset(content), frozenset(templates), frozenset(static), theme_config)


def bare_name(name: str) -> str:
    for prefix in PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


class TemplateDeps:
    """The templates each page template pulls in (extends, include, import), by parsing.

    One instance per Jinja environment. A name built at render time
    (`{% include "x/" ~ y %}`) cannot be known: such a template depends on all.
    """

    def __init__(self, env: jinja2.Environment):
        self.env = env
        self._memo: dict[str, frozenset[str] | None] = {}

    def closure(self, name: str) -> frozenset[str] | None:
        """Bare names of `name` and everything it uses; None when not knowable."""
        if name not in self._memo:
            self._memo[name] = None  # guards against cycles while computing
            self._memo[name] = self._compute(name)
        return self._memo[name]

    def _compute(self, name: str) -> frozenset[str] | None:
        try:
            source, _, _ = self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]
            children = list(meta.find_referenced_templates(self.env.parse(source)))
        except jinja2.TemplateError:
            return frozenset({bare_name(name)})  # render_pages reports it
        found = {bare_name(name)}
        for child in children:
            sub = self.closure(child) if child is not None else None
            if sub is None:
                return None
            found |= sub
        return frozenset(found)

    def uses_any(self, name: str, changed: frozenset[str]) -> bool:
        if not changed:
            return False
        closure = self.closure(name)
        return closure is None or bool(closure & changed)


def pages_to_render(
    new: Sequence[PageSpec],
    old: Mapping[str, PageSpec],
    content: frozenset[str],
    template_hit: frozenset[str],
) -> list[PageSpec]:
    """The specs of `new` that must be rendered again; `template_hit` holds template names."""
    selected: list[PageSpec] = []
    for spec in new:
        prev = old.get(spec.out_path)
        if (
            prev is None
            or prev.template != spec.template
            or prev.sources != spec.sources
            or not content.isdisjoint(spec.sources)
            or not content.isdisjoint(prev.sources)
            or spec.template in template_hit
        ):
            selected.append(spec)
    return selected


def templates_hit(deps: TemplateDeps, specs: Iterable[PageSpec], changed: frozenset[str]) -> frozenset[str]:
    """The page templates affected by the changed template names."""
    return frozenset(t for t in {s.template for s in specs} if deps.uses_any(t, changed))


def removed_pages(new: Iterable[PageSpec], old: Mapping[str, PageSpec]) -> list[str]:
    kept = {s.out_path for s in new}
    return sorted(p for p in old if p not in kept)
