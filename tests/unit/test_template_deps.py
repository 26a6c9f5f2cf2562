"""What a page's template depends on (render/template_deps.py): every template it extends,
includes or imports, the context names they read, and a digest that changes with any of them."""

from __future__ import annotations

import jinja2

from site_builder.render.environment import make_abbr
from site_builder.render.template_deps import TemplateDeps

TEMPLATES = {
    "page.html": '{% extends "base.html" %}{% block main %}{{ title }}{% include "part.html" %}{% endblock %}',
    "base.html": '{% import "macros.html" as m %}<main>{% block main %}{% endblock %}</main>{{ m.foot(site) }}',
    "part.html": "{% for p in people %}{{ p.name }}{% endfor %}",
    "macros.html": "{% macro foot(s) %}{{ s.title }}{% endmacro %}",
    "dynamic.html": "{% include name ~ '.html' %}",
    "role.html": "{{ role|abbr }}",
    "broken.html": "{% if %}",
}


def deps(templates: dict[str, str], known: dict | None = None) -> TemplateDeps:
    env = jinja2.Environment(loader=jinja2.DictLoader(templates))
    env.filters["abbr"] = make_abbr()
    return TemplateDeps(env, known)


def test_a_pages_closure_holds_every_template_it_uses():
    assert deps(TEMPLATES).closure("page.html") == {"page.html", "base.html", "part.html", "macros.html"}


def test_the_names_read_in_the_closure_are_found_without_rendering():
    found = deps(TEMPLATES).variables("page.html")
    assert found is not None and {"title", "people", "site"} <= found and "role" not in found


def test_a_filter_that_reads_the_context_adds_the_names_it_declares():
    found = deps(TEMPLATES).variables("role.html")
    assert found is not None and {"role", "abbreviations"} <= found


def test_a_template_named_at_render_time_or_broken_is_not_knowable():
    tracked = deps(TEMPLATES)
    assert tracked.closure("dynamic.html") is None and tracked.variables("dynamic.html") is None
    assert tracked.variables("broken.html") is None


def test_the_signature_changes_with_any_template_of_the_closure_only():
    before = deps(TEMPLATES).signature("page.html")
    assert (
        deps({**TEMPLATES, "macros.html": "{% macro foot(s) %}{{ s.organization }}{% endmacro %}"}).signature(
            "page.html"
        )
        != before
    )
    assert deps({**TEMPLATES, "role.html": "{{ role }}"}).signature("page.html") == before


def test_analyses_are_kept_by_content_for_the_next_run():
    known: dict = {}
    deps(TEMPLATES, known).variables("page.html")
    assert len(known) == 4  # one per template file of the closure
    again = deps(TEMPLATES, known)
    again.env.parse = None  # a kept analysis is not parsed again
    assert again.variables("page.html") is not None
