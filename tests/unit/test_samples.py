"""Records marked `sample: true`: a warning at the line, a "MẪU" mark, never counted."""

from __future__ import annotations

from tests.conftest import load, site_with

TERM = "content/terms/2020-2025/term.md"
TARGETS = "content/terms/2020-2025/targets.yaml"
AWARDS = "content/years/2022/awards.yaml"
CONFERENCE = "content/years/2022/conferences/2022-07-15-so-ket.md"
PAGE = "content/pages/gioi-thieu.md"

SAMPLE_TARGETS = """\
- id: that
  name: "Chỉ tiêu thật"
  target: 150
  actual: 152
- id: mau
  name: "Chỉ tiêu mẫu"
  target: 750
  actual: 10
  sample: true  # MẪU: xóa dòng này khi đã thay bằng số liệu thật
"""
SAMPLE_AWARDS = """\
- title: "Giấy khen"
  issuer: "Ban Thường vụ Đảng ủy Khối"
  recipient_kind: collective
  count: 18
- title: "Bằng khen"
  issuer: "Ban Thường vụ Tỉnh ủy"
  recipient_kind: collective
  count: 1
  sample: true
"""
SAMPLE_CONFERENCE = """\
---
title: "Hội nghị sơ kết (bài mẫu)"
date: 2022-07-15
kind: so-ket
attendees:
  - name: "Nguyễn Văn A"
    role: "Bí thư Đảng ủy Khối"
sample: true
---
Viết đoạn mở đầu ở đây.
"""
SAMPLE_PAGE = """\
---
title: "Giới thiệu"
sample: true  # BÀI MẪU: xóa dòng này khi đã thay bằng nội dung thật
---
Viết đôi nét giới thiệu ở đây.
"""


def sample_site(tmp_path, **extra):
    files = {TARGETS: SAMPLE_TARGETS, AWARDS: SAMPLE_AWARDS, CONFERENCE: SAMPLE_CONFERENCE, PAGE: SAMPLE_PAGE}
    return site_with(tmp_path, {**files, **extra})


def test_each_sample_is_a_warning_at_its_sample_line(tmp_path):
    _, problems = load(sample_site(tmp_path))
    assert [(p.severity, p.code, str(p.loc)) for p in problems.sorted()] == [
        ("warning", "sample.unedited", f"{PAGE}:3:1"),
        ("warning", "sample.unedited", f"{TARGETS}:9:3"),
        ("warning", "sample.unedited", f"{AWARDS}:9:3"),
        ("warning", "sample.unedited", f"{CONFERENCE}:8:1"),
    ]
    assert "xóa dòng “sample: true”" in problems.items[0].message()
    assert "delete the line “sample: true”" in problems.items[0].message("en")


def test_samples_are_flagged_in_the_model(tmp_path):
    model, _ = load(sample_site(tmp_path))
    term, year = model.terms[0], model.years[0]
    assert [t.sample for t in term.targets.items] == [False, True]
    assert [a.sample for a in year.awards.items] == [True, False]  # Bằng khen ranks first
    assert year.conferences[0].sample and model.pages[0].sample
    assert not term.sample and not year.sample


def test_samples_are_never_counted(tmp_path):
    model, _ = load(sample_site(tmp_path))
    term, year = model.terms[0], model.years[0]
    assert (term.targets.tally.met, term.targets.tally.total) == (1, 1)  # the sample's 10/750 is not "missed"
    assert (year.awards.totals.collective, year.awards.totals.individual) == (18, 0)
    assert term.conference_count == 0
    assert [p.name for p in model.people] == []  # "Nguyễn Văn A" of the sample is nobody


def test_sample_false_is_an_ordinary_record(tmp_path):
    page = SAMPLE_PAGE.replace("sample: true", "sample: false")
    model, problems = load(sample_site(tmp_path, **{PAGE: page}))
    assert not model.pages[0].sample and PAGE not in {p.loc.path for p in problems}


def test_a_sample_flag_is_true_or_false_only(tmp_path):
    page = SAMPLE_PAGE.replace("sample: true  ", "sample: yes  ")
    _, problems = load(sample_site(tmp_path, **{PAGE: page}))
    (problem,) = [p for p in problems if p.loc.path == PAGE]
    assert problem.format() == (
        f"{PAGE}:3:9: error: “sample” phải là một trong: true, false; gặp “yes”; có phải ý bạn là “true”?"
    )


def test_a_sample_foreword_is_named_in_site_yaml(tmp_path):
    site_yaml = 'title: "Kỷ yếu"\norganization: "Đảng bộ Khối"\nyearbook:\n  foreword: pages/gioi-thieu.md\n'
    model, problems = load(sample_site(tmp_path, **{"content/site.yaml": site_yaml}))
    found = [p for p in problems if p.code == "yearbook.foreword-sample"]
    assert [str(p.loc) for p in found] == ["content/site.yaml:4:13"]
    assert "content/pages/gioi-thieu.md" in found[0].message() and "MẪU" in found[0].message()
    assert model.site.yearbook.foreword == "content/pages/gioi-thieu.md"  # still printed, marked


def test_samples_are_not_offered_by_the_search_index(tmp_path):
    from site_builder.pages.search import search_records

    model, _ = load(sample_site(tmp_path))
    titles = {r.title for r in search_records(model, {})}
    assert "Chỉ tiêu thật" in titles and "Chỉ tiêu mẫu" not in titles
    assert not {"Hội nghị sơ kết (bài mẫu)", "Giới thiệu"} & titles
    assert not any("Ban Thường vụ Tỉnh ủy" in t for t in titles)  # the sample award
