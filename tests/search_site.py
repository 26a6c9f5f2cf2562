"""A small site with every searchable record kind and words chosen to test ranking.

- "Lâm Đông" attends one conference (a person record); another conference is about
  the "dòng" (flow) of new members and has it in its title: "Đông" must rank Lâm Đông
  first, "dong" must too (a short title that is the query).
- One conference has the phrase "kết nạp đảng viên"; another has the same words
  apart (and in its title), which must rank lower for that phrase.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import site_with

FILES: dict[str, str] = {
    "content/pages/gioi-thieu.md": """\
        ---
        title: "Giới thiệu"
        summary: "Đôi nét về Đảng bộ Khối."
        ---
        Đảng bộ Khối có **3.281 đảng viên** sinh hoạt ở 120 tổ chức cơ sở đảng.
        """,
    "content/years/2021/year.md": """\
        ---
        title: "Năm 2021"
        summary: "Năm đầu nhiệm kỳ mới."
        ---
        Năm 2021 là năm đầu thực hiện nghị quyết đại hội.
        """,
    "content/years/2021/conferences/2021-07-20-so-ket.md": """\
        ---
        title: "Sơ kết 6 tháng đầu năm 2021"
        date: 2021-07-20
        kind: so-ket
        attendees:
          - name: "Lâm Đông"
            role: "Trưởng Ban Tổ chức Tỉnh ủy"
        ---
        Hội nghị do đồng chí Lâm Đông chủ trì. Trong 6 tháng, các chi bộ đã kết nạp đảng viên
        mới cho 76 quần chúng ưu tú.

        Chi bộ Sở Tư pháp được biểu dương.
        """,
    "content/years/2021/conferences/2021-09-10-chuyen-de.md": """\
        ---
        title: "Chuyên đề về dòng đảng viên mới và việc kết nạp"
        date: 2021-09-10
        kind: chuyen-de
        ---
        Hội nghị bàn về nguồn kết nạp trong doanh nghiệp; nhiều đảng viên trẻ phát biểu,
        các ý kiến tập trung vào dòng chảy lao động giữa các đơn vị.
        """,
    "content/years/2021/targets.yaml": """\
        - id: ket-nap
          name: "Kết nạp đảng viên mới"
          unit: "đảng viên"
          target: 150
          actual: 152
          source: "Tỉnh ủy giao"
        """,
    "content/years/2021/awards.yaml": """\
        - title: "Bằng khen"
          issuer: "UBND tỉnh"
          recipient_kind: collective
          recipients:
            - "Chi bộ Sở Tư pháp"
          reason: "hoàn thành xuất sắc nhiệm vụ năm 2021"
          date: 2021-12-28
        """,
}


def search_site(tmp_path: Path) -> Path:
    return site_with(tmp_path, FILES)
