"""`make install` (tools/install-user.sh) ends by telling staff how to check the install, in the
same words as the guide's installation chapter: `site-builder --version`."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def test_the_last_line_of_make_install_suggests_the_check_the_guide_gives() -> None:
    script = (ROOT / "tools/install-user.sh").read_text(encoding="utf-8")
    last = re.findall(r'(?m)^say "(.*)"$', script)[-1]
    assert "site-builder --version" in last
    assert last.index("site-builder --version") < last.find("site-builder --help") or "--help" not in last
    guide = (ROOT / "docs/huong-dan.md").read_text(encoding="utf-8")
    install = guide[guide.index("## 2. Cài đặt") : guide.index("## 3.")]
    assert "site-builder --version" in install and "phiên bản" in install
