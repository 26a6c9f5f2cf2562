"""`site-builder build --docx` writes the Word yearbook beside the PDF, atomically."""

from __future__ import annotations

import io

import docx


def test_build_docx_writes_the_word_file(demo_site, run_cli):
    code, _out, err = run_cli("build", "--docx", "--no-pdf", "--strict", "--site", str(demo_site))
    assert code == 0, err
    assert "kỷ yếu Word: ky-yeu-2015-2020.docx" in err
    word = demo_site / "output" / "ky-yeu-2015-2020.docx"
    document = docx.Document(io.BytesIO(word.read_bytes()))
    assert any(p.style.name == "Heading 1" and p.text == "Năm 2019" for p in document.paragraphs)
    assert not list((demo_site / "content").rglob("*.docx"))  # nothing written under content/


def test_build_without_docx_writes_none(demo_site, run_cli):
    code, _out, err = run_cli("build", "--no-pdf", "--site", str(demo_site))
    assert code == 0, err
    assert not list((demo_site / "output").glob("*.docx"))


def test_a_picture_word_cannot_show_fails_the_build_and_keeps_the_output(demo_site, run_cli):
    code, _out, err = run_cli("build", "--no-pdf", "--site", str(demo_site))
    assert code == 0, err
    before = (demo_site / "output" / "index.html").read_bytes()
    conference = next((demo_site / "content" / "years" / "2019" / "conferences").glob("*.md"))
    photo = demo_site / "content" / "media" / "photos" / "webp-anh.jpg"
    photo.write_bytes(b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(20))  # a WebP named .jpg
    text = conference.read_text(encoding="utf-8")
    first = text.index("  - src: ")
    conference.write_text(text[:first] + '  - src: "photos/webp-anh.jpg"\n    caption: "Ảnh WebP."\n' + text[first:])
    code, _out, err = run_cli("build", "--docx", "--no-pdf", "--site", str(demo_site))
    assert code == 3, err
    rel = conference.relative_to(demo_site).as_posix()
    assert f"{rel}:" in err and "Word chỉ nhận ảnh PNG, JPEG hoặc GIF" in err
    assert "Traceback" not in err
    assert (demo_site / "output" / "index.html").read_bytes() == before
    assert not list((demo_site / "output").glob("*.docx"))
