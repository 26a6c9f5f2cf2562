"""Compiled page templates kept per machine, so a build does not compile them again.

Compiling the theme's templates costs about 0.15 s per build, a fifth of an edit build at
1,000 conferences. Jinja can keep the compiled code (`jinja2.BytecodeCache`), but compiled
code must never sit in `.cache/site-builder/`: that folder travels with the site, and a site
received from someone else could carry code that runs here (docs/security.md). So the code is
kept in the user's own cache folder (`~/.cache/site-builder/templates-<key>/`, like Python's
`__pycache__`), never read from the site. Jinja checks each entry against the template's
source (a checksum) and its own format and Python version; the folder's key adds the Jinja
version and the environment's options, which change the code a source compiles to.

A cache that cannot be read or written is the same as none: the template is compiled.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

from site_builder.atomic import atomic_file


def code_folder(user_cache: Path, options: object) -> Path:
    """The folder for templates compiled with `options` by this Jinja and this Python."""
    key = repr((jinja2.__version__, sys.version, options)).encode()
    return user_cache / f"templates-{hashlib.blake2b(key, digest_size=8).hexdigest()}"


class TemplateCodeCache(jinja2.BytecodeCache):
    """Jinja's bytecode cache in one private folder; every error is a cache miss."""

    def __init__(self, folder: Path):
        self.folder = folder

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            with open(self.folder / f"{bucket.key}.code", "rb") as stream:
                bucket.load_bytecode(stream)
        except Exception:  # noqa: BLE001 - a damaged entry can raise anything pickle or marshal can
            bucket.reset()  # unreadable or damaged: compiled again, never a failed build

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            with atomic_file(self.folder / f"{bucket.key}.code") as stream:  # never half a file
                bucket.write_bytecode(stream)
        except OSError:
            pass  # not kept: compiled again next time
