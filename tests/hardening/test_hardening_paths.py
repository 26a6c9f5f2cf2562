"""Case 3: paths that leave the site, and dangerous --output folders (through the CLI)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from site_builder.output.core import media_files
from tests.hardening import cases
from tests.hardening.helpers import CONFERENCE, load, run_cli, site_with, tree_hash

YEAR = "content/years/2021/year.md"
JPEG = b"\xff\xd8\xff\xd9"


def conference(photo: str, body: str = "Bài viết.\n") -> str:
    return (
        "---\ntitle: Tổng kết\ndate: 2021-01-14\nkind: tong-ket\n"
        f'photos:\n  - src: "{photo}"\n    caption: Ảnh\n---\n{body}'
    )


def base(tmp_path: Path, files: dict | None = None) -> Path:
    return site_with(tmp_path, {YEAR: "---\ntitle: Năm 2021\n---\nNăm.\n", **(files or {})})


@pytest.mark.parametrize(
    "photo",
    ["../../etc/passwd", "/etc/passwd", "photos/../../../secret.jpg", "C:\\\\Windows\\\\win.ini", "file:///etc/passwd"],
)
def test_photo_paths_leaving_media_are_refused_by_check(tmp_path, photo):
    _, problems = load(base(tmp_path, {CONFERENCE: conference(photo)}))
    (error,) = problems.errors
    assert error.code in {"media.outside", "media.remote"}
    assert (error.loc.path, error.loc.line) == (CONFERENCE, 6)


@pytest.mark.parametrize(
    "image", ["![x](../../../secret.png)", '<img src="/etc/passwd">', "![x](../media/../../x.jpg)"]
)
def test_body_images_leaving_media_are_refused_by_check(tmp_path, image):
    _, problems = load(base(tmp_path, {YEAR: f"---\ntitle: Năm 2021\n---\n\nẢnh: {image}\n"}))
    assert [(p.code, p.loc.path, p.loc.line) for p in problems.errors] == [("media.outside", YEAR, 5)]


def test_symlinked_file_pointing_out_of_the_site_is_refused_and_never_read(tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: BÍ MẬT\n---\nbí mật\n", encoding="utf-8")
    site = base(tmp_path / "s")
    (site / "content/pages").mkdir(parents=True)
    os.symlink(secret, site / "content/pages/lo-ra.md")
    model, problems = load(site)
    assert ("file.symlink-outside", "content/pages/lo-ra.md") in {(p.code, p.loc.path) for p in problems.errors}
    assert all(p.title != "BÍ MẬT" for p in model.pages)


def test_symlinked_media_leaving_media_folder_is_refused(tmp_path):
    site = base(tmp_path, {"content/media/a.jpg": JPEG, "content/pages/x.md": "---\ntitle: X\n---\n"})
    os.symlink(site / "content/pages/x.md", site / "content/media/b.jpg")  # inside content/, outside media/
    _, problems = load(site)
    assert ("file.symlink-outside", "content/media/b.jpg") in {(p.code, p.loc.path) for p in problems.errors}


def test_symlinked_folder_is_not_followed(tmp_path):
    outside = tmp_path / "outside"
    (outside / "conferences").mkdir(parents=True)
    (outside / "conferences/2021-01-14-x.md").write_text("---\ntitle: NGOÀI\n---\n", encoding="utf-8")
    site = base(tmp_path / "s")
    os.symlink(outside, site / "content/years/2022")
    model, problems = load(site)
    assert ("file.symlink-outside", "content/years/2022") in {(p.code, p.loc.path) for p in problems.errors}
    assert all(y.year != 2022 for y in model.years)


def test_fifo_in_content_is_refused_instead_of_hanging(tmp_path):
    site = base(tmp_path)
    fifo = site / "content/glossary.yaml"
    os.mkfifo(fifo)
    result: list = []
    reader = threading.Thread(target=lambda: result.append(load(site)), daemon=True)
    reader.start()
    reader.join(10)
    if reader.is_alive():  # unblock the stuck reader so the test fails instead of hanging
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(10)
        pytest.fail("reading content/ blocked on a FIFO")
    _, problems = result[0]
    assert [(p.code, p.loc.path) for p in problems.errors] == [("file.unreadable", "content/glossary.yaml")]


def test_publishing_media_never_copies_outside_media(tmp_path):
    media = tmp_path / "site/content/media"
    media.mkdir(parents=True)
    (tmp_path / "secret.jpg").write_bytes(b"secret")
    (media / "ok.jpg").write_bytes(JPEG)
    os.symlink(tmp_path / "secret.jpg", media / "link.jpg")
    published = media_files(tmp_path / "site", ("ok.jpg", "link.jpg", "../../secret.jpg", "/etc/passwd"))
    assert [(f.out_path, f.source) for f in published] == [("media/ok.jpg", (media / "ok.jpg").resolve())]


def test_build_output_holds_nothing_from_outside_the_site(tmp_path):
    (tmp_path / "secret.txt").write_text("TOP-SECRET", encoding="utf-8")
    site = base(tmp_path / "s", {"content/media/a.jpg": JPEG, CONFERENCE: conference("a.jpg")})
    os.symlink(tmp_path / "secret.txt", site / "content/media/secret.jpg")
    code, _, err = run_cli("build", "--site", str(site), "--no-pdf", "--output", str(tmp_path / "out"))
    assert code == 1, err  # the outside link is an error, nothing is published
    assert not (tmp_path / "out").exists()
    (site / "content/media/secret.jpg").unlink()
    code, _, err = run_cli("build", "--site", str(site), "--no-pdf", "--output", str(tmp_path / "out"))
    assert code == 0, err
    published = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert published and all(b"TOP-SECRET" not in p.read_bytes() for p in published)


# --- dangerous --output -------------------------------------------------------


def dangerous_outputs(site: Path) -> dict[str, Path]:
    stranger = site.parent / "documents"
    stranger.mkdir(exist_ok=True)
    (stranger / "bao-cao.docx").write_bytes(b"quan trong")
    return {
        "site-root": site,
        "content": site / "content",
        "inside-content": site / "content/media",
        "parent-of-site": site.parent,
        "non-empty-folder": stranger,
    }


@pytest.mark.parametrize("which", ["site-root", "content", "inside-content", "parent-of-site", "non-empty-folder"])
def test_dangerous_output_is_refused_through_the_cli_without_deleting_anything(tmp_path, which):
    site = base(tmp_path / "work" / "site", {"content/media/a.jpg": JPEG, CONFERENCE: conference("a.jpg")})
    output = dangerous_outputs(site)[which]
    before = tree_hash(tmp_path)
    code, _, err = run_cli("build", "--site", str(site), "--no-pdf", "--output", str(output))
    assert code == 1, err
    assert "không thể xuất ra" in err
    assert "Traceback" not in err
    assert tree_hash(tmp_path) == before


def test_a_previous_output_may_be_replaced(tmp_path):
    site = base(tmp_path / "site")
    out = tmp_path / "out"
    assert run_cli("build", "--site", str(site), "--no-pdf", "--output", str(out))[0] == 0
    (out / "stale.html").write_text("old", encoding="utf-8")
    assert run_cli("build", "--site", str(site), "--no-pdf", "--output", str(out))[0] == 0
    assert not (out / "stale.html").exists()


def test_site_yaml_symlinked_out_of_content_is_refused_before_reading(tmp_path):
    """Round two, item 6: site.yaml itself, linked to a file outside content/."""
    site = base(tmp_path / "s")
    secret = cases.site_yaml_symlinked_outside(site, tmp_path / "private.yaml")
    _, problems = load(site)
    assert [(p.code, p.loc.path) for p in problems.errors] == [("file.symlink-outside", "content/site.yaml")]
    shown = "\n".join(p.format(lang) for p in problems for lang in ("vi", "en"))
    assert secret not in shown
    code, _, err = run_cli("check", "--site", str(site))
    assert code == 1 and secret not in err and "content/site.yaml" in err
