"""The preview's control panel through the real server (`site-builder serve` in a subprocess).

Who may press its buttons (token, Origin, Host, method, this machine), what each button
does (check with file:line:col, build into output/ with the CLI's summary line, the PDF
in the preview with a link), one action at a time, and what /_sb/ serves (the site's own
output/, never a file outside it). Opening the file manager for real is not done here:
tests/integration/test_panel_opener.py drives it with a recorder in place of the opener.
"""

from __future__ import annotations

import io
import json
import re
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from site_builder.catalogue import text
from site_builder.serve.guard import TOKEN_HEADER
from tests.conftest import site_with
from tests.hardening.test_hardening_serve import WEBSOCKET, ask
from tests.integration.test_serve import ServerProcess

CONFERENCE = "content/years/2021/conferences/2021-01-14-tong-ket.md"
FILES = {
    "content/years/2021/year.md": "---\ntitle: Năm 2021\n---\nTóm tắt năm.\n",
    CONFERENCE: "---\ntitle: Hội nghị tổng kết\ndate: 2021-01-14\nkind: tong-ket\n---\nThân bài hội nghị.\n",
}
DATA = re.compile(r'<script id="sb-panel-data" type="application/json">(.*?)</script>')


def panel_data(server: ServerProcess, path: str = "/") -> dict:
    status, page = ask(server.port, path)
    found = DATA.search(page)
    assert found, f"no panel on {path} ({status})"
    return json.loads(found[1])


def press(server: ServerProcess, action: str, token: str | None = None, **headers: str) -> tuple[int, dict | str]:
    sent = {"Origin": f"http://127.0.0.1:{server.port}", **headers}
    if token is not None:
        sent[TOKEN_HEADER] = token
    status, body = ask(server.port, f"/_sb/{action}", "POST", body="", **sent)
    try:
        return status, json.loads(body)
    except ValueError:
        return status, body


def finished(server: ServerProcess, token: str, timeout: float = 120) -> dict:
    """The job once it has finished (polling status, as the panel does)."""
    deadline = time.monotonic() + timeout
    while True:
        _, state = press(server, "status", token)
        job = state["job"]
        if job and not job["running"]:
            return job
        assert time.monotonic() < deadline, state
        time.sleep(0.2)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return site_with(tmp_path, FILES)


@pytest.fixture
def server(site: Path, tmp_path: Path):
    running = ServerProcess(site, tmp_path)
    yield running
    assert running.stop() == 0
    assert "Traceback" not in running.output()


def test_every_preview_page_carries_the_panel_with_a_long_token(server):
    data = panel_data(server)
    assert len(data["token"]) >= 43 and data["lang"] == "vi"
    assert data["texts"]["pdf"] == "Tạo kỷ yếu PDF" and data["texts"]["build"] == "Xuất bản"
    assert panel_data(server, "/khong-co-trang-nay/")["token"] == data["token"]  # the 404 page too
    assert ask(server.port, "/_sb/panel.js")[0] == 200 and ask(server.port, "/_sb/panel.css")[0] == 200


def test_buttons_need_the_token_the_page_origin_this_host_and_post(server):
    token, port = panel_data(server)["token"], server.port
    for action in ("check", "build", "pdf", "open-output", "status"):
        assert press(server, action)[0] == 403  # no token
        assert press(server, action, token[:-2] + "xy")[0] == 403  # wrong token
        assert press(server, action, token, Origin="http://evil.example")[0] == 403
        assert press(server, action, token, Origin=f"http://127.0.0.1:{port + 1}")[0] == 403
        status, _ = ask(port, f"/_sb/{action}", "POST", body="", **{TOKEN_HEADER: token})
        assert status == 403  # no Origin at all
        assert press(server, action, token, Host=f"evil.example:{port}")[0] == 421  # DNS rebinding
        assert ask(port, f"/_sb/{action}", "GET", **{TOKEN_HEADER: token})[0] == 405
    for path in ("/_sb/panel.js", "/_sb/output/", "/_sb/nothing", "/"):
        assert ask(port, path, host=f"evil.example:{port}")[0] == 421
    own = f"http://127.0.0.1:{port}"
    assert ask(port, "/livereload", host=f"evil.example:{port}", Origin=own, **WEBSOCKET)[0] == 421
    assert press(server, "status", token) == (200, {"job": None})  # nothing ran


def test_check_lists_each_problem_with_file_line_col_and_the_lines_around_it(server, site):
    token = panel_data(server)["token"]
    path = site / CONFERENCE
    path.write_text(path.read_text(encoding="utf-8").replace("2021-01-14", "2021-02-30"), encoding="utf-8")
    server.wait_for(lambda line: "Nội dung có lỗi" in line)
    assert panel_data(server)["token"] == token  # the error page carries the panel too
    status, state = press(server, "check", token)
    assert status == 202 and state["job"]["kind"] == "check" and state["job"]["running"]
    result = finished(server, token)["result"]
    assert result["ok"] is False and result["summary"].startswith("Nội dung có vấn đề: 1 lỗi")
    (problem,) = [p for p in result["problems"] if p["severity"] == "error"]
    assert problem["where"] == f"{CONFERENCE}:3:7" and "30" in problem["message"]
    assert [row for row in problem["excerpt"] if row[2]] == [[3, "date: 2021-02-30", True]]


