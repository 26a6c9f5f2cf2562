"""Shared by the PDF tests: a site folder holding the photo and emblem the test books show."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image


@pytest.fixture(scope="module")
def site_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("site")
    (root / "content" / "media" / "photos").mkdir(parents=True)
    Image.new("RGB", (120, 80), (40, 90, 160)).save(root / "content/media/photos/a.png")
    Image.new("RGB", (60, 60), (200, 30, 30)).save(root / "content/media/emblem.png")
    return root
