"""A plugin whose rule raises, to show how minzheng-plans reports a broken plugin."""

from __future__ import annotations

from collections.abc import Iterator

from minzheng_plans import CheckContext, Finding, Plan, Rule, Severity, hookimpl

__all__ = ["register_rules"]


def check(plan: Plan, _context: CheckContext) -> Iterator[Finding]:
    # The mistake: an empty plan is not the only case where this divides by zero.
    share = len(plan.indicators) / 0
    yield from ()
    del share


@hookimpl
def register_rules() -> list[Rule]:
    return [
        Rule(
            code="MZ999",
            name="broken.divides-by-zero",
            severity=Severity.WARNING,
            summary="A rule with a mistake in it",
            check=check,
        )
    ]
