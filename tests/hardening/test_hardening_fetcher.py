"""Case 5: the PDF renderer fetches nothing outside the site and theme (yearbook/fetcher.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from site_builder.problems import Problems
from tests.hardening.helpers import CONFERENCE, codes, load, site_with

fetcher_module = pytest.importorskip("site_builder.yearbook.fetcher")
ConfinedFetcher = fetcher_module.ConfinedFetcher
FetchRefused = fetcher_module.FetchRefused

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8cfc0f01f0005000201b2a8e3d50000000049454e44ae426082"
)


@pytest.fixture
def roots(tmp_path: Path) -> tuple[Path, Path]:
    media = tmp_path / "site/content/media"
    theme = tmp_path / "theme/static"
    media.mkdir(parents=True)
    theme.mkdir(parents=True)
    (media / "a.png").write_bytes(PNG)
    (theme / "site.css").write_text("body{}", encoding="utf-8")
    (tmp_path / "secret.png").write_bytes(PNG)
    (tmp_path / "secret.css").write_text("body{}", encoding="utf-8")
    os.symlink(tmp_path / "secret.png", media / "link-out.png")
    return media, theme


def test_files_inside_the_roots_are_served(roots):
    media, theme = roots
    problems = Problems()
    fetcher = ConfinedFetcher(roots, problems)
    assert fetcher.fetch((media / "a.png").as_uri()).read() == PNG
    assert fetcher.fetch((theme / "site.css").as_uri()).read() == b"body{}"
    assert not problems.items


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.png",
        "https://example.com/logo.png",
        "ftp://example.com/x.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "file://evil.example/share/x.png",
        "{media}/../../secret.png",
        "{media}/link-out.png",
    ],
)
def test_everything_else_is_refused_and_reported(roots, url):
    media, _ = roots
    url = url.format(media=media.as_uri())
    problems = Problems()
    fetcher = ConfinedFetcher(roots, problems)
    with pytest.raises(FetchRefused):
        fetcher.fetch(url)
    assert codes(problems) == ["pdf.fetch-refused"]


def test_a_refused_stylesheet_stops_the_render(roots, tmp_path):
    from weasyprint.urls import FatalURLFetchingError

    with pytest.raises(FatalURLFetchingError):
        ConfinedFetcher(roots, Problems()).fetch((tmp_path / "secret.css").as_uri())


def test_weasyprint_with_the_fetcher_embeds_no_local_file_and_makes_no_request(roots, tmp_path):
    from weasyprint import HTML

    media, _ = roots
    secret = tmp_path / "passwd.txt"
    secret.write_text("root:x:0:0:TOP-SECRET", encoding="utf-8")
    html = f"""<html><head><link rel="attachment" href="{secret.as_uri()}"></head><body>
        <img src="{media.as_uri()}/a.png"><img src="{secret.as_uri()}">
        <img src="http://127.0.0.1:9/track.png"><a rel="attachment" href="{secret.as_uri()}">x</a></body></html>"""
    problems = Problems()
    fetcher = ConfinedFetcher(roots, problems)
    pdf = HTML(string=html, base_url=media.as_uri() + "/", url_fetcher=fetcher).write_pdf(uncompressed_pdf=True)
    assert b"TOP-SECRET" not in pdf
    assert set(fetcher.refused) == {secret.as_uri(), "http://127.0.0.1:9/track.png"}
    assert all(p.code == "pdf.fetch-refused" for p in problems)


def test_remote_images_in_content_are_reported_by_check(tmp_path):
    conference = (
        "---\ntitle: Họp\ndate: 2021-01-14\nkind: tong-ket\n"
        "photos:\n  - src: https://example.com/a.jpg\n    caption: Ảnh\n---\n"
        "Xem ![ảnh](http://example.com/b.png) và <img src='//example.com/c.png'>\n"
    )
    _, problems = load(
        site_with(tmp_path, {"content/years/2021/year.md": "---\ntitle: N\n---\n", CONFERENCE: conference})
    )
    assert [(p.code, p.loc.line) for p in problems.errors] == [
        ("media.remote", 6),
        ("media.remote", 9),
        ("media.remote", 9),
    ]
