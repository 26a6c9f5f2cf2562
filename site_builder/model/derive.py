"""Derived figures, computed once: ratios, point differences, statuses, tallies, ranks, totals."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Context, Decimal

from site_builder.model.records import Award, AwardTotals, Direction, Status, Tally, Target
from site_builder.model.schemas import TargetFields
from site_builder.model.slugs import ascii_fold
from site_builder.problems import Loc

HUNDRED = Decimal(100)
FAR_FUTURE = dt.date.max  # sorts undated awards last
RATIO_PLACES = 1
# Inputs are capped (values.MAX_DIGITS), but a ratio of a huge and a tiny figure still needs
# more than the default 28 digits to be rounded: derive in a wider context, never raise.
_WIDE = Context(prec=80)


def places(value: Decimal) -> int:
    """Decimal places as written: Decimal("57.50") -> 2, Decimal("101") -> 0."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def round_half_up(value: Decimal, digits: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP, context=_WIDE)


def completion(actual: Decimal, planned: Decimal, digits: int = RATIO_PLACES) -> Decimal:
    return round_half_up(_WIDE.multiply(_WIDE.divide(actual, planned), HUNDRED), digits)


def implied_plan(actual: Decimal, percent: Decimal) -> Decimal:
    """The planned count a published percent implies: 88 at 57,5% -> 153."""
    return round_half_up(_WIDE.divide(_WIDE.multiply(actual, HUNDRED), percent), 0)


def compare(actual: Decimal, planned: Decimal, direction: Direction) -> Status:
    if actual == planned:
        return "dat"
    better = actual > planned if direction == "at_least" else actual < planned
    return "vuot" if better else "khong-dat"


def derive_target(raw: TargetFields, loc: Loc) -> Target:
    """The target with its derived figures, from its validated fields (counts already whole)."""
    is_rate = (raw.unit or "").strip() == "%"
    planned, implied, ratio, points = raw.target, False, None, None
    status: Status = "unknown"
    if raw.actual is None:  # "chưa có số liệu": nothing to rate, compare or draw
        status = "no-data"
    elif is_rate and raw.target is not None:
        points = _WIDE.subtract(raw.actual, raw.target)  # exact: the digits of the rates as written
        status = compare(raw.actual, raw.target, raw.direction)
    elif not is_rate and raw.target is not None:
        # A plan of 0 ("không để xảy ra vụ việc nào") has a status but no ratio (shown "—").
        ratio = completion(raw.actual, raw.target) if raw.target else None
        status = compare(raw.actual, raw.target, raw.direction)
    elif not is_rate and raw.percent is not None:
        planned, implied = (implied_plan(raw.actual, raw.percent), True) if raw.percent else (None, False)
        ratio = round_half_up(raw.percent, RATIO_PLACES)
        status = compare(raw.percent, HUNDRED, raw.direction)
    if raw.actual is not None and (raw.period or "").strip():
        status = "partial"  # "9 tháng" against the full-year plan is not a rating: shown, not judged
    return Target(
        id=raw.id, name=raw.name, unit=raw.unit, target=raw.target, actual=raw.actual,
        percent=raw.percent, direction=raw.direction,
        period=raw.period, source=raw.source, note=raw.note, loc=loc,
        is_rate=is_rate, planned=planned, planned_is_implied=implied, ratio=ratio,
        points=points, status=status, progress=progress(raw, is_rate, ratio), sample=raw.sample,
    )  # fmt: skip


def progress(raw: TargetFields, is_rate: bool, ratio: Decimal | None) -> Decimal:
    """Width of a progress bar, 0..100 (an empty bar without data)."""
    if raw.actual is None:
        return Decimal(0)
    if raw.direction == "at_most":  # under the ceiling is a full bar, over it shrinks (to nothing over a 0 ceiling)
        if raw.target is None or raw.actual <= raw.target:
            value = HUNDRED
        else:
            value = _WIDE.multiply(_WIDE.divide(raw.target, raw.actual), HUNDRED)
    elif is_rate:
        value = raw.actual
    elif raw.target is not None and raw.target == 0:  # at least 0: always met
        value = HUNDRED
    else:
        value = ratio or Decimal(0)
    return round_half_up(max(Decimal(0), min(HUNDRED, value)), 1)


