"""The targets table of the web pages and the printed book's write a target's figures with the
same macros (partials/figures.html): the same plan, result and ceiling mark in both."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from html.parser import HTMLParser

from site_builder.model.records import Target
from site_builder.problems import Problems
from site_builder.render.environment import make_environment
from site_builder.sources.themes import resolve_theme
from tests.factories import make_target, make_target_set


class _Rows(HTMLParser):
    """The text of every body cell, row by row."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.body = False
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tbody":
            self.body = True
        elif tag == "tr" and self.body:
            self.rows.append([])
        elif tag in ("td", "th") and self.body:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def _targets() -> tuple[Target, ...]:
    no_data = make_target(id="chua-co", name="Chưa có số liệu", target=40, actual=0)
    return (
        make_target(id="ket-nap", name="Kết nạp đảng viên", target=150, actual=152),
        make_target(id="vi-pham", name="Đảng viên vi phạm", unit="%", target=1, actual="0.54", direction="at_most"),
        make_target(id="chi-bo", name="Chi bộ trong sạch", target=None, actual=88, percent="57.5"),
        dataclasses.replace(no_data, actual=None, ratio=None, status="no-data", progress=Decimal(0)),
    )


def _tables(tmp_path) -> tuple[list[list[str]], list[list[str]], str, str]:
    env = make_environment(resolve_theme(tmp_path, "default", Problems()), "vi")
    target_set = make_target_set(_targets())
    web = env.get_template("partials/targets_table.html").render(
        target_set=target_set, caption="Chỉ tiêu", abbreviations=()
    )
    book = env.from_string('{% import "yearbook/macros.html" as m %}{{ m.targets_table(s) }}').render(
        s=target_set, abbreviations=()
    )
    web_rows, book_rows = _Rows(), _Rows()
    web_rows.feed(web)
    book_rows.feed(book)
    return web_rows.rows, book_rows.rows, web, book


def test_plan_actual_and_result_are_written_alike_on_the_web_and_in_print(tmp_path):
    web, book, _, _ = _tables(tmp_path)
    assert len(web) == len(book) == 4
    columns = slice(3, 6)  # plan, actual, completion
    # The print table leaves a cell without a figure blank where the web page shows a dash.
    assert [[cell or "—" for cell in row[columns]] for row in book] == [row[columns] for row in web]
    assert web[0][columns] == ["150", "152", "101,3%"]
    assert web[1][columns] == ["≤ 1%", "0,54%", "−0,46 điểm %"]
    assert web[2][3] == "153*" and web[3][4] == "—"


def test_the_ceiling_is_marked_one_way_with_its_words_as_title(tmp_path):
    _, _, web, book = _tables(tmp_path)
    mark = '<abbr class="at-most" title="không vượt quá">≤</abbr>'
    assert web.count(mark) == book.count(mark) == 1
    assert "(không vượt quá)" not in web


def test_the_implied_plan_is_marked_the_same_way(tmp_path):
    _, _, web, book = _tables(tmp_path)
    mark = '<sup class="implied" title="kế hoạch suy ra từ tỷ lệ đã công bố">*</sup>'
    assert web.count(mark) == book.count(mark) == 1
