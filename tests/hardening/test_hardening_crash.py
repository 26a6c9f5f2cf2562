"""Case 7: a build that dies at any moment never loses the previous output or touches content/."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from site_builder.build import BuildOptions, build_site
from site_builder.cli import cli
from site_builder.output import publish
from site_builder.problems import RenderError
from tests.conftest import ROOT, snapshot
from tests.hardening import cases
from tests.hardening.helpers import run_cli, site_with, tree_hash

YEAR = "content/years/2021/year.md"
PARAGRAPH = "Đảng viên **mới** được kết nạp, BCH họp thường kỳ. " * 30 + "\n\n"


def big_site(tmp_path: Path, count: int) -> Path:
    files = {YEAR: "---\ntitle: Năm 2021\n---\nNăm.\n"}
    for i in range(count):
        day = i % 28 + 1
        files[f"content/years/2021/conferences/2021-03-{day:02d}-hoi-nghi-{i}.md"] = (
            f'---\ntitle: "Hội nghị số {i}"\ndate: 2021-03-{day:02d}\nkind: chuyen-de\n---\n' + PARAGRAPH * 4
        )
    return site_with(tmp_path, files)


def leftovers(output: Path) -> list[str]:
    return sorted(p.name for p in output.parent.iterdir() if p.name.startswith((".staging-", ".old-")))


# The build run in a subprocess, paused at a chosen moment: the patched step writes the file
# READY, then sleeps until it is killed. The kill then lands exactly there, however fast the
# machine (a kill after a fixed delay could come after an incremental build had finished).
PAUSED_BUILD = """
import os, sys, time
from pathlib import Path
from site_builder import build
from site_builder.cli import main
from site_builder.output import publish, sinks

ready, moment = Path(sys.argv[1]), sys.argv[2]
sys.argv = ["site-builder", *sys.argv[3:]]

def pause():
    ready.with_name("ready.tmp").write_text(moment)
    os.replace(ready.with_name("ready.tmp"), ready)  # whole when seen
    time.sleep(3600)

def after(function, *, calls=1):
    seen = []
    def patched(*args, **kwargs):
        result = function(*args, **kwargs)
        seen.append(1)
        if len(seen) == calls:
            pause()
        return result
    return patched

def before(function):
    def patched(*args, **kwargs):
        pause()
        return function(*args, **kwargs)
    return patched

if moment == "records-loaded":  # the model is built; nothing staged yet
    build.load_site = after(build.load_site)
elif moment == "while-staging":  # a few pages are in the staging folder
    sinks.Staging.put = after(sinks.Staging.put, calls=2)
elif moment == "before-swap":  # the staging folder is complete, the output not yet replaced
    publish.swap_in = before(publish.swap_in)
