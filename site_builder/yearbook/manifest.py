"""The manifest of a printed edition: its figures, titles and names, per record.

Every edition printed leaves `<stem>.manifest.json` next to its PDF, and a copy in
the site's editions/ folder (output/archive.py), so `site-builder changes` can say
what moved between two rounds. A record is keyed by a stable id: its file, and
inside a list file the item's id ("content/years/2023/targets.yaml#ket-nap-dang-vien");
awards have no id, so theirs is made from their form, issuer and recipient kind.
Values are JSON: numbers as exact decimal text ("113.2"), dates ISO. The bytes are
the same for the same content (sorted keys, no clock). Pure: no IO.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from site_builder.model.editions import Edition, edition_term, edition_years
from site_builder.model.records import AwardSet, Conference, SiteModel, TargetSet, Term, Year
from site_builder.model.slugs import slugify
from site_builder.problems import Loc

FORMAT = "site-builder edition manifest 1"


@dataclass(frozen=True)
class Record:
    kind: str  # target, tally, award, awards, conference, year, term, stat
    fields: Mapping[str, object]
    loc: Loc | None = field(default=None, compare=False)  # where it is written (not stored)


@dataclass(frozen=True)
class Manifest:
    kind: str  # the edition's: "term" or "year"
    id: str
    file: str  # the PDF's name
    label: str | None  # the draft round ("Dự thảo lần 2"); None: printed without one
    final: bool
    records: Mapping[str, Record]


def number(value: Decimal | int | None) -> str | None:
    """Exact decimal text as derived: 283, 114.0 (never 1E+2)."""
    return None if value is None else format(Decimal(value), "f")


def _where(kind: str, ident: str) -> list[str]:
    return [kind, ident]


def _targets(items: TargetSet, where: list[str]) -> Iterator[tuple[str, Record]]:
    if items.path is None or not items.items:
        return
    for t in items.items:
        figures = {"planned": number(t.planned), "actual": number(t.actual), "ratio": number(t.ratio)}
        figures["points"] = number(t.points)
        values: dict[str, object] = {"name": t.name, "unit": t.unit, "rate": t.is_rate, "status": t.status}
        values |= {"where": where, **figures}
        yield f"{items.path}#{t.id}", Record("target", values, t.loc)
    tally = items.tally
    values = {"where": where, "met": tally.met, "total": tally.total, "no_data": tally.no_data}
    yield f"{items.path}#tong-hop", Record("tally", values, Loc(items.path))


def _awards(items: AwardSet, where: list[str]) -> Iterator[tuple[str, Record]]:
    if items.path is None or not items.items:
        return
    seen: dict[str, int] = {}
    for a in items.items:
        key = slugify(f"{a.title} {a.issuer} {a.recipient_kind}")
        seen[key] = seen.get(key, 0) + 1
        key = key if seen[key] == 1 else f"{key}-{seen[key]}"  # the same form twice: in file order
        values: dict[str, object] = {"title": a.title, "issuer": a.issuer, "recipient_kind": a.recipient_kind}
        values["where"] = where
        values |= {"count": a.count, "status": a.status, "recipients": list(a.recipients)}
        yield f"{items.path}#{key}", Record("award", values, a.loc)
    totals = items.totals
    values = {"where": where, "collective": totals.collective, "individual": totals.individual}
    values["proposed"] = totals.proposed
    yield f"{items.path}#tong-so", Record("awards", values, Loc(items.path))


def _conference(c: Conference) -> tuple[str, Record]:
    attendees = [p.name + (f" ({p.role})" if p.role else "") for p in c.attendees]
    values = {"title": c.title, "date": c.date.isoformat(), "host": c.host, "attendees": attendees}
    return c.path, Record("conference", values, c.loc)


def _year(y: Year, term: Term | None) -> Iterator[tuple[str, Record]]:
    where = _where("year", str(y.year))
    yield y.path, Record("year", {"title": y.title, "where": where}, Loc(y.path))
    yield from (_conference(c) for c in (term.conferences_of(y) if term is not None else y.conferences))
    yield from _targets(y.targets, where)
    yield from _awards(y.awards, where)


def _term(t: Term) -> Iterator[tuple[str, Record]]:
    where = _where("term", t.id)
    secretary = t.secretary.name if t.secretary else None
    yield t.path, Record("term", {"title": t.title, "secretary": secretary, "where": where}, Loc(t.path))
    for s in t.stats:
        values = {"label": s.label, "value": number(s.value), "unit": s.unit, "where": where}
        yield f"{t.path}#{slugify(s.label)}", Record("stat", values, Loc(t.path))
    yield from _targets(t.targets, where)
    yield from _awards(t.awards, where)


def edition_manifest(model: SiteModel, edition: Edition) -> Manifest:
    """What `edition` prints, record by record (samples included: they are printed, marked)."""
    records: dict[str, Record] = {}
    term = edition_term(model, edition)
    whole_term = term if edition.kind == "term" else None  # a term's book prints its own conferences only
    if whole_term is not None:
        records.update(_term(whole_term))
    for y in edition_years(model, edition):
        records.update(_year(y, whole_term))
    options = model.site.yearbook
    return Manifest(edition.kind, edition.id, edition.filename, options.draft, options.final, records)


def encode_manifest(manifest: Manifest) -> bytes:
    records = {key: {"kind": r.kind, **r.fields} for key, r in manifest.records.items()}
    data = {
        "format": FORMAT,
        "edition": {"kind": manifest.kind, "id": manifest.id, "file": manifest.file},
        "label": manifest.label,
        "final": manifest.final,
        "records": records,
    }
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def decode_manifest(data: bytes) -> Manifest | None:
    """A manifest written by `encode_manifest`; None when it is not one (damaged, another format)."""
    try:
        raw = json.loads(data.decode("utf-8"))
        if raw["format"] != FORMAT:
            return None
        edition = raw["edition"]
        records = {
            str(key): Record(str(value["kind"]), {k: v for k, v in value.items() if k != "kind"})
            for key, value in raw["records"].items()
        }
        label = raw["label"] if isinstance(raw["label"], str) else None
        kind, ident, file = str(edition["kind"]), str(edition["id"]), str(edition["file"])
        return Manifest(kind, ident, file, label, raw["final"] is True, records)
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
        return None
