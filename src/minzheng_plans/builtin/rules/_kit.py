"""Small helpers shared by the built-in rules: catalog look-up, allowed sets, locations."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict

from minzheng_plans.core.findings import Finding, Severity
from minzheng_plans.core.model import Indicator, Observation, Plan, SourceKind
from minzheng_plans.core.quantity import (
    Comparator,
    Comparison,
    Direction,
    Interval,
    Range,
    Relative,
    Target,
)
from minzheng_plans.core.targets import allowed_values
from minzheng_plans.plugins.hookspecs import Rule, RuleScope

if TYPE_CHECKING:
    from minzheng_plans.plugins.context import CheckContext
    from minzheng_plans.registries.catalog import Catalog, CatalogEntry

__all__ = [
    "Where",
    "allowed",
    "at",
    "catalog_entry",
    "is_prose",
    "is_table_row",
    "kind_of",
    "observed",
    "rule",
    "target_numbers",
]

Check = Callable[[Any, "CheckContext"], Iterable[Finding]]


def rule(
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    *,
    scope: RuleScope = "plan",
    codes: Iterable[str] = (),
    divisible: bool = False,
) -> Callable[[Check], Rule]:
    """Decorator: turn a check function into a :class:`Rule` with its metadata.

    The code is stated here once: the check makes its findings with ``context.finding(...)``
    (the context is bound to the rule, so the code and severity come from it). ``codes`` names
    further codes the check may emit (with ``context.finding(..., code=...)``); the runner
    refuses any other. ``scope="plan"`` checks take one plan; ``scope="plans"`` every plan of
    the run (``divisible``: or any part of them, as :class:`Rule` says).
    """

    def wrap(check: Check) -> Rule:
        return Rule(
            code=code,
            name=name,
            severity=severity,
            summary=summary,
            check=check,
            scope=scope,
            codes=(code, *codes),
            divisible=divisible,
        )

    return wrap


class Where(TypedDict):
    """Where a finding about an indicator points: keyword arguments of ``context.finding``."""

    plan: str
    indicator: str | None
    file: str | None
    line: int | None


def at(plan: Plan, indicator: Indicator | None = None) -> Where:
    """``context.finding(message, **at(plan, item), ...)``: the plan, the indicator and its
    source line. Rules pass a literal message (or a module constant) so the message-id
    collector finds every message for translators."""
    line = indicator.source.line if indicator is not None and indicator.source else None
    return Where(
        plan=plan.id,
        indicator=indicator.id if indicator is not None else None,
        file=plan.source if line is not None else None,
        line=line,
    )


def catalog_entry(indicator: Indicator, context: CheckContext) -> CatalogEntry | None:
    """The catalog entry for an indicator: by its code, else by an exact or alias name match.

    Fuzzy candidates are never used here: a rule that acted on a guess would raise false
    alarms (rapidfuzz scores unrelated 低保 names above related ones).
    """
    catalog = context.catalog()
    if indicator.code:
        return catalog.get(indicator.code)
    # Several rules ask about every indicator: the run remembers each answer.
    name, unit = indicator.name, indicator.unit
    return context.memo((_matched, name, unit), lambda: _matched(catalog, name, unit))


def _matched(catalog: Catalog, name: str, unit: str) -> CatalogEntry | None:
    match = catalog.match(name, unit, suggest=False)
    return match.entry if match.how in ("exact", "alias", "normalised") else None


def kind_of(entry: CatalogEntry | None) -> str | None:
    if entry is None:
        return None
    kind: Any = entry.kind
    return str(getattr(kind, "value", kind))


def allowed(target: Target, direction: Direction) -> Interval | None:
    """The set of values a target allows (:func:`~minzheng_plans.core.targets.allowed_values`):
    ``达到50`` is ≥50 or ≤50 by direction (:func:`~minzheng_plans.core.direction.direction_of`).

    ``None`` for relative targets, and for a bare number when no way is better: the checks'
    policy, since reading it as a single point would turn every overshoot into a contradiction.
    """
    if isinstance(target, Relative):
        return None
    if (
        isinstance(target, Comparison)
        and target.comparator is Comparator.EQ
        and direction is Direction.NEITHER
    ):
        return None
    return allowed_values(target, direction)


def observed(observation: Observation) -> Interval:
    """What a measured value says: ``≥95`` is every value from 95 up."""
    return Interval.from_comparator(observation.comparator, observation.value)


def target_numbers(target: Target) -> tuple[Decimal, ...]:
    if isinstance(target, Comparison):
        return (target.value,)
    if isinstance(target, Range):
        return (target.low, target.high)
    return tuple(v for v in (target.low, target.high) if v is not None)


def is_table_row(indicator: Indicator) -> bool:
    if indicator.source is not None:
        return indicator.source.kind == SourceKind.TABLE
    return indicator.id.startswith("t")


def is_prose(indicator: Indicator) -> bool:
    if indicator.source is not None:
        return indicator.source.kind == SourceKind.PROSE and indicator.project is None
    return indicator.id.startswith("p")


def values_of(indicator: Indicator) -> Iterator[tuple[str, int, Decimal]]:
    """Every number an indicator states, with what it is and its year."""
    if indicator.baseline is not None:
        yield "baseline", indicator.baseline.year, indicator.baseline.value
    if indicator.target is not None:
        for value in target_numbers(indicator.target):
            yield "target", indicator.target.year, value
    if indicator.actual is not None:
        yield "actual", indicator.actual.year, indicator.actual.value
