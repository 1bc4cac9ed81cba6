"""Hostile plugins: raising, hanging, wrong types and editing what they share with others.

Every test pairs a hostile plugin with a well-behaved one and asserts that the well-behaved
one's result is what it would be alone; the hostile one leaves only a finding about itself.
"""

from __future__ import annotations

import time
import types
from collections.abc import Callable, Iterable

import attrs
import pytest
from click.testing import CliRunner

import minzheng_plans.plugins.host
from minzheng_plans import Document, Loader, LoadResult, Rule, Severity, hookimpl, make_finding
from minzheng_plans.checking.runner import check_plans
from minzheng_plans.cli.app import cli
from minzheng_plans.core.errors import DocumentError
from minzheng_plans.core.findings import Finding
from minzheng_plans.core.model import Plan
from minzheng_plans.files.planfile import dumps_plan, loads_plan
from minzheng_plans.plugins.context import CheckContext
from minzheng_plans.plugins.host import PluginHost, create_plugin_host
from minzheng_plans.reading.loading import load_document, sniff_document

from .conftest_plans import MINIMAL_PLAN


def _plugin(name: str, **hooks: object) -> types.SimpleNamespace:
    return types.SimpleNamespace(__name__=name, **{k: hookimpl(v) for k, v in hooks.items()})


def _rule(code: str, check: Callable[..., Iterable[object]], scope: str = "plan") -> Rule:
    return Rule(
        code=code,
        name=f"test.{code.lower()}",
        severity=Severity.WARNING,
        summary="A test rule",
        check=check,  # type: ignore[arg-type]
        scope=scope,  # type: ignore[arg-type]
    )


def _plan() -> Plan:
    return loads_plan(MINIMAL_PLAN)


def _second_plan() -> Plan:
    return loads_plan(MINIMAL_PLAN.replace("990102", "990103").replace("测试县", "测试二县"))


def _observer(seen: list[tuple[object, ...]], code: str = "MZ999") -> Rule:
    """A rule that records what it sees and flags each plan: the witness of every test."""

    def check(plan: Plan, context: CheckContext) -> Iterable[Finding]:
        seen.append(
            (
                plan.id,
                len(plan.indicators),
                tuple(p.id for p in context.plans),
                len(context.catalog()),
                context.catalog().get("SA-URBAN-DIBAO-STANDARD") is not None,
                context.jurisdictions().get("500000") is not None,
                context.units().normalise("张"),
                len(context.host.rules()),
            )
        )
        yield make_finding(code, Severity.WARNING, "Seen {title}", plan=plan.id, title=plan.title)

    return _rule(code, check)


def _run(hostile: Rule, plans: list[Plan] | None = None) -> tuple[list[Finding], list[tuple]]:
    """Check with the hostile rule first, then the observer; also the observer alone."""
    plans = plans if plans is not None else [_plan()]
    seen_alone: list[tuple[object, ...]] = []
    alone = create_plugin_host(
        entry_points=False, extra=[_plugin("witness", register_rules=lambda: [_observer([])])]
    )
    alone_host_rules = len(alone.rules())
    # The reference run: the observer with a harmless rule in the hostile one's place.
    harmless = attrs.evolve(hostile, check=lambda *_a: [])
    reference = create_plugin_host(
        entry_points=False,
        extra=[
            _plugin("hostile", register_rules=lambda: [harmless]),
            _plugin("witness", register_rules=lambda: [_observer(seen_alone)]),
        ],
    )
    check_plans(list(plans), reference, bundled=())
    seen: list[tuple[object, ...]] = []
    host = create_plugin_host(
        entry_points=False,
        extra=[
            _plugin("hostile", register_rules=lambda: [hostile]),
            _plugin("witness", register_rules=lambda: [_observer(seen)]),
        ],
    )
    findings = check_plans(plans, host, bundled=())
    assert seen == seen_alone, "the hostile rule changed what the next rule saw"
    assert alone_host_rules + 1 == seen[0][-1]
    assert [p.id for p in plans] == [p.id for p in [_plan(), _second_plan()][: len(plans)]]
    return findings, seen


def _codes(findings: list[Finding]) -> list[str]:
    return sorted(f.code for f in findings if f.code in {"MZ005", "MZ007", "MZ003", "MZ999"})


