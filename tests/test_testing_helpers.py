"""minzheng_plans.testing: each helper passes a contract-keeping plugin and fails a broken one."""

from __future__ import annotations

import types
from decimal import Decimal

import pytest

from minzheng_plans import (
    Comparator,
    Comparison,
    Document,
    Loader,
    LoadResult,
    Rule,
    Severity,
    dumps_plan,
    hookimpl,
    loads_plan,
    make_finding,
)
from minzheng_plans.builtin.loaders.tables import CSV_LOADER
from minzheng_plans.testing import (
    as_document,
    assert_codes,
    assert_loader_contract,
    assert_rule_contract,
    make_host,
    make_indicator,
    make_load_context,
    make_plan,
    run_rule,
)

from .conftest_plans import MINIMAL_PLAN

LOAD_CONTEXT = make_load_context()

TABLE = """\
period,2021,2025
name,unit,baseline,target
养老机构护理型床位占比,%,41.5,≥55
"""


def _over_100(plan, _context):
    for indicator in plan.indicators:
        target = indicator.target
        if indicator.unit == "%" and isinstance(target, Comparison) and target.value > 100:
            yield make_finding(
                "MZ901",
                Severity.WARNING,
                "Share {name} has a target above 100%",
                indicator=indicator.id,
                name=indicator.name,
            )


SHARE_RULE = Rule("MZ901", "test.share-over-100", Severity.WARNING, "A share over 100%", _over_100)

FAILING = make_plan(make_indicator("护理型床位占比", "%", target="≥120"))
PASSING = make_plan(make_indicator("护理型床位占比", "%", target="≥55"))


def _nothing():
    return []


def _rule(check, code="MZ901", **changes):
    return Rule(
        code, changes.pop("name", "test.rule"), Severity.WARNING, "summary", check, **changes
    )


def _loader(sniff, load=None, name="test.loader"):
    return Loader(name, "a test loader", sniff=sniff, load=load or CSV_LOADER.load)


class TestMakeHost:
    def test_bare_loader_and_rule_become_one_plugin(self):
        """Loaders and rules passed directly are contributed by a plugin named testing."""
        host = make_host(
            CSV_LOADER.__class__("x.y", "d", CSV_LOADER.sniff, CSV_LOADER.load), SHARE_RULE
        )
        assert ["testing"] == [i.plugin.name for i in host.loaders() if i.name == "x.y"]
        assert ["MZ901"] == [i.code for i in host.rules() if i.plugin.name == "testing"]

    def test_builtins_can_be_left_out(self):
        """builtins=False gives a host with only the plugins passed."""
        assert [] == make_host(builtins=False).loaders()
        assert {"plan-file.toml", "table.csv"} <= {i.name for i in make_host().loaders()}

    def test_a_refused_plugin_fails_loudly_unless_not_strict(self):
        """A typo in a hook name is an AssertionError, or an MZ002 finding with strict=False."""
        typo = types.SimpleNamespace(__name__="typo", register_rule=hookimpl(_nothing))
        with pytest.raises(AssertionError, match="register_rule"):
            make_host(typo)
        assert ["MZ002"] == [f.code for f in make_host(typo, strict=False).findings]


