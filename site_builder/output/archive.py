"""The editions/ folder: the manifest of every edition printed, kept across builds.

The output folder is replaced by every build, so the manifests of earlier rounds
live beside content/, in the site's editions/ folder (never under content/, which a
build never writes, nor under .cache/, which may be deleted at any time):

    editions/ky-yeu-nam-2023/001-du-thao-lan-1.json
    editions/ky-yeu-nam-2023/002-du-thao-lan-2.json
    editions/ky-yeu-nam-2023/003-ban-in.json          (printed without a draft label)

A round is kept when a book is printed with a draft label or as the final edition
(`build`, the panel's Xuất bản), and whenever one book is printed with `site-builder
pdf`; a trial build without either records nothing. Rebuilding the same round (the
same label) replaces that round's file and a new label adds a numbered file.

A final edition's file is never replaced: the final edition in force is the first
of the latest run of final entries. Printing again while `final: true` is set (the
figures changed after it) keeps one more entry, `NNN-ban-in-lai.json`, replaced by
each later reprint, so every later `check`, `build` and `changes` still compares
with the final edition itself until a new labelled round is printed and then a new
final one. A folder that cannot be written is a warning (`editions.write-failed`):
the build itself has succeeded. Files are written beside and renamed.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from site_builder.atomic import write_atomic
from site_builder.layout import SiteLayout
from site_builder.model.editions import editions_of, find_edition
from site_builder.model.records import SiteModel
from site_builder.model.slugs import slugify
from site_builder.problems import Loc, Problems
from site_builder.render.filters import make_filters

# The manifests (and what changed since a final edition) are read only when editions/ holds
# something or a build prints: imported in the functions, not at every build's start.
if TYPE_CHECKING:
    from site_builder.yearbook.manifest import Manifest

_ENTRY = re.compile(r"(\d{3,})-[a-z0-9-]+\.json")
UNLABELLED = "ban-in"  # the file name of an edition printed without a draft label
REPRINT = "ban-in-lai"  # the file name of a final edition printed again with other figures


@dataclass(frozen=True)
class Archived:
    path: Path
    number: int
    manifest: Manifest


def archive_dir(site_root: Path) -> Path:
    return SiteLayout(site_root).editions


def archived(site_root: Path, stem: str) -> list[Archived]:
    """The kept manifests of the book `stem` ("ky-yeu-nam-2023"), oldest first; files that are
    not manifests are left out."""
    folder = archive_dir(site_root) / stem
    found = []
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    from site_builder.yearbook.manifest import decode_manifest

    for name in names:
        match = _ENTRY.fullmatch(name)
        manifest = decode_manifest(_read(folder / name)) if match else None
        if match and manifest is not None:
            found.append(Archived(folder / name, int(match.group(1)), manifest))
    return sorted(found, key=lambda a: a.number)


def all_finals(site_root: Path) -> list[Archived]:
    """The latest final edition of every book kept."""
    try:
        stems = sorted(p.name for p in archive_dir(site_root).iterdir() if p.is_dir())
    except OSError:
        return []
    finals = [latest_final(archived(site_root, stem)) for stem in stems]
    return [f for f in finals if f is not None]


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def previous(entries: list[Archived], label: str | None) -> Archived | None:
    """The edition a round is compared with: the latest kept under another label (the previous
    round), else the latest (this round, printed before)."""
    other = next((e for e in reversed(entries) if e.manifest.label != label), None)
    return other or (entries[-1] if entries else None)


def latest_final(entries: list[Archived]) -> Archived | None:
    """The final edition in force: the first entry of the latest run of final ones (the entries
    after it in that run are reprints, which never replace it)."""
    found = None
    for before, entry in zip([None, *entries], entries, strict=False):
        if entry.manifest.final and (before is None or not before.manifest.final):
            found = entry
    return found


def is_round(manifest: Manifest) -> bool:
    """Whether a build's edition is a round to keep: a draft label, or the final edition."""
    return manifest.label is not None or manifest.final


