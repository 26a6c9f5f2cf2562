"""Whole sites through the loader: every record kind, defaults, cross-record rules, exact messages."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

from tests.conftest import formatted, load, site_with

CONF = "content/years/2019/conferences/2019-08-02-so-ket-6-thang.md"
TERM_2015 = {
    "content/terms/2015-2020/term.md": """\
        ---
        title: "5 năm một chặng đường phát triển"
        start: 2015-07-09
        end: 2020-08-13
        secretary: {name: "Vũ Văn Lương", role: "Bí thư"}
        stats:
          - {label: "Đảng viên", value: 3281}
        ---
        Tổng quan.
        """,
}


def conference(front: str, body: str = "Đoạn đầu tiên của báo cáo.\n\nĐoạn hai.\n") -> str:
    return f"---\n{front}---\n{body}"


def test_site_yaml_defaults(tmp_path):
    model, problems = load(site_with(tmp_path, {}))
    assert formatted(problems) == []
    site = model.site
    assert (site.language, site.theme, site.base_url, site.province) == ("vi", "default", None, None)
    assert site.yearbook.term == "2020-2025"
    assert site.yearbook.filename == "ky-yeu-2020-2025.pdf"
    assert (site.yearbook.paper, site.yearbook.title) == ("A4", "Kỷ yếu thử nghiệm")


def test_site_yaml_options(tmp_path):
    files = {
        **TERM_2015,
        "content/site.yaml": """\
            title: "Kỷ yếu"
            organization: "Đảng bộ Khối"
            base_url: "https://kyyeu.example.vn"
            language: en
            yearbook: {term: "2015-2020", foreword: pages/loi-noi-dau.md}
            """,
        "content/pages/loi-noi-dau.md": "---\ntitle: Lời nói đầu\n---\nX\n",
    }
    model, problems = load(site_with(tmp_path, files))
    assert formatted(problems) == []
    assert model.site.base_url == "https://kyyeu.example.vn/"
    assert model.site.language == "en"
    assert model.site.yearbook.term == "2015-2020"
    assert model.site.yearbook.filename == "ky-yeu-2015-2020.pdf"
    assert model.site.yearbook.foreword == "content/pages/loi-noi-dau.md"


def test_site_yaml_errors(tmp_path):
    files = {
        "content/site.yaml": """\
            title: "Kỷ yếu"
            yearbook:
              term: "2010-2015"
              foreword: pages/khong-co.md
              paper: A5
            """
    }
    model, problems = load(site_with(tmp_path, files))
    assert model is None
    assert formatted(problems) == [
        "content/site.yaml:1:1: error: thiếu trường bắt buộc “organization”",
        "content/site.yaml:5:10: error: “paper” phải là một trong: A4; gặp “A5”",
    ]


def test_yearbook_term_and_foreword_must_exist(tmp_path):
    files = {
        "content/site.yaml": """\
            title: "Kỷ yếu"
            organization: "Đảng bộ Khối"
            yearbook:
              term: "2010-2015"
              foreword: pages/khong-co.md
            """
    }
    _, problems = load(site_with(tmp_path, files))
    assert formatted(problems) == [
        "content/site.yaml:4:9: error: kỷ yếu chọn nhiệm kỳ “2010-2015” nhưng không có thư mục terms/2010-2015",
        "content/site.yaml:5:13: error: không tìm thấy trang lời nói đầu “content/pages/khong-co.md”",
    ]


def test_malformed_site_yaml_does_not_hide_other_problems(tmp_path):
    files = {
        "content/site.yaml": 'title: "Kỷ yếu\n',
        "content/years/2021/conferences/2021-01-14-tong-ket.md": conference(
            "title: T\ndate: 2020-01-14\nkind: tong-ket\n"
        ),
    }
    model, problems = load(site_with(tmp_path, files))
    messages = formatted(problems)
    assert model is None
    assert [m.split(": error: ")[0] for m in messages] == [
        "content/site.yaml:1:8",  # where the unclosed quote opened
        "content/years/2021/conferences/2021-01-14-tong-ket.md:3:7",
    ]


def test_terms_and_year_membership(tmp_path):
    files = {**TERM_2015}
    for year in (2019, 2020, 2021):
        files[f"content/years/{year}/year.md"] = f"---\ntitle: Năm {year}\n---\nX\n"
    model, problems = load(site_with(tmp_path, files))
    assert formatted(problems) == []
    assert [t.id for t in model.terms] == ["2015-2020", "2020-2025"]
    term = model.terms[0]
    assert term.secretary.name == "Vũ Văn Lương"
    assert term.stats[0].value == 3281
    assert term.years == (2019, 2020)
    assert model.terms[1].years == (2020, 2021)
    assert {y.year: y.terms for y in model.years} == {
        2019: ("2015-2020",),
        2020: ("2015-2020", "2020-2025"),
        2021: ("2020-2025",),
    }
    assert model.current_term.id == "2020-2025"


def test_term_dates_must_match_the_folder(tmp_path):
    files = {
        "content/terms/2020-2025/term.md": "---\ntitle: T\nstart: 2019-08-14\nend: 2025-08-20\n---\n",
        "content/terms/2025-2030/term.md": "---\ntitle: T\nstart: 2025-12-01\nend: 2025-09-01\n---\n",
        "content/terms/nhiem-ky-moi/term.md": "---\ntitle: T\nstart: 2025-12-01\nend: 2030-09-01\n---\n",
    }
    _, problems = load(site_with(tmp_path, files))
    messages = formatted(problems)
    assert (
        "content/terms/2020-2025/term.md:3:8: error: ngày start (2019-08-14) không khớp tên thư mục nhiệm kỳ 2020-2025"
        in messages
    )
    assert (
        "content/terms/2025-2030/term.md:4:6: error: ngày end (2025-09-01) không khớp tên thư mục nhiệm kỳ 2025-2030"
        in messages
    )
    assert (
        "content/terms/nhiem-ky-moi/term.md: error: thư mục nhiệm kỳ phải có tên NĂM-NĂM, ví dụ 2015-2020" in messages
    )


def test_term_targets_without_term_md(tmp_path):
    files = {"content/terms/2015-2020/targets.yaml": "- {id: a, name: A, target: 1, actual: 1}\n"}
    _, problems = load(site_with(tmp_path, files))
    assert formatted(problems) == ["content/terms/2015-2020/targets.yaml: error: nhiệm kỳ 2015-2020 thiếu tệp term.md"]


def test_year_outside_every_term_and_bad_year_folder(tmp_path):
    files = {
        "content/years/2010/year.md": "---\ntitle: Năm 2010\n---\nX\n",
        "content/years/nam-2021/year.md": "---\ntitle: X\n---\nX\n",
    }
    _, problems = load(site_with(tmp_path, files))
    assert formatted(problems) == [
        "content/years/2010: warning: năm 2010 không thuộc nhiệm kỳ nào đã khai báo trong terms/",
        "content/years/nam-2021/year.md: error: thư mục năm phải có tên là một năm, ví dụ 2023",
    ]


def test_year_title_defaults(tmp_path):
    files = {"content/years/2021/targets.yaml": "- {id: a, name: A, target: 1, actual: 1}\n"}
    model, _ = load(site_with(tmp_path, files))
    assert model.years[0].title == "Năm 2021"
    assert model.years[0].body is None


def test_conference_fields_slug_and_typed_date(tmp_path):
    files = {
        **TERM_2015,
        "content/media/photos/a.jpg": b"\xff\xd8",
        CONF: conference(
            """\
