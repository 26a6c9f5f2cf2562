"""Cross-record rules that need the whole model (and the list of media files)."""

from __future__ import annotations

import re

from site_builder.model.media import REMOTE, bodies, body_media_path, body_media_refs, media_path, photos
from site_builder.model.records import SiteModel
from site_builder.problems import Loc, Problems


def check_model(model: SiteModel, media_files: frozenset[str], problems: Problems) -> None:
    check_photos(model, media_files, problems)
    check_body_images(model, media_files, problems)
    if not problems.errors:  # records dropped for errors would make their photos look unused
        check_unused_media(model, media_files, problems)
    check_glossary_use(model, problems)
    check_unknown_status(model, problems)
    check_limits(model, problems)


def check_media_ref(
    src: str, loc: Loc, media_files: frozenset[str], problems: Problems, path: str | None = None
) -> None:
    if REMOTE.match(src.strip()):
        problems.error("media.remote", loc, src=src)
        return
    path = path or media_path(src)
    if path is None:
        problems.error("media.outside", loc, src=src)
    elif path not in media_files:
        problems.error("media.missing", loc, src=src)


def check_photos(model: SiteModel, media_files: frozenset[str], problems: Problems) -> None:
    for photo in photos(model):
        check_media_ref(photo.src, photo.loc, media_files, problems)
    if model.site.yearbook.emblem:
        check_media_ref(model.site.yearbook.emblem, Loc("content/site.yaml"), media_files, problems)


def check_body_images(model: SiteModel, media_files: frozenset[str], problems: Problems) -> None:
    for body in bodies(model):
        for src, loc in body_media_refs(body):
            check_media_ref(src, loc, media_files, problems, body_media_path(src, body))


def check_unused_media(model: SiteModel, media_files: frozenset[str], problems: Problems) -> None:
    used = set(model.media)
    for path in sorted(media_files - used):
        if not path.endswith(".gitkeep"):
            problems.warning("media.unused", Loc(f"content/media/{path}"))


def check_glossary_use(model: SiteModel, problems: Problems) -> None:
    text = "\n".join(b.source for b in bodies(model))
    for entry in model.glossary:
        if not re.search(rf"(?<!\w){re.escape(entry.abbr)}(?!\w)", text):
            problems.warning("glossary.unused", entry.loc, abbr=entry.abbr)


def check_unknown_status(model: SiteModel, problems: Problems) -> None:
    sets = [t.targets for t in model.terms] + [y.targets for y in model.years]
    for target_set in sets:
        for target in target_set.items:
            if target.status == "unknown":
                problems.warning("target.status-unknown", target.loc, id=target.id)


def check_limits(model: SiteModel, problems: Problems) -> None:
    """Caps in site.yaml `limits:` must be positive (sources/limits.py ignores the others)."""
    limits = model.site.limits
    for name in limits.__dataclass_fields__:
        value = getattr(limits, name)
        if isinstance(value, int) and value <= 0:
            problems.error("limit.not-positive", Loc("content/site.yaml"), field=name, value=value)
