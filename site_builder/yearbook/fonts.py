"""No system font is ever used silently: every embedded font must be a bundled file.

WeasyPrint ignores @font-face without a shared FontConfiguration and falls back
to whatever fontconfig finds, with no warning. After the PDF is written,
`foreign_fonts` compares each font the document embedded, byte for byte (a
SHA-256 of the font file), with the theme's bundled fonts. The embedded
subset replaces `Font.file_content`, so the original file is read back from
the HarfBuzz face (WeasyPrint 70 internals, pinned by the tests).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from weasyprint.text.fonts import get_hb_object_data

FONT_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2")


def bundled_font_hashes(static_dirs: Iterable[Path]) -> dict[str, str]:
    """SHA-256 of each font file under <static>/fonts/ -> its file name."""
    hashes = {}
    for folder in static_dirs:
        fonts = folder / "fonts"
        if fonts.is_dir():
            for path in sorted(fonts.iterdir()):
                if path.suffix.lower() in FONT_SUFFIXES:
                    hashes[hashlib.sha256(path.read_bytes()).hexdigest()] = path.name
    return hashes


def foreign_fonts(document_fonts: Mapping[str, Any], bundled: dict[str, str]) -> list[str]:
    # document_fonts: WeasyPrint's Document.fonts (its font objects carry no types)
    """Families of embedded fonts that are not one of the bundled files, sorted."""
    foreign: set[str] = set()
    for font in document_fonts.values():
        digest = hashlib.sha256(bytes(get_hb_object_data(font.hb_face))).hexdigest()
        if digest not in bundled:
            foreign.add(font.family)
    return sorted(foreign)
