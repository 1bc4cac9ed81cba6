"""The rule registry at work: --select/--ignore by code or prefix, suppressions, plan-set rules."""

from __future__ import annotations

import datetime as dt

import pytest

from minzheng_plans import PlanStructureError, Rule, Severity, loads_plan, make_finding
from minzheng_plans.checking.runner import check_plans
from minzheng_plans.testing import make_host

from .conftest_plans import MINIMAL_PLAN

TODAY = dt.date(2026, 6, 1)


def _flag(code: str, calls: list[str] | None = None):
    def check(plan, _context):
        if calls is not None:
            calls.append(code)
        for indicator in plan.indicators:
            yield make_finding(
                code,
                Severity.WARNING,
                "flagged {name}",
                indicator=indicator.id,
                name=indicator.name,
            )

    return Rule(code, f"test.{code.lower()}", Severity.WARNING, "flags every indicator", check)


def _run(plan_text: str, *rules: Rule, **options):
    host = make_host(*rules, builtins=False)
    return check_plans([loads_plan(plan_text)], host, today=TODAY, **options)


class TestSelection:
    def test_select_by_prefix_runs_only_matching_rules(self):
        """--select MZ9 keeps MZ901 and MZ902 and never calls the MZ801 rule."""
        calls: list[str] = []
        rules = [_flag(code, calls) for code in ("MZ801", "MZ901", "MZ902")]
        found = _run(MINIMAL_PLAN, *rules, select=["MZ9"])
        assert ["MZ901", "MZ902"] == sorted(f.code for f in found)
        assert ["MZ901", "MZ902"] == sorted(calls)

    def test_ignore_by_full_code(self):
        """--ignore MZ902 drops exactly that code."""
        found = _run(MINIMAL_PLAN, _flag("MZ901"), _flag("MZ902"), ignore=["MZ902"])
        assert ["MZ901"] == [f.code for f in found]

    def test_select_and_ignore_combine(self):
        """Ignore wins inside a selected prefix."""
        rules = [_flag("MZ901"), _flag("MZ902")]
        found = _run(MINIMAL_PLAN, *rules, select=["MZ9"], ignore=["mz901"])
        assert ["MZ902"] == [f.code for f in found]


SUPPRESSED = (
    MINIMAL_PLAN
    + """
[[suppress]]
code = "MZ901"
indicator = "t1.1"
reason = "赋值口径与上级规划不同，已核实"
"""
)


class TestSuppressions:
    def test_suppression_with_a_reason_silences_the_finding(self):
        """A [[suppress]] for MZ901 on t1.1 removes that finding and nothing else."""
        found = _run(SUPPRESSED, _flag("MZ901"), _flag("MZ902"))
        assert ["MZ902"] == [f.code for f in found]

    def test_suppression_without_a_reason_is_refused(self):
        """A suppression must say why: an empty reason makes the plan file invalid."""
        with pytest.raises(PlanStructureError, match="reason"):
            loads_plan(SUPPRESSED.replace("赋值口径与上级规划不同，已核实", " "))

    def test_expired_suppression_no_longer_applies_and_says_so(self):
        """After its expiry date the finding is back, with an MZ105 warning."""
        expired = SUPPRESSED + "expires = 2026-01-01\n"
        found = _run(expired, _flag("MZ901"))
        assert ["MZ105", "MZ901"] == sorted(f.code for f in found)

    def test_unused_suppression_is_reported(self):
        """A suppression that matches no finding is MZ105, so stale ones get removed."""
        found = _run(SUPPRESSED, _flag("MZ902"))
        assert ["MZ105", "MZ902"] == sorted(f.code for f in found)


class TestScopes:
    def test_plan_set_rule_sees_every_plan_once(self):
        """A scope='plans' rule is called once with all plans; a plan rule once per plan."""
        seen: list[int] = []

        def across(plans, _context):
            seen.append(len(plans))
            yield make_finding("MZ903", Severity.INFO, "{n} plans", n=len(plans))

        rule = Rule("MZ903", "test.across", Severity.INFO, "counts plans", across, scope="plans")
        second = MINIMAL_PLAN.replace("990102", "990103")
        host = make_host(rule, _flag("MZ901"), builtins=False)
        found = check_plans([loads_plan(MINIMAL_PLAN), loads_plan(second)], host, today=TODAY)
        assert [2] == seen
        assert ["MZ901", "MZ901", "MZ903"] == sorted(f.code for f in found)
        assert {"990102-2021-2025", "990103-2021-2025"} == {
            f.plan for f in found if f.code == "MZ901"
        }
