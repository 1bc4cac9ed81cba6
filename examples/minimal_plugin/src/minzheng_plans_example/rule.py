"""MZ901: a percentage target above 100 % is almost always a typing slip (120 for 12.0)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from minzheng_plans import (
    CheckContext,
    Comparison,
    Finding,
    Plan,
    Range,
    Rule,
    Severity,
    Target,
    make_finding,
)

__all__ = ["RULE"]

_WHOLE = Decimal(100)


def _highest(target: Target | None) -> Decimal | None:
    if isinstance(target, Comparison):
        return target.value
    if isinstance(target, Range):
        return target.high
    return None  # a relative target names no number of its own


def check(plan: Plan, _context: CheckContext) -> Iterator[Finding]:
    for indicator in plan.indicators:
        highest = _highest(indicator.target)
        if indicator.unit == "%" and highest is not None and highest > _WHOLE:
            yield make_finding(
                "MZ901",
                Severity.WARNING,
                "The target of {name} is {value}%, more than the whole; check for a typing "
                "slip, or suppress this finding with a reason if the indicator is a growth rate.",
                indicator=indicator.id,
                name=indicator.name,
                value=highest,
            )


RULE = Rule(
    code="MZ901",
    name="example.share-over-100",
    severity=Severity.WARNING,
    summary="A percentage target above 100%",
    check=check,
)
