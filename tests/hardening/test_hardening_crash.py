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


def start_build(site: Path, output: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [sys.executable, "-m", "site_builder", "build", "--site", str(site), "--output", str(output), "--no-pdf"]
    return subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def kill_when(process: subprocess.Popen, ready, timeout: float = 60) -> bool:
    """SIGKILL `process` as soon as `ready()` is true; False when it finished first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if ready():
            process.send_signal(signal.SIGKILL)
            process.wait()
            return True
        time.sleep(0.002)
    return False


@pytest.fixture(scope="module")
def slow_site(tmp_path_factory) -> tuple[Path, Path, dict[str, bytes]]:
    site = big_site(tmp_path_factory.mktemp("slow"), 600)
    output = site.parent / "out"
    code, _, err = run_cli("build", "--site", str(site), "--output", str(output), "--no-pdf")
    assert code == 0, err
    return site, output, snapshot(output)


@pytest.mark.parametrize("moment", ["after-0.3s", "while-staging"])
def test_sigkill_mid_build_leaves_the_previous_output_byte_identical(slow_site, moment):
    site, output, before = slow_site
    (site / "content/years/2021/year.md").write_text("---\ntitle: Năm 2021 (sửa)\n---\nMới.\n", encoding="utf-8")
    started = time.monotonic()
    process = start_build(site, output)
    if moment == "after-0.3s":
        killed = kill_when(process, lambda: time.monotonic() - started > 0.3)
    else:
        killed = kill_when(process, lambda: any(n.startswith(".staging-") for n in leftovers(output)))
    assert killed, "the build finished before it could be killed: make the site bigger"
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
