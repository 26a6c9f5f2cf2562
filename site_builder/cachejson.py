"""The one way to read and write a file under .cache/site-builder/: JSON through orjson.

orjson decodes and encodes the caches several times faster than the standard library (an edit
build at 10,000 conferences reads about 40 MB of them; see docs/performance.md). Its JSON is
plain JSON, so a cache written by an older build still reads. What it cannot write back exactly
is refused here, never kept changed: a lone surrogate, an integer beyond 64 bits (orjson would
read one back as a float) and a float that is not finite (orjson would write null). A cache that
cannot be read or written only costs speed, so both failures are a ValueError for the caller to
ignore. This module is a leaf: it imports no stage.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import orjson

from site_builder.atomic import write_atomic

Json = Any  # a value as `decode` gives it back: checked where it is taken apart
# What reading a damaged or foreign cache file can raise while it is taken apart: the file is
# then read as empty (its entries are made again), never trusted in part.
DAMAGED = (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError)


def decode(data: bytes | str) -> Json:
    """The value in `data`; a ValueError when it is not JSON (a damaged file)."""
    return orjson.loads(data)


def encode(value: object) -> bytes:
    """Compact UTF-8 JSON of `value`, keys in the dict's order (callers that need an order sort
    them, as the facts files do); a ValueError when it holds something that would not come back as it was.
    Floats are not looked at: keep them out of a cache or check them (`plain_number`)."""
    try:
        return orjson.dumps(value)
    except orjson.JSONEncodeError as error:  # a TypeError: a surrogate, a 65-bit integer, a set …
        raise ValueError(str(error)) from error


def plain_number(value: object) -> bool:
    """Whether an int or float `value` comes back from the cache exactly (see the module's note)."""
    if type(value) is int:
        return -(2**63) <= value < 2**64
    if type(value) is float:
        return value == value and value not in (float("inf"), float("-inf"))
    return True


def read(file: Path) -> Json:
    """The value kept in `file`; a ValueError or OSError when it is damaged or missing."""
    return orjson.loads(file.read_bytes())


def read_section(file: Path, name: str, fmt: str, generation: object) -> dict[str, Json]:
    """The mapping under `name` in a cache file written in format `fmt` by this `generation` of
    the program; {} when the file is missing, damaged or from another format or generation."""
    try:
        data = read(file)
        if data.get("format") != fmt or data.get("generation") != generation:
            return {}
        found = data[name]
        return found if isinstance(found, dict) else {}
    except DAMAGED:
        return {}


def write(file: Path, value: object) -> None:
    """Keep `value` in `file` atomically (a reader never sees half a file). A value that cannot be
    kept exactly removes the old file (never trusted again); a disk that refuses is ignored."""
    try:
        data = encode(value)
    except ValueError:
        drop(file)
        return
    write_bytes(file, data)


def drop(file: Path) -> None:
    """Remove a cache file that could not be brought up to date, so it is never trusted again."""
    with contextlib.suppress(OSError):
        file.unlink(missing_ok=True)


def write_bytes(file: Path, data: bytes) -> None:
    """`write` for bytes already made."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(file, data)
    except OSError:
        pass
