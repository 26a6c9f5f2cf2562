"""Splitting a Markdown record into front matter and body, keeping line numbers."""

from __future__ import annotations

from site_builder.sources.frontmatter import split_front_matter


def test_front_matter_and_body_with_their_lines():
    split = split_front_matter("---\ntitle: A\ndate: 2019-08-02\n---\nĐoạn một.\n\nĐoạn hai.\n")
    assert split.yaml_text == "title: A\ndate: 2019-08-02\n"
    assert split.yaml_line == 2
    assert split.body == "Đoạn một.\n\nĐoạn hai.\n"
    assert split.body_line == 5
    assert split.closed


def test_no_front_matter():
    split = split_front_matter("# Tiêu đề\n\nNội dung\n")
    assert split.yaml_text is None
    assert split.body == "# Tiêu đề\n\nNội dung\n"


def test_unclosed_front_matter_is_flagged():
    split = split_front_matter("---\ntitle: A\nNội dung\n")
    assert not split.closed


def test_closing_with_dots_and_trailing_spaces():
    split = split_front_matter("---  \ntitle: A\n...\nThân bài\n")
    assert split.yaml_text == "title: A\n"
    assert split.body == "Thân bài\n"
    assert split.body_line == 4


def test_a_later_horizontal_rule_stays_in_the_body():
    split = split_front_matter("---\ntitle: A\n---\nTrên\n\n---\n\nDưới\n")
    assert split.body == "Trên\n\n---\n\nDưới\n"


def test_empty_front_matter():
    split = split_front_matter("---\n---\nThân\n")
    assert split.yaml_text == "\n"
    assert split.body == "Thân\n"
