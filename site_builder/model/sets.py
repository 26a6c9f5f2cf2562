"""targets.yaml and awards.yaml -> TargetSet / AwardSet, with per-file checks."""

from __future__ import annotations

from site_builder.catalogue import Figure
from site_builder.model import derive
from site_builder.model.records import Award, AwardSet, Target, TargetSet
from site_builder.model.samples import is_sample
from site_builder.model.schemas import AWARD, TARGET
from site_builder.model.values import (
    INVALID,
    THOUSANDS_DOT,
    Ctx,
    check_count_text,
    describe,
    is_empty,
    validate_mapping,
)
from site_builder.problems import Problems
from site_builder.sources.discover import RawRecord
from site_builder.sources.yamlsafe import YList, YMap


def empty_targets() -> TargetSet:
    return TargetSet(None, (), derive.tally(()))


def empty_awards() -> AwardSet:
    return AwardSet(None, (), derive.award_totals(()))


def _items(record: RawRecord, ctx: Ctx) -> list[object]:
    if record.data is None:
        return []
    if not isinstance(record.data, YList):
        ctx.problems.error(
            "field.expected-list",
            ctx.at(record.data),
            field=record.path.rsplit("/", 1)[-1],
            found=describe(record.data),
        )
        return []
    return list(record.data)


def load_target_set(record: RawRecord | None, problems: Problems) -> TargetSet:
    if record is None:
        return empty_targets()
    ctx = Ctx(record.path, problems)
    targets: list[Target] = []
    first_line: dict[str, int] = {}
    for item in _items(record, ctx):
        values = validate_mapping(item, TARGET, ctx, anchor=record.data)
        if values is INVALID:
            continue
        node: YMap = values["_node"]  # type: ignore[assignment, index]
        target_id = values["id"]  # type: ignore[index]
        if target_id in first_line:  # checked first, so a duplicate of a faulty target is reported too
            problems.error("id.duplicate", ctx.at(node.get("id")), id=target_id, first_line=first_line[target_id])
            continue
        first_line[target_id] = node.line  # type: ignore[assignment]
        target = load_target(values, node, ctx)  # type: ignore[arg-type]
        if target is not None:
            targets.append(target)
    return TargetSet(record.path, tuple(targets), derive.tally(targets))


def load_target(values: dict, node: YMap, ctx: Ctx) -> Target | None:
    values = dict(values)
    ok = True
    is_rate = (values["unit"] or "").strip() == "%"
    if not is_rate:
        for name in ("target", "actual"):
            number = values[name]
            if number is not None and (
                number != number.to_integral_value() or THOUSANDS_DOT.fullmatch(str(node.get(name)).strip())
            ):
                check_count_text(name, node.get(name), ctx)
                ok = False
            elif number is not None:  # "12.0" is the count 12, shown "12", not "12,0"
                values[name] = number.to_integral_value()
    fields = {k: v for k, v in values.items() if k not in ("_node", "sample")}
    raw = derive.TargetInput(**fields, sample=is_sample(values, ctx))
    for name in ("target", "actual", "percent"):
        if values[name] is not None and values[name] < 0:
            ctx.problems.error("field.negative", ctx.at(node.get(name)), field=name)
            ok = False
    if raw.target is None and raw.percent is None:
        if is_empty(node.get("target")) and is_empty(node.get("percent")):  # else already reported
            ctx.problems.error("target.need-target-or-percent", ctx.at(node), id=raw.id)
        ok = False
    elif is_rate and raw.target is None:  # a rate is compared in points with its planned rate
        if is_empty(node.get("target")):  # else already reported
            ctx.problems.error("target.rate-needs-target", ctx.at(node.get("percent"), node), id=raw.id)
        ok = False
    if ok and not check_percent(raw, node, ctx):
        ok = False
    if ok and is_rate:
        for name in ("target", "actual"):  # a share of a whole cannot pass 100%
            if values[name] is not None and values[name] > 100:
                ctx.problems.warning("target.rate-over-100", ctx.at(node.get(name)), field=name, value=values[name])
    return derive.derive_target(raw, ctx.at(node)) if ok else None


def check_percent(raw: derive.TargetInput, node: YMap, ctx: Ctx) -> bool:
    """A published percent must agree with actual/target at its own precision."""
    if raw.percent is not None and raw.actual is None:  # a published completion implies a result
        ctx.problems.error("target.percent-without-actual", ctx.at(node.get("percent")), id=raw.id)
        return False
    if raw.percent is None or raw.target is None or raw.actual is None:
        return True
    if (raw.unit or "").strip() == "%":
        ctx.problems.error("target.rate-percent", ctx.at(node.get("percent")))
        return False
    if raw.target == 0:
        ctx.problems.error("target.zero-target", ctx.at(node.get("target")))
        return False
    digits = derive.places(raw.percent)
    computed = derive.completion(raw.actual, raw.target, digits)
    if computed == raw.percent:
        return True
    ctx.problems.error(
        "target.percent-mismatch",
        ctx.at(node.get("percent")),
        percent=Figure(raw.percent, "%"),
        actual=Figure(raw.actual),
        target=Figure(raw.target),
        computed=Figure(computed, "%"),
        suggest=format(computed, "f"),  # as it is written in the file: 113.2
    )
    return False


def load_award_set(record: RawRecord | None, problems: Problems) -> AwardSet:
    if record is None:
        return empty_awards()
    ctx = Ctx(record.path, problems)
    awards: list[Award] = []
    for item in _items(record, ctx):
        values = validate_mapping(item, AWARD, ctx, anchor=record.data)
        if values is INVALID:
            continue
        award = load_award(values, ctx)  # type: ignore[arg-type]
        if award is not None:
            awards.append(award)
    awards.sort(key=lambda a: (a.rank, a.status != "granted", a.date or derive.FAR_FUTURE))
    return AwardSet(record.path, tuple(awards), derive.award_totals(awards))


def warn_implausible_award(count: int | None, recipients: tuple[str, ...], node: YMap, ctx: Ctx) -> None:
    """Accepted, but most likely a slip: an award to nobody, a name listed twice."""
    if count == 0:
        ctx.problems.warning("award.zero", ctx.at(node.get("count")))
    seen: set[str] = set()
    for item, name in zip(node.get("recipients") or (), recipients, strict=False):
        key = " ".join(name.split()).casefold()
        if key in seen:
            ctx.problems.warning("award.duplicate-recipient", ctx.at(item), name=name)
        seen.add(key)


def load_award(values: dict, ctx: Ctx) -> Award | None:
    node: YMap = values["_node"]
    recipients = tuple(values["recipients"])
    count = values["count"]
    if count is None and not recipients:
        if is_empty(node.get("count")):  # a count that was given but wrong is already reported
            ctx.problems.error("award.need-count", ctx.at(node))
        return None
    if count is not None and count < 0:
        ctx.problems.error("field.negative", ctx.at(node.get("count")), field="count")
        return None
    if count is not None and recipients and count != len(recipients):
        ctx.problems.error("award.count-mismatch", ctx.at(node.get("count")), count=count, listed=len(recipients))
        return None
    warn_implausible_award(count, recipients, node, ctx)
    sample = is_sample(values, ctx)
    return Award(
        title=values["title"],
        issuer=values["issuer"],
        recipient_kind=values["recipient_kind"],
        count=count if count is not None else len(recipients),
        recipients=recipients,
        reason=values["reason"],
        date=values["date"],
        decision=values["decision"],
        status=values["status"],
        loc=ctx.at(node),
        rank=derive.award_rank(values["title"], values["issuer"]),
        sample=sample,
    )
