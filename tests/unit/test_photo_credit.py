"""A photo credit is the author's name; the theme adds "Ảnh:" itself (staff review #2).

A credit typed as "Ảnh: Văn Nỷ" (as the old `new conference` template suggested) printed
"Ảnh: Ảnh: Văn Nỷ" on the web, in the PDF and in Word: the label is dropped, with a warning.
"""

from __future__ import annotations

import datetime as dt
import re

from site_builder.scaffold import new_conference
from tests.conftest import formatted, load, site_with
from tests.unit.test_html_pages import parse, render_site

CONF = "content/years/2019/conferences/2019-08-02-so-ket-6-thang.md"


def _conference(credit: str) -> str:
    return (
        "---\ntitle: T\ndate: 2019-08-02\nkind: so-ket\nphotos:\n"
        '  - src: "photos/a.jpg"\n    caption: "Toàn cảnh."\n    alt: "Hội trường."\n'
        f"    credit: {credit}\n---\nBài.\n"
    )


def _credit_warnings(problems) -> list[str]:
    return [m for m in formatted(problems) if "credit" in m]


def test_a_credit_that_already_starts_with_the_label_loses_it_with_a_warning(tmp_path):
    model, problems = load(site_with(tmp_path, {CONF: _conference('"Ảnh: Văn Nỷ"')}))
    assert model.conferences[0].photos[0].credit == "Văn Nỷ"
    (warning,) = _credit_warnings(problems)
    assert warning.startswith(f"{CONF}:9:13: warning: credit đã có sẵn chữ “Ảnh:”")
    assert "tự thêm “Ảnh:”" in warning and 'credit: "Văn Nỷ"' in warning


def test_the_label_is_recognised_in_any_case_and_spacing(tmp_path):
    for typed in ('"ẢNH : B.An"', '"ảnh:B.An"', '"Photo: B.An"'):
        model, problems = load(site_with(tmp_path / typed[1:3], {CONF: _conference(typed)}))
        assert model.conferences[0].photos[0].credit == "B.An", typed
        assert len(_credit_warnings(problems)) == 1


def test_a_plain_credit_or_one_that_only_contains_the_word_is_kept(tmp_path):
    for typed, kept in (('"Văn Nỷ"', "Văn Nỷ"), ('"Ảnh báo Lâm Đồng"', "Ảnh báo Lâm Đồng")):
        model, problems = load(site_with(tmp_path / kept[:3], {CONF: _conference(typed)}))
        assert model.conferences[0].photos[0].credit == kept
        assert _credit_warnings(problems) == []


def test_the_web_page_prints_the_label_once(tmp_path):
    model, _ = load(site_with(tmp_path, {CONF: _conference('"Ảnh: Văn Nỷ"')}))
    pages, problems, _ = render_site(model)
    credits = [n.text() for n in parse(pages["nam/2019/so-ket-6-thang/index.html"]).find_all("span", "photo__credit")]
    assert credits == ["Ảnh: Văn Nỷ"]


def test_the_new_conference_template_suggests_only_the_name(tmp_path):
    site = site_with(tmp_path, {})
    path = new_conference(site, date=dt.date(2019, 9, 1), title="Hội nghị chuyên đề", kind="chuyen-de")
    credit_lines = [line for line in path.read_text(encoding="utf-8").splitlines() if "credit:" in line]
    assert credit_lines and not any(re.search(r'credit:\s*"Ảnh', line) for line in credit_lines)
