"""The Jinja environment pages are rendered in (render/environment.py): strict, escaping,
in the site's language, with the theme's texts, filters and escape hatches."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import jinja2
import pytest
from markupsafe import Markup

from site_builder.model.records import GlossaryEntry
from site_builder.problems import Loc, Problems
from site_builder.render.environment import css_percent, make_environment
from site_builder.sources.themes import resolve_theme


def environment(site: Path, lang: str = "vi", theme: str = "default") -> jinja2.Environment:
    found = resolve_theme(site, theme, Problems())
    assert found is not None
    return make_environment(found, lang)


def write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")


def test_an_undefined_name_is_an_error_not_an_empty_string(tmp_path):
    with pytest.raises(jinja2.UndefinedError):
        environment(tmp_path).from_string("{{ titel }}").render(title="x")


def test_values_are_escaped_and_safe_markup_is_not(tmp_path):
    page = environment(tmp_path).from_string("{{ a }}|{{ b|safe }}").render(a="<b>&</b>", b="<i>x</i>")
    assert page == "&lt;b&gt;&amp;&lt;/b&gt;|<i>x</i>"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", "Trang chủ · 3.281 · 101,3% · 3 hội nghị, sự kiện"),
        ("en", "Home · 3,281 · 101.3% · 3 conferences and events"),
    ],
)
def test_texts_and_number_filters_follow_the_language(tmp_path, lang, expected):
    count = 'ngettext("conferences.count", "conferences.count", 3)'
    source = '{{ _("nav.home") }} · {{ 3281|number }} · {{ n|percent }} · {{ ' + count + " }}"
    page = environment(tmp_path, lang).from_string(source).render(n=Decimal("101.25"))
    assert page == expected


def test_a_text_the_catalogue_lacks_is_an_error(tmp_path):
    with pytest.raises(Exception, match="khong-co-dau"):
        environment(tmp_path).from_string('{{ _("khong-co-dau") }}').render()


def test_abbr_marks_the_pages_glossary_entries_in_plain_text(tmp_path):
    glossary = (GlossaryEntry("ĐV", "đảng viên", Loc("content/glossary.yaml", 1)),)
    template = environment(tmp_path).from_string("{{ role|abbr }}")
    assert (
        template.render(role="152 ĐV <mới>", abbreviations=glossary)
        == '152 <abbr title="đảng viên">ĐV</abbr> &lt;mới&gt;'
    )
    assert template.render(role="ĐV", abbreviations=()) == "ĐV"


@pytest.mark.parametrize(
    ("value", "width"), [(Decimal("57.5"), "57.5%"), (130, "100%"), (-4, "0%"), (Decimal("33.333"), "33.3%")]
)
def test_css_percent_is_a_clamped_width_with_a_dot(value, width):
    assert css_percent(value) == width


def test_the_theme_prefix_reaches_the_template_an_override_replaces(tmp_path):
    write(tmp_path / "templates/partials/status.html", '[{% include "theme:partials/status.html" %}]')
    page = environment(tmp_path).get_template("partials/status.html").render(status="dat")
    assert page.startswith('[<span class="status status--dat">') and page.rstrip().endswith("]")
    assert "status--dat" in environment(tmp_path).get_template("default:partials/status.html").render(status="dat")


def test_a_template_that_is_not_utf8_is_a_template_error_with_its_line(tmp_path):
    latin1 = b"d\xf2ng hai\n"  # as an old editor saves it
    write(tmp_path / "templates/hong.html", "dòng một\n".encode() + latin1)
    with pytest.raises(jinja2.TemplateSyntaxError) as caught:
        environment(tmp_path).get_template("hong.html")
    assert caught.value.lineno == 2 and "UTF-8" in caught.value.message
    assert caught.value.filename == str(tmp_path.resolve() / "templates/hong.html")


def test_the_theme_configuration_and_language_are_globals(tmp_path):
    write(tmp_path / "themes/rieng/theme.yaml", "extends: default\nfavicon: rieng.svg\n")
    env = environment(tmp_path, "en", "rieng")
    assert env.globals["lang"] == "en"
    assert env.globals["theme_config"]["favicon"] == "rieng.svg"
    assert env.globals["theme_config"]["stylesheets"]  # the built-in theme's, inherited


def _texts_env(remembered: bool) -> jinja2.Environment:
    from site_builder.catalogue import Catalogue, ThemeText
    from site_builder.render.environment import OPTIONS, remembered_gettext

    messages = {"a.plain": ("Đạt <b>",), "a.percent": ("Đạt 100%%",), "a.named": ("Của %(who)s, 100%%",)}
    words = ThemeText((Catalogue(Path("theme.po"), "vi", messages, lambda n: 0),))
    env = jinja2.Environment(**OPTIONS)  # type: ignore[arg-type]
    env.install_gettext_callables(words.gettext, words.ngettext, newstyle=True)  # type: ignore[attr-defined]
    if remembered:
        env.globals["gettext"] = env.globals["_"] = remembered_gettext(env.globals["gettext"], words)
    return env


SOURCE = (
    '{{ _("a.plain") }}|{{ _("a.percent") }}|{{ gettext("a.percent") }}|{{ _("a.named", who="<i>") }}|'
    '{{ _("a.plain") ~ "<" }}|'
    '{% autoescape false %}{{ _("a.named", who="<i>") }}|{{ _("a.plain") }}{% endautoescape %}|'
    '{% trans %}a.percent{% endtrans %}|{{ _("a.percent") }}'
)


def test_theme_texts_made_once_are_the_i18n_extensions_own():
    page = _texts_env(True).from_string(SOURCE).render()
    assert page == _texts_env(False).from_string(SOURCE).render()
    # A theme's text is markup; its parameters are escaped, except where autoescape is off.
    assert page == "Đạt <b>|Đạt 100%|Đạt 100%|Của &lt;i&gt;, 100%|Đạt <b>&lt;|Của <i>, 100%|Đạt <b>|Đạt 100%|Đạt 100%"


def test_the_theme_texts_a_page_shows_are_remembered_per_environment(tmp_path):
    env = environment(tmp_path)
    template = env.from_string('{{ _("nav.skip") }}')
    assert template.render() == template.render() != ""
    assert env.globals["_"] is env.globals["gettext"]


def test_abbr_remembers_a_text_only_while_the_glossary_is_the_same(tmp_path):
    template = environment(tmp_path).from_string("{{ role|abbr }}")
    first = (GlossaryEntry("ĐV", "đảng viên", Loc("g.yaml")),)
    other = (GlossaryEntry("ĐV", "đoàn viên", Loc("g.yaml")),)
    marked = '<abbr title="{}">ĐV</abbr> trẻ'
    assert template.render(role="ĐV trẻ", abbreviations=first) == marked.format("đảng viên")
    assert template.render(role="ĐV trẻ", abbreviations=first) == marked.format("đảng viên")
    assert template.render(role="ĐV trẻ", abbreviations=other) == marked.format("đoàn viên")
    assert template.render(role="ĐV trẻ", abbreviations=()) == "ĐV trẻ"
    assert template.render(role=Markup("ĐV <b>"), abbreviations=first) == marked.format("đảng viên")[:-4] + " &lt;b&gt;"


def test_the_environments_own_functions_say_what_they_read_so_pages_depend_on_names_only(tmp_path):
    from site_builder.render.template_deps import TemplateDeps

    env = environment(tmp_path)
    env.loader = jinja2.DictLoader({"p.html": '{{ _("nav.skip") }}{{ role|abbr }}{{ ngettext("a", "b", n) }}'})
    found = TemplateDeps(env).variables("p.html")
    assert found is not None and {"role", "abbreviations", "n"} <= found
