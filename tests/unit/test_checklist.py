"""The pre-print checklist (yearbook/checklist.py): every item with file:line and the fix."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from site_builder.model.editions import editions_of
from site_builder.yearbook.checklist import (
    ALONE,
    MIN_DPI,
    SIDE_BY_SIDE,
    TEXT_WIDTH_MM,
    print_checklist,
    printed_conferences,
)
from tests.conftest import load, site_with
from tests.unit.test_term_conferences import BEFORE, CONGRESS, _model

CSS = Path(__file__).resolve().parents[2] / "site_builder/themes/default/static/css"
CONF = "content/years/2022/conferences/2022-07-15-so-ket.md"
AWARDS = "content/years/2022/awards.yaml"
TARGETS = "content/years/2022/targets.yaml"

READY = {
    CONF: """\
        ---
        title: "Sơ kết 6 tháng"
        date: 2022-07-15
        kind: so-ket
        attendees:
          - name: "Lâm Đông"
            role: "Trưởng Ban Tổ chức Tỉnh ủy"
        photos:
          - src: "a.jpg"
            caption: "Toàn cảnh."
            alt: "Hội trường, các đại biểu ngồi dự họp."
            credit: "Văn Nỷ"
        ---
        Nội dung.
        """,
    AWARDS: """\
        - title: "Giấy khen"
          issuer: "Ban Thường vụ Đảng ủy Khối"
          recipient_kind: collective
          count: 18
          decision: "Quyết định số 125-QĐ/ĐUK"
        - title: "Bằng khen"
          issuer: "Thủ tướng Chính phủ"
          recipient_kind: individual
          count: 1
          status: proposed
        """,
    TARGETS: "- id: a\n  name: Kết nạp\n  target: 150\n  actual: 152\n",
    "content/media/a.jpg": b"\xff\xd8",
}
SHARP = {"a.jpg": (1600, 1067)}


def checklist(tmp_path, files=None, sizes=SHARP):
    model, problems = load(site_with(tmp_path, {**READY, **(files or {})}))
    assert not problems.errors, [p.format() for p in problems]
    return [p.format() for p in print_checklist(model, sizes)]


def test_a_complete_site_has_nothing_left(tmp_path):
    assert checklist(tmp_path) == []


def test_a_photo_under_150_dpi_at_its_printed_width(tmp_path):
    # Alone on an A4 page of the book: 78% of 168 mm = 131 mm; 700 px over 131 mm is 135 dpi.
    assert checklist(tmp_path, sizes={"a.jpg": (700, 467)}) == [
        f"{CONF}:9:5: warning: ảnh “a.jpg” rộng 700 điểm ảnh, in rộng 131 mm chỉ đạt 135 dpi (cần ít nhất "
        "150 dpi, ảnh in ra sẽ nhòe): thay bằng ảnh gốc rộng từ 774 điểm ảnh trở lên"
    ]
    assert checklist(tmp_path / "b", sizes={"a.jpg": (774, 516)}) == []
    assert checklist(tmp_path / "c", sizes={"a.jpg": None}) == []  # unmeasurable (SVG): not guessed


def test_missing_credit_award_decision_and_data(tmp_path):
    files = {
        CONF: READY[CONF].replace('            credit: "Văn Nỷ"\n', ""),
        AWARDS: READY[AWARDS].replace('          decision: "Quyết định số 125-QĐ/ĐUK"\n', ""),
        TARGETS: "- id: a\n  name: Kết nạp\n  target: 150\n  actual:\n",
    }
    assert checklist(tmp_path, files) == [
        f"{AWARDS}:1:3: warning: khen thưởng “Giấy khen” của Ban Thường vụ Đảng ủy Khối chưa ghi số quyết định: "
        'thêm decision: "Quyết định số ..." (và date)',
        f'{CONF}:9:5: warning: ảnh “a.jpg” chưa ghi tác giả: thêm dòng credit: "tên người chụp" dưới caption',
        f"{TARGETS}:1:3: warning: chỉ tiêu “a” chưa có số liệu, kỷ yếu sẽ in “chưa có số liệu”: "
        "ghi số đã đạt vào actual",
    ]  # the proposed award needs no decision yet


def test_samples_and_unused_glossary_entries(tmp_path):
    files = {
        "content/pages/gioi-thieu.md": "---\ntitle: Giới thiệu\nsample: true\n---\nViết ở đây.\n",
        "content/glossary.yaml": "MTTQ: Mặt trận Tổ quốc\n",
    }
    found = checklist(tmp_path, files)
    assert found == [
        "content/glossary.yaml:1:1: warning: chữ viết tắt “MTTQ” không được dùng ở đâu nhưng sẽ in trong bảng "
        "chữ viết tắt của trang web: xóa dòng này, hoặc dùng nó trong nội dung",
        "content/pages/gioi-thieu.md:1: warning: bài mẫu chưa sửa: thay bằng nội dung, số liệu thật rồi "
        "xóa dòng “sample: true”",
    ]


def test_a_name_written_two_ways_names_both_spellings_and_where(tmp_path):
    other = "content/years/2022/conferences/2022-12-20-tong-ket.md"
    text = '---\ntitle: "Tổng kết năm"\ndate: 2022-12-20\nkind: tong-ket\n'
    text += 'attendees:\n  - name: "Lâm Đồng"\n---\nNội dung.\n'
    files = {other: text}
    found = checklist(tmp_path, files)
    assert found == [
        f"{other}:6:5: warning: tên “Lâm Đồng” ở đây được viết khác với “Lâm Đông” ở {CONF}:6:5: nếu là một "
        "người, hãy viết tên giống hệt nhau ở mọi nơi (bảng tra cứu tên người mới gộp đúng)"
    ]


@pytest.mark.parametrize(("profile", "sheet"), [("ky-yeu", "print.css"), ("van-kien", "print-van-kien.css")])
def test_the_printed_widths_are_the_stylesheets(profile, sheet):
    """The checklist's page and photo widths must be what print.css lays out."""
    css = (CSS / sheet).read_text(encoding="utf-8")
    margins = re.search(r"@page \{[^}]*?margin: ([\d ]+mm[^;]*);", css).group(1).split()
    left, right = (int(margins[3].removesuffix("mm")), int(margins[1].removesuffix("mm")))
    assert TEXT_WIDTH_MM[profile] == Decimal(210 - left - right)
    base = (CSS / "print.css").read_text(encoding="utf-8")
    assert re.search(r"\.photos figure\.photo \{ width: (\d+)%", base).group(1) == str(int(ALONE * 100))
    assert re.search(r"\.photos\.many figure\.photo \{\s*display: inline-block; width: (\d+)%", base).group(1) == str(
        int(SIDE_BY_SIDE * 100)
    )
    assert MIN_DPI == 150


