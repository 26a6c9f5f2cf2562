"""tools/make_webfonts.py: the committed WOFF2 subsets and webfonts.css are what the script makes."""

from __future__ import annotations

import importlib.util
import re

from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("make_webfonts", ROOT / "tools" / "make_webfonts.py")
make_webfonts = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make_webfonts)


def test_committed_web_fonts_are_current(capsys):
    assert make_webfonts.main(["--check"]) == 0, capsys.readouterr().err


def test_every_face_swaps_and_covers_vietnamese():
    css = make_webfonts.CSS.read_text(encoding="utf-8")
    faces = re.findall(r"@font-face \{(.*?)\}", css, re.S)
    assert len(faces) == len(make_webfonts.FACES) == 6
    for face in faces:
        assert "font-display: swap" in face and 'format("woff2")' in face
        assert "U+1EA0-1EF9" in face and "U+01A0-01B0" in face  # ạ…ỹ, ơ ư
    for stem in make_webfonts.FACES:
        assert (make_webfonts.OUT / f"{stem}.woff2").stat().st_size < 30_000
