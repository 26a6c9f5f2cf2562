"""Case 2: hostile and surprising YAML, through the whole loader on tiny sites."""

from __future__ import annotations

import pytest

from site_builder.problems import Problems
from site_builder.sources.yamlsafe import MAX_DEPTH, YamlFailure, load_yaml
from tests.hardening.helpers import CONFERENCE, codes, load, messages, site_with

PAGE = "content/pages/gioi-thieu.md"


def page(front: str, body: str = "Thân bài.\n") -> str:
    return f"---\n{front}---\n{body}"


def billion_laughs(levels: int = 9) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_duplicate_key_is_an_error_naming_both_lines(tmp_path):
    _, problems = load(site_with(tmp_path, {PAGE: page("title: Một\ntitle: Hai\n")}))
    assert messages(problems) == [
        f"{PAGE}:3:1: error: the field “title” is written twice (first on line 2); keep only one"
    ]


def test_billion_laughs_is_refused_at_the_first_anchor(tmp_path):
    # Refused before any alias is expanded; time and memory are measured in bench/bench_hostile_yaml.py.
    site = site_with(tmp_path, {"content/glossary.yaml": billion_laughs()})
    _, problems = load(site)
    (error,) = problems.errors
    assert (error.code, error.loc.path, error.loc.line) == ("yaml.alias", "content/glossary.yaml", 1)


@pytest.mark.parametrize(
    "text",
    ["[" * 5000 + "]" * 5000, "{a: " * 5000 + "b" + "}" * 5000],
    ids=["nested-lists", "nested-mappings"],
)
def test_deep_nesting_is_an_error_not_a_recursion_crash(tmp_path, text):
    # Whichever stops first, libyaml's own depth limit or ours, it is our too-deep problem.
    _, problems = load(site_with(tmp_path, {"content/glossary.yaml": "x: " + text + "\n"}))
    (error,) = problems.errors
    assert error.code == "yaml.too-deep" and error.loc.line == 1
    assert "40" in error.message("vi") and "YAML sai cú pháp" not in error.message("vi")


def test_a_parser_stopping_deep_nesting_itself_is_reported_as_too_deep(monkeypatch):
    """Simulate libyaml's own limit (PyYAML >= 6.0.4), whatever its wording: the parser stops with
    a syntax error deep inside the brackets. The problem is `yaml.too-deep` at the bracket that
    crossed our limit, never a syntax error in the parser's words."""
    import yaml

    from site_builder.sources import yamlsafe

    text = "x: " + "[" * 60 + "]" * 60 + "\n"
    mark = yaml.Mark("x.yaml", 50, 0, 50, text, 50)

    def parser_gives_up(self, loader):
        raise yaml.scanner.ScannerError("while scanning", mark, "some wording of any version", mark)

    monkeypatch.setattr(yamlsafe._Builder, "build", parser_gives_up)
    problems = Problems()
    with pytest.raises(YamlFailure):
        load_yaml(text, "x.yaml", problems)
    (problem,) = problems
    assert (problem.code, problem.loc.line, problem.loc.col) == ("yaml.too-deep", 1, 3 + MAX_DEPTH + 1)
    assert "some wording" not in problem.message("vi")


def test_nesting_up_to_the_limit_is_read():
    text = "[" * (MAX_DEPTH - 1) + "x" + "]" * (MAX_DEPTH - 1)
    assert load_yaml(text, "x.yaml", Problems()) is not None


def test_too_many_values_are_refused():
    problems = Problems()
    with pytest.raises(YamlFailure):
        load_yaml("[" + ",".join(["1"] * 100_000) + "]", "x.yaml", problems)
    assert codes(problems) == ["yaml.too-many-nodes"]


def test_a_document_over_the_size_limit_is_refused_before_parsing(tmp_path):
    big = "title: x\n" + "# " + "x" * 1_100_000 + "\n"
    _, problems = load(site_with(tmp_path, {PAGE: page(big)}))
    assert [(p.code, p.loc.path) for p in problems.errors] == [("yaml.too-big", PAGE)]


