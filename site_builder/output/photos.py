"""The photos' web copies (images/), made only when the photo or the settings changed.

Resizing and encoding a photo is the slowest thing a build does for it, so a
photo whose content token and `images:` settings are the ones the previous
output was made from keeps its copies (and what its page shows, and the
warning an unusable photo gave). `shown` maps each photo to what its pages
show (the `images` value every page template sees).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from pathlib import Path

from site_builder.images.responsive import ResponsiveImage
from site_builder.layout import SiteLayout, media_file
from site_builder.model.media import photos
from site_builder.model.records import SiteModel
from site_builder.output.state import PhotoState
from site_builder.problems import Loc, Problems
from site_builder.rendered import KeptFile, OutputFile, RenderedFile


def web_photos(
    site_root: Path,
    model: SiteModel,
    tokens: Mapping[str, str] | None,
    previous: Mapping[str, PhotoState],
    problems: Problems,
    put: Callable[[OutputFile], None],
) -> tuple[dict[str, ResponsiveImage], dict[str, PhotoState]]:
    """(media path -> what pages show, media path -> its state); copies go to `put` as made."""
    media_root = SiteLayout(site_root).media
    settings = hashlib.blake2b(repr((model.site.images, model.site.limits.max_image_pixels)).encode()).hexdigest()
    shown: dict[str, ResponsiveImage] = {}
    states: dict[str, PhotoState] = {}
    for src in sorted({p.src for p in photos(model)}):
        path = media_root / src
        if path.suffix.lower() == ".svg" or not path.is_file():
            continue  # SVG scales by itself; a missing file is reported by check_photos
        token = tokens.get(src) if tokens is not None else None
        old = previous.get(src)
        if token is not None and old is not None and old.token == f"{token}:{settings}":
            state = old
            for variant in old.shown.variants if old.shown else ():
                put(KeptFile(variant.out_path))
        else:
            state = _make(path, src, model, f"{token}:{settings}", put)
        problems.extend(state.problems)
        states[src] = state
        if state.shown is not None:
            shown[src] = state.shown
    return shown, states


def _make(path: Path, src: str, model: SiteModel, token: str, put: Callable[[OutputFile], None]) -> PhotoState:
    """Describe the photo and encode its copies (images/thumbnails.py)."""
    # Imported here: Pillow is a tenth of a build's start-up, and a build whose photos are all
    # unchanged keeps their copies without opening one.
    from site_builder.images.thumbnails import ImageUnusable, describe, encode_variants

    data = path.read_bytes()
    max_pixels = model.site.limits.max_image_pixels
    try:
        plan = describe(data, src, max_pixels)
        files = encode_variants(data, plan, model.site.images, max_pixels)
    except ImageUnusable as exc:  # the page shows the original, as a browser may still manage it
        found = Problems()
        found.warning(exc.code, Loc(media_file(src)))
        return PhotoState(token, None, tuple(found))
    for out_path, copy in files:
        put(RenderedFile(out_path, copy))
    return PhotoState(token, plan)