def _png(width: int, height: int) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (40, 90, 160)).save(out, "PNG")
    return out.getvalue()


def test_check_print_says_ready_only_when_nothing_is_left(tmp_path, run_cli):
    files = {**READY, CONF: READY[CONF].replace('"a.jpg"', '"a.png"'), "content/media/a.png": _png(1600, 1067)}
    del files["content/media/a.jpg"]
    site = site_with(tmp_path / "ready", files)
    code, _, err = run_cli("check", "--print", "--site", str(site))
    assert (code, err.strip().splitlines()[-1]) == (
        0,
        "Sẵn sàng in: nội dung hợp lệ và danh sách kiểm tra trước khi in không còn việc nào.",
    )
    (site / "content/media/a.png").write_bytes(_png(600, 400))  # now too small to print sharp
    code, _, err = run_cli("check", "--print", "--site", str(site))
    lines = err.strip().splitlines()
    assert code == 1 and lines[-1].startswith("Chưa sẵn sàng in: còn 1 việc")
    assert lines[0].startswith(f"{CONF}:9:5: warning: ảnh “a.png” rộng 600 điểm ảnh")
    assert "Sẵn sàng in" not in err


OTHER_TERM = {
    "content/terms/2015-2020/term.md": """\
        ---
        title: "Nhiệm kỳ trước"
        start: 2015-08-01
        end: 2020-08-13
        ---
        Thân bài.
        """,
    "content/years/2018/year.md": "---\ntitle: Năm 2018\n---\nTóm tắt.\n",
    "content/years/2018/targets.yaml": "- id: b\n  name: Kết nạp\n  target: 150\n  actual:\n",
}
EDITIONS = 'title: "Kỷ yếu"\norganization: "Đảng bộ Khối"\nyearbook:\n  editions:\n    %s\n'


def test_the_checklist_covers_every_book_build_prints(tmp_path):
    """The 2018 target is printed only in the other term's book and the 2018 book."""
    no_data = "content/years/2018/targets.yaml:1:3: warning: chỉ tiêu “b” chưa có số liệu"
    alone = checklist(tmp_path / "a", OTHER_TERM)
    assert not [line for line in alone if line.startswith(no_data)]  # the term's book alone: not printed
    for choice in ("terms: all", "years: [2018]"):
        found = checklist(tmp_path / choice[:5], {**OTHER_TERM, "content/site.yaml": EDITIONS % choice})
        assert [line for line in found if line.startswith(no_data)] != [], choice
        assert len(found) == len(set(found))  # each item once, however many books print it


def test_check_print_counts_the_items_it_lists(tmp_path, run_cli):
    files = {**READY, TARGETS: "- id: a\n  name: Kết nạp\n  target: 150\n  actual:\n"}
    site = site_with(tmp_path, files)
    code, _, err = run_cli("check", "--print", "--site", str(site))
    lines = err.strip().splitlines()
    assert code == 1 and lines[0].startswith(f"{TARGETS}:1:3: warning: chỉ tiêu “a” chưa có số liệu")
    assert lines[-1] == "Chưa sẵn sàng in: còn 1 việc trong danh sách kiểm tra trước khi in (0 lỗi, 1 cảnh báo)."


def test_only_the_conferences_a_book_prints_are_checked():
    """Staff #7: the term's book does not print a conference held before the term began."""
    model = _model()
    (book,) = editions_of(model)  # the main term's book only
    held = BEFORE if book.id == "2015-2020" else CONGRESS
    assert printed_conferences(model) == (held,)
