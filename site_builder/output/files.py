"""What renderers hand to the output stage."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RenderedFile:
    out_path: str  # POSIX path relative to the output root, e.g. "nam/2022/index.html"
    data: bytes
