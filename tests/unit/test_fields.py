"""Typed schemas (model/fields.py): a dataclass declares the fields, validation returns it typed
or None, and reports every problem of the mapping at its place."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, get_args

import pytest

from site_builder.catalogue import Language
from site_builder.model import records, schemas
from site_builder.model.fields import Fields, field_specs, validate
from site_builder.model.values import Ctx, Slug, Url
from site_builder.problems import Problems
from site_builder.sources.yamlsafe import YMap, load_yaml


@dataclass(frozen=True, kw_only=True)
class Schema(Fields):
    title: str
    date: dt.date
    kind: Literal["so-ket", "tong-ket"] = "so-ket"
    tags: tuple[str, ...] = ()


def check(text: str):
    problems = Problems()
    data = load_yaml(text, "content/x.md", problems, first_line=2)
    values = validate(data, Schema, Ctx("content/x.md", problems))
    return values, [p.format() for p in problems.sorted()]


def test_valid_mapping_types_values_and_fills_defaults():
    values, messages = check("title: Hội nghị\ndate: 2019-08-02\ntags: [a, b]\n")
    assert messages == []
    assert values == Schema(title="Hội nghị", date=dt.date(2019, 8, 2), kind="so-ket", tags=("a", "b"))
    assert isinstance(values.node, YMap) and values.node.line == 2


def test_unknown_field_that_is_a_near_miss_is_an_error():
    values, messages = check("tilte: Hội nghị\ntitle: A\ndate: 2019-08-02\n")
    assert values is not None
    assert messages == [
        "content/x.md:2:1: error: trường “tilte” không có trong mẫu nội dung, có lẽ gõ nhầm: hãy sửa tên trường "
        "thành “title” (nếu để nguyên, giá trị này bị bỏ qua)"
    ]


@pytest.mark.parametrize("key", ["tilte", "Title", "tag", "tagz", "dates", "kinds"])
def test_typos_of_known_fields_are_errors(key):
    _, messages = check(f"title: A\ndate: 2019-08-02\n{key}: x\n")
    assert len(messages) == 1 and ": error: " in messages[0]


def test_an_added_optional_field_near_a_known_one_stays_a_warning():
    _, messages = check("title: A\ndate: 2019-08-02\nsubtitle: B\n")
    assert messages == [
        "content/x.md:4:1: warning: trường “subtitle” không có trong mẫu nội dung; có phải ý bạn là “title”?"
    ]


def test_unknown_field_without_a_close_name():
    _, messages = check("title: A\ndate: 2019-08-02\nxyz: 1\n")
    assert messages == ["content/x.md:4:1: warning: trường “xyz” không có trong mẫu nội dung"]


def test_missing_and_empty_required_fields_are_all_reported():
    values, messages = check("title:\nkind: khac\n")
    assert values is None
    assert messages == [
        "content/x.md:2:1: error: thiếu trường bắt buộc “date”",
        "content/x.md:2:7: error: thiếu trường bắt buộc “title”",
        "content/x.md:3:7: error: “kind” phải là một trong: so-ket, tong-ket; gặp “khac”",
    ]


def test_quoted_empty_required_text_is_empty_not_missing():
    _, messages = check('title: ""\ndate: 2019-08-02\n')
    assert messages == ["content/x.md:2:8: error: “title” không được để trống"]


def test_a_list_where_a_mapping_is_expected():
    problems = Problems()
    data = load_yaml("- a\n- b\n", "content/x.md", problems)
    assert validate(data, Schema, Ctx("content/x.md", problems)) is None
    assert [p.format() for p in problems] == [
        "content/x.md:1:1: error: cần một nhóm trường dạng “tên: giá trị”, nhưng gặp một danh sách"
    ]


def test_an_empty_file_where_a_mapping_is_expected():
    problems = Problems()
    assert validate(None, Schema, Ctx("content/site.yaml", problems)) is None
    assert [p.format() for p in problems] == [
        "content/site.yaml: error: cần một nhóm trường dạng “tên: giá trị”, nhưng gặp tệp trống"
    ]


def test_each_field_reads_its_value_as_its_type_says():
    specs = {spec.name: spec for spec in field_specs(schemas.TargetFields)}
    assert (specs["id"].kind, specs["name"].kind, specs["actual"].kind) == ("slug", "text", "decimal")
    assert specs["id"].required and not specs["id"].nullable
    assert specs["actual"].required and specs["actual"].nullable  # written, may be left empty
    assert not specs["unit"].required and specs["unit"].default is None
    assert specs["direction"].kind == "choice" and specs["direction"].default == "at_least"
    assert specs["sample"].kind == "flag" and specs["sample"].default is False
    conference = {spec.name: spec for spec in field_specs(schemas.ConferenceFields)}
    assert (conference["attendees"].kind, conference["tags"].kind) == ("list[mapping]", "list[text]")
    assert {spec.name: spec.kind for spec in field_specs(schemas.SiteFields)}["base_url"] == "url"


@pytest.mark.parametrize(
    ("schema", "name", "literal"),
    [
        (schemas.ConferenceFields, "kind", records.ConferenceKind),
        (schemas.TargetFields, "direction", records.Direction),
        (schemas.AwardFields, "recipient_kind", records.RecipientKind),
        (schemas.AwardFields, "status", records.AwardStatus),
        (schemas.YearbookFields, "profile", records.Profile),
        (schemas.SiteFields, "language", Language),
    ],
)
def test_choices_are_the_literal_types_values(schema, name, literal):
    spec = next(spec for spec in field_specs(schema) if spec.name == name)
    assert spec.choices == get_args(literal) and spec.choices


def test_every_schema_of_the_contract_has_a_converter_for_every_field():
    found = [obj for obj in vars(schemas).values() if isinstance(obj, type) and issubclass(obj, Fields)]
    assert len(found) >= 12
    for schema in found:
        assert all(callable(spec.convert) for spec in field_specs(schema))


def test_a_field_type_without_a_converter_is_a_programming_error():
    @dataclass(frozen=True, kw_only=True)
    class Odd(Fields):
        ratio: float

    with pytest.raises(TypeError, match="float"):
        field_specs(Odd)


def test_nested_mappings_and_lists_of_mappings_keep_their_own_positions():
    problems = Problems()
    text = "title: A\norganization: B\nyearbook:\n  term: 2020-2025\n  signature:\n    title: BÍ THƯ\n"
    site = validate(
        load_yaml(text, "content/site.yaml", problems), schemas.SiteFields, Ctx("content/site.yaml", problems)
    )
    # The signature misses its required name: it is dropped (reported), the optional
    # `yearbook:` holding it and the site are still read.
    assert site is not None and site.yearbook is not None and site.yearbook.signature is None
    assert site.yearbook.term == "2020-2025"
    assert [p.format() for p in problems] == ["content/site.yaml:6:5: error: thiếu trường bắt buộc “name”"]
    problems = Problems()
    text = "title: A\ndate: 2021-01-14\nkind: so-ket\nattendees:\n  - name: X\n  - role: Y\n"
    fields = validate(load_yaml(text, "c.md", problems), schemas.ConferenceFields, Ctx("c.md", problems))
    assert fields is not None and [a.name for a in fields.attendees] == ["X"]
    assert (fields.attendees[0].node.line, fields.attendees[0].node.col) == (5, 5)
    assert [p.format() for p in problems] == ["c.md:6:5: error: thiếu trường bắt buộc “name”"]


def test_typed_values_of_the_strict_text_kinds():
    problems = Problems()
    text = "id: ty-le\nname: Tỷ lệ\nactual:\n"
    fields = validate(load_yaml(text, "t.yaml", problems), schemas.TargetFields, Ctx("t.yaml", problems))
    assert fields is not None and fields.id == Slug("ty-le") and fields.actual is None and problems.items == []
    site = validate(
        load_yaml("title: A\norganization: B\nbase_url: https://x.vn\n", "s.yaml", problems),
        schemas.SiteFields,
        Ctx("s.yaml", problems),
    )
    assert site is not None and site.base_url == Url("https://x.vn/") and site.theme == "default"
    assert site.language == "vi"
