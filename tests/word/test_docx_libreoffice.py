"""The Word yearbook opens in LibreOffice without repair and converts to PDF whose
text holds the figures, the headings and the page numbers at the top.

Needs LibreOffice Writer (`libreoffice-writer-nogui`, installed by `make test` when
run as root); skipped with the reason shown otherwise. Each conversion uses a
private profile folder and a time limit.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest

from tests.conftest import copy_demo
from tests.word.helpers import render_site

pytestmark = pytest.mark.libreoffice

SOFFICE = shutil.which("soffice")
UNO_PYTHONS = ("/usr/bin/python3", "/usr/lib/libreoffice/program/python")
TIMEOUT = 240
EPOCH = "1700000000"

if SOFFICE is None:
    pytest.skip(
        "LibreOffice (soffice) không có trên máy này: cài gói libreoffice-writer-nogui "
        "(make test tự cài khi chạy với quyền root)",
        allow_module_level=True,
    )


def uno_python() -> str | None:
    for candidate in UNO_PYTHONS:
        if Path(candidate).is_file():
            done = subprocess.run([candidate, "-c", "import uno"], capture_output=True, timeout=60)
            if done.returncode == 0:
                return candidate
    return None


@pytest.fixture(scope="module")
def word_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("lo")
    site = copy_demo(folder / "site")
    result, problems, _book = render_site(site, SOURCE_DATE_EPOCH=EPOCH)
    assert result is not None, [p.format() for p in problems]
    path = folder / result.name
    path.write_bytes(result.data)
    return path


@pytest.fixture(scope="module")
def converted(word_file: Path) -> pypdf.PdfReader:
    """`soffice --headless --convert-to pdf`, as staff would run it."""
    out = word_file.parent / "convert"
    profile = word_file.parent / "profile-convert"
    command = [
        SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
        "--convert-to", "pdf", "--outdir", str(out), str(word_file),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
    pdf = out / word_file.with_suffix(".pdf").name
    assert done.returncode == 0 and pdf.is_file(), done.stderr
    return pypdf.PdfReader(pdf)


def _texts(reader: pypdf.PdfReader) -> list[str]:
    return [page.extract_text() or "" for page in reader.pages]


def test_conversion_holds_the_figures_and_headings(converted):
    text = "\n".join(_texts(converted))
    for figure in ("101,3%", "3.281", "Đạt và vượt 13/15 chỉ tiêu", "ngày 14 tháng 11 năm 2023"):
        assert figure in text
    for heading in ("Lời nói đầu", "Nhiệm kỳ 2015 - 2020", "Năm 2019", "Danh mục nhân vật"):
        assert heading.upper() in text  # Heading 1 is set in capitals


def test_page_size_is_a4(converted):
    box = converted.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)


def _numbers_at_top(page) -> list[str]:
    """Digit strings drawn in the top 12% of the page."""
    height = float(page.mediabox.height)
    found: list[str] = []

    def visit(text, _cm, tm, _font, _size):
        if text.strip().isdigit() and tm[5] > height * 0.88:
            found.append(text.strip())

    page.extract_text(visitor_text=visit)
    return found


def test_page_numbers_centred_at_the_top_but_not_on_the_cover(converted):
    assert len(converted.pages) > 5
    assert _numbers_at_top(converted.pages[0]) == []
    for number, page in enumerate(converted.pages[1:], start=2):
        assert _numbers_at_top(page) == [str(number)], number


def test_updated_contents_list_chapters_with_their_pages(word_file):
    python = uno_python()
    if python is None:
        pytest.skip("không có Python kèm mô-đun uno của LibreOffice (gói python3-uno) để cập nhật mục lục")
    pdf = word_file.parent / "updated.pdf"
    script = Path(__file__).with_name("lo_export.py")
    done = subprocess.run(
        [python, str(script), str(word_file), str(pdf), str(word_file.parent / "profile-uno")],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert done.returncode == 0 and pdf.is_file(), done.stderr
    texts = _texts(pypdf.PdfReader(pdf))
    contents = next(t for t in texts if "MỤC LỤC" in t)
    for title in ("Năm 2019", "Bảng vàng thi đua, khen thưởng", "Danh mục nhân vật"):
        listed = re.search(re.escape(title) + r"\s*\.*\s*(\d+)", contents)
        assert listed, (title, contents)
        page = int(listed.group(1))
        assert title.upper() in texts[page - 1], (title, page)
