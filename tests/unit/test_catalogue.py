"""The text catalogues: every id used exists in every language with the same placeholders,
no entry is dead, a broken catalogue is an error, and a theme can override entries."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import get_args

import pytest

from site_builder.catalogue import (
    LANGS,
    CatalogueError,
    Clause,
    catalogue_path,
    clause,
    load_catalogue,
    nclause,
    ntext,
    package_catalogue,
    text,
    theme_text,
)
from site_builder.model.records import CONFERENCE_KINDS, RecipientKind
from site_builder.problems import Loc, Problem, Problems
from site_builder.render.environment import make_environment
from site_builder.sources.themes import BUILTIN_ROOT, resolve_theme

PACKAGE = Path(__file__).resolve().parents[2] / "site_builder"
THEME = BUILTIN_ROOT / "default"
PY_FILES = sorted(PACKAGE.rglob("*.py"))
TEMPLATES = sorted(p for p in (THEME / "templates").rglob("*") if p.is_file())

# Calls whose first argument is a package catalogue id, and the one whose is a theme id.
PACKAGE_CALLS = {"text", "ntext", "clause", "nclause", "say", "template", "error", "warning", "ScaffoldError"}
THEME_CALLS = {"ui"}

# Ids built at run time (an f-string or a concatenation): where each family comes from.
DYNAMIC_PACKAGE = {
    r"run\.[a-z-]+(\.fresh)?": "summary.failure_line: why a build stopped, with or without an earlier output",
    r"scaffold\.exists(-several)?(-none-made)?": "scaffold._exists_key",
    r"clause\.guess\.[a-z0-9-]+": "sources/text._guess_clause",
    r"severity\.(error|warning)": "Problem.format",
    r"weekday\.[0-6]": "formatting.format_weekday",
    r"recipient\.(collective|individual)": "charts/figures: the awards chart's legend",
    r"cli\.(cmd|examples)\.[a-z-]+": "cli_click.command_help",
    r"changes\.(label|field|status)\.[a-z_-]+": "yearbook/changes: a record's kind, a field's name, a status",
    r"changes\.(added|removed|changed)": "yearbook/changes.describe: what happened to a record",
    r"changes\.status\.[a-z-]+": "sheets/export.derived: the status column of an exported sheet",
    r"sheet\.(column|help|choice|choices|name|expected)\.[a-z_.-]+": "sheets/export, layout, table, cells: per field",
    r"sheet\.title\.(targets|awards)-(year|term)": "sheets/export.sheet_title",
    r"scaffold\.sheet-(targets|awards)": "scaffold_sheets.sheet_plan: the blank sheets' titles",
}
DYNAMIC_THEME = {  # prefix ~ value in templates: every value the model allows must have an entry
    "kind.": CONFERENCE_KINDS,
    "status.": ("vuot", "dat", "khong-dat", "unknown", "no-data", "partial"),
    "recipient.": get_args(RecipientKind),
}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def py_calls(names: set[str]) -> set[str]:
    """First string arguments of calls to `names` (as a function or a method) in the package."""
    found = set()
    for path in PY_FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            first = node.args[0]
            if name in names and isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.add(first.value)
    return found


def py_string_literals() -> set[str]:
    return {
        node.value
        for path in PY_FILES
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def template_ids() -> tuple[set[str], set[str]]:
    """(ids, prefixes) the templates ask for with _("…"), ngettext("…", …) and _("prefix." ~ x)."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in TEMPLATES)
    ids = set(re.findall(r"""\b(?:_|ngettext)\(\s*"([a-z0-9.-]+[a-z0-9])"\s*[,)]""", source))
    prefixes = set(re.findall(r"""\b_\(\s*"([a-z-]+\.)"\s*~""", source))
    return ids, prefixes


def theme_catalogue(lang: str):
    return load_catalogue(catalogue_path(THEME / "locales", lang, "theme"))


def ui_keys() -> set[str]:
    """Crumb(ui_key="…") in the page plan: theme ids the breadcrumbs and nav show."""
    return set(re.findall(r'ui_key="([a-z0-9.-]+)"', (PACKAGE / "pages/plan.py").read_text(encoding="utf-8")))


