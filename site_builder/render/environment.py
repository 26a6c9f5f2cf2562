"""The Jinja environment for the HTML pages.

Autoescaping and StrictUndefined are on: content is data, never template
source, and a misspelt variable is an error, not an empty string. Templates are
searched along the theme's folders; the `theme:` prefix skips the site's own
overrides (so `templates/partials/footer.html` can extend
"theme:partials/footer.html"), and `default:` reaches the built-in theme.

Every word the templates show comes from the theme's catalogue through
`jinja2.ext.i18n` with newstyle gettext: `{{ _("nav.home") }}`,
`{{ _("targets.tally", met=3, total=5) }}`, `{{ ngettext("conferences.count",
"conferences.count", n) }}` (ids, not source text; `%%` for a literal percent).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from site_builder.catalogue import ThemeText, text, theme_text
from site_builder.markup.abbr import mark_abbreviations
from site_builder.render.code_cache import TemplateCodeCache, code_folder
from site_builder.render.filters import make_filters
from site_builder.sources.themes import Theme


def css_percent(value: Decimal | int | float) -> str:
    """A width for CSS, clamped to 0..100 with a dot decimal: Decimal("57.5") -> "57.5%"."""
    number = min(max(Decimal(str(value)), Decimal(0)), Decimal(100))
    return f"{number.quantize(Decimal('0.1')).normalize():f}%"


class TemplateFileLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader whose undecodable files are template errors with file and line.

    Jinja would let a bare UnicodeDecodeError escape from every render that includes
    the file; as a TemplateSyntaxError it reaches the usual `template.error` report.
    """

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError as exc:
            path = self._find(template)
            data = path.read_bytes() if path else b""
            line = data.count(b"\n", 0, exc.start) + 1
            message = text("template.not-utf8", offset=exc.start)
            raise jinja2.TemplateSyntaxError(message, line, template, str(path) if path else None) from None

    def _find(self, template: str) -> Path | None:
        parts = jinja2.loaders.split_template_path(template)
        candidates = (Path(folder, *parts) for folder in self.searchpath)
        return next((c for c in candidates if c.is_file()), None)


def make_loader(theme: Theme) -> jinja2.BaseLoader:
    """Search path lookup plus the `theme:` and `default:` escape hatches."""
    main = TemplateFileLoader([str(d) for d in theme.template_dirs])
    prefixed = jinja2.PrefixLoader(
        {
            "theme": TemplateFileLoader([str(d) for d in theme.theme_template_dirs]),
            "default": TemplateFileLoader([str(d) for d in theme.builtin_template_dirs]),
        },
        delimiter=":",
    )
    return jinja2.ChoiceLoader([prefixed, main])


def make_abbr() -> Callable[..., Markup]:
    """The `abbr` filter: `{{ person.role|abbr }}`, glossary abbreviations in a plain text field
    marked up as the bodies' are. The entries come from the page's `abbreviations` (the site's
    glossary). The same roles, hosts and captions come back page after page, so each text's
    markup is kept while the entries are the very same object (every page's, in a build)."""
    made: dict[str, Markup] = {}
    held: list[object] = [None]  # the entries `made` was made with

    @jinja2.pass_context
    def abbr(context: jinja2.runtime.Context, value: object) -> Markup:
        entries = context.get("abbreviations") or ()
        if type(value) is not str:
            return mark_abbreviations(value, entries)
        if entries is not held[0]:
            made.clear()
            held[0] = entries
        found = made.get(value)
        if found is None:
            found = made[value] = mark_abbreviations(value, entries)
        return found

    # What a page using it depends on, read back by render/template_deps.py.
    # attr-defined: an attribute of our own on the function object.
    abbr.reads_context = ("abbreviations",)  # type: ignore[attr-defined]
    return abbr


def remembered_gettext(installed: Callable[..., str], words: ThemeText) -> Callable[..., str]:
    """The i18n extension's newstyle `gettext` (`installed`), with each text without variables
    made once per environment: a page calls `_()` about 30 times, and each call went through
    three context calls (the `_` alias, gettext, the catalogue) and a `Markup %`.

    The result is the extension's own: with autoescape, Markup(text) % variables (so `%%` is
    `%`); a template part with autoescape off is handed to the extension itself. `_` is this
    same function (the extension's `_` looks `gettext` up in the context on every call).
    """
    made: dict[str, Markup] = {}

    @jinja2.pass_context
    def gettext(context: jinja2.runtime.Context, string: str, /, **variables: Any) -> str:
        if variables or not context.eval_ctx.autoescape:
            return installed(context, string, **variables)
        found = made.get(string)
        if found is None:
            found = made[string] = Markup(words.gettext(string)) % {}
        return found

    # What a page using it depends on (render/template_deps.py): no name of the page's context.
    # attr-defined: an attribute of our own on the function object.
    gettext.reads_context = ()  # type: ignore[attr-defined]
    return gettext


# What changes the code a template compiles to (part of the compiled-code cache's key).
OPTIONS = {
    "extensions": ["jinja2.ext.i18n"],
    "autoescape": True,
    "undefined": jinja2.StrictUndefined,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
}


def make_environment(theme: Theme, lang: str, user_cache: Path | None = None) -> jinja2.Environment:
    """The environment for `theme` in `lang`; with `user_cache` (the user's own cache folder,
    never the site's), compiled templates are kept there between builds (code_cache.py)."""
    env = jinja2.Environment(
        loader=make_loader(theme),
        # Templates never change during one environment's life (serve makes a new one on
        # template edits), so skip the per-include stat() that auto_reload costs.
        auto_reload=False,
        bytecode_cache=TemplateCodeCache(code_folder(user_cache, OPTIONS)) if user_cache is not None else None,
        **OPTIONS,  # type: ignore[arg-type]  # a dict of several value types
    )
    env.filters.update(make_filters(lang))
    env.filters["css_percent"] = css_percent
    env.filters["abbr"] = make_abbr()
    words = theme_text(theme.folders, lang)
    # attr-defined: the i18n extension adds this method to the environment when it is made.
    env.install_gettext_callables(words.gettext, words.ngettext, newstyle=True)  # type: ignore[attr-defined]
    installed = env.globals["gettext"]
    assert callable(installed)  # the extension's, installed just above
    env.globals["gettext"] = env.globals["_"] = remembered_gettext(installed, words)
    env.globals["lang"] = lang
    env.globals["theme_config"] = dict(theme.config)
    env.extend(site_theme=theme, theme_text=words)
    return env