class TestRulesThatMutate:
    def test_assigning_to_a_plan_fails_and_the_plan_is_unchanged(self):
        """A rule assigning to a plan gets MZ005 and the next rule sees the plan unchanged."""

        def assign(plan, _context):
            plan.indicators = ()  # attrs frozen: FrozenInstanceError
            return []

        findings, _ = _run(_rule("MZ901", assign))
        assert ["MZ005", "MZ999"] == _codes(findings)

    def test_plan_collections_are_tuples_even_when_built_from_lists(self):
        """A plan built from lists holds tuples, equal to the original, and hashes."""
        plan = _plan()
        rebuilt = attrs.evolve(plan, indicators=list(plan.indicators), issuers=["民政局"])
        assert isinstance(rebuilt.indicators, tuple)
        assert isinstance(rebuilt.issuers, tuple)
        assert rebuilt.indicators == plan.indicators
        hash(rebuilt)  # a list inside would make the plan unhashable

    def test_editing_the_indicator_list_of_a_plan_built_with_lists(self):
        """A rule clearing a plan's indicators gets MZ005; the next rule still sees them."""

        def clear(plan, _context):
            plan.indicators.clear()  # a tuple has no clear(): AttributeError
            return []

        plan = attrs.evolve(_plan(), indicators=list(_plan().indicators))
        findings, seen = _run(_rule("MZ901", clear), [plan])
        assert ["MZ005", "MZ999"] == _codes(findings)
        assert 1 == seen[0][1]

    def test_replacing_the_context_plans_fails(self):
        """A rule replacing the context's plans gets MZ005 on each plan; the next sees both."""

        def replace(_plan, context):
            context.plans = ()
            return []

        findings, seen = _run(_rule("MZ901", replace), [_plan(), _second_plan()])
        assert ["MZ005", "MZ005", "MZ999", "MZ999"] == _codes(findings)
        assert ("990102-2021-2025", "990103-2021-2025") == seen[0][2]

    def test_editing_the_context_plans_fails(self):
        """A rule popping from the context's plans gets MZ005; the next rule sees both plans."""

        def edit(_plan, context):
            context.plans.pop()
            return []

        findings, seen = _run(_rule("MZ901", edit), [_plan(), _second_plan()])
        assert 2 == _codes(findings).count("MZ005")
        assert all(len(item[2]) == 2 for item in seen)

    def test_editing_the_plans_given_to_a_plan_set_rule(self):
        """Each plan-set rule gets its own sequence: emptying it changes nothing for others."""

        def empty(plans, _context):
            plans.clear()
            return []

        witnessed: list[int] = []

        def count(plans, _context):
            witnessed.append(len(plans))
            return []

        host = create_plugin_host(
            entry_points=False,
            extra=[
                _plugin("hostile", register_rules=lambda: [_rule("MZ901", empty, "plans")]),
                _plugin("witness", register_rules=lambda: [_rule("MZ902", count, "plans")]),
            ],
        )
        given = [_plan(), _second_plan()]
        check_plans(given, host, bundled=())
        assert [2] == witnessed
        assert 2 == len(given)

    def test_editing_the_catalog_dictionary(self):
        """A rule clearing the catalog's entries gets MZ005; the next rule sees it whole."""

        def edit(_plan, context):
            context.catalog()._entries.clear()
            return []

        findings, seen = _run(_rule("MZ901", edit))
        assert ["MZ005", "MZ999"] == _codes(findings)
        assert seen[0][4]

    def test_editing_the_jurisdiction_registry(self):
        """A rule removing a jurisdiction gets MZ005; the next rule still finds it."""

        def edit(_plan, context):
            context.jurisdictions()._by_code.pop("500000")
            return []

        findings, seen = _run(_rule("MZ901", edit))
        assert ["MZ005", "MZ999"] == _codes(findings)
        assert seen[0][5]

    def test_editing_unit_spellings(self):
        """A rule rewriting a unit spelling gets MZ005; the next rule sees 张 as before."""

        def edit(_plan, context):
            context.units().spellings()["张"] = "人"
            return []

        findings, seen = _run(_rule("MZ901", edit))
        assert ["MZ005", "MZ999"] == _codes(findings)
        assert "张" == seen[0][6]

    def test_editing_the_host_rule_list_does_not_skip_later_rules(self):
        """Clearing the host's rule list edits a copy: no finding, and later rules run."""

        def edit(_plan, context):
            context.host.rules().clear()
            return []

        findings, _ = _run(_rule("MZ901", edit))
        # A fresh list each call: clearing it is harmless, so no MZ005 either.
        assert ["MZ999"] == _codes(findings)