def test_publish_is_a_build_into_output_with_the_command_lines_summary(server, site):
    token = panel_data(server)["token"]
    assert press(server, "build", token)[0] == 202
    assert press(server, "check", token)[0] == 409  # one action at a time
    job = finished(server, token)
    result = job["result"]
    assert result["ok"] is True, result
    line = rf"Xong: \d+ bản ghi, \d+ trang HTML, \d+ trang PDF, \d+,\d giây \(0 lỗi, 0 cảnh báo\) → {site}/output"
    assert re.fullmatch(line, result["summary"])
    assert any(line.startswith("kỷ yếu PDF") for line in job["progress"])  # the build's own progress lines
    assert (site / "output" / "index.html").is_file()
    links = {link["href"] for link in result["links"]}
    assert links == {"/_sb/output/", "/_sb/output/ky-yeu-2020-2025.pdf"}
    status, page = ask(server.port, "/_sb/output/")
    assert status == 200 and "Hội nghị tổng kết" in page
    assert "sb-panel-data" not in page and "livereload" not in page  # the site as built
    assert server.output().count(result["summary"]) == 1  # the terminal of the preview says it too


def test_the_pdf_button_renders_into_the_preview_and_links_to_it(server, site):
    token = panel_data(server)["token"]
    assert press(server, "pdf", token)[0] == 202
    job = finished(server, token)
    assert job["result"]["ok"] is True and job["progress"], job
    (link,) = job["result"]["links"]
    assert link["href"] == "/_sb/pdf/ky-yeu-2020-2025.pdf"
    data = fetch_bytes(server, link["href"])
    reader = PdfReader(io.BytesIO(data))
    assert f"kỷ yếu PDF: {len(reader.pages)} trang" == job["result"]["summary"]
    assert "Hội nghị tổng kết" in "".join(page.extract_text() for page in reader.pages)
    assert not (site / "output").exists()  # only Xuất bản writes output/


def test_output_is_served_from_the_sites_own_folder_only(server, site, tmp_path):
    (site / "output").mkdir()
    (site / "output" / "index.html").write_text("<p>đã xuất bản</p>", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("BÍ MẬT", encoding="utf-8")
    (site / "output" / "lo-ra.txt").symlink_to(secret)
    assert ask(server.port, "/_sb/output/")[0] == 200
    outside = [
        "/_sb/output/lo-ra.txt",
        "/_sb/output/../content/site.yaml",
        "/_sb/output/%2e%2e/content/site.yaml",
        "/_sb/output/..%2f..%2fsecret.txt",
        "/_sb/panel_static/panel.js",
        "/_sb/../content/site.yaml",
    ]
    for path in outside:
        status, body = ask(server.port, path)
        assert status in (403, 404) and "BÍ MẬT" not in body and "organization" not in body, path
    (site / "output" / "lo-ra.txt").unlink()
    (site / "output" / "index.html").unlink()
    (site / "output").rmdir()
    (site / "output").symlink_to(tmp_path)  # output/ is a link to somewhere else
    assert ask(server.port, "/_sb/output/secret.txt")[0] == 403
    token = panel_data(server)["token"]
    status, reply = press(server, "open-output", token)
    assert status == 409 and reply == {"ok": False, "message": text("panel.output-not-own", folder=site / "output")}


def test_open_output_without_a_build_says_to_publish_first(server, site):
    status, reply = press(server, "open-output", panel_data(server)["token"])
    assert status == 409 and reply["message"] == text("panel.output-missing", folder=site / "output")


def fetch_bytes(server: ServerProcess, path: str) -> bytes:
    import urllib.request

    with urllib.request.urlopen(f"{server.base}{path}", timeout=60) as response:
        assert response.headers["Content-Type"] == "application/pdf"
        return response.read()


EDITIONS_FILES = {
    **FILES,
    "content/site.yaml": 'title: "Kỷ yếu thử nghiệm"\norganization: "Đảng bộ Khối thử nghiệm"\n'
    "yearbook:\n  editions:\n    years: all\n",
}


def test_the_preview_links_and_makes_every_book_build_prints(tmp_path):
    """yearbook.editions in the preview: the pages link each book as on the published site, each
    is made when it is asked for, and "Tạo kỷ yếu PDF" makes them all into the panel's folder."""
    site = site_with(tmp_path, EDITIONS_FILES)
    running = ServerProcess(site, tmp_path)
    try:
        status, page = ask(running.port, "/nam/2021/")
        assert status == 200 and 'href="../../ky-yeu-nam-2021.pdf"' in page
        year_book = PdfReader(io.BytesIO(fetch_bytes(running, "/ky-yeu-nam-2021.pdf")))
        assert "KỶ YẾU NĂM 2021" in year_book.pages[0].extract_text()  # its own cover
        token = panel_data(running)["token"]
        assert press(running, "pdf", token)[0] == 202
        job = finished(running, token)
        assert job["result"]["ok"] is True, job
        hrefs = [link["href"] for link in job["result"]["links"]]
        assert hrefs == ["/_sb/pdf/ky-yeu-2020-2025.pdf", "/_sb/pdf/ky-yeu-nam-2021.pdf"]
        progress = [line for line in job["progress"] if line.startswith("đang dựng")]
        assert progress == ["đang dựng kỷ yếu PDF", "đang dựng ky-yeu-nam-2021.pdf"]  # one line per book
        for href in hrefs:
            assert fetch_bytes(running, href).startswith(b"%PDF")
        assert not (site / "output").exists()  # only Xuất bản writes output/
    finally:
        assert running.stop() == 0
    assert "Traceback" not in running.output()
