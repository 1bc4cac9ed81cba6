"""Internal consistency of one plan (MZ2xx): years, shares, duplicates, table against prose,
completion-table growth and status. Each rule is a built-in plugin registered like any other.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation, localcontext
from typing import TYPE_CHECKING

import attrs

from minzheng_plans.builtin.rules._kit import (
    allowed,
    at,
    catalog_entry,
    is_prose,
    is_table_row,
    kind_of,
    observed,
    rule,
    target_numbers,
    values_of,
)
from minzheng_plans.core.direction import direction_of
from minzheng_plans.core.errors import UnitError
from minzheng_plans.core.findings import Finding, Severity
from minzheng_plans.core.model import Indicator, Plan

# The catalog's matching key, from the module that defines it: no rapidfuzz, and no import
# statement run for every name.
from minzheng_plans.core.names import normalise_name
from minzheng_plans.core.quantity import Comparator, Comparison, Range, Relative, Target
from minzheng_plans.plugins.hookspecs import Rule, hookimpl

if TYPE_CHECKING:
    from minzheng_plans.plugins.context import CheckContext

__all__ = ["RULES", "register_rules"]

# Catalog kinds whose values are parts of a whole, so 0-100 % (0-1000 ‰).
_BOUNDED_KINDS = frozenset({"share", "coverage", "rate"})
# Name endings of shares when the catalog does not know the indicator (and the unit is %).
_SHARE_ENDINGS = ("率", "占比", "比例", "比重", "覆盖率")
_GROWTH_WORDS = ("增长", "增速", "增幅", "增长率", "下降")
_UPPER = {"%": Decimal(100), "‰": Decimal(1000), "": Decimal(100)}


@rule(
    "MZ201",
    "consistency.baseline-after-target",
    Severity.ERROR,
    "The baseline year is after the target year",
)
def baseline_after_target(plan: Plan, context: CheckContext) -> Iterator[Finding]:
    for item in plan.indicators:
        if item.baseline and item.target and item.baseline.year > item.target.year:
            yield context.finding(
                "Baseline year {baseline} of {name} is after its target year {target}.",
                **at(plan, item),
                name=item.name,
                baseline=item.baseline.year,
                target=item.target.year,
            )


@rule(
    "MZ202",
    "consistency.baseline-outside-period",
    Severity.WARNING,
    "The baseline year is neither inside the plan period nor the year just before it",
)
def baseline_outside_period(plan: Plan, context: CheckContext) -> Iterator[Finding]:
    period = plan.period
    for item in plan.indicators:
        # Completion rows describe the previous period: their years are right as they are.
        if item.baseline is None or item.actual is not None:
            continue
        if item.target is not None and item.target.year not in period:
            continue
        year = item.baseline.year
        if not period.start - 1 <= year <= period.end:
            yield context.finding(
                "Baseline year {year} of {name} is outside the plan period {start}-{end} "
                "and not the year before it.",
                **at(plan, item),
                name=item.name,
                year=year,
                start=period.start,
                end=period.end,
            )


def _bounded_share(item: Indicator, context: CheckContext) -> Decimal | None:
    """The upper bound of an indicator that is a share or coverage, or ``None``."""
    kind = kind_of(catalog_entry(item, context))
    unit = item.unit.strip()
    if kind is not None:
        return _UPPER.get(unit) if kind in _BOUNDED_KINDS else None
    if unit not in ("%", "‰"):
        return None
    name = item.name.strip()
    if any(word in name for word in _GROWTH_WORDS) or not name.endswith(_SHARE_ENDINGS):
        return None
    return _UPPER[unit]


_SHARE_MESSAGES = {
    "baseline": "{name} is a share, but its baseline for {year} is {value}{unit}, outside "
    "0-{upper}{unit}.",
    "target": "{name} is a share, but its target for {year} is {value}{unit}, outside "
    "0-{upper}{unit}.",
    "actual": "{name} is a share, but its actual value for {year} is {value}{unit}, outside "
    "0-{upper}{unit}.",
}


@rule(
    "MZ203",
    "consistency.share-out-of-range",
    Severity.ERROR,
    "A share or coverage value lies outside 0-100 %",
)
def share_out_of_range(plan: Plan, context: CheckContext) -> Iterator[Finding]:
    for item in plan.indicators:
        upper = _bounded_share(item, context)
        if upper is None:
            continue
        for what, year, value in values_of(item):
            if value < 0 or value > upper:
                yield context.finding(
                    _SHARE_MESSAGES[what],
                    **at(plan, item),
                    name=item.name,
                    what=what,
                    year=year,
                    value=value,
                    unit=item.unit.strip() or "%",
                    upper=upper,
                )


@rule(
    "MZ204",
    "consistency.binding-target-met",
    Severity.INFO,
    "A binding target is already met by its own baseline",
)
def binding_target_met(plan: Plan, context: CheckContext) -> Iterator[Finding]:
    for item in plan.indicators:
        if item.attribute != "binding":
            continue
        if item.baseline is None or item.target is None or item.actual is not None:
            continue
        target_set = allowed(item.target, direction_of(item, catalog_entry(item, context)))
        if target_set is None:
            # A bare number with no known direction: only reaching it exactly is certain.
            met = (
                isinstance(item.target, Comparison)
                and item.baseline.comparator == Comparator.EQ
                and item.baseline.value == item.target.value
            )
        else:
            met = observed(item.baseline).is_subset(target_set)
        if not met:
            continue
        yield context.finding(
            "Binding target {target} of {name} is already met by its {year} baseline "
            "{baseline}; the commitment asks for nothing new.",
            **at(plan, item),
            name=item.name,
            target=_describe(item.target),
            year=item.baseline.year,
            baseline=item.baseline.value,
        )


def _describe(target: Target) -> str:
    if isinstance(target, Comparison):
        prefix = "" if target.comparator == "=" else str(target.comparator)
        return f"{prefix}{target.value}"
    if isinstance(target, Range):
        return f"{target.low}-{target.high}"
    return f"{target.relation} {target.reference}"


_DUPLICATE_MESSAGES = {
    "code": "{name} ({id}) repeats {first_name} ({first}): same catalog code.",
    "name": "{name} ({id}) repeats {first_name} ({first}): same name.",
}


@rule(
    "MZ205",
    "consistency.duplicate-indicator",
    Severity.WARNING,
    "Two rows of one table state the same indicator",
)
def duplicate_indicator(plan: Plan, context: CheckContext) -> Iterator[Finding]:
    # Prose often restates a table row and a completion table repeats last period's rows:
    # only rows of one table, for one target year, can duplicate each other.
    groups: defaultdict[tuple[str, int | None, int | None], list[Indicator]] = defaultdict(list)
    for item in plan.indicators:
        if is_table_row(item) and item.project is None:
            table = item.source.table if item.source and item.source.table else ""
            year = item.target.year if item.target else None
            actual = item.actual.year if item.actual else None
            groups[(table, year, actual)].append(item)
    for rows in groups.values():
        first_by_key: dict[tuple[str, str], Indicator] = {}
        for item in rows:
            keys = [("name", normalise_name(item.name))]
            if item.code:
                keys.insert(0, ("code", item.code))
            for key in keys:
                first = first_by_key.get(key)
                if first is None:
                    first_by_key[key] = item
                    continue
                yield context.finding(
                    _DUPLICATE_MESSAGES[key[0]],
                    **at(plan, item),
                    related=(first.id,),
                    name=item.name,
                    id=item.id,
                    first_name=first.name,
                    first=first.id,
                    how=key[0],
                )
                break


def _same_rows(
    prose: Indicator,
    by_code: dict[str, list[Indicator]],
    by_name: dict[str, list[Indicator]],
) -> list[Indicator]:
    """Table rows about the same indicator: same code when both have one, else same name."""
    found = list(by_code.get(prose.code, ())) if prose.code else []
    for row in by_name.get(normalise_name(prose.name), ()):
        if not (prose.code and row.code) and row not in found:
            found.append(row)
    return found


def _convert(
    context: CheckContext, values: tuple[Decimal, ...], src: str, dst: str
) -> tuple[Decimal, ...] | None:
    if src.strip() == dst.strip() or not src.strip() or not dst.strip():
        return values
    try:
        units = context.units()
        return tuple(units.convert(v, src, dst) for v in values)
    except UnitError:
        return None


def _targets_disagree(table: Indicator, prose: Indicator, context: CheckContext) -> bool | None:
    a, b = table.target, prose.target
    if a is None or b is None or a.year != b.year:
        return None
    if isinstance(a, Relative) or isinstance(b, Relative):
        if not (isinstance(a, Relative) and isinstance(b, Relative)):
            return None
        return a.relation != b.relation or "".join(a.reference.split()) != "".join(
            b.reference.split()
        )
    converted = _convert(context, target_numbers(b), prose.unit, table.unit)
    if converted is None:
        return None
    # Comparators differ in wording (达到60 vs 60以上) far more often than in meaning: the
    # figures decide.
    return set(target_numbers(a)) != set(converted)


@rule(
    "MZ206",
    "consistency.table-prose-disagree",
    Severity.WARNING,
    "The indicator table and the text of the plan state different targets for one indicator",
)
def table_prose_disagree(plan: Plan, context: CheckContext) -> Iterator[Finding]:
    # Indexed once: a plan has dozens of rows and hundreds of prose targets.
    by_code: defaultdict[str, list[Indicator]] = defaultdict(list)
    by_name: defaultdict[str, list[Indicator]] = defaultdict(list)
    for item in plan.indicators:
        if is_table_row(item) and item.actual is None:
            if item.code:
                by_code[item.code].append(item)
            by_name[normalise_name(item.name)].append(item)
    for prose in plan.indicators:
        if not is_prose(prose) or prose.target is None:
            continue
        for row in _same_rows(prose, by_code, by_name):
            if _targets_disagree(row, prose, context):
                yield context.finding(
                    "The text states {prose_target}{prose_unit} for {name} by {year}, the "
                    "table ({row}) states {table_target}{table_unit}.",
                    **at(plan, prose),
                    related=(row.id,),
                    name=prose.name,
                    year=prose.target.year,
                    prose_target=_describe(prose.target),
                    prose_unit=prose.unit,
                    row=row.id,
                    table_target=_describe(row.target),  # type: ignore[arg-type]
                    table_unit=row.unit,
                )


def _last_place(value: Decimal) -> Decimal:
    exponent = value.as_tuple().exponent
    return Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)


@attrs.frozen
class _Reading:
    basis: str  # "points", "absolute", "relative", "annual"
    origin: str  # "baseline" or "target"
    start: Decimal
    end: Decimal
    value: Decimal


def _growth_readings(item: Indicator) -> list[_Reading]:
    """Each reading of a growth column: from the baseline (or the target) to the actual."""
    assert item.actual is not None
    end = item.actual.value
    starts: list[tuple[str, Decimal, int | None]] = []
    if item.baseline is not None:
        starts.append(("baseline", item.baseline.value, item.baseline.year))
    if isinstance(item.target, Comparison):
        starts.append(("target", item.target.value, None))
    points = "points" if item.unit.strip() in ("%", "‰", "") else "absolute"
    found: list[_Reading] = []
    with localcontext() as ctx:
        ctx.prec = 28
        for origin, start, year in starts:
            found.append(_Reading(points, origin, start, end, end - start))
            if start == 0:
                continue
            relative = (end - start) / start * 100
            found.append(_Reading("relative", origin, start, end, relative))
            years = item.actual.year - year if year is not None else 0
            if years > 1 and end / start > 0:
                try:
                    annual = ((end / start) ** (Decimal(1) / years) - 1) * 100
                except InvalidOperation:
                    continue
                found.append(_Reading("annual", origin, start, end, annual))
    return found


def _matching(item: Indicator) -> tuple[list[_Reading], list[_Reading]]:
    """(every reading, the readings that agree with the written growth)."""
    assert item.growth is not None
    readings = _growth_readings(item)
    tolerance = _last_place(item.growth)
    return readings, [r for r in readings if abs(r.value - item.growth) <= tolerance]


def _rounded(value: Decimal) -> Decimal:
    """Two decimals at most, without trailing zeros (40, 66.67, 0.5)."""
    if value.adjusted() >= 20:
        return value
    rounded = value.quantize(Decimal("0.01"))
    if rounded == rounded.to_integral_value():
        return rounded.quantize(Decimal(1))
    return rounded.normalize()


@rule(
    "MZ207",
    "consistency.growth-mismatch",
    Severity.WARNING,
    "A completion table's growth figure matches neither relative % nor percentage points",
)
def growth_mismatch(plan: Plan, context: CheckContext) -> Iterator[Finding]:
    for item in plan.indicators:
        if item.growth is None or item.actual is None:
            continue
        readings, matched = _matching(item)
        if not readings or matched:
            continue
        first = readings[0]
        relative = next(
            (r.value for r in readings if r.basis == "relative" and r.origin == first.origin),
            None,
        )
        yield context.finding(
            _MISMATCH_MESSAGES[relative is not None],
            **at(plan, item),
            name=item.name,
            growth=item.growth,
            start=first.start,
            end=first.end,
            origin=first.origin,
            points=_rounded(first.value),
            relative=_rounded(relative) if relative is not None else "",
        )


_MISMATCH_MESSAGES = {
    True: "Growth {growth} of {name} matches neither the change in points ({points}) nor the "
    "relative change ({relative} %) from {start} to {end}.",
    False: "Growth {growth} of {name} does not match the change ({points}) from {start} to {end}.",
}
_BASIS_MESSAGES = {
    "points": "Growth {growth} of {name} is the change in percentage points from {start} to {end}.",
    "absolute": "Growth {growth} of {name} is the absolute change from {start} to {end}.",
    "relative": "Growth {growth} of {name} is the relative change in % from {start} to {end}.",
    "annual": "Growth {growth} of {name} is the average annual change in % from {start} to {end}.",
}


@rule(
    "MZ208",
    "consistency.growth-basis",
    Severity.INFO,
    "Which reading of a completion table's growth figure matched (relative % or points)",
)
def growth_basis(plan: Plan, context: CheckContext) -> Iterator[Finding]:
    for item in plan.indicators:
        if item.growth is None or item.actual is None:
            continue
        _readings, matched = _matching(item)
        if matched:
            reading = matched[0]
            yield context.finding(
                _BASIS_MESSAGES[reading.basis],
                **at(plan, item),
                name=item.name,
                growth=item.growth,
                start=reading.start,
                end=reading.end,
                basis=reading.basis,
                origin=reading.origin,
            )


_STATUS_MESSAGES = {
    "misses": "{name} is marked {status}, but its actual value {actual} misses the target "
    "{target}.",
    "meets": "{name} is marked {status}, but its actual value {actual} meets the target {target}.",
}
_NOT_DONE = ("未完成", "未达到", "未达标", "没有完成", "尚未", "未实现", "差距")
_DONE = ("已完成", "完成", "超额完成", "已达到", "达到", "达标", "实现")
_UNSURE = ("基本完成", "基本达到", "部分完成", "接近", "进行中")


def _status_says(status: str) -> bool | None:
    """True for 已完成-like statuses, False for 未完成-like ones, None when hedged."""
    text = "".join(status.split())
    if not text or any(word in text for word in _UNSURE):
        return None
    if any(word in text for word in _NOT_DONE):
        return False
    if any(word in text for word in _DONE):
        return True
    return None


@rule(
    "MZ209",
    "consistency.status-contradiction",
    Severity.WARNING,
    "A completion status (已完成, 未完成) contradicts the target and the actual value",
)
def status_contradiction(plan: Plan, context: CheckContext) -> Iterator[Finding]:
    for item in plan.indicators:
        if item.status is None or item.actual is None or item.target is None:
            continue
        says_done = _status_says(item.status)
        if says_done is None:
            continue
        target_set = allowed(item.target, direction_of(item, catalog_entry(item, context)))
        if target_set is None:
            continue
        actual_set = observed(item.actual)
        if says_done and actual_set.intersection(target_set).is_empty():
            verdict = "misses"
        elif not says_done and actual_set.is_subset(target_set):
            verdict = "meets"
        else:
            continue
        yield context.finding(
            _STATUS_MESSAGES[verdict],
            **at(plan, item),
            name=item.name,
            status=item.status,
            actual=_describe(
                Comparison(item.actual.year, item.actual.value, item.actual.comparator)
            ),
            target=_describe(item.target),
        )


RULES: tuple[Rule, ...] = (
    baseline_after_target,
    baseline_outside_period,
    share_out_of_range,
    binding_target_met,
    duplicate_indicator,
    table_prose_disagree,
    growth_mismatch,
    growth_basis,
    status_contradiction,
)


@hookimpl
def register_rules() -> list[Rule]:
    return list(RULES)
