"""site.yaml -> SiteInfo (yearbook defaults depend on the terms and pages found)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from site_builder.layout import TERMS, content_relative, in_content
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
from site_builder.model.schemas import SITE
from site_builder.model.values import INVALID, Ctx, validate_mapping
from site_builder.problems import Loc, Problems
from site_builder.sources.discover import RawRecord
from site_builder.sources.limits import SourceLimits

# Written next to index.html in the output: lower-case ASCII, no folder, a .pdf.
_PDF_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*\.pdf")


def site_info(
    record: RawRecord, terms: Sequence[Term], pages: Sequence[Page], problems: Problems, years: Sequence[Year] = ()
) -> SiteInfo | None:
    ctx = Ctx(record.path, problems)
    values = validate_mapping(record.data, SITE, ctx)
    if values is INVALID:
        return None
    assert isinstance(values, dict)
    return SiteInfo(
        title=values["title"],
        organization=values["organization"],
        province=values["province"],
        language=values["language"],
        base_url=values["base_url"],
        theme=values["theme"],
        theme_loc=ctx.at(values["_node"].get("theme"), values["_node"]),
        yearbook=yearbook_options(values, terms, pages, ctx, years),
        limits=limits(values["limits"]),
        images=image_options(values["images"], ctx),
    )


def yearbook_options(
    values: dict, terms: Sequence[Term], pages: Sequence[Page], ctx: Ctx, years: Sequence[Year] = ()
) -> YearbookOptions:
    options = values["yearbook"] if isinstance(values["yearbook"], dict) else {}
    node = options.get("_node", values["_node"])
    term_id = options.get("term") or (terms[-1].id if terms else "")
    if not terms:
        ctx.problems.error("site.no-terms", Loc(TERMS))
    elif term_id not in {t.id for t in terms}:
        ctx.problems.error("yearbook.unknown-term", ctx.at(node.get("term"), node), term=term_id)
    foreword = options.get("foreword")
    if foreword:
        foreword = in_content(content_relative(foreword))
        page = next((p for p in pages if p.path == foreword), None)
        if page is None:
            ctx.problems.error("yearbook.foreword-missing", ctx.at(node.get("foreword"), node), path=foreword)
            foreword = None
        elif page.sample:  # printed marked "MẪU"; never silently the book's foreword
            ctx.problems.warning("yearbook.foreword-sample", ctx.at(node.get("foreword"), node), path=foreword)
    default_name = f"ky-yeu-{term_id}.pdf"
    filename = options.get("filename")
    if filename and not _PDF_NAME.fullmatch(filename):
        ctx.problems.error(
            "yearbook.bad-filename", ctx.at(node.get("filename"), node), value=filename, suggest=default_name
        )
        filename = None
    return YearbookOptions(
        term=term_id,
        title=options.get("title") or values["title"],
        subtitle=options.get("subtitle"),
        filename=filename or default_name,
        paper=options.get("paper") or "A4",
        foreword=foreword,
        profile=options.get("profile") or "ky-yeu",
        emblem=options.get("emblem"),
        slogan=options.get("slogan"),
        signature=signature(options.get("signature")),
        editions=edition_choice(options.get("editions"), terms, years, ctx),
        draft=options.get("draft"),
        final=final_flag(options, node, ctx),
    )


def edition_choice(values: object, terms: Sequence[Term], years: Sequence[Year], ctx: Ctx) -> EditionChoice:
    """`yearbook.editions` as written; an id naming no term or year folder is an error at its line."""
    if not isinstance(values, dict):
        return EditionChoice()
    node = values["_node"]
    known = {"terms": {t.id for t in terms}, "years": {str(y.year) for y in years}}
    chosen: dict[str, str | tuple[str, ...]] = {}
    for name in ("terms", "years"):
        value = values.get(name)
        if value is None:
            continue
        if value != "all":
            raw = node.get(name)
            for item, written in zip(value, list(raw) if raw is not None else [], strict=False):
                if item not in known[name]:
                    code = "yearbook.editions-unknown-term" if name == "terms" else "yearbook.editions-unknown-year"
                    ctx.problems.error(
                        code, ctx.at(written, raw), value=item,
                        known=", ".join(sorted(known[name])) or "—",
                    )  # fmt: skip
            value = tuple(dict.fromkeys(v for v in value if v in known[name]))
        chosen[name] = value
    return EditionChoice(**chosen)


def final_flag(options: dict, node: object, ctx: Ctx) -> bool:
    """`final: true` marks the edition printed as the final one; a draft cannot be final."""
    final = bool(options.get("final"))
    if final and options.get("draft") and isinstance(node, dict):
        ctx.problems.error("yearbook.final-draft", ctx.at(node.get("final"), node), draft=options["draft"])
        return False
    return final


def image_options(values: object, ctx: Ctx) -> ImageOptions:
    """`images:` as written; a quality outside 1..100 is an error where it is written."""
    if not isinstance(values, dict):
        return ImageOptions()
    given = {}
    for name in ImageOptions.__dataclass_fields__:
        value = values.get(name)
        if value is None:
            continue
        if 1 <= value <= 100:
            given[name] = value
        else:
            node = values["_node"]
            ctx.problems.error("images.quality-range", ctx.at(node.get(name), node), field=name, value=value)
    return ImageOptions(**given)


def signature(values: object) -> Signature | None:
    if not isinstance(values, dict):
        return None
    return Signature(name=values["name"], title=values["title"], on_behalf=values["on_behalf"])


def limits(values: object) -> SourceLimits:
    """The caps as written (check_limits reports non-positive ones), defaults for the rest."""
    if not isinstance(values, dict):
        return SourceLimits()
    given = {name: values.get(name) for name in SourceLimits.__dataclass_fields__}
    return SourceLimits(**{name: value for name, value in given.items() if value is not None})
