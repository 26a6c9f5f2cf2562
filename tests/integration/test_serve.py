"""Live preview (`site-builder serve`, issue 4).

* dependency tracking: the incremental rebuilder, driven directly on a copy of
  the demo, re-renders exactly the pages a change touches, and the result is
  byte-identical to a fresh full build;
* the error page (file, line, message, escaped source lines) and recovery;
* the server itself, in a subprocess (livereload keeps state on classes):
  loopback binding, the live-reload script, edit -> fresh page, break -> error
  page, fix -> recovery, clean stop.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from site_builder import urls
from site_builder.build import BuildOptions, build_site
from site_builder.output.guard import MARKER
from site_builder.problems import Loc, Problems, SiteError
from site_builder.render.template_deps import TemplateDeps
from site_builder.serve.console import Console
from site_builder.serve.errorpage import error_page
from site_builder.serve.incremental import IncrementalBuilder, Outcome
from site_builder.serve.preview import Preview
from site_builder.serve.server import is_loopback
from tests.conftest import ROOT, formatted
from tests.integration.edits import EDITS, break_then_fix, fix, same_size_conference
from tests.unit.test_search_index import index_words

# --- helpers ------------------------------------------------------------------


def edit(site: Path, rel: str, old: str, new: str) -> str:
    path = site / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return rel


def rebuild(builder: IncrementalBuilder, *changed: str) -> Outcome:
    outcome = builder.build(changed)
    assert outcome.ok, formatted(outcome.problems)
    return outcome


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def assert_same_as_full_build(builder: IncrementalBuilder, scratch: Path) -> None:
    """The preview folder after incremental rebuilds equals a fresh preview and a full `build`."""
    fresh = IncrementalBuilder(builder.site_root, scratch / "fresh", pdf=builder.pdf, cache={})
    assert fresh.build().ok
    for preview in (builder, fresh):  # made when a page asks for it; build makes it every time
        preview.ensure_search_index()
    ours, theirs = tree(builder.out_dir), tree(fresh.out_dir)
    stale = sorted(k for k in ours.keys() | theirs.keys() if ours.get(k) != theirs.get(k))
    assert not stale, f"stale or missing after incremental rebuild: {stale}"
    built = built_tree(builder.site_root, scratch / "built")
    assert isinstance(built, dict), built
    differ = sorted(k for k in ours.keys() | built.keys() if ours.get(k) != built.get(k))
    assert not differ, f"serve and build disagree: {differ}"


def built_tree(site: Path, scratch: Path) -> dict[str, bytes] | list[str]:
    """What `build --no-pdf --force` makes of a copy of `site` (its marker left out), or its problems."""
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(site, scratch / "site", ignore=shutil.ignore_patterns(".cache", "output"))
    try:
        build_site(BuildOptions(scratch / "site", pdf=False, use_cache=False, jobs=1))
    except SiteError as exc:
        return formatted(exc.problems)
    found = tree(scratch / "site" / "output")
    found.pop(MARKER)
    return found


@pytest.fixture
def builder(demo_site: Path, tmp_path: Path) -> IncrementalBuilder:
    built = IncrementalBuilder(demo_site, tmp_path / "preview", pdf=False, cache={})
    outcome = built.build()
    assert outcome.ok, formatted(outcome.problems)
    assert len(outcome.rendered) == built.page_count == built.rendered_pages
    return built


def page_of(url: str) -> str:
    return urls.out_path(url)


def date_line(site: Path, rel: str) -> int:
    lines = (site / rel).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith("date:"))


def middle_conference(builder: IncrementalBuilder):
    conferences = builder.loaded.model.conferences
    return conferences[len(conferences) // 2], conferences


# --- which pages re-render ------------------------------------------------------


def test_conference_edit_renders_its_page_and_listings_only(builder: IncrementalBuilder, tmp_path: Path) -> None:
    c, conferences = middle_conference(builder)
    before = builder.rendered_pages
    outcome = rebuild(builder, edit(builder.site_root, c.path, 'title: "', 'title: "Đã sửa: '))
    rendered = set(outcome.rendered)
    index = conferences.index(c)
    year = next(y for y in builder.loaded.model.years if y.year == c.year)
    must = {page_of(urls.conference(c)), page_of(urls.year(year)), page_of(urls.years_index()), page_of(urls.people())}
    must |= {page_of(urls.conference(n)) for n in (conferences[index - 1], conferences[index + 1])}
    must |= {page_of(urls.term(t)) for t in builder.loaded.model.terms if t.id in year.terms}
    assert must <= rendered
    # Pages that do not show the conference's year are never touched. (The targets and awards
    # pages list years, and a year's value includes its conferences: they may be rendered again.)
    never = {page_of(u) for u in (urls.glossary(), urls.not_found())}
    never |= {page_of(urls.page(p)) for p in builder.loaded.model.pages}
    never |= {page_of(urls.conference(o)) for o in conferences if abs(conferences.index(o) - index) > 1}
    assert not rendered & never
    # the proof that one record edit is never a full rebuild
    assert builder.rendered_pages - before == len(rendered) < builder.page_count / 2
    assert "Đã sửa: " in (builder.out_dir / page_of(urls.conference(c))).read_text(encoding="utf-8")
    assert_same_as_full_build(builder, tmp_path)


def test_latest_conference_edit_updates_home(builder: IncrementalBuilder) -> None:
    latest = max(builder.loaded.model.conferences, key=lambda c: c.date)
    outcome = rebuild(builder, edit(builder.site_root, latest.path, 'title: "', 'title: "Mới nhất: '))
    assert "index.html" in outcome.rendered
    assert "Mới nhất: " in (builder.out_dir / "index.html").read_text(encoding="utf-8")


def test_year_targets_edit(builder: IncrementalBuilder, tmp_path: Path) -> None:
    year = next(y for y in builder.loaded.model.years if y.targets.items)
    outcome = rebuild(builder, edit(builder.site_root, year.targets.path, "actual: ", "actual: 1"))
    rendered = set(outcome.rendered)
    assert {page_of(urls.targets()), page_of(urls.year(year))} <= rendered
    assert not {page_of(urls.conference(c)) for c in builder.loaded.model.conferences} & rendered
    assert page_of(urls.glossary()) not in rendered
    assert_same_as_full_build(builder, tmp_path)


def test_year_awards_edit(builder: IncrementalBuilder, tmp_path: Path) -> None:
    year = next(y for y in builder.loaded.model.years if y.awards.items)
    outcome = rebuild(builder, edit(builder.site_root, year.awards.path, "count: ", "count: 1"))
    assert page_of(urls.awards()) in outcome.rendered
    assert not {page_of(urls.conference(c)) for c in builder.loaded.model.conferences} & set(outcome.rendered)
    assert_same_as_full_build(builder, tmp_path)


def test_term_awards_edit(builder: IncrementalBuilder, tmp_path: Path) -> None:
    term = next(t for t in builder.loaded.model.terms if t.awards.items)
    outcome = rebuild(builder, edit(builder.site_root, term.awards.path, "count: ", "count: 1"))
    rendered = set(outcome.rendered)
    assert {page_of(urls.awards()), page_of(urls.term(term))} <= rendered
    assert page_of(urls.glossary()) not in rendered
    assert_same_as_full_build(builder, tmp_path)


def test_glossary_edit(builder: IncrementalBuilder, tmp_path: Path) -> None:
    entry = builder.loaded.model.glossary[0]
    rel = "content/glossary.yaml"
    text = (builder.site_root / rel).read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if ln.startswith(f"{entry.abbr}:"))
    outcome = rebuild(builder, edit(builder.site_root, rel, line, f"{line} (sửa)"))
    # Every page that marks abbreviations up (the `abbr` filter reads the glossary) is rendered
    # again: target names and roles show them too.
    assert page_of(urls.glossary()) in outcome.rendered and page_of(urls.targets()) in outcome.rendered
    assert_same_as_full_build(builder, tmp_path)


def test_template_edit_renders_the_pages_using_it(builder: IncrementalBuilder, tmp_path: Path) -> None:
    # A new site override of a partial only some templates include.
    theme_file = builder.theme.builtin_template_dirs[0] / "partials" / "tally.html"
    target = builder.site_root / "templates" / "partials" / "tally.html"
    target.write_text(theme_file.read_text(encoding="utf-8") + "<!-- ghi đè -->\n", encoding="utf-8")
    outcome = rebuild(builder, "templates/partials/tally.html")
    users = {s.out_path for s in builder.loaded.specs if "partials/tally.html" in builder_closure(builder, s.template)}
    assert set(outcome.rendered) == users
    assert page_of(urls.glossary()) not in users
    assert_same_as_full_build(builder, tmp_path)


def builder_closure(builder: IncrementalBuilder, template: str) -> frozenset[str]:
    closure = TemplateDeps(builder.env).bare_closure(template)
    assert closure is not None
    return closure


def test_base_template_edit_renders_every_page(builder: IncrementalBuilder) -> None:
    rel = edit(builder.site_root, "templates/partials/footer.html", "<address>", '<address class="x">')
    outcome = rebuild(builder, rel)
    html_pages = {path for path in builder.out_paths if path.endswith(".html")}  # not sitemap.xml, feed.xml
    assert set(outcome.rendered) == html_pages


def test_site_yaml_edit_renders_every_page(builder: IncrementalBuilder, tmp_path: Path) -> None:
    outcome = rebuild(builder, edit(builder.site_root, "content/site.yaml", 'title: "', 'title: "Thử: '))
    assert len(outcome.rendered) == builder.page_count
    assert_same_as_full_build(builder, tmp_path)


NEW_CONFERENCE = """\
---
title: "Hội nghị thêm mới"
date: {date}
kind: so-ket
attendees:
  - name: "Lê Văn Thêm"
    role: "Bí thư chi bộ"