class TestLoaderContract:
    def test_the_csv_loader_keeps_the_contract(self):
        """The built-in CSV loader passes with its own table and a plan file as the other."""
        results = assert_loader_contract(
            CSV_LOADER,
            [("t.csv", TABLE), ("t.csv", TABLE.encode("gb18030"))],
            [("p.toml", MINIMAL_PLAN)],
        )
        assert [1, 1] == [len(r.plan.indicators) for r in results]

    def test_sniff_raising_on_binary_fails(self):
        """A sniff that assumes text breaks on a binary document."""

        def sniff(document, _context):
            return 0.9 if document.text.startswith("period") else 0.0

        with pytest.raises(AssertionError, match=r"raised AttributeError on noise\.bin"):
            assert_loader_contract(_loader(sniff), [("t.csv", TABLE)])

    def test_sniff_out_of_range_fails(self):
        """A confidence must be a number in [0, 1], not a percentage."""
        with pytest.raises(AssertionError, match="not a number in"):
            assert_loader_contract(_loader(lambda d, _c: 90), [("t.csv", TABLE)])

    def test_loader_beaten_by_another_fails(self):
        """Claiming plan files at 0.5 loses to the plan-file loader: not selected."""
        with pytest.raises(AssertionError, match=r"not selected .*plan-file\.toml 1\.00"):
            assert_loader_contract(_loader(lambda d, _c: 0.5), [("p.toml", MINIMAL_PLAN)])

    def test_claiming_other_documents_fails(self):
        """A loader that claims everything equally claims the other documents too."""
        greedy = _loader(lambda d, _c: 0.95, name="test.greedy")
        with pytest.raises(AssertionError, match="claims the other document"):
            assert_loader_contract(greedy, [("t.csv", TABLE)], [("x.txt", "hello")])

    def test_load_returning_a_plan_instead_of_a_result_fails(self):
        """load must wrap the plan in a LoadResult."""
        bare = _loader(
            CSV_LOADER.sniff, lambda d, _c: CSV_LOADER.load(d, LOAD_CONTEXT).plan, name="test.bare"
        )
        with pytest.raises(AssertionError, match="not a LoadResult"):
            assert_loader_contract(bare, [("t.txt", TABLE)], host=make_host(bare, builtins=False))

    def test_finding_with_a_missing_argument_fails(self):
        """A finding whose message names an argument the loader forgot cannot be shown."""

        def load(document, _context):
            result = CSV_LOADER.load(document, LOAD_CONTEXT)
            broken = make_finding("MZ501", Severity.WARNING, "Row {row} unreadable")
            return LoadResult(result.plan, [broken])

        loader = _loader(CSV_LOADER.sniff, load)
        with pytest.raises(AssertionError, match="lacks an argument"):
            assert_loader_contract(
                loader, [("t.txt", TABLE)], host=make_host(loader, builtins=False)
            )

    def test_no_own_documents_is_refused(self):
        """A contract check with nothing to read proves nothing, so it fails."""
        with pytest.raises(AssertionError, match="at least one"):
            assert_loader_contract(CSV_LOADER, [])


