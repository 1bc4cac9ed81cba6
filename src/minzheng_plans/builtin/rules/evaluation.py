"""Evaluation rules (MZ6xx): what the actual values of a plan's indicators say about its targets.

Actual values come from the plan itself (``indicators[].actual``) and from the monitoring
values of the run (``check --monitoring FILE``, ``evaluate``), matched to indicators by the
checking layer and read here through :meth:`CheckContext.actuals`. Each indicator is judged
by :func:`minzheng_plans.core.progress.judge_progress`, the judgement the ``evaluate`` report
shows, so a finding and the report never disagree. A plan without actual values gives no
MZ6xx finding.

A completion status (已完成) that contradicts its actual value is MZ209, among the consistency
rules: it needs no monitoring value, and ``evaluate`` reports it with these.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from minzheng_plans.builtin.rules._kit import (
    allowed,
    at,
    catalog_entry,
    rule,
)
from minzheng_plans.core.direction import direction_of
from minzheng_plans.core.findings import Finding, Severity, make_finding
from minzheng_plans.core.formatting import plain
from minzheng_plans.core.model import Attribute, Indicator, Plan
from minzheng_plans.core.targets import describe_interval
from minzheng_plans.plugins.context import CheckContext
from minzheng_plans.plugins.hookspecs import Rule, hookimpl
from minzheng_plans.units.conversion import convert_value

if TYPE_CHECKING:
    from minzheng_plans.core.progress import Actual, Progress

__all__ = ["RULES", "register_rules"]

_HUNDRED = Decimal(100)


def _judged(plan: Plan, context: CheckContext) -> Iterator[tuple[Indicator, Progress]]:
    """Each indicator with a target and an actual value, with its judgement; indicators
    without either cost nothing (most plans have no actual values at all)."""
    for item in plan.indicators:
        if item.target is None or (item.actual is None and not context.actuals(plan, item.id)):
            continue
        yield item, _progress(plan, item, context)


def _progress(plan: Plan, item: Indicator, context: CheckContext) -> Progress:
    # Imported on the first actual value: most plans have none, and a check need not pay for it.
    from minzheng_plans.core.progress import judge_progress, latest_actual  # noqa: PLC0415

    target = item.target
    interval = None
    if target is not None:
        interval = allowed(target, direction_of(item, catalog_entry(item, context)))
    units = context.units()
    latest = latest_actual(
        item,
        context.actuals(plan, item.id),
        context.as_of,
        lambda value, unit: convert_value(units, value, unit, item.unit),
    )
    as_of = context.as_of
    if as_of is None:
        # ``check`` judges the latest value it has, whatever its year.
        as_of = latest[0] if isinstance(latest, tuple) else plan.period.end
    return judge_progress(
        target,
        interval,
        item.baseline,
        latest,
        as_of=as_of,
        period_start=plan.period.start,
        unit=item.unit,
    )


_MISSED = {
    True: "Binding target missed: {name} was {actual} {unit} in {year}, outside its "
    "{target_year} target {allowed}.",
    False: "Target missed: {name} was {actual} {unit} in {year}, outside its {target_year} "
    "target {allowed} (the target is not binding).",
}


def _missed(plan: Plan, context: CheckContext, *, binding: bool) -> Iterator[Finding]:
    for item, verdict in _judged(plan, context):
        if (item.attribute is Attribute.BINDING) is not binding:
            continue
        if verdict.rule != "deadline-passed" or verdict.allowed is None or item.target is None:
            continue
        assert verdict.actual is not None
        assert verdict.actual_year is not None
        yield make_finding(
            "MZ601" if binding else "MZ602",
            Severity.ERROR if binding else Severity.WARNING,
            _MISSED[binding],
            **at(plan, item),
            name=item.name,
            year=verdict.actual_year,
            actual=plain(verdict.actual),
            unit=item.unit,
            target_year=item.target.year,
            allowed=describe_interval(verdict.allowed),
        )


@rule(
    "MZ601",
    "evaluation.binding-target-missed",
    Severity.ERROR,
    "A binding target was missed: the value for its target year lies outside it",
)
def binding_target_missed(plan: Plan, context: CheckContext) -> Iterator[Finding]:
    yield from _missed(plan, context, binding=True)


@rule(
    "MZ602",
    "evaluation.target-missed",
    Severity.WARNING,
    "A target that is not binding was missed: the value for its target year lies outside it",
)
def target_missed(plan: Plan, context: CheckContext) -> Iterator[Finding]:
    yield from _missed(plan, context, binding=False)


@rule(
    "MZ603",
    "evaluation.behind-path",
    Severity.WARNING,
    "Before its target year, an actual value is behind the path from the baseline to the "
    "target by more than the progress margin",
)
def behind_path(plan: Plan, context: CheckContext) -> Iterator[Finding]:
    for item, verdict in _judged(plan, context):
        if verdict.rule != "behind-path" or verdict.behind is None or item.target is None:
            continue
        if verdict.behind <= context.progress_margin:
            continue
        assert verdict.actual is not None
        assert verdict.expected is not None
        yield make_finding(
            "MZ603",
            Severity.WARNING,
            "{name} is behind its path: {actual} {unit} in {year}, where the path to the "
            "{target_year} target passes {expected}; {behind}% of the planned change short "
            "(margin {margin}%).",
            **at(plan, item),
            name=item.name,
            actual=plain(verdict.actual),
            unit=item.unit,
            year=verdict.actual_year or 0,
            target_year=item.target.year,
            expected=plain(verdict.expected),
            behind=(verdict.behind * _HUNDRED).normalize(),
            margin=(context.progress_margin * _HUNDRED).normalize(),
        )


def _actuals(plan: Plan, item: Indicator, context: CheckContext) -> Iterator[tuple[Actual, bool]]:
    """The indicator's actual values up to the evaluation year, each with whether it is the
    plan's own (``indicators[].actual``) rather than a monitoring value; its own one first."""
    if item.actual is not None:
        from minzheng_plans.core.progress import Actual  # noqa: PLC0415 - see _progress

        yield Actual(item.id, item.actual.year, item.actual.value), True
    for actual in context.actuals(plan, item.id):
        if context.as_of is None or actual.year <= context.as_of:
            yield actual, False