main()
"""


def start_build(site: Path, output: Path, ready: Path, moment: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = ["build", "--site", str(site), "--output", str(output), "--no-pdf"]
    command = [sys.executable, "-c", PAUSED_BUILD, str(ready), moment, *args]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def kill_when_paused(process: subprocess.Popen, ready: Path, timeout: float = 120) -> None:
    """SIGKILL `process` once it has paused at its moment (it never finishes on its own)."""
    deadline = time.monotonic() + timeout
    while not ready.exists():
        if process.poll() is not None:
            pytest.fail(f"the build ended before its pause: {process.stderr.read().decode()}")
        assert time.monotonic() < deadline, "the build never reached its pause"
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stderr.close()


@pytest.fixture(scope="module")
def slow_site(tmp_path_factory) -> tuple[Path, Path, dict[str, bytes]]:
    site = big_site(tmp_path_factory.mktemp("slow"), 60)
    output = site.parent / "out"
    code, _, err = run_cli("build", "--site", str(site), "--output", str(output), "--no-pdf")
    assert code == 0, err
    return site, output, snapshot(output)


@pytest.mark.parametrize("moment", ["records-loaded", "while-staging", "before-swap"])
def test_sigkill_mid_build_leaves_the_previous_output_byte_identical(slow_site, moment, tmp_path):
    site, output, before = slow_site
    (site / "content/years/2021/year.md").write_text("---\ntitle: Năm 2021 (sửa)\n---\nMới.\n", encoding="utf-8")
    process = start_build(site, output, tmp_path / "ready", moment)
    kill_when_paused(process, tmp_path / "ready")
    assert (tmp_path / "ready").read_text() == moment
    staged = any(name.startswith(".staging-") for name in leftovers(output))
    assert staged == (moment != "records-loaded")  # killed where it was meant to be
    assert snapshot(output) == before
    code, _, err = run_cli("build", "--site", str(site), "--output", str(output), "--no-pdf")
    assert code == 0, err
    assert leftovers(output) == []
    assert "(sửa)" in (output / "nam/2021/index.html").read_text(encoding="utf-8")
    (site / "content/years/2021/year.md").write_text("---\ntitle: Năm 2021\n---\nNăm.\n", encoding="utf-8")
    assert run_cli("build", "--site", str(site), "--output", str(output), "--no-pdf")[0] == 0
    assert snapshot(output) == before


def test_a_build_killed_between_the_two_renames_gets_its_output_back(tmp_path):
    site = site_with(tmp_path, {})
    output = tmp_path / "out"
    assert run_cli("build", "--site", str(site), "--output", str(output), "--no-pdf")[0] == 0
    before = snapshot(output)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    os.replace(output, tmp_path / f".old-out-{pid}")  # the state right after the first rename
    (tmp_path / f".staging-out-{pid}").mkdir()
    publish.sweep_leftovers(output)
    assert snapshot(output) == before
    assert leftovers(output) == []


def test_a_template_error_in_the_last_page_leaves_the_output_intact(tmp_path):
    site = site_with(tmp_path, {})
    output = tmp_path / "out"
    assert run_cli("build", "--site", str(site), "--output", str(output), "--no-pdf")[0] == 0
    before = snapshot(output)
    broken = site / "templates/404.html"
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_text('{% extends "base.html" %}{% block content %}{{ no_such_value.x }}{% endblock %}\n', "utf-8")
    code, _, err = run_cli("build", "--site", str(site), "--output", str(output), "--no-pdf")
    assert code == 3, err
    assert "404.html" in err and "Traceback" not in err
    assert snapshot(output) == before
    assert leftovers(output) == []


def fail_writes_after(monkeypatch, count: int) -> None:
    real = Path.write_bytes
    calls = {"n": 0}

    def write_bytes(self: Path, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] > count:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)


def test_disk_full_keeps_the_output_and_reports_clearly(tmp_path, monkeypatch):
    site = site_with(tmp_path, {})
    output = tmp_path / "out"
    build_site(BuildOptions(site, output, pdf=False, use_cache=False, jobs=1))
    before = snapshot(output)
    fail_writes_after(monkeypatch, 3)
    with pytest.raises(RenderError) as caught:
        build_site(BuildOptions(site, output, pdf=False, use_cache=False, jobs=1))
    assert [p.code for p in caught.value.problems.errors] == ["output.write-failed"]
    assert snapshot(output) == before
    assert leftovers(output) == []


def test_disk_full_through_the_cli_is_exit_3_without_traceback(tmp_path, monkeypatch):
    site = site_with(tmp_path, {})
    output = tmp_path / "out"
    build_site(BuildOptions(site, output, pdf=False, use_cache=False, jobs=1))
    before = snapshot(output)
    fail_writes_after(monkeypatch, 0)
    args = ["build", "--site", str(site), "--output", str(output), "--no-pdf", "-j1", "--force"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 3
    assert os.strerror(errno.ENOSPC) in result.output and "Traceback" not in result.output
    assert "không ghi được kết quả" in result.output
    assert snapshot(output) == before


@pytest.mark.parametrize("command", ["check", "check --strict", "build --no-pdf", "build --no-pdf --strict"])
def test_content_is_never_written(tmp_path, command):
    site = site_with(tmp_path, {"content/pages/a.md": "---\ntitle: A\n---\nẢnh ![x](a.png)\n"})
    (site / "content/media").mkdir(exist_ok=True)
    (site / "content/media/a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    before = tree_hash(site / "content"), os.stat(site / "content").st_mtime_ns
    run_cli(*command.split(), "--site", str(site))
    run_cli(*command.split(), "--site", str(site))
    assert (tree_hash(site / "content"), os.stat(site / "content").st_mtime_ns) == before


def run_unprivileged(*args: str) -> tuple[int, str, str]:
    """`site-builder ARGS` with file permissions enforced: as root, without the capabilities that
    override them (so a read-only folder is read-only, as for the staff who run the build)."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("needs setpriv to drop root's permission overrides")
        prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUTF8": "1"}
    done = subprocess.run(
        [*prefix, sys.executable, "-m", "site_builder", *args], env=env, capture_output=True, text=True, timeout=120
    )
    return done.returncode, done.stdout, done.stderr


def test_a_read_only_output_is_replaced_and_its_old_copy_removed(tmp_path):
    """Round two, item 7: output/ (and everything in it) made read-only by its owner."""
    site = site_with(tmp_path, {})
    output = tmp_path / "out"
    assert run_cli("build", "--site", str(site), "--output", str(output), "--no-pdf")[0] == 0
    cases.make_read_only(output)
    code, _, err = run_unprivileged("build", "--site", str(site), "--output", str(output), "--no-pdf", "--force")
    assert code == 0, err
    assert leftovers(output) == [] and (output / "index.html").is_file()


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give the output folder to another user")
def test_an_old_output_that_cannot_be_removed_is_reported_not_left_silently(tmp_path):
    site = site_with(tmp_path, {})
    output = tmp_path / "out"
    assert run_cli("build", "--site", str(site), "--output", str(output), "--no-pdf")[0] == 0
    cases.make_read_only(output, owner=65534)  # someone else's read-only folder: cannot be emptied
    code, _, err = run_unprivileged("build", "--site", str(site), "--output", str(output), "--no-pdf", "--force")
    (left,) = leftovers(output)
    assert code == 0 and str(output.parent / left) in err and "warning:" in err
    assert "Traceback" not in err
    shutil.rmtree(output.parent / left)  # as root, for pytest's clean-up
