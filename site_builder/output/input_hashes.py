"""The content hash of every input file, hashing again only the files that may have changed.

A build hashes every file its output depends on (fingerprint.py); at 10,000
conferences reading them all cost half a second of every build. The hashes are
kept in .cache/site-builder/inputs.json with each file's lstat: size,
modification time, inode and change time. The change time (ctime) is set by the
system on every write, rename or `touch`, and cannot be set back by a program,
so a file rewritten with the same size and modification time still shows a new
one. A kept hash is used only when all four are the same, and a hash is kept
only for a file whose times are at least SETTLE_NS older than the moment its
listing was taken: a file written again within the file system's time
granularity (up to 2 s on FAT) could otherwise keep the same times with other
bytes. Symbolic links are always hashed (their lstat does not change with the
file they point to); special files (FIFOs, devices) are never opened.

The kept hashes are facts about bytes, not about the program, so they stay
valid across program versions; with --force nothing kept is read. On Windows
st_ctime is the creation time, not the change time, so nothing kept is used
there (`CTIME_IS_CHANGE`): every file is hashed, as before.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

import site_builder
from site_builder import cachejson
from site_builder.layout import SOURCE_FOLDERS, SiteLayout
from site_builder.output.record_store import Json
from site_builder.sources.walk import Stat, Tree, walk_tree

PACKAGE_DIR = Path(site_builder.__file__).parent
FORMAT = "site-builder inputs 1"
SETTLE_NS = 2_000_000_000
CTIME_IS_CHANGE = os.name == "posix"
SPECIAL = "not-a-regular-file"  # the "hash" of a FIFO, socket or device: opening one could block
Kept = dict[str, tuple[Stat, str]]  # "site:content/..." -> (lstat when hashed, content hash)


@dataclass(frozen=True)
class Inputs:
    digests: dict[str, str]  # "site:<path from the site root>" or "package:<path>" -> content hash
    content: Tree  # the listing of content/ the hashes were taken from, for sources/discover.py


def read_inputs(site_root: Path, kept_file: Path | None = None, trusted: bool = True) -> Inputs:
    """Hash every input; with `kept_file`, reuse its hashes of unchanged files (when `trusted`)
    and keep this run's hashes there for the next one."""
    kept = load_kept(kept_file) if kept_file is not None and trusted and CTIME_IS_CHANGE else {}
    folders = SiteLayout(site_root)
    trees = [(f"site:{name}/", walk_tree(folders.path(name))) for name in SOURCE_FOLDERS]
    trees.append(("package:", walk_tree(PACKAGE_DIR, frozenset({"__pycache__"}))))
    settled = time.time_ns() - SETTLE_NS  # taken after the listing: see the module's docstring
    digests: dict[str, str] = {}
    keep: Kept = {}
    for prefix, tree in trees:
        for rel, info in tree.files.items():
            key = prefix + rel
            if rel in tree.links or rel in tree.special:
                digest = _hash_any(os.path.join(tree.root, rel))
            else:
                known = kept.get(key)
                digest = known[1] if known is not None and known[0] == info else _hash_regular(tree.root, rel)
                if digest is not None and max(info[1], info[3]) < settled:
                    keep[key] = (info, digest)
            if digest is not None:
                digests[key] = digest
    if kept_file is not None and keep != kept:
        save_kept(kept_file, keep)
    return Inputs(digests, trees[0][1])


def _hash_regular(root: Path, rel: str) -> str | None:
    try:
        with open(os.path.join(root, rel), "rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return None  # removed meanwhile: not an input any more


def _hash_any(path: str) -> str | None:
    """A symbolic link's target, hashed only when it is a regular file (a FIFO would block)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return SPECIAL
    except OSError:
        return None  # dangling
    return _hash_regular(Path(path).parent, Path(path).name)


def load_kept(file: Path) -> Kept:
    """The kept hashes; a missing or damaged file (or entry) is simply not used."""
    try:
        data = cachejson.read(file)
        if data.get("format") != FORMAT or not isinstance(data.get("files"), dict):
            return {}
        return {key: entry for key, value in data["files"].items() if (entry := _entry(value)) is not None}
    except (OSError, ValueError, AttributeError):
        return {}


def _entry(value: Json) -> tuple[Stat, str] | None:
    if not (isinstance(value, list) and len(value) == 5 and all(type(v) is int for v in value[:4])):
        return None
    size, mtime, inode, ctime, digest = value
    return ((size, mtime, inode, ctime), digest) if isinstance(digest, str) else None


def save_kept(file: Path, kept: Kept) -> None:
    files = {key: [*info, digest] for key, (info, digest) in kept.items()}
    cachejson.write(file, {"format": FORMAT, "files": files})