class TestRuleContract:
    def test_a_good_rule_passes_and_returns_its_findings(self):
        """The share rule flags ≥120 % and not ≥55 %."""
        found = assert_rule_contract(SHARE_RULE, FAILING, PASSING, code_prefix="MZ9")
        assert [("MZ901", "t1.1", FAILING.id)] == [(f.code, f.indicator, f.plan) for f in found]

    def test_rule_flagging_the_passing_case_fails(self):
        """A rule that flags every plan fails on the passing case."""

        def everything(plan, _context):
            yield make_finding("MZ901", Severity.WARNING, "flagged")

        with pytest.raises(AssertionError, match="flags the passing case"):
            assert_rule_contract(_rule(everything), FAILING, PASSING)

    def test_rule_finding_nothing_fails(self):
        """A rule that never fires fails on the failing case."""
        with pytest.raises(AssertionError, match="found nothing"):
            assert_rule_contract(_rule(lambda plan, context: []), FAILING, PASSING)

    def test_rule_raising_is_an_assertion_not_a_pass(self):
        """A crash is never mistaken for 'no findings'; the original error is chained."""

        def crash(plan, _context):
            raise ZeroDivisionError

        with pytest.raises(AssertionError, match="raised ZeroDivisionError"):
            assert_rule_contract(_rule(crash), FAILING, PASSING)

    def test_findings_with_a_foreign_code_fail(self):
        """Every finding of a rule carries a code the rule declares."""

        def other(plan, _context):
            yield make_finding("MZ902", Severity.WARNING, "other")

        with pytest.raises(AssertionError, match=r"does not declare: MZ902 \(declared: MZ901"):
            assert_rule_contract(_rule(other), FAILING, PASSING)

    def test_declared_codes_pass(self):
        """A rule that declares MZ902 too may give it, made through its bound context."""

        def both(plan, context):
            if list(_over_100(plan, context)):
                yield context.finding("own", plan=plan.id)
                yield context.finding("other", code="MZ902", severity=Severity.INFO)

        found = assert_rule_contract(_rule(both, codes=("MZ902",)), FAILING, PASSING)
        assert [("MZ901", "warning"), ("MZ902", "info")] == [(f.code, f.severity) for f in found]

    def test_declared_codes_keep_the_prefix(self):
        """Every declared code, not only the rule's own, is held to code_prefix."""
        with pytest.raises(AssertionError, match="'MZ201' does not start with 'MZ9'"):
            assert_rule_contract(
                _rule(_over_100, codes=("MZ201",)), FAILING, PASSING, code_prefix="MZ9"
            )

    def test_bad_declaration_fails(self):
        """A code outside the third-party range, or a name with spaces, is refused."""
        with pytest.raises(AssertionError, match="does not start with 'MZ9'"):
            assert_rule_contract(
                _rule(_over_100, code="MZ201"), FAILING, PASSING, code_prefix="MZ9"
            )
        with pytest.raises(AssertionError, match="without spaces"):
            assert_rule_contract(_rule(_over_100, name="share over"), FAILING, PASSING)

    def test_plan_set_rules_take_several_plans(self):
        """A scope='plans' rule receives the plans of the case together."""

        def count(plans, _context):
            if len(plans) > 1:
                yield make_finding("MZ903", Severity.INFO, "{n} plans", n=len(plans))

        rule = _rule(count, code="MZ903", scope="plans")
        other = make_plan(code="990198")
        (found,) = assert_rule_contract(rule, [FAILING, other], [PASSING])
        assert "2 plans" == found.text

    def test_plans_may_be_given_as_toml_text(self):
        """A TOML plan-file text is accepted wherever a plan is."""
        assert [] == run_rule(SHARE_RULE, MINIMAL_PLAN)


class TestSmallHelpers:
    def test_assert_codes(self):
        """Codes are compared as a multiset; the message names what differs."""
        found = [make_finding("MZ901", Severity.WARNING, "x")] * 2
        assert_codes(found, ["MZ901", "MZ901"])
        with pytest.raises(AssertionError, match=r"missing \['MZ902'\], unexpected \['MZ901'\]"):
            assert_codes(found, ["MZ901", "MZ902"])

    def test_make_indicator_reads_values_as_written(self):
        """Targets and baselines are written like plan cells and read exactly."""
        indicator = make_indicator("床位", "张", target="35-40", baseline="30", attribute="binding")
        assert (Decimal(35), Decimal(40), 2025) == (
            indicator.target.low,
            indicator.target.high,
            indicator.target.year,
        )
        assert Decimal(30) == indicator.baseline.value

    def test_make_plan_numbers_repeated_ids_and_round_trips(self):
        """Indicators made with the default id get distinct ids; the plan is a valid plan file."""
        plan = make_plan(
            make_indicator("甲", "%", target="≥55"),
            make_indicator("乙", "%", target="<=40"),
            based_on=["000000-2021-2025"],
        )
        assert ["t1.1", "t1.2"] == [i.id for i in plan.indicators]
        assert Comparator.LE == plan.indicators[1].target.comparator
        assert plan == loads_plan(dumps_plan(plan))

    def test_as_document_accepts_paths_and_pairs(self, tmp_path):
        """Paths are read from disk; (name, bytes) pairs are decoded like files."""
        path = tmp_path / "t.csv"
        path.write_bytes(TABLE.encode("gb18030"))
        assert "gb18030" == as_document(path).encoding
        assert as_document(("t.csv", TABLE)).text == TABLE
        document = Document.from_text("x", "y")
        assert document is as_document(document)