@pytest.mark.parametrize(
    ("tagged", "shown"),
    [
        ("!!python/object/apply:os.system ['echo hi']", "!!python/object/apply:os.system"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!int 12", "!!int"),
        ("!vi xin chào", "!vi"),
    ],
)
def test_yaml_tags_are_refused_not_silently_dropped(tmp_path, tagged, shown):
    _, problems = load(site_with(tmp_path, {PAGE: page(f"title: {tagged}\n")}))
    (error,) = problems.errors
    assert (error.code, error.loc.line) == ("yaml.tag", 2)
    assert shown in error.format("en")


def test_a_quoted_str_tag_is_plain_text(tmp_path):
    model, problems = load(site_with(tmp_path, {PAGE: page("title: !!str no\n")}))
    assert messages(problems) == []
    assert model.pages[0].title == "no"


@pytest.mark.parametrize(
    "written",
    ["no", "NO", "off", "yes", "On", "2019-08-02", "1e3", "0o17", "0x1F", "10:30", "0123", "1.000", "57.50", "~x",
     ".inf", "null x"],
)  # fmt: skip
def test_yaml_11_values_in_a_text_field_stay_exactly_as_written(tmp_path, written):
    model, problems = load(site_with(tmp_path, {PAGE: page(f"title: {written}\n")}))
    assert messages(problems) == []
    assert model.pages[0].title == written


def test_empty_title_is_required_error_not_none(tmp_path):
    _, problems = load(site_with(tmp_path, {PAGE: page("title: null\n")}))
    assert [(p.code, p.loc.line) for p in problems.errors] == [("field.required", 2)]


def test_bare_vietnamese_and_numeric_looking_glossary_keys_stay_text(tmp_path):
    glossary = "Đ: Đảng\n10:30: giờ họp\n0123: mã\nno: không\n1e3: nghìn\n"
    model, problems = load(site_with(tmp_path, {"content/glossary.yaml": glossary}))
    assert {e.abbr: e.expansion for e in model.glossary} == {
        "Đ": "Đảng",
        "10:30": "giờ họp",
        "0123": "mã",
        "no": "không",
        "1e3": "nghìn",
    }
    assert not problems.errors


TARGETS = "content/terms/2020-2025/targets.yaml"


def target(actual: str, target: str = "1000") -> str:
    return f"- id: ket-nap\n  name: Kết nạp đảng viên\n  unit: đảng viên\n  target: {target}\n  actual: {actual}\n"


def test_thousands_dot_is_an_error_suggesting_the_number(tmp_path):
    _, problems = load(site_with(tmp_path, {TARGETS: target("1.035")}))
    (error,) = problems.errors
    assert (error.code, error.loc.path, error.loc.line, error.loc.col) == ("field.thousands-dot", TARGETS, 5, 11)
    assert "write it without: 1035" in error.format("en")


@pytest.mark.parametrize(
    ("actual", "code"),
    [("1e3", "field.expected-number"), ("0o17", "field.expected-number"), ("57,5", "field.decimal-comma"),
     ("no", "field.expected-number"), ("10:30", "field.expected-number")],
)  # fmt: skip
def test_number_fields_never_guess(tmp_path, actual, code):
    _, problems = load(site_with(tmp_path, {TARGETS: target(actual)}))
    assert [(p.code, p.loc.line) for p in problems.errors] == [(code, 5)]


def test_leading_zero_number_keeps_its_decimal_value(tmp_path):
    model, problems = load(site_with(tmp_path, {TARGETS: target("0123")}))
    assert not problems.errors
    assert str(model.terms[0].targets.items[0].actual) == "123"  # not octal 83


def test_impossible_date_is_an_error_with_a_line_not_a_crash(tmp_path):
    conference = page("title: Họp\ndate: 2021-02-30\nkind: so-ket\n")
    _, problems = load(site_with(tmp_path, {CONFERENCE: conference}))
    assert [(p.code, p.loc.line) for p in problems.errors] == [("field.invalid-date", 3)]


def test_a_date_in_a_text_field_stays_text(tmp_path):
    model, _ = load(site_with(tmp_path, {PAGE: page("title: 2019-08-02\n")}))
    assert model.pages[0].title == "2019-08-02"
