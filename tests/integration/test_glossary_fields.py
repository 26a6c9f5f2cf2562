"""A glossary abbreviation used only in a role, a reason or a caption is used, and marked up there."""

from __future__ import annotations

from site_builder.build import BuildOptions, build_site
from site_builder.markup.abbr import mark_abbreviations
from site_builder.model.records import GlossaryEntry
from site_builder.problems import Loc
from tests.conftest import parse_html, site_with

CONF = "content/years/2023/conferences/2023-10-05-bch-mo-rong.md"
FILES = {
    "content/glossary.yaml": "UVTV: Ủy viên Ban Thường vụ\nQĐ: quyết định\nCCB: Cựu chiến binh\n"
    "MTTQ: Mặt trận Tổ quốc\n",
    CONF: """\
        ---
        title: "Hội nghị Ban Chấp hành mở rộng"
        date: 2023-10-05
        kind: bch-mo-rong
        attendees:
          - name: "Lâm Đông"
            role: "UVTV Tỉnh ủy, Trưởng Ban Tổ chức Tỉnh ủy"
        photos:
          - src: "a.jpg"
            caption: "Đại diện Hội CCB phát biểu."
        ---
        Nội dung hội nghị.
        """,
    "content/media/a.jpg": b"\xff\xd8\xff\xe0",
    "content/years/2023/awards.yaml": """\
        - title: "Giấy khen"
          issuer: "Ban Thường vụ Đảng ủy Khối"
          recipient_kind: collective
          count: 2
          reason: "hoàn thành xuất sắc nhiệm vụ theo QĐ số 12"
        """,
}


def test_only_the_entry_no_text_uses_is_reported_unused(tmp_path):
    site = site_with(tmp_path, FILES)
    report = build_site(BuildOptions(site, pdf=False, use_cache=False, jobs=1))
    unused = [p.params for p in report.problems if p.code == "glossary.unused"]
    assert unused == [(("abbr", "MTTQ"),)]


def test_roles_reasons_and_captions_carry_abbr(tmp_path):
    site = site_with(tmp_path, FILES)
    build_site(BuildOptions(site, pdf=False, use_cache=False, jobs=1))
    conference = parse_html(site / "output/nam/2023/bch-mo-rong/index.html")
    marked = {(a.text, a.get("title")) for a in conference.iter("abbr")}
    assert {("UVTV", "Ủy viên Ban Thường vụ"), ("CCB", "Cựu chiến binh")} <= marked
    year = parse_html(site / "output/nam/2023/index.html")
    assert ("QĐ", "quyết định") in {(a.text, a.get("title")) for a in year.iter("abbr")}


def test_mark_abbreviations_escapes_and_prefers_the_longest():
    entries = [GlossaryEntry("BTV", "Ban Thường vụ", Loc("g")), GlossaryEntry("BTV ĐUK", "Ban Thường vụ ĐUK", Loc("g"))]
    marked = mark_abbreviations("<b> BTV ĐUK & BTV, BTVX", entries)
    assert marked == (
        '&lt;b&gt; <abbr title="Ban Thường vụ ĐUK">BTV ĐUK</abbr> &amp; <abbr title="Ban Thường vụ">BTV</abbr>, BTVX'
    )
