"""targets.yaml and awards.yaml -> TargetSet / AwardSet, with per-file checks."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from site_builder.catalogue import Figure
from site_builder.model import derive
from site_builder.model.fields import validate
from site_builder.model.numbers import THOUSANDS_DOT, check_count_text
from site_builder.model.records import Award, AwardSet, Target, TargetSet
from site_builder.model.samples import is_sample
from site_builder.model.schemas import AwardFields, TargetFields
from site_builder.model.values import Ctx, is_empty
from site_builder.problems import Problems
from site_builder.sources.discover import RawRecord
from site_builder.sources.yamlsafe import YList, YMap, describe


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
        fields = validate(item, TargetFields, ctx, anchor=record.data)
        if fields is None:
            continue
        if fields.id in first_line:  # checked first, so a duplicate of a faulty target is reported too
            problems.error("id.duplicate", fields.loc(ctx, "id"), id=fields.id, first_line=first_line[fields.id])
            continue
        first_line[fields.id] = fields.node.line
        target = load_target(fields, ctx)
        if target is not None:
            targets.append(target)
    return TargetSet(record.path, tuple(targets), derive.tally(targets))


def load_target(fields: TargetFields, ctx: Ctx) -> Target | None:
    """The target with its derived figures, or None when one of its checks fails (each reported)."""
    fields, ok = whole_counts(fields, ctx)
    is_sample(fields, ctx)
    ok = no_negatives(fields, ctx) and ok
    ok = has_plan(fields, ctx) and ok
    ok = ok and check_percent(fields, ctx)
    if ok and _is_rate(fields):
        warn_rate_over_100(fields, ctx)
    return derive.derive_target(fields, fields.loc(ctx)) if ok else None


def _is_rate(fields: TargetFields) -> bool:
    """A rate target (unit "%") is compared in percentage points, never counted."""
    return (fields.unit or "").strip() == "%"


def whole_counts(fields: TargetFields, ctx: Ctx) -> tuple[TargetFields, bool]:
    """A count's figures as whole numbers ("12.0" is the count 12, shown "12", not "12,0"); a
    fraction or a thousands dot ("3.281") in a count is reported."""
    if _is_rate(fields):
        return fields, True
    whole = [whole_count(name, number, fields.node.get(name), ctx) for name, number in
             (("target", fields.target), ("actual", fields.actual))]  # fmt: skip
    (target, target_ok), (actual, actual_ok) = whole
    return dataclasses.replace(fields, target=target, actual=actual), target_ok and actual_ok


def whole_count(name: str, number: Decimal | None, written: object, ctx: Ctx) -> tuple[Decimal | None, bool]:
    """`number` as a whole number, or itself and False (reported) when it is not one."""
    if number is None:
        return None, True
    if number != number.to_integral_value() or THOUSANDS_DOT.fullmatch(str(written).strip()):
        check_count_text(name, written, ctx)
        return number, False
    return number.to_integral_value(), True


def no_negatives(fields: TargetFields, ctx: Ctx) -> bool:
    ok = True
    for name, value in (("target", fields.target), ("actual", fields.actual), ("percent", fields.percent)):
        if value is not None and value < 0:
            ctx.problems.error("field.negative", fields.loc(ctx, name), field=name)
            ok = False
    return ok


def has_plan(fields: TargetFields, ctx: Ctx) -> bool:
    """A count needs a target or a published percent; a rate needs its planned rate."""
    node = fields.node
    if fields.target is None and fields.percent is None:
        if is_empty(node.get("target")) and is_empty(node.get("percent")):  # else already reported
            ctx.problems.error("target.need-target-or-percent", ctx.at(node), id=fields.id)
        return False
    if _is_rate(fields) and fields.target is None:  # a rate is compared in points with its planned rate
        if is_empty(node.get("target")):  # else already reported
            ctx.problems.error("target.rate-needs-target", ctx.at(node.get("percent"), node), id=fields.id)
        return False
    return True


def warn_rate_over_100(fields: TargetFields, ctx: Ctx) -> None:
    """A share of a whole cannot pass 100%: most likely a count written as a rate."""
    for name, value in (("target", fields.target), ("actual", fields.actual)):
        if value is not None and value > 100:
            ctx.problems.warning("target.rate-over-100", fields.loc(ctx, name), field=name, value=value)


def check_percent(raw: TargetFields, ctx: Ctx) -> bool:
    """A published percent must agree with actual/target at its own precision."""
    node = raw.node
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
        fields = validate(item, AwardFields, ctx, anchor=record.data)
        if fields is None:
            continue
        award = load_award(fields, ctx)
        if award is not None:
            awards.append(award)
    awards.sort(key=lambda a: (a.rank, a.status != "granted", a.date or derive.FAR_FUTURE))
    return AwardSet(record.path, tuple(awards), derive.award_totals(awards))


def warn_implausible_award(count: int | None, recipients: tuple[str, ...], node: YMap, ctx: Ctx) -> None:
    """Accepted, but most likely a slip: an award to nobody, a name listed twice."""
    if count == 0:
        ctx.problems.warning("award.zero", ctx.at(node.get("count")))
    seen: set[str] = set()
    written = node.get("recipients")
    for item, name in zip(written if isinstance(written, YList) else (), recipients, strict=False):
        key = " ".join(name.split()).casefold()
        if key in seen:
            ctx.problems.warning("award.duplicate-recipient", ctx.at(item), name=name)
        seen.add(key)


def load_award(fields: AwardFields, ctx: Ctx) -> Award | None:
    node, count, recipients = fields.node, fields.count, fields.recipients
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
    sample = is_sample(fields, ctx)
    return Award(
        title=fields.title,
        issuer=fields.issuer,
        recipient_kind=fields.recipient_kind,
        count=count if count is not None else len(recipients),
        recipients=recipients,
        reason=fields.reason,
        date=fields.date,
        decision=fields.decision,
        status=fields.status,
        loc=ctx.at(node),
        rank=derive.award_rank(fields.title, fields.issuer),
        sample=sample,
    )
