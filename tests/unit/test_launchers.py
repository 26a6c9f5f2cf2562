"""The launchers `new site` writes: files, modes, line ends, quoting, the command they run.

Running xem-truoc.sh for real is tests/integration/test_launchers_run.py.
"""

from __future__ import annotations

import datetime as dt
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.build import check_site
from site_builder.catalogue import text
from site_builder.scaffold import ScaffoldError, new_launchers, new_site
from site_builder.scaffold_launchers import (
    BAT,
    COMMAND,
    DESKTOP,
    SH,
    bat_echo,
    desktop_exec,
    find_program,
    launcher_plan,
    sh_quote,
)

TODAY = dt.date(2026, 11, 22)
PROGRAM = "/opt/site builder/bin/site-builder"
TRICKY = "/home/cán bộ/Tài liệu/ky yeu \"A\" $HOME `x` 100% \\ 'b'"


def desktop_entry(data: bytes) -> dict[str, str]:
    lines = data.decode("utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line)


def exec_arguments(value: str) -> list[str]:
    """The Desktop Entry Specification's reading of Exec=: the string escapes first, then the
    quoting rules (backslash escapes \", `, $ and \\ inside double quotes), then %% -> %."""
    unescaped = re.sub(r"\\(.)", lambda m: {"s": " ", "n": "\n", "t": "\t", "r": "\r"}.get(m[1], m[1]), value)
    arguments, current, quoted, i = [], "", False, 0
    while i < len(unescaped):
        ch = unescaped[i]
        if quoted and ch == "\\" and unescaped[i + 1] in '"`$\\':
            current, i = current + unescaped[i + 1], i + 2
            continue
        if ch == '"':
            quoted = not quoted
        elif ch == " " and not quoted:
            arguments.append(current)
            current = ""
        else:
            current += ch
        i += 1
    arguments.append(current)
    return [a.replace("%%", "%") for a in arguments if a]


def test_new_site_writes_four_launchers_with_their_modes_and_line_ends(tmp_path: Path) -> None:
    site = tmp_path / "Kỷ yếu mới"
    created = new_site(site, today=TODAY, program=PROGRAM, platform="linux")
    names = {p.name for p in created if p.parent == site}
    assert {BAT, COMMAND, SH, DESKTOP} <= names
    for name in (COMMAND, SH, DESKTOP):
        assert (site / name).stat().st_mode & stat.S_IXUSR, name
    assert not (site / BAT).stat().st_mode & stat.S_IXUSR
    bat = (site / BAT).read_bytes()
    assert bat.count(b"\r\n") == bat.count(b"\n") > 10  # every line CRLF
    for name in (COMMAND, SH, DESKTOP):
        assert b"\r" not in (site / name).read_bytes(), name
    assert (site / SH).read_text(encoding="utf-8").startswith("#!/bin/sh\n")


def test_a_new_site_with_launchers_still_checks_clean(tmp_path: Path) -> None:
    site = tmp_path / "site"
    new_site(site, today=TODAY, program=PROGRAM, platform="linux")
    assert not check_site(site).errors


def test_each_launcher_runs_serve_open_on_its_own_folder() -> None:
    plan = dict(launcher_plan(Path("/srv/ky yeu"), PROGRAM, "linux"))
    sh = plan[SH].decode("utf-8")
    assert '"$program" serve --open --port 0 --site "$here"' in sh
    assert 'here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)' in sh
    mac = dict(launcher_plan(Path("/srv/ky yeu"), PROGRAM, "darwin"))[COMMAND].decode("utf-8")
    assert mac.replace(COMMAND, SH) == sh  # the same script for macOS
    bat = plan[BAT].decode("utf-8")
    assert 'set "SITE=%~dp0."' in bat  # no trailing backslash before the closing quote
    assert 'call "%PROGRAM%" serve --open --port 0 --site "%SITE%"' in bat  # call: the .cmd shim returns
    assert exec_arguments(desktop_entry(plan[DESKTOP])["Exec"]) == ["/srv/ky yeu/xem-truoc.sh"]
    assert desktop_entry(plan[DESKTOP])["Terminal"] == "true"


@pytest.mark.parametrize(
    ("platform", "in_bat", "in_command", "in_sh"),
    [("linux", False, False, True), ("darwin", False, True, True), ("win32", True, False, False)],
)
def test_the_program_path_is_written_only_for_its_own_kind_of_system(platform, in_bat, in_command, in_sh):
    plan = dict(launcher_plan(Path("/srv/site"), PROGRAM, platform))
    assert (f'set "PROGRAM={PROGRAM}"' in plan[BAT].decode()) is in_bat
    assert (f"program={sh_quote(PROGRAM)}" in plan[COMMAND].decode()) is in_command
    assert (f"program={sh_quote(PROGRAM)}" in plan[SH].decode()) is in_sh
    if not in_sh:
        assert "program=''" in plan[SH].decode()  # then site-builder on the PATH


def test_messages_come_from_the_catalogue_quoted_for_each_script() -> None:
    plan = dict(launcher_plan(Path("/srv/site"), PROGRAM, "linux"))
    stop = text("launcher.stop", "vi")
    assert f"say {sh_quote(stop)}" in plan[SH].decode()
    assert f"echo {bat_echo(stop)}" in plan[BAT].decode()
    assert desktop_entry(plan[DESKTOP])["Name"] == text("launcher.desktop-name", "vi")


def test_exec_quoting_survives_every_reserved_character() -> None:
    assert exec_arguments(desktop_exec(TRICKY)) == [TRICKY]
    with pytest.raises(ValueError):
        desktop_exec("/tmp/a\nb")


def test_shell_quoting_survives_every_character(tmp_path: Path) -> None:
    printed = subprocess.run(["/bin/sh", "-c", f"printf %s {sh_quote(TRICKY)}"], capture_output=True, check=True)
    assert printed.stdout.decode("utf-8") == TRICKY


def test_batch_echo_escapes_cmd_special_characters() -> None:
    assert bat_echo("a & b | c < d > e ^ f 100%") == "a ^& b ^| c ^< d ^> e ^^ f 100%%"


def test_the_program_is_the_running_command_then_the_one_on_the_path(tmp_path: Path) -> None:
    scripts = tmp_path / "venv" / "bin"
    scripts.mkdir(parents=True)
    (scripts / "site-builder").write_text("#!/bin/sh\n")
    link = tmp_path / "bin" / "site-builder"
    link.parent.mkdir()
    link.symlink_to(scripts / "site-builder")
    python = str(scripts / "python")
    assert find_program(str(link), python, lambda _name: None) == str(link)  # the link, kept
    assert find_program("/x/__main__.py", python, lambda _name: None) == str(scripts / "site-builder")
    elsewhere = str(tmp_path / "none" / "python")
    assert find_program("/x/__main__.py", elsewhere, lambda _name: str(link)) == str(link)
    assert find_program("/x/__main__.py", elsewhere, lambda _name: None) is None


def test_new_launchers_adds_them_to_an_existing_site_and_never_overwrites(tmp_path: Path) -> None:
    site = tmp_path / "site"
    new_site(site, today=TODAY, program=PROGRAM, platform="linux")
    for name in (BAT, COMMAND, SH, DESKTOP):
        (site / name).unlink()
    created = new_launchers(site, program=PROGRAM, platform="linux")
    assert sorted(p.name for p in created) == sorted([BAT, COMMAND, SH, DESKTOP])
    with pytest.raises(ScaffoldError) as refused:
        new_launchers(site, program=PROGRAM, platform="linux")
    assert refused.value.key.startswith("scaffold.exists")
    with pytest.raises(ScaffoldError):
        new_launchers(tmp_path / "not-a-site", program=PROGRAM)


def test_new_launchers_speak_the_sites_language(tmp_path: Path) -> None:
    """Code review #10: the launchers of an English site were Vietnamese."""
    site = tmp_path / "site"
    new_site(site, today=TODAY, program=PROGRAM, platform="linux")
    site_yaml = site / "content/site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace("# language: vi", "language: en"), "utf-8")
    for name in (BAT, COMMAND, SH, DESKTOP):
        (site / name).unlink()
    new_launchers(site, program=PROGRAM, platform="linux")
    script = (site / SH).read_text(encoding="utf-8")
    assert text("launcher.starting", "en") in script and text("launcher.starting", "vi") not in script
    assert f"Name={text('launcher.desktop-name', 'en')}" in (site / DESKTOP).read_text(encoding="utf-8")


def test_the_cli_writes_launchers_naming_the_running_command(tmp_path: Path) -> None:
    site = tmp_path / "ky yeu"
    command = [str(Path(sys.executable).with_name("site-builder")), "new", "site", str(site)]
    if not Path(command[0]).is_file():
        pytest.skip("needs the installed site-builder command (make build)")
    subprocess.run(command, capture_output=True, check=True)
    assert f"program={sh_quote(command[0])}" in (site / SH).read_text(encoding="utf-8")
