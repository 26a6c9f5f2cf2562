"""The two writers of a render: a build's staging folder, and the preview folder.

`stage` fills the staging folder that output/publish.py then swaps in: new
bytes are written, theme assets and media copied, and files kept from the
previous output hard-linked from it (copied where the file system cannot link).
The staging folder may be an earlier output tree, recycled: then only what
differs is touched. The live output is only ever read, never written, as it
may be being served.

`apply` brings the preview folder up to date in place: each file is written
through a temporary file and a rename (the server never sends half a file),
only when its bytes changed, and files that are gone are deleted.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import shutil
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from site_builder import atomic
from site_builder.output.publish import write_errors
from site_builder.output.state import Listing, Prefetch, Scan, scan_tree
from site_builder.rendered import CopiedFile, KeptFile, OutputFile, RenderedFile


class KeptFileMissing(Exception):
    """A file to keep is no longer in the previous output (another build replaced it)."""


def check_out_path(rel: str) -> str:
    """`rel` as a path inside the output, refusing anything that could leave it."""
    if not rel or rel.startswith("/") or "\\" in rel or "\0" in rel or posixpath.normpath(rel) != rel or rel == ".":
        raise ValueError(f"refusing to write outside the output: {rel}")
    if rel.split("/")[0] == "..":
        raise ValueError(f"refusing to write outside the output: {rel}")
    return rel


class Staging:
    """Makes a staging folder hold exactly the files `put` into it (then `close`).

    Without `reuse`, the folder is created here. With it, the folder is an earlier output
    tree (build.py keeps the one each swap replaces): a file that already is the previous
    output's (the same inode) stays, every other file is replaced (removed first, never
    written through: it may be a link to a live file), and what is not wanted goes on
    `close`. So an edit costs a few files, not a folder per page. KeptFiles come from
    `previous`; an OSError becomes a RenderError (output.write-failed).

    `live` is `previous` as scanned when the build began (state.scan_tree; scanned here when
    not given): a KeptFile is the regular file listed there (its inode), and `listing` takes
    the size and time of each file that is that very file from it, without a system call.
    """

    def __init__(
        self, staging: Path, previous: Path | None, reuse: bool = False, live: Scan | None = None,
        listed: TreeListing | None = None,
    ) -> None:  # fmt: skip
        self.staging, self.previous = staging, previous
        self.live = live if live is not None else scan_tree(previous) if previous is not None else Scan({}, {})
        self.wanted: set[str] = set()
        self.shared: set[str] = set()  # files that are the live output's (hard links): listed as in `live`
        with write_errors(staging):
            if not reuse:
                staging.mkdir(parents=True)
            found = listed.of(staging) if reuse and listed is not None else None
            self.present, self.folders = found or (_present(staging) if reuse else ({}, set()))

    def put(self, file: OutputFile) -> None:
        rel = check_out_path(file.out_path)
        if rel in self.wanted:
            raise ValueError(f"two files for one address: {rel}")
        self.wanted.add(rel)
        if isinstance(file, KeptFile):
            self._keep(rel)
            return
        with write_errors(self.staging):
            self._replace(rel)
            if isinstance(file, RenderedFile):
                (self.staging / rel).write_bytes(file.data)
            elif isinstance(file, CopiedFile):
                shutil.copyfile(file.source, self.staging / rel)

    def _keep(self, rel: str) -> None:
        """The previous output's file at `rel`: the regular file `live` lists there (by inode)."""
        if rel not in self.live.inodes:
            raise KeptFileMissing(rel)
        if self.present.get(rel) == self.live.inodes[rel]:
            self.shared.add(rel)  # already that very file: nothing to do
            return
        with write_errors(self.staging):
            self._replace(rel)
            _carry(self.previous, rel, self.staging / rel)  # the live file now, maybe not the one listed

    def _replace(self, rel: str) -> None:
        """Make way for a new file at `rel`: remove what is there (never written through), make its folder."""
        if rel in self.present or rel in self.folders:
            _clear(self.staging / rel)
        _make_parent(self.staging, rel, self.folders)

    def claim(self, out_path: str) -> None:
        """A file a worker process put through its own copy of this sink."""
        self.wanted.add(check_out_path(out_path))

    def close(self) -> int:
        """Remove what was not put; the number of files the folder holds."""
        with write_errors(self.staging):
            for rel in sorted(self.present.keys() - self.wanted):
                _remove_quietly(self.staging, rel)
        return len(self.wanted)

    def listing(self) -> Listing:
        """Size and modification time of every file the folder holds (after `close`)."""
        found: Listing = {}
        with write_errors(self.staging):
            for rel in self.wanted:
                if rel in self.shared:
                    found[rel] = self.live.listing[rel]
                else:
                    info = os.lstat(self.staging / rel)
                    found[rel] = (info.st_size, info.st_mtime_ns)
        return found


def stage(files: Iterable[OutputFile], staging: Path, previous: Path | None, reuse: bool = False) -> int:
    """Make `staging` hold exactly `files` (see Staging); returns the count."""
    sink = Staging(staging, previous, reuse)
    for file in files:
        sink.put(file)
    return sink.close()