def keep(site_root: Path, manifest: Manifest) -> Path | None:
    """Keep the manifest of an edition just printed; the file written (None: unchanged).
    Raises OSError when the folder cannot be written (see `keep_all`)."""
    from site_builder.yearbook.manifest import encode_manifest

    stem = Path(manifest.file).stem
    entries = archived(site_root, stem)
    data = encode_manifest(manifest)
    latest = entries[-1] if entries else None
    if latest is not None and encode_manifest(latest.manifest) == data:
        return None
    target = _target(archive_dir(site_root) / stem, entries, manifest)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, data)
    return target


def _target(folder: Path, entries: list[Archived], manifest: Manifest) -> Path:
    """The file a new manifest goes to: the latest one again (the same round, or the reprint
    after a final edition) or a new numbered one; a final edition's own file is never reused."""
    latest = entries[-1] if entries else None
    if latest is not None and latest.manifest.final and manifest.final:
        if latest is latest_final(entries):
            return folder / f"{latest.number + 1:03d}-{REPRINT}.json"
        return latest.path  # the reprint printed again
    if latest is not None and latest.manifest.label == manifest.label and not latest.manifest.final:
        return latest.path  # the same round printed again
    number = latest.number + 1 if latest is not None else 1
    return folder / f"{number:03d}-{slugify(manifest.label or '') or UNLABELLED}.json"


def keep_all(site_root: Path, manifests: Iterable[Manifest], problems: Problems) -> list[Path]:
    """Keep each manifest; a folder that cannot be written is a warning (the books are printed)."""
    written = []
    for manifest in manifests:
        try:
            path = keep(site_root, manifest)
        except OSError as exc:
            folder = archive_dir(site_root) / Path(manifest.file).stem
            problems.warning("editions.write-failed", Loc(_shown(folder, site_root)), detail=_reason(exc))
            continue
        if path is not None:
            written.append(path)
    return written


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _shown(path: Path, site_root: Path) -> str:
    try:
        return path.relative_to(site_root).as_posix()
    except ValueError:
        return str(path)


def finals_digest(site_root: Path) -> str:
    """The final editions kept: part of a build's fingerprint, since they decide its warnings."""
    digest = hashlib.sha256()
    for final in all_finals(site_root):
        from site_builder.yearbook.manifest import encode_manifest

        digest.update(final.path.name.encode() + b"\0" + encode_manifest(final.manifest))
    return digest.hexdigest()


def final_warnings(site_root: Path, model: SiteModel, problems: Problems) -> None:
    """A warning at every figure changed since a final edition of a book the site still has."""
    lang = model.site.language
    filters = make_filters(lang)
    for final in all_finals(site_root):
        edition = find_edition(model, Path(final.manifest.file).stem)
        if edition is not None:
            from site_builder.yearbook.changes import after_final
            from site_builder.yearbook.manifest import edition_manifest

            current = edition_manifest(model, edition)
            source = final.path.relative_to(site_root).as_posix()
            after_final(final.manifest, current, problems, lang, filters, source)


def keep_printed(site_root: Path, model: SiteModel, problems: Problems) -> list[Path]:
    """Keep the manifest of every edition `build` printed, when it is a round (a draft label or
    the final edition); the files written."""
    from site_builder.yearbook.manifest import edition_manifest

    manifests = [edition_manifest(model, e) for e in editions_of(model)]
    return keep_all(site_root, [m for m in manifests if is_round(m)], problems)


def keep_from_output(site_root: Path, output: Path, problems: Problems) -> list[Path]:
    """Keep again the rounds whose manifests the output holds (a build that only replays the last
    one: editions/ may have been deleted, or could not be written then)."""
    from site_builder.yearbook.manifest import decode_manifest

    manifests = []
    for path in sorted(output.glob("*.manifest.json")):
        manifest = decode_manifest(_read(path))
        if manifest is not None and is_round(manifest):
            manifests.append(manifest)
    return keep_all(site_root, manifests, problems)