---

Nội dung hội nghị.
"""


def test_new_renamed_and_deleted_conference_update_every_listing(builder: IncrementalBuilder, tmp_path: Path) -> None:
    site, year = builder.site_root, builder.loaded.model.years[-1]
    folder = site / year.path / "conferences"
    folder.mkdir(exist_ok=True)
    first = folder / f"{year.year}-06-01-hoi-nghi-them-moi.md"
    first.write_text(NEW_CONFERENCE.format(date=f"{year.year}-06-01"), encoding="utf-8")
    pages = builder.page_count
    outcome = rebuild(builder, first.relative_to(site).as_posix())
    added = f"nam/{year.year}/hoi-nghi-them-moi/index.html"
    assert added in outcome.rendered and builder.page_count == pages + 1
    assert {page_of(urls.year(year)), page_of(urls.years_index()), page_of(urls.people())} <= set(outcome.rendered)
    assert "Hội nghị thêm mới" in (builder.out_dir / page_of(urls.year(year))).read_text(encoding="utf-8")
    assert_same_as_full_build(builder, tmp_path / "a")

    second = first.with_name(f"{year.year}-06-02-hoi-nghi-doi-ten.md")
    second.write_text(first.read_text(encoding="utf-8").replace("-06-01", "-06-02"), encoding="utf-8")
    first.unlink()
    outcome = rebuild(builder, first.relative_to(site).as_posix(), second.relative_to(site).as_posix())
    assert outcome.removed == (added,) and not (builder.out_dir / added).exists()
    assert_same_as_full_build(builder, tmp_path / "b")

    second.unlink()
    outcome = rebuild(builder, second.relative_to(site).as_posix())
    assert outcome.removed == (f"nam/{year.year}/hoi-nghi-doi-ten/index.html",)
    assert page_of(urls.year(year)) in outcome.rendered and builder.page_count == pages
    assert_same_as_full_build(builder, tmp_path / "c")


def test_css_change_reloads_styles_only(builder: IncrementalBuilder) -> None:
    css = builder.site_root / "themes" / "default" / "static" / "css" / "extra.css"
    css.parent.mkdir(parents=True)
    css.write_text("body { color: #111; }\n", encoding="utf-8")
    outcome = rebuild(builder, "themes/default/static/css/extra.css")
    assert outcome.rendered == () and outcome.assets == ("static/css/extra.css",)
    assert (builder.out_dir / "static/css/extra.css").read_text(encoding="utf-8").startswith("body")


def test_replaced_photo_is_copied_without_rendering_pages(builder: IncrementalBuilder) -> None:
    rel = next(m for m in sorted(builder.loaded.model.media) if m.endswith(".jpg"))  # an SVG + NUL is refused
    source = builder.site_root / "content" / "media" / rel
    source.write_bytes(source.read_bytes() + b"\0")
    outcome = rebuild(builder, f"content/media/{rel}")
    assert outcome.rendered == () and outcome.assets == (f"media/{rel}",)
    assert (builder.out_dir / "media" / rel).read_bytes() == source.read_bytes()


def test_unrelated_file_renders_nothing(builder: IncrementalBuilder) -> None:
    (builder.site_root / "templates" / "ghi-chu.txt").write_text("không dùng\n", encoding="utf-8")
    outcome = rebuild(builder, "templates/ghi-chu.txt")
    assert outcome.rendered == () and outcome.removed == ()


def test_serve_equals_build_over_random_edits(builder: IncrementalBuilder, tmp_path: Path) -> None:
    """The same seeded edits as the build oracle: after each, the preview folder holds exactly what
    `build --no-pdf` makes of the site, and a broken save reports what `build` reports."""
    rng = random.Random(11)
    site = builder.site_root
    # The preview watches sizes and modification times (it never hashes on every poll): a file
    # rewritten with the same size and time is not a save it can see, so that edit is the build's only.
    edits = [e for e in EDITS if e is not same_size_conference]
    for step, edit in enumerate(rng.sample(edits, len(edits))):
        what = edit(site, rng)
        outcome = builder.build()
        if edit is break_then_fix:
            assert not outcome.ok and formatted(outcome.problems) == built_tree(site, tmp_path / "b"), what
            fix(site)
            outcome = builder.build()
        assert outcome.ok, (what, formatted(outcome.problems))
        builder.ensure_search_index()
        built = built_tree(site, tmp_path / "b")
        ours = tree(builder.out_dir)
        differ = sorted(k for k in ours.keys() | built.keys() if ours.get(k) != built.get(k))
        assert not differ, f"step {step} ({what}): serve and build disagree: {differ}"


# --- errors and recovery ------------------------------------------------------


def test_broken_record_keeps_output_and_recovers_with_pending_changes(builder: IncrementalBuilder) -> None:
    c, _ = middle_conference(builder)
    page = builder.out_dir / page_of(urls.conference(c))
    before, counter = page.read_bytes(), builder.rendered_pages
    edit(builder.site_root, c.path, 'title: "', 'title: "Tiêu đề mới: ')
    edit(builder.site_root, c.path, "date: ", "date: x")
    broken = builder.build([c.path])
    assert not broken.ok and broken.rendered == ()
    [error] = broken.problems.errors
    assert error.loc.path == c.path and error.loc.line == date_line(builder.site_root, c.path)
    assert page.read_bytes() == before and builder.rendered_pages == counter
    edit(builder.site_root, c.path, "date: x", "date: ")
    fixed = builder.build(["content/site.yaml"])  # the record's own change is remembered
    assert fixed.ok and "Tiêu đề mới: " in page.read_text(encoding="utf-8")


def test_an_internal_failure_is_reported_not_raised(builder: IncrementalBuilder, monkeypatch) -> None:
    def broken(*_args, **_kwargs):
        raise RuntimeError("hỏng")

    monkeypatch.setattr("site_builder.serve.incremental.load_site", broken)
    outcome = builder.build([edit(builder.site_root, "content/site.yaml", 'title: "', 'title: "Sửa: ')])
    assert not outcome.ok and [p.code for p in outcome.problems] == ["serve.internal"]
    assert "RuntimeError: hỏng" in outcome.problems.errors[0].message()
    monkeypatch.undo()
    assert rebuild(builder).rendered  # the change is built once the failure is gone


def test_template_syntax_error_names_the_template(builder: IncrementalBuilder) -> None:
    rel = edit(builder.site_root, "templates/partials/footer.html", "<address>", "{% if %}<address>")
    outcome = builder.build([rel])
    assert not outcome.ok
    assert {p.loc.path for p in outcome.problems.errors} == {"templates/partials/footer.html"}
    assert all(p.loc.line for p in outcome.problems.errors)


def test_error_page_names_file_line_message_and_escapes_source(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / "bad.yaml").write_text('a: 1\nb: "<script>alert(1)</script>"\nc: 3\n', encoding="utf-8")
    problems = Problems()
    problems.error("yaml.syntax", Loc("content/bad.yaml", 2, 4), detail="<b>lỗi</b>")
    problems.error("yaml.syntax", Loc("../../etc/passwd", 1), detail="x")
    html = error_page(problems.errors, site).decode("utf-8")
    assert "</head>" in html and "content/bad.yaml:2:4" in html
    assert "&lt;b&gt;lỗi&lt;/b&gt;" in html and "<b>lỗi" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert "<mark>" in html and "c: 3" in html
    assert "root:" not in html  # files outside the site are never quoted


# --- the preview loop (no server) ------------------------------------------------


@pytest.fixture
def preview(demo_site: Path, tmp_path: Path) -> tuple[Preview, list[str], list[str]]:
    said: list[str] = []
    notified: list[str] = []
    builder = IncrementalBuilder(demo_site, tmp_path / "preview", pdf=True, cache={})
    live = Preview(builder, Console(said.append), notified.append)
    assert live.start().ok
    return live, said, notified


def test_preview_tick_error_panel_console_once_and_recovery(preview) -> None:
    live, said, notified = preview
    c = live.builder.loaded.model.conferences[0]
    assert live.tick() is None and notified == []
    edit(live.site_root, c.path, "date: ", "date: x")
    assert not live.tick().ok and notified == ["*"]
    panel = live.intercept("")
    where = f"{c.path}:{date_line(live.site_root, c.path)}"
    assert panel is not None and panel[0] == 500 and where.encode() in panel[1]
    assert live.intercept(page_of(urls.conference(c))) == panel
    assert live.intercept(live.builder.pdf_out_path()) == panel
    assert live.intercept("static/css/site.css") is None
    errors = [line for line in said if c.path in line]
    edit(live.site_root, c.path, "kind: ", "kind: ")  # saved again, same error
    live.snapshot = {}
    live.tick()
    assert [line for line in said if c.path in line] == errors and len(errors) == 1
    edit(live.site_root, c.path, "date: x", "date: ")
    assert live.tick().ok and live.intercept("") is None
    assert any("Đã hết lỗi" in line for line in said)


def test_preview_css_only_change_is_a_live_css_reload(preview) -> None:
    live, _, notified = preview
    css = live.site_root / "themes" / "default" / "static" / "css" / "extra.css"
    css.parent.mkdir(parents=True)
    css.write_text("p { margin: 0 }\n", encoding="utf-8")
    live.tick()
    assert notified == ["/static/css/extra.css"]


@pytest.mark.pdf
def test_pdf_rendered_on_request_and_cached_until_content_changes(preview) -> None:
    live, _, _ = preview
    pdf = live.builder.pdf_out_path()
    assert pdf and not (live.builder.out_dir / pdf).exists()  # never rendered by a rebuild
    assert live.intercept(pdf) is None and (live.builder.out_dir / pdf).read_bytes().startswith(b"%PDF")
    stamp = (live.builder.out_dir / pdf).stat().st_mtime_ns
    assert live.intercept(pdf) is None and (live.builder.out_dir / pdf).stat().st_mtime_ns == stamp
    c = live.builder.loaded.model.conferences[0]
    edit(live.site_root, c.path, 'title: "', 'title: "PDF: ')
    assert live.tick().ok and live.builder.pdf_stale and (live.builder.out_dir / pdf).stat().st_mtime_ns == stamp


def words_of(index: Path) -> list[str]:
    return sorted(index_words(index.parent))


def test_search_index_written_on_request_and_refreshed_after_an_edit(preview) -> None:
    live, _, _ = preview
    index = live.builder.out_dir / live.builder.search_index_out_path()
    assert not index.exists()  # a save never pays for it
    assert live.intercept(live.builder.search_index_out_path()) is None
    assert "Đĩa" not in words_of(index)
    c = live.builder.loaded.model.conferences[0]
    edit(live.site_root, c.path, 'title: "', 'title: "Đĩa: ')
    assert live.tick().ok and live.builder.search_stale
    live.intercept(live.builder.search_index_out_path())
    assert "Đĩa" in words_of(index)


def test_loopback_names() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10")


# --- the server, in a subprocess -------------------------------------------------


class ServerProcess:
    """`python -m site_builder serve` on a free port; stderr goes to a file we poll."""

    def __init__(self, site: Path, tmp: Path, *args: str, env: dict[str, str] | None = None, preexec_fn=None):
        self.log = tmp / "serve.log"
        self.tmpdir = tmp / "tmp"
        self.tmpdir.mkdir()
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUTF8": "1", "TMPDIR": str(self.tmpdir), **(env or {})}
        command = [sys.executable, "-m", "site_builder", "serve", "--site", str(site), "--port", "0", *args]
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                command, stderr=log, stdout=subprocess.DEVNULL, env=env, preexec_fn=preexec_fn
            )
        line = self.wait_for(lambda text: "Xem trước tại http://" in text, timeout=60)
        self.base = line.split("Xem trước tại ", 1)[1].split()[0].rstrip("/")
        self.port = int(self.base.rsplit(":", 1)[1])

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def wait_for(self, found, timeout: float = 10) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.output().splitlines():
                if found(line):
                    return line
            assert self.process.poll() is None, self.output()
            time.sleep(0.05)
        raise AssertionError(f"timed out; server said:\n{self.output()}")

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=15)


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def wait_until(condition, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


@pytest.fixture
def server(demo_site: Path, tmp_path: Path):
    running = ServerProcess(demo_site, tmp_path, "--no-pdf")
    yield running
    running.stop()


def test_sigint_stops_a_server_started_as_a_background_job(demo_site: Path, tmp_path: Path) -> None:
    """A shell starts `serve &` with SIGINT ignored; SIGINT must still stop it cleanly."""
    running = ServerProcess(
        demo_site, tmp_path, "--no-pdf", preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)
    )
    assert fetch(f"{running.base}/")[0] == 200
    assert running.stop() == 0
    assert "Đã dừng xem trước." in running.output()


def listening_addresses(port: int) -> set[str]:
    """Addresses (hex, as in /proc/net/tcp*) with a listening socket on `port`."""
    found: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for row in Path(table).read_text().splitlines()[1:]:
            local, state = row.split()[1], row.split()[3]
            address, port_hex = local.rsplit(":", 1)
            if state == "0A" and int(port_hex, 16) == port:
                found.add(address)
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc/net/tcp")
def test_server_binds_loopback_only_and_injects_live_reload(server: ServerProcess) -> None:
    assert server.base.startswith("http://127.0.0.1:")
    assert listening_addresses(server.port) == {"0100007F"}  # 127.0.0.1, nothing on 0.0.0.0 or ::
    status, html = fetch(f"{server.base}/")
    assert status == 200 and "/livereload.js?port=" in html
    assert fetch(f"{server.base}/livereload.js")[0] == 200
    status, missing = fetch(f"{server.base}/khong-co/")
    assert status == 404 and "/livereload.js?port=" in missing


def test_server_edit_break_fix_and_clean_stop(server: ServerProcess, demo_site: Path) -> None:
    conference = sorted((demo_site / "content" / "years").glob("*/conferences/*.md"))[-1]
    rel = conference.relative_to(demo_site).as_posix()
    page = f"{server.base}/nam/{conference.name[:4]}/{conference.stem[11:]}/"  # 2024-01-17-slug.md
    assert fetch(page)[0] == 200
    edit(demo_site, rel, 'title: "', 'title: "Bản sửa trực tiếp: ')
    wait_until(lambda: "Bản sửa trực tiếp: " in fetch(page)[1])
    edit(demo_site, rel, "date: ", "date: x")
    wait_until(lambda: fetch(page)[0] == 500)
    status, html = fetch(page)
    where = f"{rel}:{date_line(demo_site, rel)}"
    assert where in html and "</head>" in html and "/livereload.js?port=" in html
    edit(demo_site, rel, "date: x", "date: ")
    wait_until(lambda: fetch(page)[0] == 200)
    assert server.stop() == 0
    said = server.output()
    assert said.count(where) == 1 and "Traceback" not in said and "Đã dừng" in said
    assert list(server.tmpdir.iterdir()) == []  # the preview folder is gone


def test_server_warns_when_open_to_the_network(demo_site: Path, tmp_path: Path) -> None:
    running = ServerProcess(demo_site, tmp_path, "--no-pdf", "--host", "0.0.0.0")
    try:
        assert "Cảnh báo" in running.output() and "0.0.0.0" in running.output()
    finally:
        assert running.stop() == 0


def test_open_starts_the_browser_on_the_preview(demo_site: Path, tmp_path: Path) -> None:
    opened = tmp_path / "opened.txt"
    fake = f'{sys.executable} -c "import pathlib,sys; pathlib.Path(sys.argv[1]).write_text(sys.argv[2])" {opened} %s'
    running = ServerProcess(demo_site, tmp_path, "--no-pdf", "--open", env={"BROWSER": fake})
    try:
        wait_until(lambda: opened.exists() and opened.read_text())  # created, then written: wait for both
        assert opened.read_text() == f"{running.base}/"
    finally:
        assert running.stop() == 0


def test_serve_refuses_a_folder_without_content(tmp_path: Path, run_cli) -> None:
    code, _, err = run_cli("serve", "--site", str(tmp_path), "--port", "0")
    assert code == 1 and "content/site.yaml" in err and "Traceback" not in err


def test_preview_folder_is_its_own_temporary_folder(server: ServerProcess, demo_site: Path) -> None:
    before = set((demo_site / "content").rglob("*"))
    assert fetch(f"{server.base}/")[0] == 200
    assert set((demo_site / "content").rglob("*")) == before
    [folder] = server.tmpdir.iterdir()
    assert folder.name.startswith("site-builder-serve-") and (folder / "index.html").is_file()


def test_a_new_year_with_only_targets_updates_home_and_the_previous_year(
    builder: IncrementalBuilder, tmp_path: Path
) -> None:
    last = builder.loaded.model.years[-1]
    rel = "content/years/2025/targets.yaml"
    target = builder.site_root / rel
    target.parent.mkdir(parents=True)
    target.write_text(
        '- id: ket-nap\n  name: "Kết nạp đảng viên mới"\n  unit: "đảng viên"\n  target: 150\n  actual: 152\n',
        encoding="utf-8",
    )
    outcome = rebuild(builder, rel)
    assert 2025 in [y.year for y in builder.loaded.model.years]
    rendered = set(outcome.rendered)
    assert {"index.html", page_of(urls.year(last)), page_of(urls.years_index())} <= rendered
    assert_same_as_full_build(builder, tmp_path)
