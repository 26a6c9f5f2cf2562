"""A JSON cache of rendered Markdown, keyed by content hash (see markup/markdown.py).

Kept in the site's .cache/ folder, never in content/. A damaged cache is ignored.
Entries are only ever added, so a build that rendered a few bodies appends them to a small
journal beside the cache (`add_to_cache`) instead of writing the whole file again (35 MB at
10,000 conferences, for one edited body); the journal is folded into the cache once it holds
a sixteenth of it.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterable
from pathlib import Path

from site_builder import cachejson
from site_builder.atomic import atomic_file

CHUNK = 512  # entries encoded at a time: a large site's cache (35 MB at 10,000) is never one string
FOLD_SHARE = 16  # the journal is folded into the cache when it holds more than 1/16 of its entries
FOLD_AT_LEAST = 64


def journal_file(path: Path) -> Path:
    """Where the entries added since `path` was last written are kept."""
    return path.with_name(f"{path.stem}.journal{path.suffix}")


def load_cache(path: Path) -> dict[str, str]:
    """The cache and its journal; {} for what is missing or damaged."""
    found = _read(path)
    found.update(_read(journal_file(path)))
    return found


def _read(path: Path) -> dict[str, str]:
    try:
        data = cachejson.read(path)
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def add_to_cache(path: Path, cache: dict[str, str], known: int) -> None:
    """Keep `cache`, of which the first `known` entries (in its order) are already kept at
    `path`: the others go to the journal, or the whole cache is written when the journal grows
    too long. Failures only cost speed."""
    if len(cache) <= known:
        return
    journal = journal_file(path)
    entries = _read(journal)
    entries.update(itertools.islice(cache.items(), known, None))
    if len(entries) > max(FOLD_AT_LEAST, len(cache) // FOLD_SHARE) or not path.is_file():
        save_cache(path, cache)
        return
    _write(journal, entries.items())


def save_cache(path: Path, cache: dict[str, str]) -> None:
    """Write atomically, the journal folded in; a cache that cannot be written only costs speed."""
    if _write(path, cache.items()):
        with contextlib.suppress(OSError):  # left behind, its entries are read twice: the same
            journal_file(path).unlink(missing_ok=True)


def _write(path: Path, entries: Iterable[tuple[str, str]]) -> bool:
    items = list(entries)
    parts = (part for start in range(0, len(items), CHUNK) if (part := _entries(items[start : start + CHUNK])))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_file(path) as stream:
            stream.write(b"{")
            for index, part in enumerate(parts):
                stream.write((b"," if index else b"") + part)
            stream.write(b"}")
    except OSError:
        return False
    return True


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
