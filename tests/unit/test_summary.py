"""The lines that sum up a build (site_builder/summary.py), in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.build import BuildReport
from site_builder.catalogue import ntext
from site_builder.problems import Problems
from site_builder.summary import build_done


def report(records: int, pages: int, pdf_pages: int) -> BuildReport:
    return BuildReport(Problems(), records, pages, pdf_pages, 1.25)


@pytest.mark.parametrize(
    ("counts", "lang", "start"),
    [
        ((1, 1, 0), "en", "Done: 1 record, 1 HTML page, 0 PDF pages, 1.3 s"),
        ((28, 27, 134), "en", "Done: 28 records, 27 HTML pages, 134 PDF pages, 1.3 s"),
        ((1, 1, 1), "vi", "Xong: 1 bản ghi, 1 trang HTML, 1 trang PDF, 1,3 giây"),
    ],
)
def test_build_done_counts_agree_with_their_nouns(counts: tuple[int, int, int], lang: str, start: str) -> None:
    assert build_done(report(*counts), Path("/tmp/out"), lang).startswith(start)


def test_progress_lines_agree_with_their_count() -> None:
    assert ntext("progress.records", 1, "en") == "read 1 record"
    assert ntext("progress.pages", 2, "en") == "rendered 2 HTML pages"
    assert ntext("progress.pages", 2, "vi") == "đã dựng 2 trang HTML"