class TestRulesThatMisbehave:
    def test_raising(self):
        """A rule that raises gets MZ005 and the next rule still runs."""

        def boom(_plan, _context):
            raise RuntimeError

        findings, _ = _run(_rule("MZ901", boom))
        assert ["MZ005", "MZ999"] == _codes(findings)

    def test_finding_whose_message_cannot_be_filled(self):
        """Regression: a placeholder without its argument ended the whole run (KeyError)."""

        def unfillable(plan, _context):
            # plan= sets the finding's plan, so {plan} in the message has no argument.
            yield make_finding("MZ901", Severity.WARNING, "Bad {plan}", plan=plan.id)

        findings, _ = _run(_rule("MZ901", unfillable))
        assert ["MZ005", "MZ999"] == _codes(findings)
        assert "cannot be filled" in next(f.text for f in findings if f.code == "MZ005")

    def test_hanging_is_cut_off_and_others_still_run(self):
        """A hanging rule is cut off at its budget (MZ007) and the next rule still runs."""

        def hang(_plan, _context):
            time.sleep(5)
            return []

        seen: list[tuple] = []
        host = create_plugin_host(
            entry_points=False,
            extra=[
                _plugin("hostile", register_rules=lambda: [_rule("MZ901", hang)]),
                _plugin("witness", register_rules=lambda: [_observer(seen)]),
            ],
            budget=0.3,
        )
        started = time.monotonic()
        findings = check_plans([_plan()], host, bundled=())
        assert time.monotonic() - started < 4
        assert ["MZ007", "MZ999"] == _codes(findings), findings
        assert 1 == len(seen)

    def test_hang_inside_except_exception_is_still_cut_off(self):
        """Regression: the budget's exception was an Exception, so a broad handler (in a
        plugin, or in pint while a rule built the units) swallowed it or made it a UnitError
        that ended the whole run."""

        def stubborn(_plan, _context):
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                try:
                    time.sleep(0.05)
                except Exception:  # noqa: BLE001, S112 - what a careless plugin does
                    continue
            return []

        host = create_plugin_host(
            entry_points=False,
            extra=[_plugin("hostile", register_rules=lambda: [_rule("MZ901", stubborn)])],
            budget=0.3,
        )
        started = time.monotonic()
        findings = check_plans([_plan()], host, bundled=())
        assert time.monotonic() - started < 4
        assert "MZ007" in _codes(findings)

    def test_building_shared_registries_is_not_charged_to_the_rule(self, monkeypatch):
        """The first rule to ask for the units waits for the host to build them; that wait is
        the host's, so a rule well within its budget is not cut off for it."""
        import minzheng_plans.units.registry  # noqa: PLC0415

        real = minzheng_plans.units.registry.build_units

        def slow_build(definitions=()):
            time.sleep(0.2)
            return real(definitions)

        monkeypatch.setattr(minzheng_plans.units.registry, "build_units", slow_build)

        def asks_for_units(plan, context):
            context.units()
            yield make_finding("MZ901", Severity.WARNING, "Units of {title}", title=plan.title)

        host = create_plugin_host(
            entry_points=False,
            extra=[_plugin("needy", register_rules=lambda: [_rule("MZ901", asks_for_units)])],
            budget=0.3,
        )
        # Only the test rule runs: built-in rules would build the units first.
        findings = check_plans([_plan()], host, select=["MZ901"], bundled=())
        assert ["MZ901"] == [f.code for f in findings]

    @pytest.mark.parametrize(
        "returned",
        [None, 42, "MZ901 text", [None], [{"code": "MZ901"}], iter([object()])],
        ids=["none", "int", "str", "list-of-none", "list-of-dict", "iterator-of-object"],
    )
    def test_wrong_return_types(self, returned):
        """A rule returning the wrong type gets MZ003 or MZ005; nothing it returned is kept."""

        def wrong(_plan, _context):
            return returned

        findings, _ = _run(_rule("MZ901", wrong))
        codes = _codes(findings)
        assert codes.count("MZ999") == 1
        assert {"MZ003", "MZ005"} & set(codes)
        assert not [f for f in findings if f.code == "MZ901"]


def _loader(name: str, sniff: Callable[[Document], object], load: Callable[..., object]) -> Loader:
    return Loader(name, "test", sniff=sniff, load=load)  # type: ignore[arg-type]


def _good_loader() -> Loader:
    return _loader("test.good", lambda _d, _c: 0.5, lambda _d, _c: LoadResult(_plan()))


def _host_with(hostile: Loader, budget: float | None = 10.0) -> PluginHost:
    return create_plugin_host(
        entry_points=False,
        extra=[
            _plugin("hostile", register_loaders=lambda: [hostile]),
            _plugin("good", register_loaders=lambda: [_good_loader()]),
        ],
        budget=budget,
    )


