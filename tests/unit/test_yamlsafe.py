"""The strict YAML reader: every scalar stays text, positions kept, traps refused."""

from __future__ import annotations

import pytest

from site_builder.problems import Problems
from site_builder.sources.yamlsafe import YamlFailure, YList, YMap, YStr, load_yaml

PATH = "content/years/2023/targets.yaml"


def read(text: str, first_line: int = 1):
    problems = Problems()
    return load_yaml(text, PATH, problems, first_line=first_line), problems


def fail(text: str, first_line: int = 1) -> list[str]:
    problems = Problems()
    with pytest.raises(YamlFailure):
        load_yaml(text, PATH, problems, first_line=first_line)
    return [p.format() for p in problems]


@pytest.mark.parametrize(
    "written",
    ["no", "NO", "No", "off", "on", "yes", "y", "n", "true", "0123", "0o17", "0x1F", "10:30", "1.035", "1_000",
     "57.50", "2019-08-02", ".inf", "1e3", "null", "~"],
)  # fmt: skip
def test_plain_scalars_stay_exactly_as_written(written):
    data, problems = read(f"value: {written}\n")
    assert type(data["value"]) is YStr
    assert data["value"] == written
    assert not problems.items


def test_values_keep_line_and_column():
    data, _ = read("title: Hội nghị\nitems:\n  - id: a\n    actual: 152\n")
    assert (data.line, data.col) == (1, 1)
    assert (data["title"].line, data["title"].col) == (1, 8)
    assert isinstance(data["items"], YList)
    item = data["items"][0]
    assert isinstance(item, YMap)
    assert (item.line, item.col) == (3, 5)
    assert (item["actual"].line, item["actual"].col) == (4, 13)
    assert data.key_locs["items"] == (2, 1)
    assert item.key_locs["actual"] == (4, 5)


def test_first_line_shifts_positions_for_front_matter():
    data, _ = read("title: A\ndate: 2019-08-02\n", first_line=2)
    assert data["date"].line == 3


def test_quoted_and_plain_scalars_are_told_apart():
    data, _ = read("a: ''\nb:\nc: \"no\"\n")
    assert data["a"] == "" and not data["a"].plain
    assert data["b"] == "" and data["b"].plain
    assert data["c"] == "no" and not data["c"].plain


def test_empty_document_is_none():
    data, problems = read("# only a comment\n")
    assert data is None and not problems.items


def test_duplicate_key_names_both_lines():
    assert fail("title: A\ndate: 2019-08-02\ntitle: B\n") == [
        f"{PATH}:3:1: error: trường “title” được viết hai lần (lần đầu ở dòng 1); chỉ giữ một"
    ]


def test_duplicate_key_in_nested_mapping_under_front_matter_offset():
    text = "attendees:\n  - name: A\n    role: x\n    name: B\n"
    assert fail(text, first_line=2) == [
        f"{PATH}:5:5: error: trường “name” được viết hai lần (lần đầu ở dòng 3); chỉ giữ một"
    ]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("base: &b 1\nother: *b\n", "1:7"),
        ("a: 1\nb: *missing\n", "2:4"),
        ("- &x {a: 1}\n", "1:3"),
        ("a: 3\nb: &anchor [1]\n", "2:4"),
    ],
)
def test_anchors_and_aliases_are_refused(text, where):
    assert fail(text) == [
        f"{PATH}:{where}: error: không dùng neo/bí danh YAML (& và *) trong nội dung; hãy viết đầy đủ giá trị"
    ]


def test_syntax_error_has_position_and_plain_words():
    messages = fail("title: A\n  bad: indent: here\n")
    assert len(messages) == 1
    assert messages[0].startswith(f"{PATH}:2:")
    assert messages[0].endswith(
        ": error: YAML sai cú pháp: dấu hai chấm không đúng chỗ: chữ có dấu “: ” phải đặt trong ngoặc kép"
    )


def test_tab_indentation_is_a_syntax_error_in_plain_words_only():
    """The Vietnamese explanation is enough: no English parser words after it (they read like a crash)."""
    (message,) = fail("a:\n  - x\n\t- y\n")
    assert message.startswith(f"{PATH}:3:1: error: YAML sai cú pháp: có ký tự Tab")
    assert "kỹ thuật" not in message and "tab character" not in message


def test_an_error_no_explanation_fits_keeps_the_parser_words_as_a_technical_note():
    (message,) = fail("%FOO bar\n---\na: 1\n")  # an unknown YAML directive: nothing staff type by mistake
    prefix = f"{PATH}:1:5: error: YAML sai cú pháp: kiểm tra dấu hai chấm, thụt lề và dấu ngoặc kép ở dòng này"
    assert message.startswith(prefix + " (ghi chú kỹ thuật cho người hỗ trợ: ") and message.endswith(")")


def test_two_documents_are_refused():
    assert fail("a: 1\n---\nb: 2\n") == [f"{PATH}:2:1: error: tệp chỉ được chứa một tài liệu YAML (bỏ dòng “---” thừa)"]


def test_complex_key_is_refused():
    assert fail("? [a, b]\n: 1\n") == [f"{PATH}:1:3: error: tên trường phải là chữ đơn giản"]


@pytest.mark.parametrize(
    ("text", "where", "explained"),
    [
        ('a: 1\nb: "abc\nc: 2\n', "2:4", "dấu ngoặc kép mở ở đây chưa được đóng"),
        ("a: [1, 2\nb: 3\n", "1:4", "dấu ngoặc vuông [ mở ở đây chưa được đóng"),
        ("a: 1\n b: 2\n", "2:3", "dấu hai chấm không đúng chỗ"),
        ("a:\n  - x\n\t- y\n", "3:1", "có ký tự Tab"),
        # what staff typed wins over PyYAML's wording: Word's curly quotes, a bare %
        ("title: “Hội nghị: sơ kết”\n", "1:17", "dòng này có dấu ngoặc kép cong"),
        ("- {name: “A”, role: Bí thư: B}\n", "1:3", "dòng này có dấu ngoặc kép cong"),
        ("id: x\nunit: %\n", "2:7", '“%” phải đặt trong ngoặc kép: unit: "%"'),
        ("- {id: x, unit: %}\n", "1:17", "“%” phải đặt trong ngoặc kép"),
    ],
)
def test_syntax_errors_point_where_to_look_and_say_what_to_do(text, where, explained):
    problems = Problems()
    with pytest.raises(YamlFailure):
        load_yaml(text, "x.yaml", problems)
    (message,) = [p.format() for p in problems]
    assert message.startswith(f"x.yaml:{where}: error: YAML sai cú pháp: {explained}")


@pytest.mark.parametrize(
    ("text", "explained"),
    [
        ("title: Hội nghị: sơ kết\n", "yaml.colon"),
        ("title: “Hội nghị: sơ kết”\n", "yaml.curly-quotes"),  # the same error, with Word's quotes
        ('reason: "đạt “trong sạch”": x\n', "yaml.colon"),  # curly quotes inside proper ones are text
        ("unit: %\n", "yaml.percent"),
        ('unit: "%"  @\n', "yaml.bad-start"),
    ],
)
def test_explain_syntax_reads_the_source_line(text, explained):
    """Real parser errors, never PyYAML's wording typed here: a rewording shows up as a failure."""
    problems = Problems()
    with pytest.raises(YamlFailure):
        load_yaml(text, PATH, problems)
    (problem,) = problems
    assert dict(problem.params)["explain"].id == explained
