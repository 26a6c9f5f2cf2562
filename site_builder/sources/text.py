"""Bytes -> text: strict UTF-8 (BOM allowed), LF line endings, NFC."""

from __future__ import annotations

import codecs
import unicodedata

from site_builder.catalogue import Clause, clause
from site_builder.problems import Loc, Problems


def decode_text(data: bytes, path: str, problems: Problems) -> str | None:
    """Decode a content file, or report why it cannot be read and return None."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.error(
            "text.not-utf8",
            Loc(path, line, col),
            offset=exc.start,
            guess=_guess_clause(data),
        )
        return None
    if "\x00" in text:
        problems.error("text.nul", Loc(path, text[: text.index("\x00")].count("\n") + 1))
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        problems.warning("text.not-nfc", Loc(path))
        text = unicodedata.normalize("NFC", text)
    return text


# TCVN3 (ABC) puts ă â ê ô ơ ư đ and most toned vowels in 0xA1-0xBF, where
# Windows-1258 has only punctuation that Vietnamese text hardly ever uses.
_TCVN3_BYTES = frozenset(range(0xA1, 0xC0))


def _guess_clause(data: bytes) -> Clause | str:
    """The hint naming the encoding the file was probably saved in ("" when unsure)."""
    guess = _guess_encoding(data)
    return clause(f"clause.guess.{guess.lower()}") if guess else ""


def _guess_encoding(data: bytes) -> str:
    """Name the encoding the file was probably saved in, for the hint ("" when unsure)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or data[:200].count(0) > 10:
        return "UTF-16"
    high = [byte for byte in data if byte >= 0x80]
    if high and 3 * sum(byte in _TCVN3_BYTES for byte in high) >= len(high):
        return "TCVN3"
    try:
        data.decode("cp1258")
    except UnicodeDecodeError:
        return ""
    return "Windows-1258"
