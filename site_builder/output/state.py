"""What a render produced, so that the next one can keep what did not change.

`RenderState` is the render core's memory: each page's signature, the token of
each media file published, what each photo's web copies were made from, and
the files made from the whole site (the PDF, the Word yearbook, the search
index) with their signatures and the warnings their making gave, replayed
while they are kept. The preview server keeps it in memory; `build` saves it
beside the site (.cache/site-builder/output-<hash>.json, one per output folder)
together with what the output folder held: every file's size and modification
time, and the marker's fingerprint. A build trusts the state only when the
output still holds exactly that (no hand edits, no other build in between) and
the program and options are the same (`key`); otherwise it renders everything.
"""

from __future__ import annotations

import hashlib
import os
import stat
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from site_builder import cachejson
from site_builder.images.responsive import ResponsiveImage, Variant
from site_builder.output.guard import MARKER
from site_builder.output.record_store import Json, Unkept, decode_problem, encode_problem
from site_builder.problems import Problem

FORMAT = "site-builder output state 2"
Listing = dict[str, tuple[int, int]]  # out_path -> (size, mtime_ns)


@dataclass(frozen=True)
class Artifact:
    """A file made from the whole site: the PDF yearbook, the Word yearbook, the search index."""

    out_path: str
    signature: str
    count: int = 0  # the PDF's pages
    problems: tuple[Problem, ...] = ()  # what making it reported (warnings), replayed while it is kept


@dataclass(frozen=True)
class PhotoState:
    """A photo's web copies: made from the photo with content token `token` (and the settings)."""

    token: str
    shown: ResponsiveImage | None  # None: the photo could not be used (a warning says why)
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class RenderState:
    key: str  # the program and options the output was made with: another key renders everything
    pages: Mapping[str, str] = field(default_factory=dict)  # out_path -> page signature
    media: Mapping[str, str] = field(default_factory=dict)  # out_path -> token of its source file
    artifacts: Mapping[str, Artifact] = field(default_factory=dict)  # "pdf", "docx", "search"
    photos: Mapping[str, PhotoState] = field(default_factory=dict)  # media path -> its copies

    @property
    def outputs(self) -> set[str]:
        """Every file this render put in the output, besides theme assets."""
        copies = {v.out_path for p in self.photos.values() if p.shown for v in p.shown.variants}
        return {*self.pages, *self.media, *(a.out_path for a in self.artifacts.values()), *copies}


def scan_output(folder: Path) -> Listing:
    """Every file under `folder` (the marker excepted) with its size and modification time."""
    return scan_tree(folder).listing


@dataclass(frozen=True)
class Scan:
    listing: Listing
    inodes: dict[str, int]  # out_path -> inode of each regular file: which ones a recycled staging tree shares


def scan_tree(folder: Path) -> Scan:
    """`scan_output` and each file's inode, in one pass (os.scandir, strings: a folder per page)."""
    listing: Listing = {}
    inodes: dict[str, int] = {}
    pending = [("", str(folder))]
    while pending:
        prefix, here = pending.pop()
        try:
            entries = list(os.scandir(here))
        except OSError:
            continue  # vanished or unreadable: as os.walk, nothing under it (the listing then differs)
        for entry in entries:
            rel = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                pending.append((rel + "/", entry.path))
            elif rel != MARKER:
                try:
                    info = entry.stat(follow_symlinks=False)
                except OSError:
                    continue  # removed meanwhile
                listing[rel] = (info.st_size, info.st_mtime_ns)
                if stat.S_ISREG(info.st_mode):  # anything else is never kept
                    inodes[rel] = info.st_ino
    return Scan(listing, inodes)


T = TypeVar("T")


class Prefetch(Generic[T]):
    """`make()` run in a thread from now on; `result()` waits for it and gives back its value or
    raises what it raised. For listings of folders: the system calls (most of a listing) release
    the interpreter, so a listing made this way overlaps the build's other work on a second core."""

    def __init__(self, make: Callable[[], T]):
        self._make = make
        self._made: list[T] = []
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="site-builder listing", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._made.append(self._make())
        except BaseException as exc:  # noqa: BLE001 - given back by result(), in the caller's thread
            self._error = exc

    def result(self) -> T:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._made[0]


