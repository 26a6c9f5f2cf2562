"""A JSON cache of rendered Markdown, keyed by content hash (see markup/markdown.py).

Kept in the site's .cache/ folder, never in content/. A damaged cache is ignored.
"""

from __future__ import annotations

from pathlib import Path

from site_builder import cachejson
from site_builder.atomic import atomic_file

CHUNK = 512  # entries encoded at a time: a large site's cache (35 MB at 10,000) is never one string


def load_cache(path: Path) -> dict[str, str]:
    try:
        data = cachejson.read(path)
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def save_cache(path: Path, cache: dict[str, str]) -> None:
    """Write atomically; a cache that cannot be written only costs speed."""
    items = list(cache.items())
    parts = (part for start in range(0, len(items), CHUNK) if (part := _entries(items[start : start + CHUNK])))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_file(path) as stream:
            stream.write(b"{")
            for index, part in enumerate(parts):
                stream.write((b"," if index else b"") + part)
            stream.write(b"}")
    except OSError:
        pass


def _entries(items: list[tuple[str, str]]) -> bytes:
    """`"key":"value",…` of `items`; one that cannot be kept (a lone surrogate) is left out."""
    try:
        return cachejson.encode(dict(items))[1:-1]
    except ValueError:
        kept = [encoded[1:-1] for key, value in items if (encoded := _entry(key, value))]
        return b",".join(kept)


def _entry(key: str, value: str) -> bytes:
    try:
        return cachejson.encode({key: value})
    except ValueError:
        return b""
