"""`yearbook.editions`, `draft` and `final` in site.yaml; which books a site prints and what they
are called; and the manifest comparison `changes` prints (pure: no rendering)."""

from __future__ import annotations

from decimal import Decimal

from site_builder.model.editions import editions_of, find_edition, with_draft
from site_builder.problems import Problems
from site_builder.render.filters import make_filters
from site_builder.yearbook.changes import compare, describe, figure_changes
from site_builder.yearbook.manifest import decode_manifest, edition_manifest, encode_manifest
from tests.conftest import formatted, load, site_with

YEAR = """\
    ---
    title: "Hội nghị sơ kết"
    date: %s-07-15
    kind: so-ket
    ---
    Nội dung.
    """
TARGETS = """\
    - id: ket-nap
      name: "Kết nạp đảng viên mới"
      unit: "đảng viên"
      target: 250
      actual: %s
    """


def site(tmp_path, yearbook: str, **extra: str):
    files = {
        "content/site.yaml": 'title: "Kỷ yếu"\norganization: "Đảng bộ Khối"\nyearbook:\n' + yearbook,
        "content/years/2021/conferences/2021-07-15-so-ket.md": YEAR % 2021,
        "content/years/2022/conferences/2022-07-15-so-ket.md": YEAR % 2022,
        "content/years/2022/targets.yaml": TARGETS % 283,
        **extra,
    }
    return load(site_with(tmp_path, files))


def test_editions_all_years_and_listed_terms(tmp_path):
    model, problems = site(tmp_path, '  filename: "ky-yeu.pdf"\n  editions:\n    terms: all\n    years: all\n')
    assert not problems.errors, formatted(problems)
    books = editions_of(model)
    assert [b.filename for b in books] == ["ky-yeu.pdf", "ky-yeu-nam-2021.pdf", "ky-yeu-nam-2022.pdf"]
    assert books[0].main and books[0].kind == "term" and books[1].manifest == "ky-yeu-nam-2021.manifest.json"
    assert find_edition(model, "ky-yeu-nam-2022") == books[2]


def test_without_editions_only_the_term_book(tmp_path):
    model, _ = site(tmp_path, '  title: "Kỷ yếu"\n')
    assert [b.filename for b in editions_of(model)] == ["ky-yeu-2020-2025.pdf"]
    assert model.site.yearbook.draft is None and model.site.yearbook.final is False


def test_a_year_without_a_folder_is_an_error_at_its_line(tmp_path):
    _, problems = site(tmp_path, "  editions:\n    years: [2022, 2030]\n")
    assert any(
        line.startswith("content/site.yaml:5:") and "năm “2030”" in line and "2021, 2022" in line
        for line in formatted(problems)
    ), formatted(problems)


def test_editions_take_all_or_a_list(tmp_path):
    _, problems = site(tmp_path, "  editions:\n    terms: tất cả\n")
    assert [p.code for p in problems.errors] == ["field.expected-all-or-list"]
    assert problems.errors[0].loc.line == 5


def test_a_draft_cannot_be_final(tmp_path):
    _, problems = site(tmp_path, '  draft: "Dự thảo lần 2"\n  final: true\n')
    assert [(p.code, p.loc.line) for p in problems.errors] == [("yearbook.final-draft", 5)]


def test_draft_option_replaces_the_label(tmp_path):
    model, _ = site(tmp_path, '  draft: "Dự thảo lần 2"\n')
    problems = Problems()
    assert with_draft(model, "Dự thảo lần 3", problems).site.yearbook.draft == "Dự thảo lần 3"
    assert with_draft(model, None) is model and not problems.items


def test_draft_option_is_refused_when_site_yaml_says_final(tmp_path):
    model, _ = site(tmp_path, "  final: true\n")
    problems = Problems()
    assert with_draft(model, "Dự thảo lần 3", problems).site.yearbook.final is True  # left as written
    assert formatted(problems) == [
        "content/site.yaml:4:10: error: --draft “Dự thảo lần 3” in một bản dự thảo, nhưng dòng này đặt "
        "final: true (bản chính thức); một bản dự thảo in lúc này sẽ thay bản chính thức làm mốc so sánh — "
        "bỏ --draft, hoặc xoá dòng final khi bắt đầu một vòng dự thảo mới"
    ]


def test_manifests_compare_figures_records_added_and_removed(tmp_path):
    before, _ = site(tmp_path / "a", "  editions:\n    years: all\n")
    after, problems = site(
        tmp_path / "b", "  editions:\n    years: all\n",
        **{"content/years/2022/targets.yaml": TARGETS % 285,
           "content/years/2022/conferences/2022-07-15-so-ket.md": None,
           "content/years/2022/conferences/2022-12-20-tong-ket.md": (YEAR % 2022).replace("sơ kết", "tổng kết")
           .replace("07-15", "12-20").replace("so-ket", "tong-ket")},
    )  # fmt: skip
    assert not problems.errors, formatted(problems)
    edition = find_edition(before, "ky-yeu-nam-2022")
    old, new = edition_manifest(before, edition), edition_manifest(after, edition)
    assert decode_manifest(encode_manifest(old)) == old  # locations are not stored
    assert encode_manifest(old) == encode_manifest(edition_manifest(before, edition))  # deterministic
    lines = [describe(c, "vi", make_filters("vi")) for c in compare(old, new)]
    assert "Kết nạp đảng viên mới năm 2022: thực hiện 283 → 285, tỷ lệ 113,2% → 114%" in lines
    assert "thêm mới: Hội nghị “Hội nghị tổng kết”" in lines
    assert "đã bỏ: Hội nghị “Hội nghị sơ kết”" in lines
    figures = figure_changes(compare(old, new))
    assert [c.key for c in figures] == ["content/years/2022/targets.yaml#ket-nap"]
    assert [f.name for f in figures[0].fields] == ["actual", "ratio"]
    assert figures[0].fields[0].new == str(Decimal(285))