def state_file(cache_dir: Path, output: Path) -> Path:
    """One state per output folder, so builds into other folders (--output) do not disturb it."""
    tag = hashlib.blake2b(str(output.resolve()).encode(), digest_size=8).hexdigest()
    return cache_dir / f"output-{tag}.json"


def save_state(file: Path, state: RenderState, stamp: str, listing: Listing) -> None:
    artifacts, photos = {}, {}
    for name, item in state.artifacts.items():
        try:
            problems = [encode_problem(p) for p in item.problems]
        except Unkept:
            continue  # a warning the codec cannot keep exactly: made again next time
        artifacts[name] = [item.out_path, item.signature, item.count, problems]
    for src, photo in state.photos.items():
        try:
            photos[src] = [photo.token, _encode_image(photo.shown), [encode_problem(p) for p in photo.problems]]
        except Unkept:
            continue
    data = {
        "format": FORMAT,
        "key": state.key,
        "stamp": stamp,
        "pages": dict(state.pages),
        "media": dict(state.media),
        "artifacts": artifacts,
        "photos": photos,
        "listing": {path: list(info) for path, info in listing.items()},
    }
    cachejson.write(file, data)


def load_state(file: Path, key: str, stamp: str, listing: Listing) -> RenderState | None:
    """The saved state, if it was made with `key` and the output (its marker's `stamp`, its
    `listing`) is still exactly what that build left; else None."""
    try:
        data = cachejson.read(file)
        if data["format"] != FORMAT or data["key"] != key or data["stamp"] != stamp:
            return None
        if not _same_listing(data, listing):
            return None
        pages, media = dict(data["pages"]), dict(data["media"])
        if not all(isinstance(v, str) for v in (*pages.values(), *media.values())):
            return None
        artifacts = {
            name: Artifact(out, sig, int(count), tuple(map(decode_problem, problems)))
            for name, (out, sig, count, problems) in data["artifacts"].items()
        }
        photos = {
            src: PhotoState(token, _decode_image(shown), tuple(map(decode_problem, problems)))
            for src, (token, shown, problems) in data["photos"].items()
        }
        return RenderState(key, pages, media, artifacts, photos)
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None


def listing_matches(file: Path, listing: Listing) -> bool:
    """Whether the saved state's listing of the output (sizes and modification times) is `listing`:
    a hand edit that keeps a file's size changes its time, so only an untouched output matches.
    The one test of "the output is as the last build left it", for replaying and for keeping pages."""
    try:
        return _same_listing(cachejson.read(file), listing)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False


def _same_listing(data: dict[str, Json], listing: Listing) -> bool:
    return {path: tuple(info) for path, info in data["listing"].items()} == listing


def _encode_image(shown: ResponsiveImage | None) -> list[Json] | None:
    if shown is None:
        return None
    variants = [[v.url, v.width, v.height, v.format] for v in shown.variants]
    return [shown.src, shown.width, shown.height, variants]


def _decode_image(data: list[Json] | None) -> ResponsiveImage | None:
    if data is None:
        return None
    src, width, height, variants = data
    copies = tuple(Variant(url, int(w), int(h), fmt) for url, w, h, fmt in variants)
    return ResponsiveImage(src, int(width), int(height), copies)


def record_files(file: Path, made: Mapping[str, Artifact], listing: Listing, stamp: str) -> None:
    """Files written into the output outside a build (`site-builder pdf`): the saved state learns
    their size and time, so the next build still trusts it, and the new signature of each artifact
    the build also makes, so it keeps the file instead of making it again. Artifacts the build
    does not make are not recorded: its next render leaves their files out, as a full one would.
    `stamp` replaces the marker's fingerprint the state goes with (see fingerprint.unstamp).
    Without a usable state nothing is written (the next build renders everything anyway)."""
    try:
        data = cachejson.read(file)
        if data["format"] != FORMAT or not isinstance(data["listing"], dict):
            return
        for name, item in made.items():
            if name in data["artifacts"]:
                problems = [encode_problem(p) for p in item.problems]
                data["artifacts"][name] = [item.out_path, item.signature, item.count, problems]
    except (OSError, ValueError, KeyError, TypeError, Unkept):
        return
    data["listing"].update({path: list(info) for path, info in listing.items()})
    data["stamp"] = stamp
    cachejson.write(file, data)
