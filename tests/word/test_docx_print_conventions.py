"""The Word yearbook follows the print conventions the PDF does: the party's name tops the
cover with the slogan under the title, and the foreword signs on behalf of the committee."""

from __future__ import annotations

from tests.conftest import copy_demo
from tests.word.helpers import read, render_site


def test_cover_and_signature(tmp_path):
    result, problems, _book = render_site(copy_demo(tmp_path / "site"))
    assert result is not None and not problems.items, [p.format() for p in problems]
    texts = [p.text.strip() for p in read(result.data).paragraphs if p.text.strip()]
    # the organisation in capitals, as the PDF cover prints it (staff review #22)
    assert texts[:2] == ["ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG BỘ KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH KIÊN GIANG"]
    assert "Đoàn kết, chủ động, sáng tạo, nỗ lực phấn đấu" in texts[:8]
    at = texts.index("T/M BAN THƯỜNG VỤ")
    assert texts[at : at + 3] == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Vũ Văn Lương"]
    assert texts.index("Lời nói đầu") < at < texts.index("Mục lục")