# --- every id used exists, in every language ---------------------------------------


def test_the_scans_find_what_they_look_for():
    assert {"field.required", "progress.records", "cli.usage", "scaffold.bad-kind"} <= py_calls(PACKAGE_CALLS)
    ids, prefixes = template_ids()
    assert {"nav.home", "targets.tally", "conferences.count"} <= ids
    assert prefixes == set(DYNAMIC_THEME)
    assert "yearbook.glossary" in py_calls(THEME_CALLS)


@pytest.mark.parametrize("lang", LANGS)
def test_every_package_id_used_in_the_code_is_in_the_catalogue(lang):
    missing = py_calls(PACKAGE_CALLS) - set(package_catalogue(lang).messages)
    assert missing == set()


@pytest.mark.parametrize("lang", LANGS)
def test_every_theme_id_used_is_in_the_default_theme_catalogue(lang):
    ids, _ = template_ids()
    used = ids | py_calls(THEME_CALLS) | ui_keys()
    used |= {prefix + value for prefix, values in DYNAMIC_THEME.items() for value in values}
    assert used - set(theme_catalogue(lang).messages) == set()


@pytest.mark.parametrize(("name", "load"), [("package", package_catalogue), ("theme", theme_catalogue)])
def test_every_language_has_the_same_ids_and_placeholders(name, load):
    vi, en = load("vi").messages, load("en").messages
    assert set(vi) == set(en)
    for key in vi:
        in_vi = {p for form in vi[key] for p in PLACEHOLDER.findall(form)}
        in_en = {p for form in en[key] for p in PLACEHOLDER.findall(form)}
        assert in_vi == in_en, key


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("name", "load"), [("package", package_catalogue), ("theme", theme_catalogue)])
def test_every_entry_is_a_valid_percent_template(name, load, lang):
    # A stray "%" (not "%%", not "%(name)s") would fail when the text is shown.
    for forms in load(lang).messages.values():
        for form in forms:
            form % {name: "x" for name in PLACEHOLDER.findall(form)}  # raises on a bad template


def test_one_concept_has_the_same_words_in_both_catalogues():
    for lang in LANGS:
        package, theme = package_catalogue(lang).messages, theme_catalogue(lang).messages
        shared = set(package) & set(theme)
        assert {"year.label", "status.unknown", "recipient.collective"} <= shared
        assert {key: package[key] for key in shared} == {key: theme[key] for key in shared}


# --- no dead entries ------------------------------------------------------------------


def test_every_package_entry_is_used():
    literals = py_string_literals()
    dead = {
        key
        for key in package_catalogue("vi").messages
        if key not in literals and not any(re.fullmatch(p, key) for p in DYNAMIC_PACKAGE)
    }
    assert dead == set()


def test_every_theme_entry_is_used():
    ids, _ = template_ids()
    used = ids | py_calls(THEME_CALLS) | ui_keys()
    dead = {
        key
        for key in theme_catalogue("vi").messages
        if key not in used and not any(key.startswith(prefix) for prefix in DYNAMIC_THEME)
    }
    assert dead == set()


# --- loading ------------------------------------------------------------------------------


def test_a_missing_catalogue_is_an_error_not_an_empty_one(tmp_path):
    with pytest.raises(CatalogueError):
        load_catalogue(tmp_path / "nothing.po")


@pytest.mark.parametrize(
    "content",
    ["", 'msgid "a"\nmsgstr "x"\nnonsense here\n', 'msgid "a"\nmsgstr ""\n', b"\xff\xfe not utf-8"],
    ids=["empty", "syntax", "untranslated", "encoding"],
)
def test_a_broken_catalogue_is_an_error(tmp_path, content):
    path = tmp_path / "broken.po"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(CatalogueError):
        load_catalogue(path)


def test_an_unknown_id_is_an_error_not_the_id_itself():
    with pytest.raises(CatalogueError):
        text("no.such-id")
    with pytest.raises(CatalogueError):
        theme_text((THEME,), "en").gettext("no.such-id")


