"""Round two, item 3: image caps go by what a file is, not by its name.

A 12000 × 12000 PNG renamed .bmp or .tif used to pass `check --strict` (only .png/.jpg/.gif/.webp
names were measured) and was decoded by the PDF renderer at 1.2 GB. Every media file is now
identified by its bytes, every image is capped, and the image library's DecompressionBombWarning
becomes our own problem.
"""

from __future__ import annotations

import pytest

from site_builder.problems import Problems
from site_builder.sources.limits import SourceLimits
from site_builder.yearbook.fetcher import ConfinedFetcher, FetchRefused
from tests.hardening import cases
from tests.hardening.helpers import CONFERENCE, load, run_cli, site_with


def conference_with_photo(name: str) -> str:
    return (
        "---\ntitle: Tổng kết\ndate: 2021-01-14\nkind: tong-ket\n"
        f'photos:\n  - src: "{name}"\n    caption: Ảnh hội nghị\n---\nBài.\n'
    )


@pytest.mark.parametrize("name", ["anh.bmp", "anh.tif", "anh.dat", "anh", "anh.jpg"])
def test_a_huge_png_under_any_name_is_refused_by_check(tmp_path, name):
    files = {f"content/media/{name}": cases.png_of_size(12000, 12000), CONFERENCE: conference_with_photo(name)}
    _, problems = load(site_with(tmp_path, files))
    (error,) = problems.errors
    assert (error.code, error.loc.path) == ("media.too-many-pixels", f"content/media/{name}")
    assert "12000 × 12000" in error.format("en")


@pytest.mark.parametrize(("name", "data"), [("anh.bmp", cases.bmp_header(12000, 12000)),
                                            ("anh.tif", cases.tiff_header(12000, 12000)),
                                            ("anh.png", cases.tiff_header(9000, 9000))])  # fmt: skip
def test_other_image_formats_are_measured_too(tmp_path, name, data):
    files = {f"content/media/{name}": data, CONFERENCE: conference_with_photo(name)}
    _, problems = load(site_with(tmp_path, files))
    assert [(p.code, p.loc.path) for p in problems.errors] == [("media.too-many-pixels", f"content/media/{name}")]


def test_the_byte_cap_applies_to_images_under_any_name(tmp_path):
    data = cases.bmp_header(10, 10) + b"\0" * 3000
    files = {
        "content/site.yaml": cases.site_yaml_with_limits(max_image_kb=1),
        "content/media/anh.dat": data,
        CONFERENCE: conference_with_photo("anh.dat"),
    }
    _, problems = load(site_with(tmp_path, files))
    assert [(p.code, p.loc.path) for p in problems.errors] == [("media.too-big", "content/media/anh.dat")]


def test_the_image_librarys_bomb_warning_becomes_our_problem(tmp_path):
    """A cap raised above the library's own (89 million pixels): its warning would print raw on the
    console (under pytest, where warnings are errors, it would fail this test instead)."""
    files = {
        "content/site.yaml": cases.site_yaml_with_limits(max_image_pixels=500_000_000),
        "content/media/anh.bmp": cases.bmp_header(12000, 12000),
        CONFERENCE: conference_with_photo("anh.bmp"),
    }
    _, problems = load(site_with(tmp_path, files))
    assert [(p.code, p.loc.path) for p in problems.errors] == [("media.decompression-bomb", "content/media/anh.bmp")]
    code, _, err = run_cli("check", "--site", str(site_with(tmp_path / "cli", files)))
    assert code == 1 and "media/anh.bmp" in err and "Warning" not in err


def test_non_images_are_left_alone(tmp_path):
    files = {
        "content/media/bao-cao.pdf": b"%PDF-1.7\n" + b"\0" * 20_000,
        "content/media/ghi-chu.txt": "Ghi chú <không phải ảnh>.\n",
        "content/years/2021/year.md": "---\ntitle: Năm\n---\n[Báo cáo](../../media/bao-cao.pdf), "
        "[ghi chú](../../media/ghi-chu.txt)\n",
        "content/site.yaml": cases.site_yaml_with_limits(max_image_kb=1),
    }
    _, problems = load(site_with(tmp_path, files))
    assert not problems.errors


@pytest.mark.parametrize("name", ["anh.jpg", "anh.bin"])
def test_the_pdf_fetcher_caps_every_image_it_serves(tmp_path, name):
    media = tmp_path / "content" / "media"
    media.mkdir(parents=True)
    (media / name).write_bytes(cases.png_of_size(12000, 12000))
    problems = Problems()
    fetcher = ConfinedFetcher([media], problems, limits=SourceLimits(), media_root=media)
    with pytest.raises(FetchRefused):
        fetcher.fetch((media / name).as_uri())
    assert [(p.code, p.loc.path) for p in problems.errors] == [("media.too-many-pixels", f"content/media/{name}")]