class TreeListing:
    """`_present` of a kept tree, listed in a thread while the build hashes content/ (state.Prefetch),
    for the staging folder that tree becomes (build.py moves it there: `recycle`)."""

    def __init__(self, tree: Path | None):
        """`tree` None: nothing to list (a build without its caches)."""
        self.identity = _identity(tree) if tree is not None else None  # before listing: that folder or an error
        self.listing = Prefetch(lambda: _present(tree)) if tree is not None and self.identity is not None else None

    def wait(self) -> None:
        """Let the listing end (before the tree is moved); what it raised is given by `of`."""
        if self.listing is not None:
            with contextlib.suppress(Exception):
                self.listing.result()

    def of(self, moved: Path) -> tuple[dict[str, int], set[str]] | None:
        """The listing, when `moved` is the very folder listed (None: list it again); raises the
        OSError of a tree that is not ours (a symbolic link), as `_present` does."""
        if self.listing is None or _identity(moved) != self.identity:
            return None
        return self.listing.result()


def _identity(folder: Path) -> tuple[int, int] | None:
    try:
        info = os.lstat(folder)
    except OSError:
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISDIR(info.st_mode) else None


def _present(tree: Path) -> tuple[dict[str, int], set[str]]:
    """Files (rel -> inode) and folders of an earlier output tree; one not made by us is refused."""
    files: dict[str, int] = {}
    folders: set[str] = set()
    pending = [("", str(tree))]
    while pending:
        prefix, folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                child = prefix + entry.name
                if entry.is_symlink():
                    raise OSError(f"not an output tree (a symbolic link): {entry.path}")
                if entry.is_dir():
                    folders.add(child)
                    pending.append((child + "/", entry.path))
                else:
                    files[child] = entry.inode()
    return files, folders


def _clear(target: Path) -> None:
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    else:
        target.unlink(missing_ok=True)


def _make_parent(staging: Path, rel: str, folders: set[str]) -> None:
    parent = posixpath.dirname(rel)
    if parent and parent not in folders:
        os.makedirs(staging / parent, exist_ok=True)
        while parent and parent not in folders:
            folders.add(parent)
            parent = posixpath.dirname(parent)


def _remove_quietly(staging: Path, rel: str) -> None:
    """Remove a file no longer wanted, and the folders it leaves empty."""
    (staging / rel).unlink(missing_ok=True)
    parent = posixpath.dirname(rel)
    while parent:
        try:
            os.rmdir(staging / parent)
        except OSError:
            return  # not empty
        parent = posixpath.dirname(parent)


def _carry(previous: Path | None, rel: str, target: Path) -> None:
    """Put the previous output's file at `target` (a hard link where the file system allows)."""
    source = previous / rel if previous is not None else None
    if source is None:
        raise KeptFileMissing(rel)
    try:
        os.link(source, target, follow_symlinks=False)  # same bytes, no copy; never opened for writing
    except FileNotFoundError:
        raise KeptFileMissing(rel) from None
    except OSError:
        shutil.copyfile(source, target)  # no hard links here (another file system, FAT, ...)


@dataclass(frozen=True)
class Applied:
    pages: tuple[str, ...]  # rendered files whose bytes changed
    assets: tuple[str, ...]  # copied files whose bytes changed
    removed: tuple[str, ...]


def apply(files: Iterable[OutputFile], removed: Iterable[str], folder: Path) -> Applied:
    """Write what changed into `folder` and delete what is gone."""
    pages: list[str] = []
    assets: list[str] = []
    for file in files:
        if isinstance(file, RenderedFile) and write_if_changed(folder, file.out_path, file.data):
            pages.append(file.out_path)
        elif isinstance(file, CopiedFile) and copy_if_changed(folder, file.out_path, file.source):
            assets.append(file.out_path)
        # A KeptFile is already there: the preview folder is only ever written here.
    gone = tuple(removed)
    for rel in gone:
        remove(folder, rel)
    return Applied(tuple(pages), tuple(assets), gone)


def target_in(root: Path, rel: str) -> Path:
    """`root/rel`, refusing any path that would leave `root`."""
    base = root.resolve()
    target = (base / check_out_path(rel)).resolve()
    if not target.is_relative_to(base) or target == base:
        raise ValueError(f"refusing to write outside the preview folder: {rel}")
    return target


def write_atomic(root: Path, rel: str, data: bytes) -> None:
    """Write via a temporary file and a rename, so the server never sends half a file."""
    target = target_in(root, rel)
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_atomic(target, data)


def write_if_changed(root: Path, rel: str, data: bytes) -> bool:
    target = target_in(root, rel)
    try:
        if target.read_bytes() == data:
            return False
    except OSError:
        pass
    write_atomic(root, rel, data)
    return True


def copy_if_changed(root: Path, rel: str, source: Path) -> bool:
    target = target_in(root, rel)
    try:
        if target.stat().st_size == source.stat().st_size and target.read_bytes() == source.read_bytes():
            return False
    except OSError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic.atomic_file(target) as handle, source.open("rb") as original:
        shutil.copyfileobj(original, handle)
    return True


def remove(root: Path, rel: str) -> None:
    """Delete one file and the folders it leaves empty."""
    target = target_in(root, rel)
    target.unlink(missing_ok=True)
    parent = target.parent
    base = root.resolve()
    while parent != base and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent
