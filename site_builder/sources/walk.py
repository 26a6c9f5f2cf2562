"""One listing of a folder's files, taken once per build and shared by its readers.

The build's input fingerprint (output/fingerprint.py) and the reading of content/
(discover.py) used to walk content/ each on their own, through pathlib objects;
at 10,000 conferences each walk cost a third of a second. `walk_tree` lists a
folder with os.scandir, as strings, and keeps what the readers need of each
entry without another system call per file: its `lstat` (size, modification
and change times, inode: what the fingerprint's digest cache is keyed by) and
whether it is a symbolic link. Hidden folders (".git", ".cache") are never
entered; which other names to skip is each reader's decision.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

# (size, mtime_ns, inode, ctime_ns) of a file, from lstat: a symbolic link's own, not its target's.
Stat = tuple[int, int, int, int]


@dataclass(frozen=True)
class Tree:
    """The files under `root`, by POSIX path relative to it ("years/2019/year.md"), sorted."""

    root: Path
    files: dict[str, Stat]  # regular files, symbolic links (to anything) and special files
    links: frozenset[str]  # the entries of `files` that are symbolic links
    special: frozenset[str]  # FIFOs, sockets, devices: never to be opened
    linked_folders: frozenset[str]  # symbolic links to folders (not entered, not in `files`)
    folders: frozenset[str]  # the folders entered (not "")


def walk_tree(root: Path, skip: frozenset[str] = frozenset()) -> Tree:
    """List `root` (an empty Tree when it is not a folder). Folders named in `skip` or starting
    with "." are not entered; a symbolic link to a folder is listed in `linked_folders`, never
    entered (so a link cannot lead the walk out of `root`, or round in a loop)."""
    files: dict[str, Stat] = {}
    links: set[str] = set()
    special: set[str] = set()
    linked: set[str] = set()
    folders: set[str] = set()
    pending = [("", str(root))]
    while pending:
        prefix, folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue  # vanished or unreadable: as os.walk, nothing under it
        for entry in entries:
            rel = prefix + entry.name
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue  # removed meanwhile
            mode = info.st_mode
            if stat.S_ISDIR(mode):
                if not entry.name.startswith(".") and entry.name not in skip:
                    folders.add(rel)
                    pending.append((rel + "/", entry.path))
                continue
            if stat.S_ISLNK(mode):
                if _points_to_folder(entry.path):
                    linked.add(rel)
                    continue
                links.add(rel)
            elif not stat.S_ISREG(mode):
                special.add(rel)
            files[rel] = (info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns)
    ordered = {rel: files[rel] for rel in sorted(files)}
    return Tree(root, ordered, frozenset(links), frozenset(special), frozenset(linked), frozenset(folders))


def _points_to_folder(path: str) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False  # dangling: listed as a file (reading it reports it)
