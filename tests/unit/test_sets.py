"""targets.yaml and awards.yaml: typing, per-file checks (percent agreement, thousands dot, ids)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import formatted, load, site_with

TARGETS = "content/years/2023/targets.yaml"
AWARDS = "content/years/2023/awards.yaml"


@pytest.fixture
def targets(tmp_path):
    """Load a 2023 targets.yaml; returns (items by id, messages)."""

    def run(text: str):
        model, problems = load(site_with(tmp_path, {TARGETS: text}))
        items = {t.id: t for t in model.years[0].targets.items}
        return items, formatted(problems)

    return run


@pytest.fixture
def awards(tmp_path):
    def run(text: str):
        model, problems = load(site_with(tmp_path, {AWARDS: text}))
        return model.years[0].awards, formatted(problems)

    return run


def one(id: str, **fields: str) -> str:
    lines = [f"- id: {id}", f"  name: Chỉ tiêu {id}"] + [f"  {k}: {v}" for k, v in fields.items()]
    return "\n".join(lines) + "\n"


def test_count_target_ratio_and_status(targets):
    items, messages = targets(one("ket-nap", unit="đảng viên", target="150", actual="152"))
    assert messages == []
    t = items["ket-nap"]
    assert (t.ratio, t.status, t.is_rate, t.planned) == (Decimal("101.3"), "vuot", False, Decimal(150))


def test_published_percent_that_agrees_is_accepted(targets):
    items, messages = targets(one("ket-nap", target="150", actual="152", percent="101.3"))
    assert messages == [] and items["ket-nap"].percent == Decimal("101.3")


def test_published_percent_that_disagrees_is_reported_at_the_percent(targets):
    _, messages = targets(one("ket-nap", target="150", actual="152", percent="101.5"))
    assert messages == [
        f"{TARGETS}:5:12: error: percent ghi 101,5% nhưng thực hiện/kế hoạch = 152/150 = 101,3%; "
        "sửa percent thành 101.3, hoặc kiểm tra lại target/actual"
    ]


def test_percent_agreement_rounds_half_up(targets):
    # 826 / 800 = 103.25 exactly: half-up gives 103.3 (banker's rounding would give 103.2)
    items, messages = targets(one("hoc-vien", target="800", actual="826", percent="103.3"))
    assert messages == [] and items["hoc-vien"].ratio == Decimal("103.3")
    _, messages = targets(one("hoc-vien", target="800", actual="826", percent="103.2"))
    assert messages == [
        f"{TARGETS}:5:12: error: percent ghi 103,2% nhưng thực hiện/kế hoạch = 826/800 = 103,3%; "
        "sửa percent thành 103.3, hoặc kiểm tra lại target/actual"
    ]


def test_percent_is_compared_at_its_published_precision(targets):
    # 88 / 153 = 57.516...: "57.5" agrees at one decimal, "57.50" claims two and does not.
    assert targets(one("a", target="153", actual="88", percent="57.5"))[1] == []
    assert targets(one("a", target="153", actual="88", percent="57.52"))[1] == []
    assert targets(one("a", target="153", actual="88", percent="57.50"))[1] == [
        f"{TARGETS}:5:12: error: percent ghi 57,50% nhưng thực hiện/kế hoạch = 88/153 = 57,52%; "
        "sửa percent thành 57.52, hoặc kiểm tra lại target/actual"
    ]
    assert targets(one("a", target="153", actual="88", percent="58"))[1] == []


def test_whole_percent_is_compared_as_a_whole_number(targets):
    # 171 / 150 = 114.0: published as "114" it agrees; 88/153 = 57.5 rounds to 58, not 57
    assert targets(one("a", target="150", actual="171", percent="114"))[1] == []
    assert targets(one("a", target="153", actual="88", percent="57"))[1] == [
        f"{TARGETS}:5:12: error: percent ghi 57% nhưng thực hiện/kế hoạch = 88/153 = 58%; "
        "sửa percent thành 58, hoặc kiểm tra lại target/actual"
    ]


def test_percent_only_implies_the_target(targets):
    items, messages = targets(one("ket-nap-9-thang", unit="đảng viên", actual="88", percent="57.5"))
    assert messages == []
    t = items["ket-nap-9-thang"]
    assert t.target is None
    assert (t.planned, t.planned_is_implied, t.ratio, t.status) == (Decimal(153), True, Decimal("57.5"), "khong-dat")


@pytest.mark.parametrize(("field", "line"), [("target", 4), ("actual", 5)])
def test_count_with_thousands_dot_is_refused(targets, field, line):
    values = {"target": "1000", "actual": "1035"} | {field: {"target": "1.000", "actual": "1.035"}[field]}
    written = values[field]
    items, messages = targets(one("ket-nap", unit="đảng viên", **values))
    assert "ket-nap" not in items
    assert messages == [
        f"{TARGETS}:{line}:11: error: “{field}” phải là số viết liền; “{written}” có dấu "
        f"phân cách hàng nghìn, trong tệp hãy viết liền: {written.replace('.', '')}"
    ]


def test_count_must_be_whole(targets):
    _, messages = targets(one("lop", unit="lớp", target="10", actual="10.5"))
    assert messages == [f"{TARGETS}:5:11: error: “actual” phải là số nguyên, ví dụ 150, nhưng gặp “10.5”"]


def test_rate_target_accepts_decimals_and_counts_points(targets):
    items, messages = targets(one("tccsd", unit='"%"', target="85", actual="91.4"))
    assert messages == []
    t = items["tccsd"]
    assert (t.is_rate, t.points, t.ratio, t.status) == (True, Decimal("6.4"), None, "vuot")


def test_rate_target_with_percent_is_refused(targets):
    _, messages = targets(one("tccsd", unit='"%"', target="85", actual="91.4", percent="107.5"))
    assert messages == [
        f'{TARGETS}:6:12: error: chỉ tiêu tỷ lệ (unit: "%") so sánh bằng điểm phần trăm, không dùng “percent”'
    ]


def test_target_or_percent_is_needed(targets):
    _, messages = targets(one("a", actual="5"))
    assert messages == [f"{TARGETS}:1:3: error: chỉ tiêu “a” cần “target” (kế hoạch) hoặc “percent” (tỷ lệ đã công bố)"]


def test_zero_target_with_percent(targets):
    _, messages = targets(one("a", target="0", actual="5", percent="100"))
    assert messages == [
        f"{TARGETS}:3:11: error: kế hoạch bằng 0 nên không tính được tỷ lệ; dùng “percent” hoặc bỏ chỉ tiêu"
    ]


@pytest.mark.parametrize(
    ("direction", "actual", "status"),
    [("at_most", "0", "dat"), ("at_most", "1", "khong-dat"), ("at_least", "2", "vuot")],
)
def test_a_plan_of_zero_is_judged_not_unknown(targets, direction, actual, status):
    items, messages = targets(one("vu-viec", unit="vụ", target="0", actual=actual, direction=direction))
    assert messages == []
    t = items["vu-viec"]
    assert (t.status, t.ratio) == (status, None)


def test_whole_counts_written_with_a_zero_fraction_are_whole(targets):
    items, messages = targets(one("lop", unit="lớp", target="10.0", actual="12.00"))
    assert messages == []
    assert str(items["lop"].actual) == "12" and str(items["lop"].target) == "10"
    items, _ = targets(one("tccsd", unit='"%"', target="85.0", actual="91.40"))
    assert str(items["tccsd"].actual) == "91.40"  # a rate keeps its published precision


def test_rate_target_needs_a_planned_rate(targets):
    items, messages = targets(one("tccsd", unit='"%"', actual="91.4", percent="107.5"))
    assert "tccsd" not in items
    assert messages == [
        f'{TARGETS}:5:12: error: chỉ tiêu tỷ lệ “tccsd” (unit: "%") cần “target” là tỷ lệ kế hoạch, '
        "ví dụ target: 85; không dùng “percent” cho chỉ tiêu tỷ lệ"
    ]


@pytest.mark.parametrize(
    ("field", "written"),
    [("actual", "1000000000000000000000000000000000"), ("percent", "0.0000000000000000000000000000001")],
)
def test_absurd_numbers_are_reported_not_raised(targets, field, written):
    fields = {"actual": "88", "percent": "57.5"} | {field: written}
    items, messages = targets(one("a", unit="đảng viên", **fields))
    assert items == {}
    assert len(messages) == 1 and "quá lớn hoặc quá nhiều chữ số" in messages[0]


def test_negative_numbers_are_refused(targets):
    _, messages = targets(one("a", target="10", actual="-1"))
    assert messages == [f"{TARGETS}:4:11: error: “actual” không được là số âm"]


def test_duplicate_ids_name_both_lines(targets):
    items, messages = targets(one("ket-nap", target="1", actual="1") + one("ket-nap", target="2", actual="2"))
    assert messages == [f"{TARGETS}:5:7: error: mã “ket-nap” đã dùng ở dòng 1 của cùng tệp; mỗi mã phải khác nhau"]
    assert items["ket-nap"].target == 1


def test_id_must_be_a_slug(targets):
    _, messages = targets(one("Kết nạp", target="1", actual="1"))
    assert messages == [
        f"{TARGETS}:1:7: error: “id” chỉ gồm chữ thường không dấu, số và dấu gạch ngang "
        "(ví dụ ket-nap-dang-vien), gặp “Kết nạp”"
    ]


def test_targets_file_must_be_a_list(targets):
    _, messages = targets("id: a\nname: A\n")
    assert messages == [
        f"{TARGETS}:1:1: error: “targets.yaml” phải là một danh sách (mỗi mục bắt đầu bằng “- ”), "
        "nhưng gặp một nhóm trường"
    ]


def test_one_bad_target_leaves_the_others(targets):
    items, messages = targets(one("a", target="x", actual="1") + one("b", target="2", actual="2"))
    assert list(items) == ["b"]
    assert messages == [
        f"{TARGETS}:3:11: error: “target” phải là số, dùng dấu chấm thập phân (ví dụ 57.5), nhưng gặp “x”"
    ]


# --- awards --------------------------------------------------------------------


def award(title: str, issuer: str, kind: str = "collective", **fields: str) -> str:
    lines = [f"- title: {title}", f"  issuer: {issuer}", f"  recipient_kind: {kind}"]
    lines += [f"  {k}: {v}" for k, v in fields.items()]
    return "\n".join(lines) + "\n"


def test_awards_are_ordered_by_rank_never_alphabetically(awards):
    text = (
        award("Giấy khen", "Ban Thường vụ Đảng ủy Khối", count="18")
        + award("Bằng khen", "UBND tỉnh", count="4")
        + award("Huân chương Lao động hạng Ba", "Chủ tịch nước", count="1")
        + award("Bằng khen", "Thủ tướng Chính phủ", count="1")
        + award("Cờ thi đua", "UBND tỉnh", count="2")
    )
    result, messages = awards(text)
    assert messages == []
    assert [(a.title, a.issuer) for a in result.items] == [
        ("Huân chương Lao động hạng Ba", "Chủ tịch nước"),
        ("Cờ thi đua", "UBND tỉnh"),
        ("Bằng khen", "Thủ tướng Chính phủ"),
        ("Bằng khen", "UBND tỉnh"),
        ("Giấy khen", "Ban Thường vụ Đảng ủy Khối"),
    ]


def test_award_issuers_rank_province_above_the_bloc_whatever_its_spelling(awards):
    text = (
        award("Giấy khen", "Ban Thường vụ Đảng ủy Khối Các cơ quan và Doanh nghiệp tỉnh", count="3")
        + award("Bằng khen", "Ban Chấp hành Đảng bộ Khối", count="2")
        + award("Bằng khen", "UBND tỉnh", count="4")
        + award("Giấy khen", "Ban Thường vụ Đảng ủy Khối", count="18")
        + award("Bằng khen", "Thủ tướng Chính phủ", count="1")
        + award("Cờ thi đua", "UBND tỉnh", count="2")
        + award("Huân chương Lao động hạng Ba", "Chủ tịch nước", count="1")
    )
    result, messages = awards(text)
    assert messages == []
    assert [(a.title, a.issuer) for a in result.items] == [
        ("Huân chương Lao động hạng Ba", "Chủ tịch nước"),
        ("Cờ thi đua", "UBND tỉnh"),
        ("Bằng khen", "Thủ tướng Chính phủ"),
        ("Bằng khen", "UBND tỉnh"),
        ("Bằng khen", "Ban Chấp hành Đảng bộ Khối"),
        ("Giấy khen", "Ban Thường vụ Đảng ủy Khối Các cơ quan và Doanh nghiệp tỉnh"),
        ("Giấy khen", "Ban Thường vụ Đảng ủy Khối"),
    ]
    assert result.items[-1].rank == result.items[-2].rank


def test_recipients_give_the_count(awards):
    result, messages = awards(award("Giấy khen", "BTV", "individual", recipients="[Nguyễn Văn A, Trần Thị B]"))
    assert messages == []
    assert result.items[0].count == 2
    assert result.items[0].recipients == ("Nguyễn Văn A", "Trần Thị B")


def test_recipients_must_agree_with_count(awards):
    _, messages = awards(award("Giấy khen", "BTV", "individual", count="3", recipients="[A, B]"))
    assert messages == [f"{AWARDS}:4:10: error: count = 3 nhưng danh sách recipients có 2 tên"]


def test_count_or_recipients_needed(awards):
    _, messages = awards(award("Giấy khen", "BTV"))
    assert messages == [f"{AWARDS}:1:3: error: cần “count” (số lượng) hoặc danh sách “recipients”"]


def test_award_count_with_thousands_dot_is_one_error(awards):
    result, messages = awards(award("Giấy khen", "BTV", count="1.187"))
    assert result.items == ()
    assert messages == [
        f"{AWARDS}:4:10: error: “count” phải là số viết liền; “1.187” có dấu phân cách "
        "hàng nghìn, trong tệp hãy viết liền: 1187"
    ]


def test_totals_count_granted_awards_only(awards):
    text = (
        award("Giấy khen", "BTV", "collective", count="18")
        + award("Giấy khen", "BTV", "individual", count="12")
        + award("Bằng khen", "Thủ tướng Chính phủ", "individual", count="1", status="proposed")
        + award("Bằng khen", "Thủ tướng Chính phủ", "collective", count="2", status="proposed")
    )
    result, _ = awards(text)
    t = result.totals
    assert (t.collective, t.individual, t.granted) == (18, 12, 30)
    assert (t.proposed_collective, t.proposed_individual, t.proposed) == (2, 1, 3)


def test_status_defaults_to_granted_and_bad_values_suggest(awards):
    result, messages = awards(
        award("Giấy khen", "BTV", count="1") + award("Giấy khen", "BTV", count="1", status="propose")
    )
    assert result.items[0].status == "granted"
    assert messages == [
        f"{AWARDS}:9:11: error: “status” phải là một trong: granted, proposed; gặp “propose”; "
        "có phải ý bạn là “proposed”?"
    ]


def test_proposed_sorts_after_granted_of_the_same_rank(awards):
    text = award("Bằng khen", "UBND tỉnh", count="1", status="proposed") + award("Bằng khen", "UBND tỉnh", count="4")
    result, _ = awards(text)
    assert [a.status for a in result.items] == ["granted", "proposed"]


def test_yaml_1_1_traps_keep_what_the_writer_meant(targets):
    items, messages = targets(one("a", target="0123", actual="150", unit="lớp", period="10:30", source="no", note="on"))
    assert messages == []
    t = items["a"]
    assert t.target == Decimal(123)  # not octal 83
    assert (t.period, t.source, t.note) == ("10:30", "no", "on")  # not 630 seconds, False, True


def test_time_like_value_where_a_number_is_expected(targets):
    _, messages = targets(one("a", target="10:30", actual="1"))
    assert messages == [
        f"{TARGETS}:3:11: error: “target” phải là số, dùng dấu chấm thập phân (ví dụ 57.5), nhưng gặp “10:30”"
    ]


def test_rate_above_100_percent_is_questioned(targets):
    items, messages = targets(one("ty-le", unit='"%"', target="85", actual="150"))
    assert items["ty-le"].status == "vuot"  # accepted, but flagged
    assert messages == [
        f"{TARGETS}:5:11: warning: “actual” của chỉ tiêu tỷ lệ là 150%, lớn hơn 100%; kiểm tra lại số liệu"
    ]


def test_award_to_nobody_and_a_name_listed_twice_are_questioned(awards):
    text = (
        "- title: Giấy khen\n  issuer: BTV\n  recipient_kind: collective\n  count: 0\n"
        "- title: Giấy khen\n  issuer: BTV\n  recipient_kind: individual\n"
        "  recipients:\n    - Nguyễn Văn A\n    - Trần Thị B\n    - nguyễn  văn a\n"
    )
    award_set, messages = awards(text)
    assert award_set.totals.individual == 3
    assert messages == [
        f"{AWARDS}:4:10: warning: count: 0 — khen thưởng không có ai nhận; kiểm tra lại số lượng hoặc bỏ mục này",
        f"{AWARDS}:11:7: warning: “nguyễn văn a” có hai lần trong danh sách recipients nên bị đếm hai lần",
    ]


def test_vietnamese_choice_words_get_the_english_value_suggested(awards):
    _, messages = awards("- title: Giấy khen\n  issuer: BTV\n  recipient_kind: ca-nhan\n  count: 2\n")
    assert len(messages) == 1 and "có phải ý bạn là “individual”?" in messages[0]


def test_percent_mismatch_is_written_the_readers_way_and_names_the_fix(tmp_path):
    """The figures in the site's number format, the fix as it is typed in the file (a dot)."""
    model, problems = load(site_with(tmp_path, {TARGETS: one("a", target="250", actual="283", percent="113.5")}))
    (problem,) = problems.errors
    assert problem.message("vi") == (
        "percent ghi 113,5% nhưng thực hiện/kế hoạch = 283/250 = 113,2%; "
        "sửa percent thành 113.2, hoặc kiểm tra lại target/actual"
    )
    assert problem.message("en") == (
        "percent says 113.5% but actual/target = 283/250 = 113.2%; change percent to 113.2, or check target/actual"
    )
    big = one("b", target="1000", actual="1035", percent="103")
    (problem,) = load(site_with(tmp_path / "big", {TARGETS: big}))[1].errors
    assert "= 1.035/1.000 = 104%; sửa percent thành 104," in problem.message("vi")


