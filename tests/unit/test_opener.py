"""“Mở thư mục kết quả” (serve/opener.py) with a stand-in xdg-open: a file manager that could not
open the folder is a failure the panel reports, never "Đã mở thư mục"."""

from __future__ import annotations

import sys

import pytest

from site_builder.serve.opener import open_folder

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="xdg-open is Linux's opener")


def fake_opener(tmp_path, monkeypatch, script: str) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    opener = bin_dir / "xdg-open"
    opener.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    opener.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))


def test_an_opener_that_fails_is_reported(tmp_path, monkeypatch):
    fake_opener(tmp_path, monkeypatch, "exit 3\n")  # what xdg-open does with no desktop to hand to
    with pytest.raises(OSError, match="xdg-open → 3"):
        open_folder(tmp_path)


def test_an_opener_that_worked_or_still_shows_the_folder_is_success(tmp_path, monkeypatch):
    fake_opener(tmp_path, monkeypatch, f'echo "$1" > "{tmp_path}/bin/opened"\n')
    open_folder(tmp_path / "output")
    assert (tmp_path / "bin" / "opened").read_text(encoding="utf-8").strip() == str(tmp_path / "output")
    (tmp_path / "bin" / "xdg-open").write_text("#!/bin/sh\nexec /bin/sleep 5\n", encoding="utf-8")
    open_folder(tmp_path, wait=0.2)  # a file manager run in the foreground: it is showing the folder


def test_no_opener_at_all_is_reported(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(OSError):
        open_folder(tmp_path)
