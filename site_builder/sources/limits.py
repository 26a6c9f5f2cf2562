"""Resource caps for reading a site: file size, record count, image size and pixels, SVG size, nesting.

The values come from `limits:` in content/site.yaml (read first, under the
built-in file cap), so the caps apply while the rest is read. A value that is
not a positive whole number is ignored here and reported by the model layer
(`site.yaml` is validated against its schema there), so both agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_builder.sources.yamlsafe import YMap, YStr

KB = 1000
# Values a limit may not exceed: 100 levels of nesting plus the yearbook's own ~10 stay clear of the
# PDF renderer's recursion limit (about 135 levels).
CEILINGS = {"max_depth": 100}


@dataclass(frozen=True)
class SourceLimits:
    max_file_kb: int = 2_000
    max_records: int = 50_000
    max_image_kb: int = 10_000
    max_image_pixels: int = 40_000_000
    max_svg_nodes: int = 10_000  # elements an SVG draws once every <use> is expanded
    max_depth: int = 30  # levels of nesting in a Markdown body (quotes, lists, HTML elements)

    @property
    def depth_limit(self) -> int:
        """max_depth, never above what the PDF renderer can lay out (a higher value is reported)."""
        return min(self.max_depth, CEILINGS["max_depth"])

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
