"""What the render core hands to the sinks that write the output (a leaf: render, yearbook
and output all speak it, and it imports nothing of the package).

Three kinds of output file: bytes just rendered, a file published as it is
(a theme asset or a media file, named by its source so nothing big is held in
memory), and a file unchanged since the previous output (carried over by the
sink: a hard link into a build's staging folder, nothing at all in the preview).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RenderedFile:
    out_path: str  # POSIX path relative to the output root, e.g. "nam/2022/index.html"
    data: bytes


@dataclass(frozen=True)
class CopiedFile:
    out_path: str  # e.g. "media/anh/hoi-nghi.jpg", "static/css/site.css"
    source: Path  # the file to publish as it is


@dataclass(frozen=True)
class KeptFile:
    out_path: str  # the same bytes as in the previous output


OutputFile = RenderedFile | CopiedFile | KeptFile
