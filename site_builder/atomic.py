"""One way to replace a file so that no reader ever sees half of it: write a temporary file
beside it, then rename it over the old one (`os.replace` is atomic within a folder).

A crash or a full disk leaves the old file or the new one, never a mix, and never a stray
temporary file: it is removed when the write fails. The error is raised; each caller says
what a failure means for it (a cache only costs speed and ignores it; content or an edition
manifest reports it). This module is a leaf: it imports no stage.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


def temporary_name(target: Path) -> Path:
    """`.<name>.<pid>.tmp` beside `target`: hidden, on the same disk, one per process."""
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


@contextmanager
def atomic_file(target: Path, *, durable: bool = False) -> Iterator[BinaryIO]:
    """A binary file to write `target`'s new content into; it replaces `target` when the block
    ends without an error. `durable`: flushed to the disk first (content staff wrote, not caches)."""
    temporary = temporary_name(target)
    try:
        with open(temporary, "wb") as handle:
            yield handle
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_atomic(target: Path, data: bytes | str, *, durable: bool = False) -> None:
    """Replace `target` with `data` (text is written as UTF-8); raises OSError, leaving `target` as it was."""
    with atomic_file(target, durable=durable) as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)
