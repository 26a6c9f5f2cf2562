"""Cross-record rules that need the whole model (and the list of media files)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from functools import partial

from site_builder.catalogue import clause
from site_builder.layout import SITE_YAML, media_file
from site_builder.model.abbreviations import abbr_pattern, used_abbreviations
from site_builder.model.duplicates import check_duplicate_conferences
from site_builder.model.media import REMOTE, bodies, closest_media, media_path, photos, suggest_src
from site_builder.model.memo import LoadMemo, text_key
from site_builder.model.records import Conference, GlossaryEntry, SiteModel
from site_builder.model.texts import conference_texts, published_texts
from site_builder.problems import Loc, Problems
from site_builder.sources.limits import CEILINGS


def check_model(
    model: SiteModel, media_files: frozenset[str], problems: Problems, memo: LoadMemo | None = None
) -> None:
    """Checks of the loaded model. Images and links inside bodies are checked by the markup
    stage (markup/markdown.py), then `add_body_media` publishes them and reports unused files."""
    check_photos(model, media_files, problems)
    check_duplicate_conferences(model.conferences, problems, memo)
    check_glossary_use(model, problems, memo)
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
        found = closest_media(path, media_files)
        suggest = clause("clause.did-you-mean", name=suggest_src(src, path, found)) if found else ""
        problems.error("media.missing", loc, src=src, suggest=suggest)


def check_photos(model: SiteModel, media_files: frozenset[str], problems: Problems) -> None:
    for photo in photos(model):
        check_media_ref(photo.src, photo.loc, media_files, problems)
        if not photo.alt:  # the caption says who and when; the alt text says what the photo shows
            problems.warning("photo.no-alt", photo.loc, src=photo.src)
    if model.site.yearbook.emblem:
        check_media_ref(model.site.yearbook.emblem, Loc(SITE_YAML), media_files, problems)


def add_body_media(
    model: SiteModel, body_media: Iterable[str], media_files: frozenset[str], problems: Problems
) -> SiteModel:
    """The model publishing the files the rendered bodies use too; warns about files nothing uses."""
    model = dataclasses.replace(model, media=tuple(sorted({*model.media, *body_media})))
    if not problems.errors:  # records dropped for errors would make their photos look unused
        check_unused_media(model, media_files, problems)
    return model


def check_unused_media(model: SiteModel, media_files: frozenset[str], problems: Problems) -> None:
    used = set(model.media)
    for path in sorted(media_files - used):
        if not path.endswith(".gitkeep"):
            problems.warning("media.unused", Loc(media_file(path)))


def check_glossary_use(model: SiteModel, problems: Problems, memo: LoadMemo | None = None) -> None:
    # A record dropped for an error takes its text with it: the abbreviations only it uses would
    # look unused, a knock-on warning about a file that is fine (as for unused media, below).
    if problems.errors:
        return
    for entry in unused_glossary(model, memo):
        problems.warning("glossary.unused", entry.loc, abbr=entry.abbr)


def unused_glossary(model: SiteModel, memo: LoadMemo | None = None) -> list[GlossaryEntry]:
    """Entries no published text uses. Same rule as the rendering (model/abbreviations.py):
    a longer abbreviation wins where two overlap, and one counts only between word boundaries.
    Every published text counts: an abbreviation may appear only in a role, a reason or a caption."""
    abbrs = [entry.abbr for entry in model.glossary]
    if memo is None or any("\n" in abbr for abbr in abbrs):  # one could span two texts: all together
        used = used_abbreviations("\n".join([*(b.source for b in bodies(model)), *published_texts(model)]), abbrs)
    else:  # texts apart find the same (a match never crosses a line break)
        used = used_abbreviations("\n".join(published_texts(model, conferences=False)), abbrs)
        everything = set(abbrs)
        for kept in _kept_abbreviations(model, abbrs, memo):
            if used >= everything:
                break  # the texts not looked at cannot change the answer (their facts are not kept)
            used.update(kept)
    return [entry for entry in model.glossary if entry.abbr not in used]


def _kept_abbreviations(model: SiteModel, abbrs: list[str], memo: LoadMemo) -> Iterator[list[str]]:
    """The abbreviations each body and each conference's other texts use, text by text, kept by
    their text (by their file's content hash while it is known: memo.py). Lazily: the caller
    stops once every abbreviation is found, and the facts of the texts after are never asked."""
    kind = text_key("abbr", "\n".join(sorted(abbrs)))
    pattern = abbr_pattern(abbrs)

    def found(text: str) -> str:
        return "\n".join(sorted({m.group(0) for m in pattern.finditer(text)})) if pattern else ""

    for body in bodies(model):
        if kept := str(memo.fact(kind, body.source, found, body.loc.path)):
            yield kept.split("\n")
    fields = f"{kind}:fields"  # a conference's other texts: another fact of the same file
    for conference in (c for y in model.years for c in y.conferences):
        if kept := str(memo.file_fact(fields, conference.path, partial(_fields_text, conference), found)):
            yield kept.split("\n")


def _fields_text(conference: Conference) -> str:
    return "\n".join(filter(None, conference_texts(conference)))


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
            problems.error("limit.not-positive", Loc(SITE_YAML), field=name, value=value)
        elif isinstance(value, int) and value > CEILINGS.get(name, value):
            problems.error("limit.too-high", Loc(SITE_YAML), field=name, value=value, ceiling=CEILINGS[name])
