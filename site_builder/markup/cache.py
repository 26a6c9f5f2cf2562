"""A JSON cache of rendered Markdown, keyed by content hash (see markup/markdown.py).

Kept in the site's .cache/ folder, never in content/. A damaged cache is ignored.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from site_builder.atomic import atomic_file


def load_cache(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def save_cache(path: Path, cache: dict[str, str]) -> None:
    """Write atomically; a cache that cannot be written only costs speed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_file(path) as handle, io.TextIOWrapper(handle, encoding="utf-8") as stream:
            stream.write("{")  # entry by entry: never one huge string
            for index, (key, value) in enumerate(cache.items()):
                stream.write(("," if index else "") + json.dumps(key) + ":" + json.dumps(value, ensure_ascii=False))
            stream.write("}")
    except OSError:
        pass