def test_an_edited_catalogue_is_read_again(tmp_path):
    path = tmp_path / "x.po"
    path.write_text('msgid "a"\nmsgstr "one"\n', encoding="utf-8")
    assert load_catalogue(path).get("a") == "one"
    path.write_text('msgid "a"\nmsgstr "two, longer"\n', encoding="utf-8")
    assert load_catalogue(path).get("a") == "two, longer"


# --- rendering ------------------------------------------------------------------------------


def test_clauses_are_rendered_in_the_language_of_the_message():
    reason = clause("date.day", month=2, year=2023, days=28)
    problem = Problem("error", "field.invalid-date", Loc("a.yaml", 1, 1), (("value", "2023-02-30"), ("reason", reason)))
    assert problem.message("vi") == "“2023-02-30” không phải ngày có thật trên lịch (tháng 2 năm 2023 chỉ có 28 ngày)"
    assert problem.message("en") == "“2023-02-30” is not a real calendar date (month 2 of 2023 has only 28 days)"


def test_problem_format_in_both_languages():
    problem = Problem("error", "field.required", Loc("content/site.yaml", 1, 1), (("field", "title"),))
    assert problem.format("vi") == "content/site.yaml:1:1: error: thiếu trường bắt buộc “title”"
    assert problem.format("en") == "content/site.yaml:1:1: error: the required field “title” is missing"


def test_english_counts_are_plural_sensitive_and_vietnamese_has_one_form():
    assert ntext("counts.errors", 1, "en") == "1 error"
    assert ntext("counts.errors", 2, "en") == "2 errors"
    assert ntext("counts.errors", 1, "vi") == ntext("counts.errors", 1, "vi") == "1 lỗi"
    both = text("counts", "en", errors=nclause("counts.errors", 1), warnings=nclause("counts.warnings", 0))
    assert both == "1 error, 0 warnings"


def test_a_literal_percent_and_a_brace_survive():
    assert text("yaml.percent", "vi") == '“%” phải đặt trong ngoặc kép: unit: "%"'
    assert "dấu ngoặc nhọn { mở ở đây" in text("yaml.brace", "vi")
    assert text("markdown.footnote-back", "en") == "Back to the text of footnote %d"  # Markdown fills %d


@pytest.mark.parametrize("lang", LANGS)
def test_every_problem_renders_without_its_parameters(lang):
    # A report must never crash on a parameter a caller left out.
    for code in py_calls({"error", "warning"}):
        assert Problem("error", code, Loc("x")).message(lang).strip()


def test_a_site_theme_overrides_one_entry_and_inherits_the_rest(tmp_path):
    theme = tmp_path / "themes/rieng"
    (theme / "templates").mkdir(parents=True)
    (theme / "theme.yaml").write_text("name: rieng\n", encoding="utf-8")
    po = catalogue_path(theme / "locales", "en", "theme")
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "nav.home"\nmsgstr "Start"\n', encoding="utf-8")
    problems = Problems()
    resolved = resolve_theme(tmp_path, "rieng", problems)
    assert not problems.items and resolved is not None
    env = make_environment(resolved, "en")
    rendered = env.from_string('{{ _("nav.home") }} | {{ _("nav.terms") }} | {{ _("targets.tally", met=3, total=5) }}')
    assert rendered.render() == "Start | Terms | 3 of 5 targets met or exceeded"
    vi = make_environment(resolved, "vi").from_string('{{ _("nav.home") }}').render()
    assert vi == "Trang chủ"  # no vi override: the default theme's


def test_theme_texts_escape_their_parameters_and_count():
    env = make_environment(resolve_theme(PACKAGE, "default", Problems()), "en")
    out = env.from_string('{{ _("photo.credit", credit="<b>") }} {{ ngettext("conferences.count", "x", 1) }}')
    assert out.render() == "Photo: &lt;b&gt; 1 conference or event"
    with pytest.raises(CatalogueError):
        env.from_string('{{ _("nav.hom") }}').render()  # a misspelt id in a template is an error


def test_clause_is_a_value_a_frozen_problem_can_hold():
    assert hash(Problem("error", "x", Loc("a"), (("reason", Clause("date.month", (("month", 13),))),)))
