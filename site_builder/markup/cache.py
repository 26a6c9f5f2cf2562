"""A JSON cache of rendered Markdown, keyed by content hash (see markup/markdown.py).

Kept in the site's .cache/ folder, never in content/. A damaged cache is ignored.
"""

from __future__ import annotations

import json
import os
from pathlib import Path


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
        temp = path.with_suffix(f".{os.getpid()}.tmp")
        with temp.open("w", encoding="utf-8") as stream:  # entry by entry: never one huge string
            stream.write("{")
            for index, (key, value) in enumerate(cache.items()):
                stream.write(("," if index else "") + json.dumps(key) + ":" + json.dumps(value, ensure_ascii=False))
            stream.write("}")
        os.replace(temp, path)
    except OSError:
        pass
