"""Progress evaluation: mid-term (中期评估) and final (总结评估) reports from monitoring values.

Monitoring values (actuals by year) come from a TOML or CSV file read by
:mod:`minzheng_plans.files.monitoring`; actuals written in the plan itself
(``indicators[].actual``, completion tables) count too. Each indicator is judged by
:func:`minzheng_plans.core.progress.judge_progress`, whose docstring lists the rules; the
evaluation rules (MZ6xx) use the same judgement, so a report and its findings agree.

The mid-term evaluation year is the middle of the period (2023 for 2021-2025), the final one
its last year; both can be overridden. :mod:`minzheng_plans.output.evaluation` renders an
evaluation as text or JSON, in Chinese or English.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

import attrs

from minzheng_plans.analysis.normal import code_for, entry_for, target_text
from minzheng_plans.core.direction import direction_of
from minzheng_plans.core.errors import PlanFileError
from minzheng_plans.core.model import Indicator, Plan
from minzheng_plans.core.progress import (
    Actual,
    Monitoring,
    PathKind,
    Status,
    judge_progress,
    latest_actual,
    match_actuals,
)
from minzheng_plans.core.quantity import Comparison, Range
from minzheng_plans.core.targets import allowed_values, describe_interval
from minzheng_plans.units.conversion import convert_value

if TYPE_CHECKING:
    from minzheng_plans.registries.catalog import Catalog
    from minzheng_plans.units.registry import Units

__all__ = [
    "EVALUATION_CODES",
    "Evaluation",
    "IndicatorEvaluation",
    "PathKind",
    "Stage",
    "Status",
    "evaluate_plan",
    "evaluation_year",
]

Stage = Literal["mid", "final"]

#: The findings an evaluation reports: the evaluation rules, and completion statuses that
#: contradict their actual values (MZ209, a consistency rule that needs no monitoring value).
EVALUATION_CODES = ("MZ6", "MZ209")


@attrs.frozen
class IndicatorEvaluation:
    """The verdict on one indicator, with the rule that gave it and the numbers behind it.

    Numbers are in the indicator's unit. ``target_low``/``target_high`` bound the set of
    values the target allows (``None`` is unbounded; both ``None`` without a numeric target);
    ``threshold`` is the allowed value nearest to the actual; ``annual_change`` is in
    percentage points a year on a linear path and in per cent a year on a compound one.
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
    target_low: Decimal | None = None
    target_high: Decimal | None = None


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
    path: str | None = None
    if isinstance(monitoring, Monitoring):
        if monitoring.plan is not None and monitoring.plan != plan.id:
            msg = f"the monitoring values are for plan {monitoring.plan}, not {plan.id}"
            raise PlanFileError(msg, path=monitoring.path, key="plan")
        actuals: Sequence[Actual] = monitoring.actuals
        path = monitoring.path
    else:
        actuals = tuple(monitoring)
    as_of = year if year is not None else evaluation_year(plan, stage)
    matched, unknown = match_actuals(plan, actuals, lambda i: code_for(i, catalog))
    if unknown:
        # A misspelt indicator id would otherwise vanish silently from the report.
        first = unknown[0]
        msg = f"no indicator {first.indicator!r} in plan {plan.id} (by id or catalog code)"
        raise PlanFileError(msg, path=path, line=first.line, key="indicator")
    results = tuple(
        _evaluate(
            indicator, matched.get(indicator.id, ()), as_of, plan.period.start, catalog, units
        )
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


def _evaluate(
    indicator: Indicator,
    actuals: Sequence[Actual],
    as_of: int,
    period_start: int,
    catalog: Catalog,
    units: Units,
) -> IndicatorEvaluation:
    entry = entry_for(indicator, catalog)
    target = indicator.target
    allowed = None
    if isinstance(target, Comparison | Range):
        allowed = allowed_values(target, direction_of(indicator, entry))
    latest = latest_actual(
        indicator,
        actuals,
        as_of,
        lambda value, unit: convert_value(units, value, unit, indicator.unit),
    )
    verdict = judge_progress(
        target,
        allowed,
        indicator.baseline,
        latest,
        as_of=as_of,
        period_start=period_start,
        unit=indicator.unit,
    )
    return IndicatorEvaluation(
        id=indicator.id,
        name=indicator.name,
        code=indicator.code or (entry.code if entry is not None else None),
        unit=indicator.unit,
        attribute=str(indicator.attribute) if indicator.attribute is not None else None,
        status=verdict.status,
        rule=verdict.rule,
        rule_values=verdict.rule_values,
        target=target_text(target),
        target_year=target.year if target is not None else None,
        allowed=describe_interval(verdict.allowed) if verdict.allowed is not None else "",
        baseline_year=indicator.baseline.year if indicator.baseline is not None else None,
        baseline=indicator.baseline.value if indicator.baseline is not None else None,
        actual_year=verdict.actual_year,
        actual=verdict.actual,
        threshold=verdict.threshold,
        gap=verdict.gap,
        path=verdict.path,
        expected=verdict.expected,
        annual_change=verdict.annual_change,
        target_low=verdict.allowed.low if verdict.allowed is not None else None,
        target_high=verdict.allowed.high if verdict.allowed is not None else None,
    )
