"""site.yaml -> SiteInfo (yearbook defaults depend on the terms and pages found)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from site_builder.layout import TERMS, content_relative, in_content
from site_builder.model.fields import field_specs, validate
from site_builder.model.records import (
    EditionChoice,
    ImageOptions,
    Page,
    Signature,
    SiteInfo,
    Term,
    Year,
    YearbookOptions,
)
from site_builder.model.schemas import (
    EditionsFields,
    ImageFields,
    LimitsFields,
    SignatureFields,
    SiteFields,
    YearbookFields,
)
from site_builder.model.values import Ctx
from site_builder.problems import Loc, Problems
from site_builder.sources.discover import RawRecord
from site_builder.sources.limits import SourceLimits

# Written next to index.html in the output: lower-case ASCII, no folder, a .pdf.
_PDF_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*\.pdf")


def site_info(
    record: RawRecord, terms: Sequence[Term], pages: Sequence[Page], problems: Problems, years: Sequence[Year] = ()
) -> SiteInfo | None:
    ctx = Ctx(record.path, problems)
    fields = validate(record.data, SiteFields, ctx)
    if fields is None:
        return None
    return SiteInfo(
        title=fields.title,
        organization=fields.organization,
        province=fields.province,
        language=fields.language,
        base_url=fields.base_url,
        theme=fields.theme,
        theme_loc=fields.loc(ctx, "theme"),
        yearbook=yearbook_options(fields, terms, pages, ctx, years),
        limits=limits(fields.limits),
        images=image_options(fields.images, ctx),
    )


def yearbook_options(
    site: SiteFields, terms: Sequence[Term], pages: Sequence[Page], ctx: Ctx, years: Sequence[Year] = ()
) -> YearbookOptions:
    # Absent `yearbook:`: every default, and problems about it point at site.yaml's mapping.
    options = site.yearbook or YearbookFields(node=site.node)
    term_id = options.term or (terms[-1].id if terms else "")
    if not terms:
        ctx.problems.error("site.no-terms", Loc(TERMS))
    elif term_id not in {t.id for t in terms}:
        ctx.problems.error("yearbook.unknown-term", options.loc(ctx, "term"), term=term_id)
    foreword_path = foreword(options, pages, ctx)
    default_name = f"ky-yeu-{term_id}.pdf"
    filename = options.filename
    if filename and not _PDF_NAME.fullmatch(filename):
        ctx.problems.error("yearbook.bad-filename", options.loc(ctx, "filename"), value=filename, suggest=default_name)
        filename = None
    return YearbookOptions(
        term=term_id,
        title=options.title or site.title,
        subtitle=options.subtitle,
        filename=filename or default_name,
        paper=options.paper,
        foreword=foreword_path,
        profile=options.profile,
        emblem=options.emblem,
        slogan=options.slogan,
        signature=signature(options.signature),
        editions=edition_choice(options.editions, terms, years, ctx),
        draft=options.draft,
        final=final_flag(options, ctx),
        final_loc=options.loc(ctx, "final") if options.final else None,
    )


def edition_choice(
    fields: EditionsFields | None, terms: Sequence[Term], years: Sequence[Year], ctx: Ctx
) -> EditionChoice:
    """`yearbook.editions` as written; an id naming no term or year folder is an error at its line."""
    if fields is None:
        return EditionChoice()
    known = {"terms": {t.id for t in terms}, "years": {str(y.year) for y in years}}
    chosen: dict[str, str | tuple[str, ...]] = {}
    for name, value in (("terms", fields.terms), ("years", fields.years)):
        if value is None:
            continue
        if value != "all":
            raw = fields.node.get(name)
            for item, written in zip(value, raw if isinstance(raw, list) else [], strict=False):
                if item not in known[name]:
                    code = "yearbook.editions-unknown-term" if name == "terms" else "yearbook.editions-unknown-year"
                    shown = ", ".join(sorted(known[name])) or "—"
                    ctx.problems.error(code, ctx.at(written, raw), value=item, known=shown)
            value = tuple(dict.fromkeys(v for v in value if v in known[name]))
        chosen[name] = value
    return EditionChoice(**chosen)


def final_flag(options: YearbookFields, ctx: Ctx) -> bool:
    """`final: true` marks the edition printed as the final one; a draft cannot be final."""
    if options.final and options.draft:
        ctx.problems.error("yearbook.final-draft", options.loc(ctx, "final"), draft=options.draft)
        return False
    return options.final


def foreword(options: YearbookFields, pages: Sequence[Page], ctx: Ctx) -> str | None:
    """The foreword page's record path, when `foreword:` names a page that exists."""
    if not options.foreword:
        return None
    path = in_content(content_relative(options.foreword))
    page = next((p for p in pages if p.path == path), None)
    if page is None:
        ctx.problems.error("yearbook.foreword-missing", options.loc(ctx, "foreword"), path=path)
        return None
    if page.sample:  # printed marked "MẪU"; never silently the book's foreword
        ctx.problems.warning("yearbook.foreword-sample", options.loc(ctx, "foreword"), path=path)
    return path


def image_options(images: ImageFields | None, ctx: Ctx) -> ImageOptions:
    """`images:` as written; a quality outside 1..100 is an error where it is written."""
    if images is None:
        return ImageOptions()
    given = {}
    for name, value in (("jpeg_quality", images.jpeg_quality), ("webp_quality", images.webp_quality)):
        if value is None:
            continue
        if 1 <= value <= 100:
            given[name] = value
        else:
            ctx.problems.error("images.quality-range", images.loc(ctx, name), field=name, value=value)
    return ImageOptions(**given)


def signature(fields: SignatureFields | None) -> Signature | None:
    if fields is None:
        return None
    return Signature(name=fields.name, title=fields.title, on_behalf=fields.on_behalf)


def limits(fields: LimitsFields | None) -> SourceLimits:
    """The caps as written (check_limits reports non-positive ones), defaults for the rest."""
    if fields is None:
        return SourceLimits()
    given = {spec.name: getattr(fields, spec.name) for spec in field_specs(LimitsFields)}
    return SourceLimits(**{name: value for name, value in given.items() if value is not None})
