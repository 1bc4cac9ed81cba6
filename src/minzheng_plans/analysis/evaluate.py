"""Progress evaluation: mid-term (中期评估) and final (总结评估) reports from monitoring values.

Monitoring values (actuals by year) come from a TOML or CSV file read by
:mod:`minzheng_plans.analysis.monitoring`; actuals written in the plan itself
(``indicators[].actual``, completion tables) count too. For each indicator the latest actual
up to the evaluation year is judged by the first rule that applies, and the rule is reported
with the status:

1. no numeric target (none, or relative to a named reference), or a target for a year before
   the plan's period (a completion table of the previous plan) → *not assessable*;
2. no actual up to the evaluation year, or a unit that does not convert → *not assessable*;
3. the actual lies in the set of values the target allows (direction from the catalog, else
   from the way the target moves from the baseline) → *met*;
4. the target year has come and the actual lies outside → *off track*;
5. no baseline → *not assessable*;
6. the actual has gone past the far end of a range (or an exact target) → *off track*;
7. the actual is at or beyond the value expected on the path from the baseline to the target
   → *on track*, otherwise *off track*. The path is linear for percentages and per-mille
   (percentage points) and compound for levels (counts, money, per-capita figures).

The annual change still needed to reach the nearest allowed value by the target year is
linear (percentage points a year) or compound (per cent a year) on the same distinction;
``gap`` is that nearest allowed value minus the actual, in the indicator's unit.

The mid-term evaluation year is the middle of the period (2023 for 2021-2025), the final one
its last year; both can be overridden. :mod:`minzheng_plans.output.evaluation` renders an
evaluation as text or JSON, in Chinese or English.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

import attrs

from minzheng_plans.analysis.monitoring import Actual, Monitoring
from minzheng_plans.analysis.normal import (
    PERCENT_UNITS,
    code_for,
    entry_for,
    infer_direction,
    plain,
    target_text,
)
from minzheng_plans.core.errors import IncompatibleUnitsError, PlanFileError, UnitError
from minzheng_plans.core.model import Indicator, Plan
from minzheng_plans.core.numbers import exact
from minzheng_plans.core.quantity import Comparison, Range, Relative
from minzheng_plans.core.targets import allowed_values, describe_interval

if TYPE_CHECKING:
    from minzheng_plans.registries.catalog import Catalog
    from minzheng_plans.units.registry import Units

__all__ = [
    "Evaluation",
    "IndicatorEvaluation",
    "PathKind",
    "Stage",
    "Status",
    "evaluate_plan",
    "evaluation_year",
]

Stage = Literal["mid", "final"]
PathKind = Literal["linear", "compound"]


class Status(enum.StrEnum):
    MET = "met"
    ON_TRACK = "on-track"
    OFF_TRACK = "off-track"
    NOT_ASSESSABLE = "not-assessable"


@attrs.frozen
class IndicatorEvaluation:
    """The verdict on one indicator, with the rule that gave it and the numbers behind it.

    Numbers are in the indicator's unit. ``threshold`` is the allowed value nearest to the
    actual; ``annual_change`` is in percentage points a year on a linear path and in per cent a
    year on a compound one.
    """

    id: str
    name: str
    code: str | None
    unit: str
    attribute: str | None
    status: Status
    rule: str
    rule_values: tuple[tuple[str, str], ...] = ()
    target: str = ""
    target_year: int | None = None
    allowed: str = ""
    baseline_year: int | None = None
    baseline: Decimal | None = None
    actual_year: int | None = None
    actual: Decimal | None = None
    threshold: Decimal | None = None
    gap: Decimal | None = None
    path: PathKind | None = None
    expected: Decimal | None = None
    annual_change: Decimal | None = None


@attrs.frozen
class Evaluation:
    plan: str
    title: str
    jurisdiction: str
    stage: Stage
    year: int
    start: int
    end: int
    indicators: tuple[IndicatorEvaluation, ...]

    def counts(self) -> dict[str, int]:
        result = {status.value: 0 for status in Status}
        for item in self.indicators:
            result[item.status.value] += 1
        return result


def evaluation_year(plan: Plan, stage: Stage) -> int:
    """The middle of the period for ``mid`` (2023 for 2021-2025), its last year for ``final``."""
    if stage == "final":
        return plan.period.end
    return plan.period.start + (plan.period.end - plan.period.start) // 2


def evaluate_plan(
    plan: Plan,
    monitoring: Monitoring | Iterable[Actual] = (),
    *,
    stage: Stage = "mid",
    year: int | None = None,
    catalog: Catalog | None = None,
    units: Units | None = None,
) -> Evaluation:
    """Evaluate every indicator of ``plan`` as of ``year`` (default: by ``stage``)."""
    if catalog is None:
        from minzheng_plans.registries.catalog import default_catalog  # noqa: PLC0415

        catalog = default_catalog()
    if units is None:
        from minzheng_plans.units.registry import default_units  # noqa: PLC0415

        units = default_units()
    if isinstance(monitoring, Monitoring):
        if monitoring.plan is not None and monitoring.plan != plan.id:
            msg = f"the monitoring values are for plan {monitoring.plan}, not {plan.id}"
            raise PlanFileError(msg, path=monitoring.path, key="plan")
        actuals: Sequence[Actual] = monitoring.actuals
    else:
        actuals = tuple(monitoring)
    as_of = year if year is not None else evaluation_year(plan, stage)
    _check_known(plan, actuals, catalog)
    # Gaps and paths exactly: a difference of two bounded numbers has up to 88 digits.
    with exact():
        results = tuple(
            _evaluate(indicator, actuals, as_of, plan.period.start, catalog, units)
            for indicator in plan.indicators
        )
    return Evaluation(
        plan.id,
        plan.title,
        plan.jurisdiction.name,
        stage,
        as_of,
        plan.period.start,
        plan.period.end,
        results,
    )


def _check_known(plan: Plan, actuals: Sequence[Actual], catalog: Catalog) -> None:
    # A misspelt indicator id would otherwise vanish silently from the report.
    known = {i.id for i in plan.indicators} | {
        code for i in plan.indicators if (code := code_for(i, catalog))
    }
    for actual in actuals:
        if actual.indicator not in known:
            msg = f"no indicator {actual.indicator!r} in plan {plan.id} (by id or catalog code)"
            raise PlanFileError(msg, line=actual.line, key="indicator")


def _evaluate(
    indicator: Indicator,
    actuals: Sequence[Actual],
    as_of: int,
    period_start: int,
    catalog: Catalog,
    units: Units,
) -> IndicatorEvaluation:
    entry = entry_for(indicator, catalog)
    code = indicator.code or (entry.code if entry is not None else None)
    target = indicator.target
    base: dict[str, Any] = {
        "id": indicator.id,
        "name": indicator.name,
        "code": code,
        "unit": indicator.unit,
        "attribute": str(indicator.attribute) if indicator.attribute is not None else None,
        "target": target_text(target),
        "target_year": target.year if target is not None else None,
        "baseline_year": indicator.baseline.year if indicator.baseline is not None else None,
        "baseline": indicator.baseline.value if indicator.baseline is not None else None,
    }
    unassessable = Status.NOT_ASSESSABLE
    if target is None:
        return IndicatorEvaluation(status=unassessable, rule="no-target", **base)
    if isinstance(target, Relative):
        return IndicatorEvaluation(
            status=unassessable,
            rule="relative-target",
            rule_values=(("reference", target.reference),),
            **base,
        )
    assert isinstance(target, Comparison | Range)
    if target.year < period_start:
        # A completion table (完成情况) of the previous plan: history, not this plan's target.
        history = (("target_year", str(target.year)),)
        return IndicatorEvaluation(
            status=unassessable, rule="previous-period", rule_values=history, **base
        )
    direction = infer_direction(indicator, entry)
    allowed = allowed_values(target, direction)
    base["allowed"] = describe_interval(allowed)
    latest = _latest(indicator, code, actuals, as_of, units)
    if latest is None:
        return IndicatorEvaluation(
            status=unassessable, rule="no-actual", rule_values=(("year", str(as_of)),), **base
        )
    if isinstance(latest, str):
        values = (("unit", latest), ("indicator_unit", indicator.unit or "-"))
        return IndicatorEvaluation(status=unassessable, rule="unit", rule_values=values, **base)
    year, value = latest
    base["actual_year"], base["actual"] = year, value
    shown = (("year", str(year)), ("actual", plain(value)), ("allowed", base["allowed"]))
    if allowed.contains(value):
        return IndicatorEvaluation(
            status=Status.MET,
            rule="within-target",
            rule_values=shown,
            gap=Decimal(0),
            **base,
        )
    threshold = allowed.low if allowed.low is not None and value < allowed.low else allowed.high
    assert threshold is not None
    gap = threshold - value
    path: PathKind = "linear" if indicator.unit.strip() in PERCENT_UNITS else "compound"
    needed = _annual_change(value, threshold, target.year - year, path)
    extra: dict[str, Any] = {
        "threshold": threshold,
        "gap": gap,
        "path": path,
        "annual_change": needed,
    }
    if year >= target.year:
        passed = (("target_year", str(target.year)), ("actual", plain(value)), shown[2])
        return IndicatorEvaluation(
            status=Status.OFF_TRACK, rule="deadline-passed", rule_values=passed, **extra, **base
        )
    baseline = indicator.baseline
    if baseline is None or baseline.year >= year or baseline.year >= target.year:
        return IndicatorEvaluation(status=unassessable, rule="no-baseline", **extra, **base)
    if path == "compound" and (baseline.value <= 0 or threshold <= 0):
        path = "linear"  # growth rates need positive ends; points always work
        extra["path"] = path
        extra["annual_change"] = _annual_change(value, threshold, target.year - year, path)
    rising = threshold >= baseline.value
    if (value > threshold) if rising else (value < threshold):
        # Past the far end of a range (or of an exact target): moving on is moving away.
        return IndicatorEvaluation(
            status=Status.OFF_TRACK, rule="overshoot", rule_values=shown, **extra, **base
        )
    share = Fraction(year - baseline.year, target.year - baseline.year)
    expected = _on_path(baseline.value, threshold, share, path)
    ahead = value >= expected if rising else value <= expected
    path_values: tuple[tuple[str, str], ...] = (
        *shown[:2],
        ("expected", plain(expected)),
        ("path", path),
    )
    return IndicatorEvaluation(
        status=Status.ON_TRACK if ahead else Status.OFF_TRACK,
        rule="ahead-of-path" if ahead else "behind-path",
        rule_values=path_values,
        expected=expected,
        **extra,
        **base,
    )


_PLACES = Decimal("0.0001")


def _on_path(start: Decimal, end: Decimal, share: Fraction, path: PathKind) -> Decimal:
    """The value a share of the way from ``start`` to ``end`` (rounded to 4 places)."""
    with exact():
        part = Decimal(share.numerator) / Decimal(share.denominator)
        if path == "linear":
            return (start + (end - start) * part).quantize(_PLACES).normalize()
        return (start * (end / start) ** part).quantize(_PLACES).normalize()


def _annual_change(
    value: Decimal, threshold: Decimal, years: int, path: PathKind
) -> Decimal | None:
    """Points a year (linear) or per cent a year (compound) from ``value`` to ``threshold``."""
    if years <= 0:
        return None
    with exact():
        if path == "linear":
            return ((threshold - value) / years).quantize(Decimal("0.01")).normalize()
        if value <= 0 or threshold <= 0:
            return None
        rate = (threshold / value) ** (Decimal(1) / years) - 1
        return (rate * 100).quantize(Decimal("0.01")).normalize()


def _latest(
    indicator: Indicator, code: str | None, actuals: Sequence[Actual], as_of: int, units: Units
) -> tuple[int, Decimal] | str | None:
    """The latest (year, value) up to ``as_of`` in the indicator's unit; a unit text that does
    not convert is returned as such."""
    found: list[tuple[int, Decimal, str | None]] = []
    if indicator.actual is not None:
        found.append((indicator.actual.year, indicator.actual.value, None))
    found.extend(
        (a.year, a.value, a.unit)
        for a in actuals
        if a.indicator == indicator.id or (code is not None and a.indicator == code)
    )
    usable = [item for item in found if item[0] <= as_of]
    if not usable:
        return None
    year, value, unit = max(usable, key=lambda item: item[0])
    if unit is None or unit == indicator.unit:
        return year, value
    try:
        factor = units.factor(unit, indicator.unit)
    except (IncompatibleUnitsError, UnitError):
        return unit
    from minzheng_plans.units.registry import to_decimal  # noqa: PLC0415

    return year, to_decimal(Fraction(value) * factor)
