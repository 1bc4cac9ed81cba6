"""MZ901: every indicator of a line list should state a target for the end of the period.

A line whose target cell is a dash (``——``) loads as an indicator without a target: the plan
lists the indicator but commits to nothing, which reviewers want to see.
"""

from __future__ import annotations

from collections.abc import Iterator

from minzheng_plans import CheckContext, Finding, Plan, Rule, Severity, make_finding

__all__ = ["RULE"]


def check(plan: Plan, _context: CheckContext) -> Iterator[Finding]:
    for indicator in plan.indicators:
        if indicator.target is None:
            yield make_finding(
                "MZ901",
                Severity.WARNING,
                "{name} states no target for {year}; give one, or suppress this finding with "
                "a reason if the indicator is only monitored.",
                indicator=indicator.id,
                name=indicator.name,
                year=plan.period.end,
            )


RULE = Rule(
    code="MZ901",
    name="example.target-missing",
    severity=Severity.WARNING,
    summary="An indicator states no target",
    check=check,
)
