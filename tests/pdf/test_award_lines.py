"""An award's details in the printed book, read back from the PDF with pypdf (staff review #22).

The recipients' names stand on a line of their own under the reason and decision; the " · "
that separates the details on one line must not start that line.
"""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest

from site_builder.problems import Problems
from site_builder.render.environment import make_environment
from site_builder.sources.themes import resolve_theme
from site_builder.yearbook.pdf import render_yearbook
from tests.factories import make_award, make_model, make_term, make_year

pytestmark = pytest.mark.pdf

AWARD = make_award(
    "Bằng khen",
    "UBND tỉnh",
    "individual",
    reason="có thành tích xuất sắc",
    decision="Quyết định số 125-QĐ/UBND",
    date=dt.date(2019, 12, 20),
    recipients=("Vũ Văn Lương", "Mai Văn Huỳnh"),
    count=2,
    path="content/years/2019/awards.yaml",
)


@pytest.fixture(scope="module")
def lines(site_root):
    model = make_model([make_term(years=(2019,))], [make_year(2019, awards=[AWARD])])
    problems = Problems()
    theme = resolve_theme(site_root, "default", problems)
    result = render_yearbook(model, {}, theme, make_environment(theme, "vi"), site_root, problems)
    assert result is not None, [p.format() for p in problems]
    reader = pypdf.PdfReader(io.BytesIO(result.file.data))
    return [line.strip() for page in reader.pages for line in page.extract_text().splitlines()]


def test_the_recipients_line_starts_with_the_first_name(lines):
    names = [line for line in lines if "Vũ Văn Lương; Mai Văn Huỳnh" in line]
    assert names, lines
    assert all(line.startswith("Vũ Văn Lương") for line in names)


def test_the_reason_and_decision_are_still_separated_on_their_line(lines):
    assert any("có thành tích xuất sắc · Quyết định số 125-QĐ/UBND" in line for line in lines)
