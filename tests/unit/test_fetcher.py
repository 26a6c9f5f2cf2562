"""The PDF's URL fetcher serves files inside the allowed roots and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError

from site_builder.problems import Problems
from site_builder.yearbook.fetcher import ConfinedFetcher, FetchRefused


@pytest.fixture
def roots(tmp_path: Path) -> tuple[Path, Path]:
    media = tmp_path / "site" / "content" / "media"
    static = tmp_path / "theme" / "static"
    (media / "photos").mkdir(parents=True)
    (static / "css").mkdir(parents=True)
    (media / "photos" / "a.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>')
    (static / "css" / "print.css").write_text("p { color: red }")
    (tmp_path / "site" / "secret.txt").write_text("secret")
    return media, static


def _fetcher(roots, problems=None) -> ConfinedFetcher:
    return ConfinedFetcher(roots, problems if problems is not None else Problems())


def test_serves_files_inside_the_roots(roots):
    media, static = roots
    fetcher = _fetcher(roots)
    response = fetcher.fetch((media / "photos" / "a.svg").as_uri())
    assert response.read().startswith(b"<svg") and response.content_type == "image/svg+xml"
    assert fetcher.fetch((static / "css" / "print.css").as_uri()).read() == b"p { color: red }"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/a.png",
        "https://example.com/a.png",
        "ftp://example.com/a.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "file://evil.example.com/share/a.png",
    ],
)
def test_refuses_other_files_and_schemes(roots, url):
    problems = Problems()
    with pytest.raises(FetchRefused):
        _fetcher(roots, problems).fetch(url)
    assert [p.code for p in problems] == ["pdf.fetch-refused"]
    assert problems.errors


def test_refuses_dot_dot_escapes(roots):
    media, _ = roots
    escape = media.as_uri() + "/../../secret.txt"
    encoded = media.as_uri() + "/photos/%2e%2e/%2e%2e/%2e%2e/secret.txt"
    for url in (escape, encoded):
        with pytest.raises(FetchRefused):
            _fetcher(roots).fetch(url)


def test_refuses_symlinks_leading_out(roots, tmp_path):
    media, _ = roots
    (media / "link.txt").symlink_to(tmp_path / "site" / "secret.txt")
    with pytest.raises(FetchRefused):
        _fetcher(roots).fetch((media / "link.txt").as_uri())


def test_refused_stylesheets_and_fonts_stop_the_render(roots):
    for url in ("http://example.com/x.css", "file:///usr/share/fonts/truetype/x.ttf"):
        with pytest.raises(FatalURLFetchingError):
            _fetcher(roots).fetch(url)
    assert not issubclass(FatalURLFetchingError, Exception)  # why pdf.py catches it by name


def test_missing_file_inside_a_root_is_not_a_refusal(roots):
    media, _ = roots
    problems = Problems()
    with pytest.raises(FileNotFoundError):
        _fetcher(roots, problems).fetch((media / "photos" / "nope.png").as_uri())
    assert list(problems) == []


def test_weasyprint_uses_it_and_nothing_is_attached(roots, tmp_path):
    problems = Problems()
    fetcher = _fetcher(roots, problems)
    html = (
        '<link rel="attachment" href="file:///etc/passwd">'
        '<img src="file:///etc/hostname"><img src="http://127.0.0.1:9/x.png"><p>x</p>'
    )
    pdf = HTML(string=html, base_url=roots[0].as_uri() + "/", url_fetcher=fetcher).write_pdf()
    assert b"/EmbeddedFile" not in pdf
    refused = {dict(p.params)["url"] for p in problems}
    assert {"file:///etc/passwd", "file:///etc/hostname", "http://127.0.0.1:9/x.png"} <= refused