def test_curly_quotes_around_the_unit_are_the_one_error_not_the_decimals_they_cause(tmp_path):
    """`unit: “%”` would be a count unit, and `actual: 90.5` "not a whole number": name the quotes."""
    text = "- id: a\n  name: Tỷ lệ\n  unit: “%”\n  target: 85\n  actual: 90.5\n"
    model, problems = load(site_with(tmp_path, {TARGETS: text}))
    assert formatted(problems) == [
        f"{TARGETS}:3:9: error: giá trị của “unit” là “%”, nằm trong dấu ngoặc kép cong “…” (thường do Word "
        'tự đổi) mà YAML không coi là dấu ngoặc, nên không đọc được giá trị; hãy viết lại thành unit: "%"'
    ]
    assert "inside curly quotes" in problems.items[0].message("en")


@pytest.mark.parametrize(
    ("field", "written", "fix"),
    [
        ("actual", "“90”", "actual: 90"),
        ("direction", "“at_most”", "direction: at_most"),
        ("target", "“150”", "target: 150"),
    ],
)
def test_curly_quotes_around_a_number_or_choice_are_named_as_the_cause(tmp_path, field, written, fix):
    fields = {"target": "150", "actual": "152", field: written}
    _, problems = load(site_with(tmp_path, {TARGETS: one("a", **fields)}))
    (message,) = formatted(problems)
    assert "nằm trong dấu ngoặc kép cong" in message and message.endswith(f"hãy viết lại thành {fix}")