title: "Sơ kết công tác xây dựng Đảng 6 tháng đầu năm 2019"
date: 2019-08-02
kind: so-ket
host: "Ban Thường vụ Đảng ủy Khối"
attendees:
  - {name: "Trần Đình Quế", role: "Bí thư"}
  - name: "Lê Văn Nam"
tags: [sơ kết, "2019"]
photos:
  - {src: photos/a.jpg, caption: "Toàn cảnh", alt: "Hội trường nhìn từ cuối phòng", credit: "Văn phòng"}
"""
        ),
    }
    model, problems = load(site_with(tmp_path, files))
    assert formatted(problems) == []
    (conf,) = model.conferences
    assert conf.slug == "so-ket-6-thang"
    assert conf.date == dt.date(2019, 8, 2)
    assert conf.year == 2019
    assert conf.kind == "so-ket"
    assert [(p.name, p.role) for p in conf.attendees] == [("Trần Đình Quế", "Bí thư"), ("Lê Văn Nam", None)]
    assert conf.tags == ("sơ kết", "2019")
    assert conf.photos[0].src == "photos/a.jpg" and conf.photos[0].credit == "Văn phòng"
    assert conf.summary == "Đoạn đầu tiên của báo cáo."
    assert conf.body.loc.line == 13
    assert model.media == ("photos/a.jpg",)


def test_conference_slug_without_date_prefix_and_diacritics(tmp_path):
    files = {
        "content/years/2022/conferences/tong-ket-nam-2021.md": conference(
            "title: A\ndate: 2022-01-11\nkind: tong-ket\n"
        ),
        "content/years/2022/conferences/2022-03-08-Hội-nghị-chuyên-đề.md": conference(
            "title: B\ndate: 2022-03-08\nkind: chuyen-de\n"
        ),
    }
    model, problems = load(site_with(tmp_path, files))
    assert formatted(problems) == []
    assert [c.slug for c in model.conferences] == ["tong-ket-nam-2021", "hoi-nghi-chuyen-de"]


def test_summary_defaults_to_first_prose_paragraph_and_written_summary_wins(tmp_path):
    body = "# Diễn biến\n\n![ảnh](x.jpg)\n\nHội nghị **đã** đánh giá [kết quả](a.md)\nsáu tháng.\n\nĐoạn sau.\n"
    files = {
        "content/years/2022/conferences/2022-07-01-a.md": conference(
            "title: A\ndate: 2022-07-01\nkind: so-ket\n", body
        ),
        "content/years/2022/conferences/2022-07-02-b.md": conference(
            "title: B\ndate: 2022-07-02\nkind: so-ket\nsummary: Tóm tắt riêng.\n", body
        ),
    }
    model, _ = load(site_with(tmp_path, files))
    first, second = model.conferences
    assert first.summary == "Hội nghị đã đánh giá kết quả sáu tháng."
    assert second.summary == "Tóm tắt riêng."


def test_conference_dated_outside_its_year(tmp_path):
    files = {
        "content/years/2022/conferences/2022-01-11-a.md": conference("title: A\ndate: 2021-01-11\nkind: tong-ket\n")
    }
    model, problems = load(site_with(tmp_path, files))
    assert formatted(problems) == [
        "content/years/2022/conferences/2022-01-11-a.md:3:7: error: ngày họp 2021-01-11 không thuộc năm 2022 của "
        "thư mục chứa tệp; chuyển tệp sang thư mục years/2021/conferences/ hoặc sửa ngày"
    ]
    assert model.conferences == ()


def test_conference_file_name_date_disagreeing_is_a_warning(tmp_path):
    files = {
        "content/years/2022/conferences/2022-01-12-a.md": conference("title: A\ndate: 2022-01-11\nkind: tong-ket\n")
    }
    _, problems = load(site_with(tmp_path, files))
    assert formatted(problems) == [
        "content/years/2022/conferences/2022-01-12-a.md:3:7: warning: tên tệp bắt đầu bằng ngày 2022-01-12 "
        "nhưng trường date là 2022-01-11"
    ]


def test_conference_impossible_date_and_unknown_kind(tmp_path):
    files = {"content/years/2023/conferences/2023-02-28-a.md": conference("title: A\ndate: 2023-02-30\nkind: hop\n")}
    _, problems = load(site_with(tmp_path, files))
    path = "content/years/2023/conferences/2023-02-28-a.md"
    assert formatted(problems) == [
        f"{path}:3:7: error: “2023-02-30” không phải ngày có thật trên lịch (tháng 2 năm 2023 chỉ có 28 ngày)",
        f"{path}:4:7: error: “kind” phải là một trong: so-ket, tong-ket, bch-mo-rong, dai-hoi, chuyen-de, khac; "
        "gặp “hop”",
    ]


def test_conference_date_as_text_keeps_its_position(tmp_path):
    # Quoted or not, a date is text first and typed by the schema.
    files = {
        "content/years/2019/conferences/2019-08-02-a.md": conference('title: A\ndate: "2019-08-02"\nkind: so-ket\n')
    }
    model, problems = load(site_with(tmp_path, {**TERM_2015, **files}))
    assert formatted(problems) == []
    assert model.conferences[0].date == dt.date(2019, 8, 2)


def test_nfd_record_is_loaded_as_nfc_with_a_warning(tmp_path):
    text = unicodedata.normalize("NFD", "---\ntitle: Giới thiệu Đảng bộ\n---\nLịch sử.\n")
    model, problems = load(site_with(tmp_path, {"content/pages/gioi-thieu.md": text.encode()}))
    assert formatted(problems) == [
        "content/pages/gioi-thieu.md: warning: văn bản chưa ở dạng Unicode dựng sẵn (NFC); "
        "đã tự chuẩn hoá khi đọc, nên lưu lại tệp ở dạng dựng sẵn"
    ]
    assert model.pages[0].title == "Giới thiệu Đảng bộ"
    assert unicodedata.is_normalized("NFC", model.pages[0].body.source)


def test_bom_and_crlf_records_load(tmp_path):
    data = "\ufeff---\r\ntitle: Lịch sử\r\norder: 2\r\n---\r\nThân bài.\r\n".encode()
    model, problems = load(site_with(tmp_path, {"content/pages/lich-su.md": data}))
    assert formatted(problems) == []
    assert model.pages[0].title == "Lịch sử"
    assert model.pages[0].body.source == "Thân bài.\n"


def test_pages_sorted_by_order_then_title(tmp_path):
    files = {
        "content/pages/c.md": "---\ntitle: Một\n---\n",
        "content/pages/b.md": "---\ntitle: Bảng\norder: 2\n---\n",
        "content/pages/a.md": "---\ntitle: Ảnh\norder: 1\n---\n",
        "content/pages/d.md": "---\ntitle: Hai\n---\n",
    }
    model, _ = load(site_with(tmp_path, files))
    assert [p.slug for p in model.pages] == ["a", "b", "d", "c"]


def test_glossary_in_vietnamese_alphabetical_order_and_bad_expansion(tmp_path):
    files = {
        "content/glossary.yaml": (
            "UBND: Ủy ban nhân dân\nĐUK: Đảng ủy Khối\nBTV: Ban Thường vụ\nBTV ĐUK: Ban Thường vụ Đảng ủy Khối\n"
            "DN: doanh nghiệp\nĐV: [đảng viên]\n"
        )
    }
    model, problems = load(site_with(tmp_path, files))
    # Đ after D (not after U, as code points would have it); the Markdown pass sorts longest first itself
    assert [e.abbr for e in model.glossary] == ["BTV", "BTV ĐUK", "DN", "ĐUK", "UBND"]
    assert "content/glossary.yaml:6:5: error: “ĐV” phải là chữ, nhưng gặp một danh sách" in formatted(problems)


def test_an_empty_abbreviation_is_an_error_and_skipped(tmp_path):
    files = {"content/glossary.yaml": 'ĐV: đảng viên\n"": rỗng\n" ": trắng\n'}
    model, problems = load(site_with(tmp_path, files))
    assert [e.abbr for e in model.glossary] == ["ĐV"]
    empty = "error: từ viết tắt để trống (trước dấu hai chấm không có chữ) nên bị bỏ qua; hãy ghi từ viết tắt, "
    assert [m for m in formatted(problems) if "glossary" in m and "error" in m] == [
        f"content/glossary.yaml:2:1: {empty}ví dụ ĐV: đảng viên",
        f"content/glossary.yaml:3:1: {empty}ví dụ ĐV: đảng viên",
    ]


def test_pages_without_order_sort_by_title_in_the_vietnamese_alphabet(tmp_path):
    files = {
        "content/pages/a.md": "---\ntitle: Ủy ban\n---\n",
        "content/pages/b.md": "---\ntitle: Đảng bộ\n---\n",
        "content/pages/c.md": "---\ntitle: Ảnh tư liệu\n---\n",
        "content/pages/d.md": "---\ntitle: Dân vận\n---\n",
        "content/pages/e.md": "---\ntitle: Bộ máy\n---\n",
    }
    model, _ = load(site_with(tmp_path, files))
    assert [p.title for p in model.pages] == ["Ảnh tư liệu", "Bộ máy", "Dân vận", "Đảng bộ", "Ủy ban"]


def test_a_headline_figure_with_a_thousands_dot_is_read_as_a_count_with_a_warning(tmp_path):
    term = "content/terms/2020-2025/term.md"
    front = (
        '---\ntitle: "T"\nstart: 2020-08-14\nend: 2025-08-20\n'
        'stats:\n  - {label: "Đảng viên", value: 3.281}\n  - {label: "Tỷ lệ", value: 98.5, unit: "%"}\n'
        '  - {label: "Tăng", value: 1.035, unit: "%"}\n---\nX\n'
    )
    model, problems = load(site_with(tmp_path, {term: front}))
    assert formatted(problems) == [
        f"{term}:6:33: warning: số liệu “3.281” có dấu chấm phân cách hàng nghìn nên đã đọc là 3281; "
        "hãy viết liền 3281 trong tệp cho rõ"
    ]
    assert [s.value for s in model.terms[0].stats] == [Decimal(3281), Decimal("98.5"), Decimal("1.035")]


def test_impossible_years_in_dates_and_folders_are_reported_not_raised(tmp_path):
    files = {
        "content/years/0000/year.md": "---\ntitle: Năm 0\n---\nX\n",
        "content/terms/0000-0005/term.md": "---\ntitle: T\nstart: 2020-01-01\nend: 2021-01-01\n---\nX\n",
        CONF: conference("title: T\ndate: 0000-08-02\nkind: so-ket\n"),
    }
    _, problems = load(site_with(tmp_path, files))
    assert formatted(problems) == [
        "content/terms/0000-0005/term.md: error: thư mục nhiệm kỳ phải có tên NĂM-NĂM, ví dụ 2015-2020",
        "content/years/0000/year.md: error: thư mục năm phải có tên là một năm, ví dụ 2023",
        "content/years/2019: warning: năm 2019 không thuộc nhiệm kỳ nào đã khai báo trong terms/",
        f"{CONF}:3:7: error: “0000-08-02” không phải ngày có thật trên lịch (năm phải từ 1900 đến 2200, gặp 0)",
    ]


def test_yearbook_filename_must_be_a_plain_pdf_name(tmp_path):
    for bad in ("index.html", "../../x.pdf", "Ky Yeu.pdf", "kỷ-yếu.pdf", "a/b.pdf", ".pdf"):
        site = f'title: "Kỷ yếu"\norganization: "Đảng bộ Khối"\nyearbook:\n  filename: "{bad}"\n'
        model, problems = load(site_with(tmp_path / str(abs(hash(bad))), {"content/site.yaml": site}))
        assert model.site.yearbook.filename == "ky-yeu-2020-2025.pdf"
        assert formatted(problems) == [
            f"content/site.yaml:4:13: error: tên tệp kỷ yếu “{bad}” không dùng được; chỉ gồm chữ thường không dấu, "
            "số, dấu chấm, gạch ngang, gạch dưới, không có dấu /, và kết thúc bằng .pdf, ví dụ ky-yeu-2020-2025.pdf"
        ]
    site = 'title: "K"\norganization: "Đ"\nyearbook: {filename: ky-yeu_2020.v2.pdf}\n'
    model, problems = load(site_with(tmp_path / "ok", {"content/site.yaml": site}))
    assert formatted(problems) == [] and model.site.yearbook.filename == "ky-yeu_2020.v2.pdf"


def test_base_url_that_breaks_out_of_an_attribute_is_refused(tmp_path):
    site = 'title: "K"\norganization: "Đ"\nbase_url: \'https://a.vn/"><script>\'\n'
    model, problems = load(site_with(tmp_path, {"content/site.yaml": site}))
    assert model.site.base_url is None
    assert [m.split(": error: ")[0] for m in formatted(problems)] == ["content/site.yaml:3:11"]


def test_a_person_listed_twice_in_one_conference_is_kept_once(tmp_path):
    front = (
        "title: T\ndate: 2019-08-02\nkind: so-ket\nattendees:\n"
        "  - {name: Lâm Đông, role: Khách mời}\n  - {name: Lâm  Đông, role: Khách mời}\n"
    )
    model, problems = load(site_with(tmp_path, {CONF: conference(front)}))
    assert [p.name for p in model.conferences[0].attendees] == ["Lâm Đông"]
    assert [m for m in formatted(problems) if "attendees" in m] == [
        f"{CONF}:7:5: warning: “Lâm Đông” có hai lần trong danh sách attendees; chỉ giữ một lần"
    ]


def test_a_year_without_year_md_is_titled_in_the_site_language(tmp_path):
    english = 'title: "Yearbook"\norganization: "Bloc"\nlanguage: en\n'
    files = {"content/site.yaml": english, CONF: conference("title: T\ndate: 2019-08-02\nkind: so-ket\n")}
    model, _ = load(site_with(tmp_path, files))
    assert [y.title for y in model.years] == ["Year 2019"]