DOCUMENT = Document.from_text("plan.txt", "某县民政事业发展规划\n")


class TestHostileLoaders:
    @pytest.mark.parametrize(
        "sniff",
        [
            lambda _d, _c: 1 / 0,
            lambda _d, _c: "0.9",
            lambda _d, _c: None,
            lambda _d, _c: True,
            lambda _d, _c: float("nan"),
        ],
        ids=["raises", "str", "none", "bool", "nan"],
    )
    def test_bad_sniff_leaves_the_good_loader_in_charge(self, sniff):
        """A sniff raising or giving str, None, bool or NaN is reported once; the good one loads."""
        host = _host_with(_loader("test.bad", sniff, lambda _d, _c: 1 / 0))
        result = load_document(DOCUMENT, host)
        assert _plan() == result.plan
        reported = [*result.findings, *host.findings]
        assert 1 == len([f for f in reported if f.code in ("MZ003", "MZ004")]), reported

    def test_nan_confidence_does_not_outrank_or_scramble_others(self):
        """Regression: NaN was kept as a confidence and sorted unpredictably."""
        host = _host_with(_loader("test.nan", lambda _d, _c: float("nan"), lambda _d, _c: 1 / 0))
        candidates = sniff_document(DOCUMENT, host, [])
        assert "test.nan" not in [c.loader for c in candidates]
        assert "MZ003" in [f.code for f in host.findings]

    def test_hanging_sniff_is_cut_off(self):
        """A hanging sniff is cut off at its budget (MZ007) and the good loader loads."""

        def hang(_d, _context):
            time.sleep(5)
            return 1.0

        host = _host_with(_loader("test.slow", hang, lambda _d, _c: None), budget=0.3)
        started = time.monotonic()
        result = load_document(DOCUMENT, host)
        assert time.monotonic() - started < 4
        assert _plan() == result.plan
        assert ["MZ007"] == [f.code for f in result.findings]

    @pytest.mark.parametrize(
        "load",
        [
            lambda _d, _c: 1 / 0,
            lambda _d, _c: None,
            lambda _d, _c: {"plan": {}},
            lambda _d, _c: _plan(),
        ],
        ids=["raises", "none", "dict", "plan-not-result"],
    )
    def test_chosen_loader_failing_is_a_document_error_naming_it(self, load):
        """A chosen loader that fails is a DocumentError naming it; the good one still works."""
        host = _host_with(_loader("test.bad", lambda _d, _c: 0.9, load))
        with pytest.raises(DocumentError, match=r"test\.bad"):
            load_document(DOCUMENT, host)
        # The good loader is unaffected when chosen.
        assert _plan() == load_document(DOCUMENT, host, loader="test.good").plan

    def test_loader_returning_lists_gives_a_plan_of_tuples(self):
        """A plan a loader built from lists comes back with tuples, dumped as the original."""

        def load(_d, _context):
            plan = _plan()
            return LoadResult(attrs.evolve(plan, indicators=list(plan.indicators)), [])

        host = _host_with(_loader("test.lists", lambda _d, _c: 0.9, load))
        plan = load_document(DOCUMENT, host).plan
        assert isinstance(plan.indicators, tuple)
        assert dumps_plan(plan) == dumps_plan(_plan())

    def test_host_loader_list_is_a_copy(self):
        """Clearing the host's loader list leaves the host's loaders in place."""
        host = _host_with(_good_loader())
        host.loaders().clear()
        assert host.loaders()


class TestPluginTimeoutOption:
    def test_cli_plugin_timeout_cuts_off_a_hanging_rule(self, tmp_path, monkeypatch):
        """--plugin-timeout 0.3 cuts off a hanging rule and reports MZ007 with the budget."""

        def hang(_plan, _context):
            time.sleep(5)
            return []

        real = minzheng_plans.plugins.host.create_plugin_host

        def with_hostile(**kwargs):
            extra = [_plugin("hostile", register_rules=lambda: [_rule("MZ901", hang)])]
            return real(entry_points=False, extra=extra, **kwargs)

        monkeypatch.setattr(minzheng_plans.plugins.host, "create_plugin_host", with_hostile)
        path = tmp_path / "plan.toml"
        path.write_text(MINIMAL_PLAN, encoding="utf-8")
        started = time.monotonic()
        result = CliRunner().invoke(
            cli, ["--plugin-timeout", "0.3", "check", "--no-bundled", str(path)]
        )
        assert time.monotonic() - started < 4
        assert "MZ007" in result.output
        assert "0.3" in result.output
