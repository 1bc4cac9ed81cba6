"""Which findings a run keeps, and whether they fail it: selection, suppressions, exit rule.

``select`` and ``ignore`` take codes or prefixes (``MZ4``, ``MZ401``); a plan file's
``[[suppress]]`` entries drop matching findings of that plan until they expire, and an expired
or unused suppression is itself reported (MZ105). Plugin and runtime findings (MZ0xx) are
reported but never fail a run, so a broken third-party plugin cannot fail CI.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from minzheng_plans.core.findings import Finding, Severity, code_matches, make_finding
from minzheng_plans.core.model import Plan

__all__ = ["RUNTIME_PREFIX", "apply_suppressions", "fails_run", "wanted"]

#: Codes of plugin and runtime problems: reported, but never a reason to fail a run.
RUNTIME_PREFIX = "MZ0"


def wanted(code: str, select: Sequence[str], ignore: Sequence[str]) -> bool:
    """Whether ``code`` is selected (or nothing is) and not ignored."""
    if select and not code_matches(code, select):
        return False
    return not (ignore and code_matches(code, ignore))


def fails_run(findings: Iterable[Finding]) -> bool:
    """Whether an error finding about the data (not a runtime MZ0xx one) is among ``findings``."""
    return any(
        f.severity is Severity.ERROR and not f.code.startswith(RUNTIME_PREFIX) for f in findings
    )


def apply_suppressions(
    findings: list[Finding], plans: Sequence[Plan], today: dt.date
) -> list[Finding]:
    """``findings`` without those a plan's live suppressions match, plus MZ105 for each
    suppression that expired or matched nothing."""
    kept: list[Finding] = []
    used: set[tuple[str, int]] = set()
    by_plan = {plan.id: plan for plan in plans}
    for finding in findings:
        plan = by_plan.get(finding.plan or "")
        match = None
        if plan is not None:
            for position, rule in enumerate(plan.suppress):
                expired = rule.expires is not None and rule.expires < today
                if (
                    not expired
                    and code_matches(finding.code, [rule.code])
                    and (rule.indicator is None or rule.indicator == finding.indicator)
                ):
                    match = position
                    break
        if match is None:
            kept.append(finding)
        else:
            used.add((plan.id, match))  # type: ignore[union-attr]
    for plan in plans:
        for position, rule in enumerate(plan.suppress):
            if rule.expires is not None and rule.expires < today:
                kept.append(
                    make_finding(
                        "MZ105",
                        Severity.WARNING,
                        "Suppression of {suppressed} expired on {expires}; fix the finding or "
                        "renew the suppression with a reason.",
                        plan=plan.id,
                        indicator=rule.indicator,
                        suppressed=rule.code,
                        expires=rule.expires.isoformat(),
                    )
                )
            elif (plan.id, position) not in used:
                kept.append(
                    make_finding(
                        "MZ105",
                        Severity.WARNING,
                        "Suppression of {suppressed} matches no finding; remove it.",
                        plan=plan.id,
                        indicator=rule.indicator,
                        suppressed=rule.code,
                    )
                )
    return kept
