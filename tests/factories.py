"""Small builders of model records for tests: sensible defaults, override anything.

    model = make_model(years=[make_year(2019, conferences=[make_conference()])])

Derived figures (ratio, points, status, tallies, totals) are computed here the
simple way, so tests that only care about rendering need not spell them out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from site_builder.model.records import (
    Award,
    AwardSet,
    AwardTotals,
    Conference,
    GlossaryEntry,
    Markdown,
    Mention,
    Page,
    Person,
    PersonEntry,
    Photo,
    SiteInfo,
    SiteModel,
    Stat,
    Tally,
    Target,
    TargetSet,
    Term,
    Year,
    YearbookOptions,
)
from site_builder.model.slugs import slugify
from site_builder.problems import Loc


def D(value: object) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _one_decimal(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _status(better: bool | None, exceeded: bool) -> str:
    if better is None:
        return "unknown"
    if not better:
        return "khong-dat"
    return "vuot" if exceeded else "dat"


def make_target(
    id: str = "ket-nap-dang-vien",
    name: str = "Kết nạp đảng viên mới",
    unit: str | None = "đảng viên",
    target: object = 150,
    actual: object = 152,
    percent: object = None,
    direction: str = "at_least",
    path: str = "content/years/2021/targets.yaml",
    **overrides: object,
) -> Target:
    is_rate = unit == "%"
    t = D(target) if target is not None else None
    a = D(actual)
    p = D(percent) if percent is not None else None
    planned, implied = t, False
    if planned is None and p is not None and not is_rate:
        planned, implied = (a * 100 / p).quantize(Decimal(1), rounding=ROUND_HALF_UP), True
    ratio = points = None
    if is_rate and t is not None:
        points = a - t
        better = points >= 0 if direction == "at_least" else points <= 0
        progress = min(a, Decimal(100))
    elif planned:
        ratio = p if p is not None else _one_decimal(a * 100 / planned)
        better = ratio >= 100 if direction == "at_least" else ratio <= 100
        progress = min(ratio, Decimal(100))
    else:
        better, progress = None, Decimal(0)
    exceeded = (points is not None and points != 0) or (ratio is not None and ratio != 100)
    status = _status(better, exceeded)
    values = dict(
        id=id,
        name=name,
        unit=unit,
        target=t,
        actual=a,
        percent=p,
        direction=direction,
        period=None,
        source=None,
        note=None,
        loc=Loc(path, 1),
        is_rate=is_rate,
        planned=planned,
        planned_is_implied=implied,
        ratio=ratio,
        points=points,
        status=status,
        progress=progress,
    )
    values.update(overrides)
    return Target(**values)  # type: ignore[arg-type]


def make_tally(items: Iterable[Target]) -> Tally:
    statuses = [t.status for t in items if not t.sample]  # samples are never counted
    return Tally(
        met=sum(s in ("vuot", "dat") for s in statuses),
        exceeded=statuses.count("vuot"),
        missed=statuses.count("khong-dat"),
        unknown=statuses.count("unknown"),
        total=len(statuses) - statuses.count("no-data") - statuses.count("partial"),
        no_data=statuses.count("no-data"),
        partial=statuses.count("partial"),
    )


def make_target_set(items: Iterable[Target] = (), path: str | None = None) -> TargetSet:
    items = tuple(items)
    return TargetSet(path, items, make_tally(items))


def make_award(
    title: str = "Giấy khen",
    issuer: str = "Ban Thường vụ Đảng ủy Khối",
    recipient_kind: str = "collective",
    count: int = 3,
    status: str = "granted",
    rank: int = 50,
    path: str = "content/years/2022/awards.yaml",
    **overrides: object,
) -> Award:
    values = dict(
        title=title,
        issuer=issuer,
        recipient_kind=recipient_kind,
        count=count,
        recipients=(),
        reason=None,
        date=None,
        decision=None,
        status=status,
        loc=Loc(path, 1),
        rank=rank,
    )
    values.update(overrides)
    return Award(**values)  # type: ignore[arg-type]


def make_totals(items: Iterable[Award]) -> AwardTotals:
    def total(kind: str, status: str) -> int:
        return sum(a.count for a in items if a.recipient_kind == kind and a.status == status)

    items = tuple(items)
    return AwardTotals(
        collective=total("collective", "granted"),
        individual=total("individual", "granted"),
        proposed_collective=total("collective", "proposed"),
        proposed_individual=total("individual", "proposed"),
    )


def make_award_set(items: Iterable[Award] = (), path: str | None = None) -> AwardSet:
    items = tuple(sorted(items, key=lambda a: a.rank))
    return AwardSet(path, items, make_totals(items))


def make_person(name: str = "Trần Đình Quế", role: str | None = "Bí thư Đảng ủy Khối") -> Person:
    return Person(name, role, Loc("content/x.md", 1))


def make_photo(src: str = "photos/a.jpg", caption: str = "Toàn cảnh hội nghị.", credit=None):
    return Photo(src, caption, credit, Loc("content/x.md", 1))


def make_conference(
    title: str = "Sơ kết công tác xây dựng Đảng 6 tháng đầu năm 2019",
    date: dt.date = dt.date(2019, 8, 2),
    kind: str = "so-ket",
    slug: str | None = None,
    body: str = "Nội dung báo cáo.",
    path: str | None = None,
    **overrides: object,
) -> Conference:
    slug = slug or slugify(title)
    path = path or f"content/years/{date.year}/conferences/{date.isoformat()}-{slug}.md"
    values = dict(
        path=path,
        slug=slug,
        year=date.year,
        title=title,
        date=date,
        kind=kind,
        host=None,
        attendees=(),
        author=None,
        summary="Tóm tắt hội nghị.",
        tags=(),
        photos=(),
        body=Markdown(body, Loc(path, 10)),
        loc=Loc(path, 1),
    )
    values.update(overrides)
    return Conference(**values)  # type: ignore[arg-type]


def make_year(
    year: int = 2019,
    conferences: Iterable[Conference] = (),
    targets: Iterable[Target] = (),
    awards: Iterable[Award] = (),
    terms: tuple[str, ...] = ("2015-2020",),
    body: str | None = None,
    **overrides: object,
) -> Year:
    folder = f"content/years/{year}"
    targets, awards = tuple(targets), tuple(awards)
    values = dict(
        year=year,
        path=folder,
        title=f"Năm {year}",
        summary=None,
        body=Markdown(body, Loc(f"{folder}/year.md", 4)) if body is not None else None,
        conferences=tuple(sorted(conferences, key=lambda c: c.date)),
        targets=make_target_set(targets, f"{folder}/targets.yaml" if targets else None),
        awards=make_award_set(awards, f"{folder}/awards.yaml" if awards else None),
        terms=terms,
    )
    values.update(overrides)
    return Year(**values)  # type: ignore[arg-type]


def make_term(
    id: str = "2015-2020",
    title: str = "5 năm một chặng đường phát triển",
    targets: Iterable[Target] = (),
    awards: Iterable[Award] = (),
    years: tuple[int, ...] | None = None,
    **overrides: object,
) -> Term:
    start_year, end_year = (int(p) for p in id.split("-"))
    folder = f"content/terms/{id}"
    targets, awards = tuple(targets), tuple(awards)
    values = dict(
        id=id,
        path=f"{folder}/term.md",
        title=title,
        start=dt.date(start_year, 10, 1),
        end=dt.date(end_year, 9, 30),
        congress=None,
        secretary=None,
        stats=(Stat("Đảng viên", Decimal(3281), None),),
        body=Markdown("Tổng quan nhiệm kỳ.", Loc(f"{folder}/term.md", 8)),
        targets=make_target_set(targets, f"{folder}/targets.yaml" if targets else None),
        awards=make_award_set(awards, f"{folder}/awards.yaml" if awards else None),
        years=years if years is not None else tuple(range(start_year, end_year + 1)),
        conference_count=0,
        year_awards=AwardTotals(0, 0, 0, 0),
    )
    values.update(overrides)
    return Term(**values)  # type: ignore[arg-type]


def make_page(slug: str = "gioi-thieu", title: str = "Giới thiệu", order=None, **overrides):
    path = f"content/pages/{slug}.md"
    values = dict(
        path=path,
        slug=slug,
        title=title,
        order=D(order) if order is not None else None,
        summary=None,
        body=Markdown("Trang giới thiệu.", Loc(path, 4)),
    )
    values.update(overrides)
    return Page(**values)  # type: ignore[arg-type]


def make_person_entry(name: str, mentions: Iterable[Mention] = (), roles=()) -> PersonEntry:
    return PersonEntry(name, name.casefold(), slugify(name), tuple(roles), tuple(mentions))


def make_site(
    title: str = "Kỷ yếu Đảng bộ Khối",
    base_url: str | None = None,
    language: str = "vi",
    term: str = "2015-2020",
    **overrides: object,
) -> SiteInfo:
    yearbook = YearbookOptions(
        term=term,
        title=f"Kỷ yếu nhiệm kỳ {term}",
        subtitle=None,
        filename=f"ky-yeu-{term}.pdf",
        paper="A4",
        foreword=None,
        profile="ky-yeu",
        emblem=None,
    )
    values = dict(
        title=title,
        organization="Đảng bộ Khối Các cơ quan và Doanh nghiệp tỉnh",
        province="Kiên Giang",
        language=language,
        base_url=base_url,
        theme="default",
        yearbook=yearbook,
    )
    values.update(overrides)
    return SiteInfo(**values)  # type: ignore[arg-type]


def people_from(conferences: Iterable[Conference], terms: Iterable[Term] = ()) -> tuple:
    """A people index from attendees and secretaries (in first-seen order, not collated)."""
    entries: dict[str, tuple[list[str], list[Mention]]] = {}
    named = [(t.secretary, Mention("term", t.path, t.title, None, None), t) for t in terms]
    for c in conferences:
        for p in c.attendees:
            named.append((p, Mention("conference", c.path, c.title, p.role, c.date), c))
    for person, mention, _ in named:
        if person is None:
            continue
        roles, mentions = entries.setdefault(person.name, ([], []))
        if person.role and person.role not in roles:
            roles.append(person.role)
        mentions.append(Mention(mention.kind, mention.path, mention.title, person.role, mention.date))
    return tuple(make_person_entry(n, m, r) for n, (r, m) in entries.items())


def make_model(
    terms: Iterable[Term] | None = None,
    years: Iterable[Year] | None = None,
    pages: Iterable[Page] = (),
    glossary: Iterable[tuple[str, str]] = (("ĐV", "đảng viên"),),
    people: Iterable[PersonEntry] | None = None,
    site: SiteInfo | None = None,
) -> SiteModel:
    terms = tuple(terms) if terms is not None else (make_term(),)
    years = tuple(years) if years is not None else (make_year(2019, [make_conference()]),)
    conferences = [c for y in years for c in y.conferences]
    entries = tuple(
        GlossaryEntry(abbr, expansion, Loc("content/glossary.yaml", i + 1))
        for i, (abbr, expansion) in enumerate(glossary)
    )
    return SiteModel(
        site=site or make_site(),
        glossary=entries,
        terms=terms,
        years=years,
        pages=tuple(pages),
        people=tuple(people) if people is not None else people_from(conferences, terms),
        media=tuple(sorted({p.src for c in conferences for p in c.photos})),
    )


def bodies_for(model: SiteModel) -> dict[str, str]:
    """HTML bodies as the markup stage would give them: one escaped paragraph each."""
    from html import escape

    bodies: dict[str, str] = {}
    records = [*model.terms, *model.pages, *model.conferences]
    for record in records:
        bodies[record.path] = f"<p>{escape(record.body.source)}</p>"
    for y in model.years:
        if y.body is not None:
            bodies[y.path] = f"<p>{escape(y.body.source)}</p>"
    return bodies
