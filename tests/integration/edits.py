"""Edits of the demo site, each as a staff member would make it (for the build and serve oracles)."""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from pathlib import Path

NEW_CONFERENCE = """\
---
title: "Hội nghị {n}: chuyên đề mới"
date: {year}-{month:02d}-{day:02d}
kind: chuyen-de
attendees:
  - name: "Người Thứ {n}"
    role: "Bí thư chi bộ"
---

Nội dung hội nghị {n}, có [liên kết về năm](../year.md) và ĐV.
"""


def replace_in(site: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    path = site / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def add_to_body(site: Path, words: str) -> None:
    """A new paragraph in a free page: only that page shows it."""
    path = site / "content/pages/lich-su.md"
    path.write_text(path.read_text(encoding="utf-8") + f"\n{words}.\n", encoding="utf-8")


def conferences(site: Path) -> list[Path]:
    return sorted((site / "content/years").glob("*/conferences/*.md"))


def edit_conference(site: Path, rng: random.Random) -> str:
    path = rng.choice(conferences(site))
    rel = path.relative_to(site).as_posix()
    if rng.random() < 0.5:
        replace_in(site, rel, 'title: "', f'title: "Sửa {rng.randrange(1000)}: ')
    else:
        path.write_text(path.read_text(encoding="utf-8") + f"\nĐoạn thêm {rng.randrange(1000)} về TCCSĐ.\n", "utf-8")
    return f"edit {rel}"


def add_conference(site: Path, rng: random.Random) -> str:
    year = rng.choice(sorted(p.name for p in (site / "content/years").iterdir()))
    n = rng.randrange(10_000)
    month, day = rng.randrange(2, 12), rng.randrange(1, 28)
    folder = site / "content/years" / year / "conferences"
    folder.mkdir(exist_ok=True)
    text = NEW_CONFERENCE.format(n=n, year=year, month=month, day=day)
    (folder / f"{year}-{month:02d}-{day:02d}-chuyen-de-{n}.md").write_text(text, encoding="utf-8")
    return f"add a conference in {year}"


def remove_conference(site: Path, rng: random.Random) -> str:
    path = rng.choice(conferences(site))
    path.unlink()
    return f"remove {path.name}"


def edit_targets(site: Path, rng: random.Random) -> str:
    rel = rng.choice(["content/years/2022/targets.yaml", "content/terms/2015-2020/targets.yaml"])
    replace_in(site, rel, "actual: ", f"actual: {rng.randrange(1, 9)}")
    return f"edit {rel}"


def edit_awards(site: Path, rng: random.Random) -> str:
    rel = rng.choice(["content/years/2022/awards.yaml", "content/terms/2015-2020/awards.yaml"])
    replace_in(site, rel, "count: ", f"count: {rng.randrange(1, 9)}")
    return f"edit {rel}"


def edit_year(site: Path, rng: random.Random) -> str:
    rel = f"content/years/{rng.choice([2019, 2021, 2023])}/year.md"
    replace_in(site, rel, "title: ", f"title: Năm sửa {rng.randrange(100)} ")
    return f"edit {rel}"


def add_year(site: Path, rng: random.Random) -> str:
    folder = site / "content/years" / str(2025 + rng.randrange(3))
    folder.mkdir(exist_ok=True)
    target = '- id: ket-nap\n  name: "Kết nạp đảng viên mới"\n  unit: "đảng viên"\n  target: 150\n  actual: 152\n'
    (folder / "targets.yaml").write_text(target, encoding="utf-8")
    return f"a new year folder {folder.name} with only targets.yaml"


def edit_glossary(site: Path, rng: random.Random) -> str:
    replace_in(site, "content/glossary.yaml", "ĐV: đảng viên", f"ĐV: đảng viên ({rng.randrange(100)})")
    return "edit the glossary"


def edit_page(site: Path, rng: random.Random) -> str:
    rel = rng.choice(["content/pages/gioi-thieu.md", "content/pages/lich-su.md", "content/pages/loi-noi-dau.md"])
    replace_in(site, rel, "title: ", f"title: Trang {rng.randrange(100)} ")
    return f"edit {rel}"


def edit_site_title(site: Path, rng: random.Random) -> str:
    replace_in(site, "content/site.yaml", 'title: "', f'title: "({rng.randrange(100)}) ')
    return "edit the site's title"


def edit_template(site: Path, rng: random.Random) -> str:
    if rng.random() < 0.5:
        replace_in(site, "templates/partials/footer.html", "<address", "<!-- sửa -->\n<address")
        return "edit the footer override"
    override = site / "templates/partials/tally.html"
    theme = Path(__file__).resolve().parents[2] / "site_builder/themes/default/templates/partials/tally.html"
    override.write_text(theme.read_text(encoding="utf-8") + f"<!-- {rng.randrange(100)} -->\n", encoding="utf-8")
    return "override partials/tally.html"


def replace_media(site: Path, rng: random.Random) -> str:
    photo = rng.choice(sorted((site / "content/media/photos").glob("*.jpg")))
    photo.write_bytes(photo.read_bytes() + bytes([rng.randrange(256)]))
    return f"replace {photo.name}"


def touch_conference(site: Path, rng: random.Random) -> str:
    """Only the modification time changes: what was kept of the file is still right."""
    path = rng.choice(conferences(site))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 5_000_000_000))
    return f"touch {path.name}"


def same_size_conference(site: Path, rng: random.Random) -> str:
    """Another title of the same size, written with the old modification time: only the content
    hash tells the file changed (a cache trusting size and time would keep the old title)."""
    path = rng.choice(conferences(site))
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    digit = str(rng.randrange(10))
    path.write_text(text.replace('title: "', f'title: "{digit}', 1).replace("\n\n", "\n", 1), encoding="utf-8")
    assert path.stat().st_size == before.st_size, path
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    return f"same size, same time {path.name}"


def copy_conference(site: Path, rng: random.Random) -> str:
    """A Windows "- Copy" of a conference: the duplicate check warns at the copy."""
    path = rng.choice([p for p in conferences(site) if " - Copy" not in p.name])
    copy = path.with_name(f"{path.stem} - Copy.md")
    copy.write_bytes(path.read_bytes())
    return f"copy {path.name}"


def break_then_fix(site: Path, rng: random.Random) -> str:
    path = rng.choice(conferences(site))
    replace_in(site, path.relative_to(site).as_posix(), "date: ", "date: x")
    return f"break {path.name}"


EDITS: list[Callable[[Path, random.Random], str]] = [
    edit_conference,
    add_conference,
    remove_conference,
    edit_targets,
    edit_awards,
    edit_year,
    add_year,
    edit_glossary,
    edit_page,
    edit_site_title,
    edit_template,
    replace_media,
    touch_conference,
    same_size_conference,
    copy_conference,
    break_then_fix,
]


def fix(site: Path) -> None:
    for path in conferences(site):
        text = path.read_text(encoding="utf-8")
        if "date: x" in text:
            path.write_text(text.replace("date: x", "date: "), encoding="utf-8")
