"""RawRecords -> SiteModel: the one entry point of the model stage.

Pure: reads nothing from disk (media presence comes from SourceSet.media).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from site_builder.catalogue import DEFAULT_LANG, LANGS
from site_builder.model.chronicle import attach_terms, load_terms, load_years
from site_builder.model.collation import sort_key
from site_builder.model.fields import expect_mapping, validate
from site_builder.model.media import referenced_media
from site_builder.model.memo import LoadMemo
from site_builder.model.people import build_people_index
from site_builder.model.records import GlossaryEntry, Markdown, Page, SiteModel
from site_builder.model.samples import is_sample
from site_builder.model.schemas import PageFields
from site_builder.model.site import site_info
from site_builder.model.slugs import slugify
from site_builder.model.values import Ctx, Invalid, to_text
from site_builder.problems import Loc, Problems
from site_builder.sources.discover import RawRecord, SourceSet
from site_builder.sources.yamlsafe import YMap


def load_model(sources: SourceSet, problems: Problems, memo: LoadMemo | None = None) -> SiteModel | None:
    """Build the model; None when site.yaml itself is unusable. `memo`: what earlier builds made of
    unchanged files (model/memo.py)."""
    by_kind: dict[str, list[RawRecord]] = defaultdict(list)
    for record in sources.records:
        by_kind[record.kind].append(record)
    pages = load_pages(by_kind["page"], problems)
    years = load_years(by_kind, declared_language(by_kind["site"]), problems, memo)
    terms = load_terms(by_kind, years, problems)
    if not by_kind["site"]:  # site.yaml unreadable (already reported): the rest is still checked
        return None
    site = site_info(by_kind["site"][0], terms, pages, problems, years)
    if site is None:
        return None
    attached = attach_terms(years, terms, problems)
    conferences = [c for y in attached for c in y.conferences]
    model = SiteModel(
        site=site,
        glossary=load_glossary(by_kind["glossary"], problems),
        terms=tuple(terms),
        years=attached,
        pages=pages,
        people=build_people_index(terms, conferences),
        media=(),
    )
    return dataclasses.replace(model, media=referenced_media(model))


def declared_language(site_records: list[RawRecord]) -> str:
    """site.yaml's `language` as written (validated later with the rest of site.yaml), for
    the defaults years need before the site itself is assembled."""
    data = site_records[0].data if site_records else None
    language = data.get("language") if isinstance(data, YMap) else None
    written = str(language).strip()
    return written if written in LANGS else DEFAULT_LANG


def load_glossary(records: list[RawRecord], problems: Problems) -> tuple[GlossaryEntry, ...]:
    if not records or records[0].data is None:
        return ()
    record = records[0]
    ctx = Ctx(record.path, problems)
    data = expect_mapping(record.data, ctx)
    if data is None:
        return ()
    entries = []
    for abbr, value in data.items():
        line, col = data.key_locs[abbr]
        if not " ".join(abbr.split()):  # an empty <abbr> everywhere: never
            problems.error("glossary.empty-key", Loc(record.path, line, col))
            continue
        expansion = to_text(abbr, value, ctx)
        if not isinstance(expansion, Invalid):
            entries.append(GlossaryEntry(abbr.strip(), expansion, Loc(record.path, line, col)))
    # In the Vietnamese alphabet, as the glossary page lists them; the Markdown pass sorts
    # longest first itself so "BTV ĐUK" wins over "BTV".
    return tuple(sorted(entries, key=lambda e: (sort_key(e.abbr), e.abbr)))


def load_pages(records: list[RawRecord], problems: Problems) -> tuple[Page, ...]:
    pages = []
    for record in records:
        ctx = Ctx(record.path, problems)
        fields = validate(record.data, PageFields, ctx)
        if fields is None:
            continue
        pages.append(
            Page(
                path=record.path,
                slug=slugify(record.stem or ""),
                title=fields.title,
                order=fields.order,
                summary=fields.summary,
                body=Markdown(record.body or "", Loc(record.path, record.body_line)),
                sample=is_sample(fields, ctx),
            )
        )
    pages.sort(key=lambda p: (p.order is None, p.order or 0, sort_key(p.title), p.title))
    return tuple(pages)
