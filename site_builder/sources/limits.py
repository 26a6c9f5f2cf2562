"""Resource caps for reading a site: file size, record count, image size and pixels.

The values come from `limits:` in content/site.yaml (read first, under the
built-in file cap), so the caps apply while the rest is read. A value that is
not a positive whole number is ignored here and reported by the model layer
(`site.yaml` is validated against its schema there), so both agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from site_builder.problems import Loc, Problems
from site_builder.sources.images import image_size, is_image_name
from site_builder.sources.yamlsafe import YMap, YStr

KB = 1000


@dataclass(frozen=True)
class SourceLimits:
    max_file_kb: int = 2_000
    max_records: int = 50_000
    max_image_kb: int = 10_000
    max_image_pixels: int = 40_000_000

    @property
    def max_file_bytes(self) -> int:
        return self.max_file_kb * KB

    @property
    def max_image_bytes(self) -> int:
        return self.max_image_kb * KB


def limits_from_site(data: object) -> SourceLimits:
    """Limits named in site.yaml's raw `limits:` mapping, defaults for the rest."""
    raw = data.get("limits") if isinstance(data, YMap) else None
    if not isinstance(raw, YMap):
        return SourceLimits()
    values = {name: _positive(raw.get(name)) for name in SourceLimits.__dataclass_fields__}
    return SourceLimits(**{name: value for name, value in values.items() if value is not None})


def _positive(value: object) -> int | None:
    if isinstance(value, YStr) and re.fullmatch(r"\+?[0-9]{1,12}", value.strip()) and int(value) > 0:
        return int(value)
    return None


def check_media_limits(media_root: Path, names: Iterable[str], limits: SourceLimits, problems: Problems) -> None:
    """Size and pixel caps for images in content/media/, measured from headers only."""
    for name in sorted(names):
        if is_image_name(name):
            check_image(media_root / name, Loc(f"content/media/{name}"), limits, problems)


def check_image(path: Path, loc: Loc, limits: SourceLimits, problems: Problems) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        problems.error("file.unreadable", loc, detail=exc.strerror or str(exc))
        return
    if size > limits.max_image_bytes:
        problems.error("media.too-big", loc, size=-(-size // KB), limit=limits.max_image_kb)
        return
    dimensions = image_size(path)  # None (not measurable) is left to the browser and the PDF renderer
    if dimensions is not None and dimensions[0] * dimensions[1] > limits.max_image_pixels:
        width, height = dimensions
        problems.error("media.too-many-pixels", loc, width=width, height=height, limit=limits.max_image_pixels)
