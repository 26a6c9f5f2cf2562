"""site.yaml's print conventions of Party documents: the cover's slogan, the foreword's signature."""

from __future__ import annotations

from site_builder.model.records import Signature
from tests.conftest import formatted, load, site_with

SITE = """\
title: "Kỷ yếu"
organization: "Đảng bộ Khối"
yearbook:
  slogan: "Đoàn kết, chủ động, sáng tạo"
  signature:
    on_behalf: "T/M BAN THƯỜNG VỤ"
    title: "BÍ THƯ"
    name: "Vũ Văn Lương"
"""


def test_slogan_and_signature_are_read(tmp_path):
    model, problems = load(site_with(tmp_path, {"content/site.yaml": SITE}))
    assert formatted(problems) == []
    assert model.site.yearbook.slogan == "Đoàn kết, chủ động, sáng tạo"
    assert model.site.yearbook.signature == Signature("Vũ Văn Lương", "BÍ THƯ", "T/M BAN THƯỜNG VỤ")


def test_a_signature_needs_a_name(tmp_path):
    text = SITE.replace('    name: "Vũ Văn Lương"\n', "").replace("titl:", "title:")
    model, problems = load(site_with(tmp_path, {"content/site.yaml": text}))
    assert formatted(problems) == ["content/site.yaml:6:5: error: thiếu trường bắt buộc “name”"]


def test_a_misspelt_signature_field_is_caught(tmp_path):
    text = SITE.replace("on_behalf:", "on_behaf:")
    _, problems = load(site_with(tmp_path, {"content/site.yaml": text}))
    assert [p.code for p in problems] == ["field.misspelt"]


def test_the_demo_foreword_page_signs_on_the_web_too(built_demo):
    from tests.conftest import parse_html, text_of

    page = parse_html(built_demo / "trang/loi-noi-dau/index.html")
    block = next(e for e in page.iter("div") if e.get("class") == "signature")
    assert [text_of(p) for p in block.iter("p")] == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Vũ Văn Lương"]