def tally(targets: Iterable[Target]) -> Tally:
    """Over the targets with full-period data ("đạt và vượt 1/1 chỉ tiêu có số liệu"), with how
    many have none and how many only a partial figure; samples are not counted at all."""
    items = [t for t in targets if not t.sample]
    statuses = ("vuot", "dat", "khong-dat", "unknown", "no-data", "partial")
    count = {status: sum(1 for t in items if t.status == status) for status in statuses}
    return Tally(
        met=count["vuot"] + count["dat"],
        exceeded=count["vuot"],
        missed=count["khong-dat"],
        unknown=count["unknown"],
        total=len(items) - count["no-data"] - count["partial"],
        no_data=count["no-data"],
        partial=count["partial"],
    )


# Vietnamese emulation ranks, most prestigious first. Matched as whole words on ASCII-folded
# lower-case text; the most specific needles come first, so the bloc's own long name
# ("Đảng ủy Khối Các cơ quan và Doanh nghiệp tỉnh") is the bloc, not the province.
_FORM_RANKS = (
    ("huan chuong", 0), ("huy chuong", 1), ("co thi dua", 2), ("danh hieu", 3),
    ("bang khen", 4), ("giay khen", 6), ("ky niem chuong", 7),
)  # fmt: skip
_ISSUER_RANKS = (
    # the bloc's own party committee
    ("ban thuong vu dang uy khoi", 5), ("dang uy khoi", 5), ("dang bo khoi", 5), ("duk", 5),
    # the province
    ("tinh uy", 3), ("ubnd tinh", 3), ("uy ban nhan dan tinh", 3), ("hdnd tinh", 3),
    # the centre
    ("chu tich nuoc", 0), ("thu tuong", 1), ("chinh phu", 1), ("ban chap hanh trung uong", 1),
    ("trung uong", 1), ("ban bi thu", 1),
    # a ministry: "Bộ Công an", "Bộ trưởng Bộ ..."
    ("^bo", 2),
    # another provincial body ("Sở Nội vụ tỉnh")
    ("tinh", 4),
)  # fmt: skip


def _patterns(table: tuple[tuple[str, int], ...]) -> tuple[tuple[re.Pattern[str], int], ...]:
    return tuple((re.compile(rf"\b{needle}\b"), rank) for needle, rank in table)


_FORM_PATTERNS = _patterns(_FORM_RANKS)
_ISSUER_PATTERNS = _patterns(_ISSUER_RANKS)


def award_rank(title: str, issuer: str) -> int:
    return _first_rank(title, _FORM_PATTERNS, 8) * 10 + _first_rank(issuer, _ISSUER_PATTERNS, 9)


def _first_rank(text: str, table: tuple[tuple[re.Pattern[str], int], ...], default: int) -> int:
    folded = " ".join(ascii_fold(text).lower().split())
    return next((rank for pattern, rank in table if pattern.search(folded)), default)


def award_totals(awards: Iterable[Award]) -> AwardTotals:
    sums = {"granted-collective": 0, "granted-individual": 0, "proposed-collective": 0, "proposed-individual": 0}
    for award in awards:
        if not award.sample:  # an example is shown marked, never added up
            sums[f"{award.status}-{award.recipient_kind}"] += award.count
    return AwardTotals(
        collective=sums["granted-collective"],
        individual=sums["granted-individual"],
        proposed_collective=sums["proposed-collective"],
        proposed_individual=sums["proposed-individual"],
    )


def add_totals(totals: Iterable[AwardTotals]) -> AwardTotals:
    items = list(totals)
    return AwardTotals(
        collective=sum(t.collective for t in items),
        individual=sum(t.individual for t in items),
        proposed_collective=sum(t.proposed_collective for t in items),
        proposed_individual=sum(t.proposed_individual for t in items),
    )
