"""`site-builder import`: sheets in, targets.yaml / awards.yaml out, every problem at its cell."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from pathlib import Path

import pytest

from site_builder.problems import SiteError
from site_builder.sheets.files import SheetUsageError
from site_builder.sheets.importer import ImportRequest, import_sheet
from tests.conftest import load, run_cli, site_with, snapshot
from tests.sheets_helpers import TARGET_HEADER, cache_formula_values, make_csv, make_xlsx

YEAR_FILES = {"content/years/2024/year.md": '---\ntitle: "Năm 2024"\n---\nNăm 2024.\n'}
GOOD_TARGETS = [
    TARGET_HEADER,
    [1, "ket-nap", "Kết nạp đảng viên mới", "đảng viên", 150, 152, "101,3%", None],
    [2, None, "Kết nạp đảng viên mới (9 tháng)", "đảng viên", None, "88", "57,5", "số liệu 9 tháng"],
    [3, None, "Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ", "%", "85", "91,4", None, None],
    [4, None, "Học viên trung cấp lý luận chính trị", "học viên", "1.000", "1.035", None, None],
]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return site_with(tmp_path, YEAR_FILES)


def do_import(site: Path, source: Path, kind: str = "targets", **options):
    return import_sheet(ImportRequest(site, kind, source, year=options.pop("year", 2024), **options))


def problems_of(call) -> list[str]:
    with pytest.raises(SiteError) as caught:
        call()
    return [p.format() for p in caught.value.problems.sorted()]


def comparable(items) -> list:
    return [dataclasses.replace(item, loc=None) for item in items]


def target_set(site: Path, year: int = 2024):
    model, problems = load(site)
    assert not problems.errors, [p.format() for p in problems.errors]
    return next(y for y in model.years if y.year == year).targets


# --- headers --------------------------------------------------------------------


def test_vietnamese_headers_under_a_merged_title_give_the_records(site: Path, tmp_path: Path) -> None:
    source = make_xlsx(tmp_path / "chi-tieu.xlsx", GOOD_TARGETS, title="CHỈ TIÊU NĂM 2024")
    report = do_import(site, source)
    assert report.written and report.records == 4 and report.backup is None
    targets = {t.id: t for t in target_set(site).items}
    assert set(targets) == {
        "ket-nap", "ket-nap-dang-vien-moi-9-thang", "to-chuc-co-so-dang-hoan-thanh-tot-nhiem-vu",
        "hoc-vien-trung-cap-ly-luan-chinh-tri",
    }  # fmt: skip
    assert str(targets["ket-nap"].percent) == "101.3" and targets["ket-nap"].status == "vuot"
    assert targets["ket-nap-dang-vien-moi-9-thang"].planned == 153  # implied by 88 at 57,5%
    assert str(targets["to-chuc-co-so-dang-hoan-thanh-tot-nhiem-vu"].points) == "6.4"
    assert targets["hoc-vien-trung-cap-ly-luan-chinh-tri"].actual == 1035


def test_english_headers_in_another_order_give_the_same_records(site: Path, tmp_path: Path) -> None:
    make_xlsx(tmp_path / "vi.xlsx", GOOD_TARGETS)
    do_import(site, tmp_path / "vi.xlsx")
    expected = comparable(target_set(site).items)
    order = [5, 2, 1, 4, 3, 6, 0, 7]  # actual, name, id, target, unit, percent, STT, note
    english = ["actual", "name", "id", "target", "unit", "percent", "STT", "note"]
    rows = [english] + [[row[i] for i in order] for row in GOOD_TARGETS[1:]]
    make_xlsx(tmp_path / "en.xlsx", rows, sheet="Targets")
    report = do_import(site, tmp_path / "en.xlsx", replace=True)
    assert report.written and comparable(target_set(site).items) == expected


@pytest.mark.parametrize("separator", [";", ","])
def test_csv_as_excel_writes_it(site: Path, tmp_path: Path, separator: str) -> None:
    make_xlsx(tmp_path / "vi.xlsx", GOOD_TARGETS)
    do_import(site, tmp_path / "vi.xlsx")
    expected = comparable(target_set(site).items)
    rows = [[("" if v is None else str(v)) for v in row] for row in GOOD_TARGETS]
    source = make_csv(tmp_path / "chi-tieu.csv", rows, separator)
    report = do_import(site, source, replace=True)
    assert report.written and comparable(target_set(site).items) == expected


def test_the_sheet_with_the_headers_is_found_after_a_cover_sheet(site: Path, tmp_path: Path) -> None:
    source = make_xlsx(tmp_path / "a.xlsx", GOOD_TARGETS, extra_sheets=("Bìa",))
    assert do_import(site, source).records == 4
    wrong = problems_of(lambda: do_import(site, source, sheet="Không có", replace=True))
    assert wrong == [f"{source}: error: bảng tính không có trang “Không có”; các trang có: “Bìa”, “Chỉ tiêu”"]


def test_unknown_column_is_a_warning_and_a_misspelt_one_an_error(site: Path, tmp_path: Path) -> None:
    rows = [[*GOOD_TARGETS[0], "Người phụ trách"], *[[*r, "Anh A"] for r in GOOD_TARGETS[1:]]]
    report = do_import(site, make_xlsx(tmp_path / "a.xlsx", rows))
    assert [p.format() for p in report.problems] == [
        f"{tmp_path / 'a.xlsx'}:Chỉ tiêu!I1: warning: cột “Người phụ trách” không thuộc mẫu nên không được nhập"
    ]
    typo = [[h if h != "Ghi chú" else "Ghi chus" for h in GOOD_TARGETS[0]], *GOOD_TARGETS[1:]]
    found = problems_of(lambda: do_import(site, make_xlsx(tmp_path / "b.xlsx", typo), replace=True))
    assert found == [
        f"{tmp_path / 'b.xlsx'}:Chỉ tiêu!H1: error: cột “Ghi chus” không thuộc mẫu, có lẽ gõ nhầm: "
        "hãy sửa tiêu đề thành “Ghi chú” (nếu để nguyên, cột này bị bỏ qua)"
    ]


def test_a_missing_required_column_is_one_problem_not_one_per_row(site: Path, tmp_path: Path) -> None:
    rows = [[v for i, v in enumerate(r) if i != 5] for r in GOOD_TARGETS]  # no "Thực hiện"
    found = problems_of(lambda: do_import(site, make_xlsx(tmp_path / "a.xlsx", rows)))
    assert found == [f"{tmp_path / 'a.xlsx'}:Chỉ tiêu!A1: error: dòng tiêu đề thiếu cột “Thực hiện”"]


# --- every validation, at its cell ---------------------------------------------------


BAD_TARGETS = [
    TARGET_HEADER + ["Chiều"],
    [1, "ket-nap", "Kết nạp", "đảng viên", 150, 152, "101,5", None, None],  # G2 percent disagrees
    [2, "ket-nap", "Trùng mã", "lớp", 10, 10, None, None, None],  # B3 duplicate id
    [3, "Kết nạp", "Mã sai", "lớp", 10, 10, None, None, None],  # B4 not a slug
    [4, None, None, "lớp", 10, 10, None, None, None],  # C5 no name
    [5, None, "Không có số", "lớp", 10, "mười", None, None, None],  # F6 not a number
    [6, None, "Nửa người", "người", 10, "12,5", None, None, None],  # F7 a count is whole
    [7, None, "Âm", "lớp", -3, 2, None, None, None],  # E8 negative
    [8, None, "Không kế hoạch", "lớp", None, 2, None, None, None],  # E9 target or percent
    [9, None, "Tỷ lệ có percent", "%", 85, 90, "105,9", None, None],  # G10 a rate has no percent
    [10, None, "Kế hoạch 0", "lớp", 0, 0, "100", None, None],  # E11 zero target with percent
    [11, None, "Chiều lạ", "lớp", 5, 5, None, None, "nhiều hơn"],  # I12 not a direction word
    [12, None, "Số mơ hồ", "lớp", "1,035", 5, None, None, None],  # E13 ambiguous
    [13, None, "Dài quá", "lớp", 10**16, 5, None, None, None],  # E14 too many digits
]


def test_every_target_validation_is_reported_at_its_cell_all_at_once(site: Path, tmp_path: Path) -> None:
    source = make_xlsx(tmp_path / "sai.xlsx", BAD_TARGETS)
    before = snapshot(site)
    found = problems_of(lambda: do_import(site, source))
    cells = [re.match(r".*?:Chỉ tiêu!([A-Z]+\d+): error: ", line).group(1) for line in found]
    assert cells == ["G2", "B3", "B4", "C5", "F6", "F7", "E8", "E9", "G10", "E11", "I12", "E13", "E14"]
    text = "\n".join(found)
    for words in ("percent ghi 101,5% nhưng", "mã “ket-nap” đã dùng ở dòng 2", "“Mã” chỉ gồm chữ thường",
                  "thiếu trường bắt buộc “Chỉ tiêu”", "“Thực hiện” phải là số", "“Thực hiện” phải là số nguyên",
                  "“Kế hoạch” không được là số âm", "cần “target”", "không dùng “percent”", "kế hoạch bằng 0",
                  "“Chiều” phải là một trong: tối thiểu, tối đa", "không rõ “1,035” là 1035", "quá lớn"):  # fmt: skip
        assert words in text, words
    assert snapshot(site) == before  # nothing written


def test_every_award_validation_is_reported_at_its_cell(site: Path, tmp_path: Path) -> None:
    header = ["STT", "Hình thức", "Cấp khen", "Đối tượng", "Số lượng", "Danh sách", "Ngày", "Trạng thái"]
    rows = [
        header,
        [1, "Giấy khen", "Ban Thường vụ Đảng ủy Khối", "tập thể", 3, "Chi bộ A\nChi bộ B", "11/01/2022", None],  # E2
        [2, "Bằng khen", None, "cá nhân", 1, None, None, None],  # C3 no issuer
        [3, "Giấy khen", "Đảng ủy Khối", "nhóm", 2, None, None, None],  # D4 not a kind
        [4, "Giấy khen", "Đảng ủy Khối", "cá nhân", None, None, None, None],  # E5 count or list
        [5, "Giấy khen", "Đảng ủy Khối", "cá nhân", 1, None, "30/02/2023", None],  # G6 no such day
        [6, "Giấy khen", "Đảng ủy Khối", "cá nhân", 1, None, None, "chờ"],  # H7 not a status
        [7, "Giấy khen", "Đảng ủy Khối", "cá nhân", "1.5", None, None, None],  # E8 whole number
    ]
    found = problems_of(lambda: do_import(site, make_xlsx(tmp_path / "kt.xlsx", rows, sheet="KT"), "awards"))
    cells = [re.match(r".*?:KT!([A-Z]+\d+): error: ", line).group(1) for line in found]
    assert cells == ["E2", "C3", "D4", "E5", "G6", "H7", "E8"]
    assert "“Số lượng” = 3" not in found[0] and "count = 3 nhưng danh sách recipients có 2 tên" in found[0]


def test_formulas_use_the_value_excel_saved_and_uncomputed_ones_are_named(site: Path, tmp_path: Path) -> None:
    rows = [TARGET_HEADER, [1, "ket-nap", "Kết nạp", "đảng viên", 150, 152, "=F2/E2", None]]
    source = make_xlsx(tmp_path / "f.xlsx", rows, formats={"G2": "0.0%"})
    found = problems_of(lambda: do_import(site, source))
    assert len(found) == 1 and found[0].startswith(f"{source}:Chỉ tiêu!G2: error: “Tỷ lệ (%)”: ô có công thức")
    cache_formula_values(source, {"G2": "1.01333333333333"})
    assert do_import(site, source).written
    assert str(target_set(site).items[0].percent) == "101.3"


def test_a_csv_that_is_not_utf8_is_named_with_a_hint(site: Path, tmp_path: Path) -> None:
    source = tmp_path / "a.csv"
    source.write_bytes(b"Ch\xec ti\xeau;Th\xf9c hi\xean;K\xea ho\xe1ch\nA;5;5\n")  # Windows-1258 bytes
    found = problems_of(lambda: do_import(site, source))
    assert len(found) == 1 and "không phải văn bản UTF-8" in found[0] and found[0].startswith(f"{source}:1:")


# --- nothing is lost ------------------------------------------------------------


def test_written_yaml_is_what_staff_would_write(site: Path, tmp_path: Path) -> None:
    rows = [TARGET_HEADER, [1, None, "Đảng viên: “không” vi phạm", "no", 1, "1", None, "- có dấu"]]
    do_import(site, make_xlsx(tmp_path / "a.xlsx", rows))
    written = (site / "content/years/2024/targets.yaml").read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", written)
    assert written.splitlines()[0].startswith("# Chỉ tiêu: nhập từ bảng tính “a.xlsx”, trang “Chỉ tiêu”")
    assert '\n- id: dang-vien-khong-vi-pham\n  name: "Đảng viên: “không” vi phạm"\n  unit: "no"\n' in written
    assert '  target: 1\n  actual: 1\n  note: "- có dấu"\n' in written
    _, problems = load(site)
    assert not problems.errors


def test_an_existing_file_is_replaced_only_with_replace_and_kept_as_bak(site: Path, tmp_path: Path) -> None:
    target = site / "content/years/2024/targets.yaml"
    hand = '# Viết tay, có ghi chú.\n- id: cu\n  name: "Cũ"\n  unit: "lớp"\n  target: 1\n  actual: 1\n'
    target.write_text(hand, encoding="utf-8")
    source = make_xlsx(tmp_path / "a.xlsx", GOOD_TARGETS)
    refused = do_import(site, source)
    assert refused.refused and not refused.written and target.read_text(encoding="utf-8") == hand
    assert not (target.parent / "targets.yaml.bak").exists()
    report = do_import(site, source, replace=True)
    assert report.written and report.backup == "content/years/2024/targets.yaml.bak"
    assert (target.parent / "targets.yaml.bak").read_text(encoding="utf-8") == hand
    assert "id: ket-nap" in target.read_text(encoding="utf-8")
    assert [f for f in target.parent.iterdir() if ".tmp" in f.name] == []
    again = do_import(site, source, replace=True)
    assert again.unchanged and not again.written  # the same sheet twice: the .bak keeps the hand-written file
    assert (target.parent / "targets.yaml.bak").read_text(encoding="utf-8") == hand


def test_dry_run_lists_changes_row_by_row_and_writes_nothing(site: Path, tmp_path: Path) -> None:
    do_import(site, make_xlsx(tmp_path / "a.xlsx", GOOD_TARGETS))
    before = snapshot(site)
    rows = [list(r) for r in GOOD_TARGETS]
    rows[1][5] = 153  # ket-nap: actual 152 -> 153, percent no longer agrees: fix it too
    rows[1][6] = "102"
    del rows[3]  # the rate target goes
    rows.append([5, "moi", "Chỉ tiêu mới", "lớp", 2, 2, None, None])
    report = do_import(site, make_xlsx(tmp_path / "b.xlsx", rows), dry_run=True)
    assert not report.written and snapshot(site) == before
    ops = [(c.op, c.label, c.row, c.fields) for c in report.changes]
    assert ops == [
        ("change", "ket-nap", 2, (("actual", "152", "153"), ("percent", "101.3", "102"))),
        ("add", "moi", 5, ()),
        ("remove", "to-chuc-co-so-dang-hoan-thanh-tot-nhiem-vu", None, ()),
    ]


def test_usage_errors(site: Path, tmp_path: Path) -> None:
    source = make_xlsx(tmp_path / "a.xlsx", GOOD_TARGETS)
    cases = [
        ({"year": 2030}, "sheets.no-year"),
        ({"year": None, "term": "2019-2024"}, "sheets.no-term"),
        ({"year": None, "term": "nhiem-ky"}, "sheets.bad-term"),
        ({"term": "2020-2025"}, "sheets.scope"),
    ]
    for options, key in cases:
        with pytest.raises(SheetUsageError) as caught:
            do_import(site, source, **options)
        assert caught.value.key == key


# --- through the command line ------------------------------------------------------------


def test_cli_exit_codes_and_messages(site: Path, tmp_path: Path) -> None:
    good = str(make_xlsx(tmp_path / "a.xlsx", GOOD_TARGETS))
    bad = str(make_xlsx(tmp_path / "sai.xlsx", BAD_TARGETS))
    code, out, err = run_cli("import", "targets", bad, "--year", "2024", "--site", str(site))
    assert code == 1 and "Traceback" not in err and err.count(": error: ") == 13
    assert "Không nhập: 13 lỗi, 0 cảnh báo; chưa ghi gì." in err
    code, out, err = run_cli("import", "targets", good, "--year", "2024", "--site", str(site), "--dry-run")
    assert code == 0 and "+ dòng 2: thêm ket-nap" in out and not (site / "content/years/2024/targets.yaml").exists()
    code, out, err = run_cli("import", "targets", good, "--year", "2024", "--site", str(site))
    assert code == 0 and "Đã ghi content/years/2024/targets.yaml: 4 mục từ a.xlsx." in out
    code, out, err = run_cli("import", "targets", good, "--year", "2024", "--site", str(site))
    assert code == 0 and "đã đúng như bảng tính" in out
    code, out, err = run_cli("import", "awards", good, "--year", "2024", "--term", "2020-2025", "--site", str(site))
    assert code == 2 and "cần đúng một trong hai tùy chọn" in err
    code, out, err = run_cli("check", "--strict", "--site", str(site))
    assert code == 0, err


def test_a_file_that_would_be_overwritten_is_exit_1_a_mistyped_option_exit_2(site: Path, tmp_path: Path) -> None:
    """Exit 2 is only for a mistyped command (docs/huong-dan.md, chapter 22); "the file exists, add
    --replace" is the command refusing to overwrite: exit 1, nothing written."""
    target = site / "content/years/2024/targets.yaml"
    hand = '- id: cu\n  name: "Cũ"\n  target: 1\n  actual: 1\n'
    target.write_text(hand, encoding="utf-8")
    good = str(make_xlsx(tmp_path / "a.xlsx", GOOD_TARGETS))
    code, out, err = run_cli("import", "targets", good, "--year", "2024", "--site", str(site))
    assert code == 1 and "--replace" in err and target.read_text(encoding="utf-8") == hand
    existing = tmp_path / "co-roi.xlsx"
    existing.write_bytes(b"do not touch")
    code, out, err = run_cli("export", "targets", "--year", "2024", "--output", str(existing), "--site", str(site))
    assert code == 1 and "--replace" in err and existing.read_bytes() == b"do not touch"
    code, out, err = run_cli("export", "targets", "--year", "2024", "--output", str(tmp_path / "x.csv"),
                             "--site", str(site))  # fmt: skip
    assert code == 2 and "Traceback" not in err