@rule(
    "MZ604",
    "evaluation.actual-outside-period",
    Severity.WARNING,
    "An actual value is given for a year outside the plan period",
)
def actual_outside_period(plan: Plan, context: CheckContext) -> Iterator[Finding]:
    period = plan.period
    for item in plan.indicators:
        in_period = item.target is not None and item.target.year in period
        if item.target is not None and not in_period:
            # A completion record of the previous plan (or a long-range goal): its values
            # belong to its own target year.
            continue
        for actual, own in _actuals(plan, item, context):
            if actual.year in period:
                continue
            if own and not in_period:
                # The plan's own value of a row without a target of this period: a completion
                # table (完成情况) reporting the previous plan.
                continue
            yield make_finding(
                "MZ604",
                Severity.WARNING,
                "{name} has an actual value for {year}, outside the plan period {start}-{end}.",
                **at(plan, item),
                name=item.name,
                year=actual.year,
                start=period.start,
                end=period.end,
            )


@rule(
    "MZ605",
    "evaluation.unit-does-not-convert",
    Severity.WARNING,
    "An actual value's unit does not convert to the indicator's unit",
)
def unit_does_not_convert(plan: Plan, context: CheckContext) -> Iterator[Finding]:
    units = context.units()
    for item in plan.indicators:
        for actual, _own in _actuals(plan, item, context):
            unit = actual.unit
            if unit is None or unit == item.unit:
                continue
            if convert_value(units, actual.value, unit, item.unit) is not None:
                continue
            yield make_finding(
                "MZ605",
                Severity.WARNING,
                "The {year} value of {name} is in {unit}, which does not convert to the "
                "indicator's unit {indicator_unit}; it cannot be judged.",
                **at(plan, item),
                name=item.name,
                year=actual.year,
                unit=unit,
                indicator_unit=item.unit or "-",
            )


RULES: tuple[Rule, ...] = (
    binding_target_missed,
    target_missed,
    behind_path,
    actual_outside_period,
    unit_does_not_convert,
)


@hookimpl
def register_rules() -> list[Rule]:
    return list(RULES)
