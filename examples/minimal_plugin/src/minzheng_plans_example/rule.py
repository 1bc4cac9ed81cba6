"""MZ901: every indicator of a line list should state a target for the end of the period.

A line whose target cell is a dash (``——``) loads as an indicator without a target: the plan
lists the indicator but commits to nothing, which reviewers want to see.
"""

from __future__ import annotations

from collections.abc import Iterator

from minzheng_plans import CheckContext, Finding, Plan, Rule, Severity

__all__ = ["RULE"]


def check(plan: Plan, context: CheckContext) -> Iterator[Finding]:
    # The context is bound to this rule: its findings get code MZ901 and severity warning.
    for indicator in plan.indicators:
        if indicator.target is None:
            yield context.finding(
                "{name} states no target for {year}; give one, or suppress this finding with "
                "a reason if the indicator is only monitored.",
                indicator=indicator.id,
                name=indicator.name,
                year=plan.period.end,
            )


# The code is stated once, here; ``codes=("MZ902",)`` would declare a second one the check
# may give (``context.finding(..., code="MZ902")``). Any other code is refused (MZ008).
RULE = Rule(
    code="MZ901",
    name="example.target-missing",
    severity=Severity.WARNING,
    summary="An indicator states no target",
    check=check,
)
