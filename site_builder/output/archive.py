"""The editions/ folder: the manifest of every edition printed, kept across builds.

The output folder is replaced by every build, so the manifests of earlier rounds
live beside content/, in the site's editions/ folder (never under content/, which a
build never writes, nor under .cache/, which may be deleted at any time):

    editions/ky-yeu-nam-2023/001-du-thao-lan-1.json
    editions/ky-yeu-nam-2023/002-du-thao-lan-2.json
    editions/ky-yeu-nam-2023/003-ban-in.json          (printed without a draft label)

A build that prints an edition keeps its manifest here: rebuilding the same round
(the same label) replaces that round's file, a new label adds a numbered file, and
a final edition's file is never replaced. Files are written beside and renamed.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from site_builder.layout import SiteLayout
from site_builder.model.editions import editions_of, find_edition
from site_builder.model.records import SiteModel
from site_builder.model.slugs import slugify
from site_builder.problems import Problems
from site_builder.render.filters import make_filters
from site_builder.yearbook.changes import after_final
from site_builder.yearbook.manifest import Manifest, decode_manifest, edition_manifest, encode_manifest

_ENTRY = re.compile(r"(\d{3,})-[a-z0-9-]+\.json")
UNLABELLED = "ban-in"  # the file name of an edition printed without a draft label


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
    return next((e for e in reversed(entries) if e.manifest.final), None)


def keep(site_root: Path, manifest: Manifest) -> Path | None:
    """Keep the manifest of an edition just printed; the file written (None: unchanged)."""
    stem = Path(manifest.file).stem
    entries = archived(site_root, stem)
    data = encode_manifest(manifest)
    latest = entries[-1] if entries else None
    if latest is not None and encode_manifest(latest.manifest) == data:
        return None
    folder = archive_dir(site_root) / stem
    if latest is not None and latest.manifest.label == manifest.label and not latest.manifest.final:
        target = latest.path  # the same round printed again
    else:
        number = latest.number + 1 if latest is not None else 1
        target = folder / f"{number:03d}-{slugify(manifest.label or '') or UNLABELLED}.json"
    folder.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, target)
    return target


def finals_digest(site_root: Path) -> str:
    """The final editions kept: part of a build's fingerprint, since they decide its warnings."""
    digest = hashlib.sha256()
    for final in all_finals(site_root):
        digest.update(final.path.name.encode() + b"\0" + encode_manifest(final.manifest))
    return digest.hexdigest()


def final_warnings(site_root: Path, model: SiteModel, problems: Problems) -> None:
    """A warning at every figure changed since a final edition of a book the site still has."""
    lang = model.site.language
    filters = make_filters(lang)
    for final in all_finals(site_root):
        edition = find_edition(model, Path(final.manifest.file).stem)
        if edition is not None:
            current = edition_manifest(model, edition)
            source = final.path.relative_to(site_root).as_posix()
            after_final(final.manifest, current, problems, lang, filters, source)


def keep_printed(site_root: Path, model: SiteModel) -> list[Path]:
    """Keep the manifest of every edition `build` printed; the files written."""
    written = (keep(site_root, edition_manifest(model, e)) for e in editions_of(model))
    return [path for path in written if path is not None]
