"""The command line through a subprocess: help, version, exit codes, all problems at once, safe output."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import click
import pytest

from site_builder.cli import cli as cli_main
from tests.conftest import ROOT, copy_demo, run_cli, snapshot


def all_commands(group=cli_main, prefix=()) -> list[tuple[str, ...]]:
    found = [prefix]
    if not isinstance(group, click.Group):
        return found
    ctx = click.Context(group)  # through the public API: the top group adds some commands when named
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        found += all_commands(command, (*prefix, name)) if isinstance(command, click.Group) else [(*prefix, name)]
    return found


@pytest.fixture(scope="module")
def built_site(tmp_path_factory) -> Path:
    """A demo copy built once (HTML only) to break afterwards in copies."""
    site = copy_demo(tmp_path_factory.mktemp("cli") / "site")
    code, _, err = run_cli("build", "--no-pdf", "--quiet", "--site", str(site))
    assert code == 0, err
    return site


def fresh_copy(built_site: Path, tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(built_site, site, symlinks=True)
    return site


def break_five_ways(site: Path) -> None:
    """The issue's scenario: malformed YAML, a conference outside its year, a missing required field,
    a percent disagreeing with its numbers and a count typed as 1.187 — in five different files."""
    (site / "content/glossary.yaml").write_text("ĐV: đảng viên\nTCCSĐ: [tổ chức cơ sở đảng\n", encoding="utf-8")
    conf = site / "content/years/2022/conferences/2022-01-11-tong-ket-nam-2021.md"
    conf.write_text(
        conf.read_text(encoding="utf-8").replace("date: 2022-01-11", "date: 2021-01-11", 1), encoding="utf-8"
    )
    bch = site / "content/years/2023/conferences/2023-10-05-bch-mo-rong-lan-thu-16.md"
    text = bch.read_text(encoding="utf-8")
    bch.write_text(re.sub(r"(?m)^title: .*\n", "", text, count=1), encoding="utf-8")
    targets = site / "content/years/2021/targets.yaml"
    targets.write_text(
        targets.read_text(encoding="utf-8").replace("percent: 101.3", "percent: 101.5"), encoding="utf-8"
    )
    awards = site / "content/years/2022/awards.yaml"
    awards.write_text(awards.read_text(encoding="utf-8").replace("count: 18", "count: 1.187"), encoding="utf-8")


FIVE = [
    r"content/glossary\.yaml:\d+:\d+: error: YAML sai cú pháp",
    r"content/years/2022/conferences/2022-01-11-tong-ket-nam-2021\.md:\d+:\d+: error: ngày họp 2021-01-11 "
    r"không thuộc năm 2022",
    r"content/years/2023/conferences/2023-10-05-bch-mo-rong-lan-thu-16\.md:\d+:\d+: error: "
    r"thiếu trường bắt buộc “title”",
    r"content/years/2021/targets\.yaml:\d+:\d+: error: percent ghi 101,5% nhưng thực hiện/kế hoạch "
    r"= 152/150 = 101,3%; sửa percent thành 101\.3, hoặc kiểm tra lại target/actual",
    r"content/years/2022/awards\.yaml:\d+:\d+: error: “count” .*“1\.187”.* 1187",
]


# --- help and version -------------------------------------------------------------


@pytest.mark.parametrize("command", all_commands(), ids=lambda c: " ".join(c) or "site-builder")
def test_help_is_in_vietnamese(command):
    code, out, err = run_cli(*command, "--help")
    assert code == 0, err
    assert out.startswith("Cách dùng: ")
    assert "Tùy chọn:" in out and "Hiện hướng dẫn này rồi thoát." in out
    for english in ("Usage:", "Options:", "Commands:", "Show this message", "[default:", "[required]", "[OPTIONS]"):
        assert english not in out, english


def test_help_names_vietnamese_placeholders():
    _, out, _ = run_cli("new", "conference", "--help")
    assert "--date NĂM-THÁNG-NGÀY" in out and "[bắt buộc]" in out and "[mặc định: so-ket]" in out
    assert "--site THƯ_MỤC" in out
    _, out, _ = run_cli("new", "year", "--help")
    assert "new year [TÙY_CHỌN] NĂM" in out
    _, out, _ = run_cli("--help")
    assert "Lệnh:" in out and "Hiện số phiên bản rồi thoát." in out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("new", "conference", "--title", "X"), "Lỗi: Thiếu tùy chọn '--date'."),
        (("new", "conference", "--date", "2025-07-15"), "Lỗi: Thiếu tùy chọn '--title'."),
        (("new", "conference", "--date", "2025-02-30", "--title", "X"), "Lỗi: Giá trị không hợp lệ cho '--date'"),
        (("bogus",), "Lỗi: Không có lệnh 'bogus'."),
    ],
)
def test_usage_errors_are_in_vietnamese(args, expected):
    code, out, err = run_cli(*args)
    assert code == 2
    assert expected in err
    assert "Cách dùng: " in err and "Xem hướng dẫn: " in err


@pytest.mark.parametrize("command", all_commands(), ids=lambda c: " ".join(c) or "site-builder")
def test_help_of_every_command_has_an_example(command):
    code, out, err = run_cli(*command, "--help")
    assert code == 0, err
    assert "Ví dụ:" in out
    assert re.search(r"^\s+site-builder \S+", out, re.MULTILINE), out


def test_commands_are_all_there():
    names = {" ".join(c) for c in all_commands()}
    assert {"build", "check", "new site", "new term", "new year", "new conference", "new page"} <= names


def test_version():
    code, out, _ = run_cli("--version")
    assert code == 0
    assert re.fullmatch(r"site-builder, phiên bản \d+\.\d+\.\d+\n", out)


def test_console_script_is_installed():
    script = Path(ROOT / ".venv/bin/site-builder")
    if not script.exists():
        pytest.skip("no .venv console script here")
    import subprocess

    done = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "site-builder" in done.stdout


# --- exit codes -------------------------------------------------------------------


def test_check_on_the_demo_is_clean_even_strict():
    code, out, err = run_cli("check", "--strict", "--site", str(ROOT))
    assert code == 0, err
    assert "Nội dung hợp lệ (0 lỗi, 0 cảnh báo)." in err


@pytest.mark.parametrize(
    "args",
    [("bogus",), ("check", "--bogus"), ("new", "conference", "--title", "X"), ("build", "--jobs", "-1"),
     ("new", "conference", "--date", "2025-02-30", "--title", "X"), ("build", "--site", str(ROOT / "README.md"))],
)  # fmt: skip
def test_usage_errors_exit_2_without_traceback(args):
    code, out, err = run_cli(*args)
    assert code == 2
    assert "Traceback" not in out + err
    assert "Lỗi: " in err and "Error:" not in err and "Usage:" not in err


def test_a_folder_that_is_not_a_site_exits_1(tmp_path):
    code, _, err = run_cli("check", "--site", str(tmp_path))
    assert code == 1
    assert err.startswith("content/site.yaml: error: không tìm thấy content/site.yaml")


def test_warnings_fail_only_under_strict(built_site, tmp_path):
    site = fresh_copy(built_site, tmp_path)
    glossary = site / "content/glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "XYZ: không dùng tới\n", encoding="utf-8")
    code, _, err = run_cli("check", "--site", str(site))
    assert code == 0
    assert "content/glossary.yaml:" in err and ": warning: từ viết tắt “XYZ” không xuất hiện" in err
    code, _, err = run_cli("check", "--strict", "--site", str(site))
    assert code == 1
    assert "0 lỗi, 1 cảnh báo" in err


# --- the scenario: every problem in one run, build refuses, output untouched ---------


def test_check_reports_all_five_problems_in_one_run(built_site, tmp_path):
    site = fresh_copy(built_site, tmp_path)
    break_five_ways(site)
    code, out, err = run_cli("check", "--site", str(site))
    assert code == 1
    assert "Traceback" not in out + err
    lines = err.splitlines()
    for pattern in FIVE:
        assert any(re.match(pattern, line) for line in lines), f"{pattern}\n{err}"
    assert "Nội dung có vấn đề: 5 lỗi" in err
    assert snapshot(site / "output") == snapshot(built_site / "output")  # check writes nothing


def test_build_refuses_and_leaves_previous_output_byte_identical(built_site, tmp_path):
    site = fresh_copy(built_site, tmp_path)
    before = snapshot(site / "output")
    assert "index.html" in before
    break_five_ways(site)
    content_before = snapshot(site / "content")
    code, out, err = run_cli("build", "--site", str(site))
    assert code == 1
    assert "Traceback" not in out + err
    assert all(any(re.match(p, line) for line in err.splitlines()) for p in FIVE)
    assert "thư mục kết quả cũ được giữ nguyên" in err
    assert snapshot(site / "output") == before
    assert snapshot(site / "content") == content_before
    assert sorted(p.name for p in site.iterdir()) == sorted(p.name for p in built_site.iterdir())


def test_a_template_failure_exits_3_and_keeps_output(built_site, tmp_path):
    site = fresh_copy(built_site, tmp_path)
    before = snapshot(site / "output")
    (site / "templates/partials/footer.html").write_text("{{ khong_co_bien.thuoc_tinh }}\n", encoding="utf-8")
    code, out, err = run_cli("build", "--no-pdf", "--site", str(site))
    assert code == 3
    assert "Traceback" not in out + err
    assert ": error: " in err
    assert snapshot(site / "output") == before


def test_output_inside_content_is_refused(built_site, tmp_path):
    site = fresh_copy(built_site, tmp_path)
    code, out, err = run_cli("build", "--no-pdf", "--site", str(site), "--output", str(site / "content/out"))
    assert code == 1
    assert "Traceback" not in out + err
    assert "không thể xuất ra" in err
    assert not (site / "content/out").exists()


# --- successful build -------------------------------------------------------------


def test_build_succeeds_writes_summary_and_never_touches_content(built_site, tmp_path):
    site = fresh_copy(built_site, tmp_path)
    content_before = snapshot(site / "content")
    target = tmp_path / "xem-thu"
    code, out, err = run_cli("build", "--no-pdf", "--site", str(site), "--output", str(target))
    assert code == 0, err
    assert re.search(r"Xong: \d+ bản ghi, \d+ trang HTML, 0 trang PDF, \d+,\d giây \(0 lỗi, 0 cảnh báo\)", err)
    assert "… đã đọc" in err  # progress
    assert (target / "index.html").is_file() and (target / "nam/2019/so-ket-6-thang/index.html").is_file()
    assert snapshot(site / "content") == content_before


def test_quiet_build_prints_only_the_summary(built_site, tmp_path):
    site = fresh_copy(built_site, tmp_path)
    code, out, err = run_cli("build", "--no-pdf", "--quiet", "--site", str(site))
    assert code == 0
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Xong")


def test_rebuild_replaces_output_from_the_current_folder(built_site, tmp_path):
    site = fresh_copy(built_site, tmp_path)
    (site / "content/pages/gioi-thieu.md").unlink()
    code, _, err = run_cli("build", "--no-pdf", "--quiet", cwd=site)
    assert code == 0, err
    assert not (site / "output/trang/gioi-thieu").exists()  # stale pages do not survive a rebuild
    assert (site / "output/trang/lich-su/index.html").is_file()


# --- check finds what build would find in the theme ---------------------------------


def test_check_reports_a_template_syntax_error_like_build(built_site, tmp_path):
    site = fresh_copy(built_site, tmp_path)
    footer = site / "templates/partials/footer.html"
    footer.write_text(footer.read_text(encoding="utf-8") + "{% if %}\n", encoding="utf-8")
    line = len(footer.read_text(encoding="utf-8").splitlines())
    code, _, err = run_cli("check", "--site", str(site))
    assert code == 1, err
    assert f"templates/partials/footer.html:{line}: error: lỗi trong mẫu giao diện" in err
    assert "Nội dung hợp lệ" not in err
    code, _, err = run_cli("build", "--no-pdf", "--site", str(site))
    assert code == 3
    errors = [x for x in err.splitlines() if ": error: " in x]
    assert len(errors) == 1 and re.search(r"\(ở trang / và \d+ trang khác\)$", errors[0]), err


def test_check_reports_a_missing_theme_at_its_line(built_site, tmp_path):
    site = fresh_copy(built_site, tmp_path)
    site_yaml = site / "content/site.yaml"
    lines = [x for x in site_yaml.read_text(encoding="utf-8").splitlines() if not x.startswith("theme:")]
    site_yaml.write_text("\n".join([*lines, "theme: khong-co"]) + "\n", encoding="utf-8")
    code, _, err = run_cli("check", "--site", str(site))
    assert code == 1
    assert f"content/site.yaml:{len(lines) + 1}:8: error: không tìm thấy giao diện “khong-co”" in err


# --- what the summary says --------------------------------------------------------


def test_progress_counts_html_pages_only(built_site, tmp_path):
    site = fresh_copy(built_site, tmp_path)
    code, _, err = run_cli("build", "--no-pdf", "--force", "--site", str(site))
    assert code == 0, err
    html = len(list((site / "output").rglob("*.html")))
    assert (site / "output/sitemap.xml").is_file()  # written, but not an HTML page
    assert f"… đã dựng {html} trang HTML" in err
    assert f", {html} trang HTML, " in err


def test_no_pdf_build_says_the_old_pdf_is_gone(built_site, tmp_path):
    site = fresh_copy(built_site, tmp_path)
    (site / "output/ky-yeu-2015-2020.pdf").write_bytes(b"%PDF-1.7 previous build")
    code, _, err = run_cli("build", "--no-pdf", "--force", "--site", str(site))
    assert code == 0, err
    assert not (site / "output/ky-yeu-2015-2020.pdf").exists()
    assert "Lưu ý: lần dựng này không tạo kỷ yếu PDF (--no-pdf) nên tệp PDF cũ không còn trong output/" in err
    code, _, err = run_cli("build", "--no-pdf", "--force", "--site", str(site))  # nothing left to lose now
    assert code == 0, err
    assert "Lưu ý" not in err


def test_a_failed_first_build_does_not_claim_to_keep_an_output(built_site, tmp_path):
    site = fresh_copy(built_site, tmp_path)
    shutil.rmtree(site / "output")
    break_five_ways(site)
    code, _, err = run_cli("build", "--no-pdf", "--site", str(site))
    assert code == 1
    assert "Dừng lại: 5 lỗi, 0 cảnh báo." in err
    assert "kết quả cũ" not in err


def test_every_command_run_inside_content_says_cd_up_not_new_site(tmp_path):
    """The trial: run from content/, commands suggested making a new site."""
    from tests.conftest import BASE_FILES, make_site

    content = make_site(tmp_path, BASE_FILES) / "content"
    for args in (("check",), ("build", "--no-pdf"), ("new", "year", "2025"), ("new", "page", "--title", "Lịch sử")):
        code, out, err = run_cli(*args, cwd=content)
        assert code in (1, 2), (args, code)
        said = out + err
        assert "thư mục chứa content/ (gõ: cd ..)" in said, (args, said)
        assert "new site" not in said, args
    assert not (content / "content").exists() and not (content / "years").exists()  # nothing written there


def test_new_term_from_the_command_line(tmp_path):
    assert run_cli("new", "site", "s", "--term", "2015-2020", cwd=tmp_path)[0] == 0
    site = tmp_path / "s"
    code, out, err = run_cli("new", "term", "2020-2025", "--start", "2020-08-01", "--end", "2025-07-31", cwd=site)
    assert code == 0
    assert "content/terms/2020-2025/term.md" in out
    assert "start: 2020-08-01" in (site / "content/terms/2020-2025/term.md").read_text(encoding="utf-8")
    # The book was 2015-2020 only because it was the latest term: the command says it moves.
    assert "từ nay là 2020-2025, không còn là 2015-2020" in err
    code, _, err = run_cli("new", "term", "2025-2020", cwd=site)
    assert code == 2
    assert "năm kết thúc phải sau năm bắt đầu" in err and "Traceback" not in err


@pytest.mark.parametrize("args", [(), ("new",)])
def test_help_lists_each_command_with_its_whole_summary(args):
    """Staff #23: "Liệt kê những gì đã thay đổi so với lần in trước (số liệu,..." was cut mid-phrase."""
    from site_builder.catalogue import text

    code, out, _ = run_cli(*args, "--help")
    assert code == 0
    commands = " ".join(out.split("Lệnh:", 1)[1].split())
    assert "..." not in commands
    group = cli_main.get_command(click.Context(cli_main), args[0]) if args else cli_main
    assert isinstance(group, click.Group)
    for name in group.list_commands(click.Context(group)):
        key = f"new-{name}" if args else name
        assert " ".join(text(f"cli.cmd.{key}", "vi").split()) in commands.replace("Xem- truoc", "Xem-truoc")


def test_new_exits_as_the_guide_defines_the_codes(tmp_path):
    """Exit codes (guide, exit-code chapter): 2 for a value typed wrong, 1 for a refusal."""
    assert run_cli("new", "site", "s", cwd=tmp_path)[0] == 0
    site = tmp_path / "s"
    made = ("new", "conference", "--date", "2025-07-15", "--title", "Sơ kết 6 tháng")
    assert run_cli(*made, cwd=site)[0] == 0
    code, _, err = run_cli(*made, cwd=site)  # the file exists now: refused, nothing typed wrong
    assert code == 1 and "Traceback" not in err
    code, _, err = run_cli(*made, "--kind", "khong-co", cwd=site)
    assert code == 2 and "Traceback" not in err
