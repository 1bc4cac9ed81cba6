"""A rule declares the codes it may emit; the runner refuses others (MZ008) and selects by any."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from minzheng_plans import CheckContext, Rule, Severity, loads_plan, make_finding
from minzheng_plans.checking.runner import check_plans
from minzheng_plans.cli.app import cli
from minzheng_plans.plugins.hookspecs import declared_codes
from minzheng_plans.testing import make_host, make_indicator, make_plan, run_rule

from .conftest_plans import MINIMAL_PLAN

TODAY = dt.date(2026, 6, 1)


def _two_codes(plan, context):
    for indicator in plan.indicators:
        yield context.finding("first {name}", indicator=indicator.id, name=indicator.name)
        yield context.finding(
            "second {name}", code="MZ912", severity=Severity.INFO, name=indicator.name
        )


TWO = Rule("MZ911", "test.two-codes", Severity.WARNING, "gives two codes", _two_codes,
           codes=("MZ912",))  # fmt: skip


def _run(*rules: Rule, **options):
    host = make_host(*rules, builtins=False)
    return check_plans([loads_plan(MINIMAL_PLAN)], host, today=TODAY, **options)


class TestDeclaration:
    def test_a_rule_declares_its_own_code_by_default(self):
        """Without codes, a rule declares exactly its code."""
        rule = Rule("MZ901", "test.one", Severity.INFO, "one", _two_codes)
        assert ("MZ901",) == rule.codes

    def test_own_code_comes_first_once(self):
        """codes lists the rule's code first, each code once, whatever was passed."""
        rule = Rule("MZ901", "test.x", Severity.INFO, "x", _two_codes, codes=("MZ903", "MZ901"))
        assert ("MZ901", "MZ903") == rule.codes

    def test_a_malformed_code_is_refused_at_construction(self):
        """A declared code that is not MZ and three digits is a ValueError naming it."""
        with pytest.raises(ValueError, match="not 'E1'"):
            Rule("MZ901", "test.bad", Severity.INFO, "bad", _two_codes, codes=("E1",))

    def test_class_rules_without_codes_declare_their_code(self):
        """A rule written as a class without a codes attribute declares only its code."""

        class Plain:
            code, name, severity, summary, scope, aliases = (
                "MZ905", "test.plain", Severity.INFO, "plain", "plan", ()
            )  # fmt: skip

            def check(self, plan, context):
                return []

        assert ("MZ905",) == declared_codes(Plain())


class TestRunner:
    def test_declared_codes_are_kept_with_their_severities(self):
        """Both codes a rule declares reach the report, each with the severity it was given."""
        found = _run(TWO)
        assert [("MZ911", "warning"), ("MZ912", "info")] == sorted(
            {(f.code, str(f.severity)) for f in found}
        )

    def test_an_undeclared_code_is_dropped_and_reported(self):
        """A finding with a code the rule did not declare becomes MZ008 naming the rule."""

        def stray(plan, _context):
            yield make_finding("MZ401", Severity.ERROR, "pretends to be compliance")

        rule = Rule("MZ913", "test.stray", Severity.WARNING, "strays", stray)
        (finding,) = _run(rule)
        assert ("MZ008", "error") == (finding.code, str(finding.severity))
        assert "code MZ401 from rule MZ913 (test.stray)" in finding.text
        assert "declares only MZ913" in finding.text

    def test_selecting_a_further_code_runs_the_rule(self):
        """--select MZ912 runs the rule whose own code is MZ911 and keeps only MZ912."""
        assert {"MZ912"} == {f.code for f in _run(TWO, select=["MZ912"])}

    def test_ignoring_every_code_skips_the_rule(self):
        """A rule none of whose codes is wanted is not called."""
        calls: list[str] = []

        def counted(plan, context):
            calls.append(plan.id)
            return _two_codes(plan, context)

        rule = Rule("MZ911", "test.counted", Severity.INFO, "c", counted, codes=("MZ912",))
        assert [] == list(_run(rule, ignore=["MZ911", "MZ912"]))
        assert [] == calls


class TestContext:
    def test_finding_uses_the_bound_rule(self):
        """context.finding fills in the code and severity of the rule the context is bound to."""
        plan = make_plan(make_indicator("覆盖率", "%", target="≥90"))
        (first, second) = run_rule(TWO, plan)
        assert ("MZ911", Severity.WARNING, "first 覆盖率") == (
            first.code,
            first.severity,
            first.text,
        )
        assert ("MZ912", Severity.INFO) == (second.code, second.severity)

    def test_an_unbound_context_needs_code_and_severity(self):
        """Outside a rule (a context built by hand) a finding must say its code and severity."""
        context = CheckContext(make_host(builtins=False), [])
        with pytest.raises(TypeError, match="bound to no rule"):
            context.finding("message")
        made = context.finding("message", code="MZ990", severity=Severity.INFO)
        assert ("MZ990", Severity.INFO) == (made.code, made.severity)

    def test_memo_is_shared_by_the_rules_of_a_run(self):
        """Two rules asking the memo for one key compute once; another run computes again."""
        computed: list[int] = []

        def shared(plan, context):
            value = context.memo(("test-shared", plan.id), lambda: computed.append(1) or 7)
            yield context.finding("value {value}", value=value)

        rules = [
            Rule(code, f"test.{code.lower()}", Severity.INFO, "shares", shared)
            for code in ("MZ921", "MZ922")
        ]
        assert 2 == len(_run(*rules))
        assert [1] == computed
        _run(*rules)
        assert [1, 1] == computed

    def test_views_share_the_run_but_not_the_rule(self):
        """for_rule gives a view bound to another rule over the same plans and memo."""
        context = CheckContext(make_host(builtins=False), [loads_plan(MINIMAL_PLAN)])
        bound = context.for_rule(TWO)
        context.memo("k", lambda: "v")
        assert (None, TWO) == (context.rule, bound.rule)
        assert "v" == bound.memo("k", lambda: "other")
        assert context.plans == bound.plans


def test_rules_lists_each_rules_codes():
    """`rules --format json` gives each rule's codes; the text form names the further ones."""
    host = make_host(TWO)
    listed = CliRunner().invoke(cli, ["rules", "--format", "json"], obj={"host": host})
    rows = {row["code"]: row for row in json.loads(listed.stdout)["rules"]}
    assert (["MZ911", "MZ912"], ["MZ401"], ["MZ001"]) == (
        rows["MZ911"]["codes"],
        rows["MZ401"]["codes"],
        rows["MZ001"]["codes"],
    )
    text = CliRunner().invoke(cli, ["rules", "--lang", "en"], obj={"host": make_host(TWO)}).stdout
    line = next(line for line in text.splitlines() if line.startswith("MZ911"))
    assert "MZ911 test.two-codes [warning] gives two codes (testing); also MZ912" == line
