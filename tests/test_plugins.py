"""The plugin host: built-ins and third-party plugins share one path, failures are isolated."""

from __future__ import annotations

import time
import types

import pytest

from minzheng_plans import Document, Loader, LoadResult, Rule, Severity, hookimpl, make_finding
from minzheng_plans.checking.runner import check_plans
from minzheng_plans.core.errors import DocumentError, UsageError
from minzheng_plans.files.planfile import loads_plan
from minzheng_plans.plugins.host import create_plugin_host
from minzheng_plans.reading.loading import load_document

from .conftest_plans import MINIMAL_PLAN


def _plugin(name: str, **hooks: object) -> types.SimpleNamespace:
    """A plugin object named ``name`` whose attributes are hook implementations."""
    return types.SimpleNamespace(__name__=name, **{k: hookimpl(v) for k, v in hooks.items()})


def _no_rules() -> list[Rule]:
    return []


def _rule(code: str, check: object) -> Rule:
    return Rule(
        code=code,
        name=f"test.{code.lower()}",
        severity=Severity.WARNING,
        summary="A test rule",
        check=check,
    )  # type: ignore[arg-type]


def _flag_every_plan(plan, _context):
    yield make_finding("MZ901", Severity.WARNING, "Plan {title} flagged", title=plan.title)


class TestRegistration:
    def test_builtins_are_registered_like_plugins(self):
        """Built-in modules appear as plugins with hooks, distribution and version."""
        host = create_plugin_host(entry_points=False)
        info = host.plugin("minzheng_plans.builtin.loaders.planfile")
        assert (True, "minzheng-plans", ("register_loaders",)) == (
            info.builtin,
            info.distribution,
            info.hooks,
        )

    def test_extra_plugin_contributes_loader_and_rule(self):
        """A plugin passed in ``extra`` contributes through the same hooks as built-ins."""
        loader = Loader("test.x", "x", sniff=lambda d, _c: 0.5, load=lambda d, _c: None)  # type: ignore[arg-type,return-value]
        plugin = _plugin(
            "third",
            register_loaders=lambda: [loader],
            register_rules=lambda: [_rule("MZ901", _flag_every_plan)],
        )
        host = create_plugin_host(entry_points=False, extra=[plugin])
        assert ["test.x"] == [i.name for i in host.loaders() if i.plugin.name == "third"]
        assert ["MZ901"] == [i.code for i in host.rules() if i.plugin.name == "third"]

    def test_unknown_hook_is_refused_with_mz002(self):
        """A typo such as register_rule (no s) refuses the plugin and says why."""
        plugin = _plugin("typo", register_rule=_no_rules)
        host = create_plugin_host(entry_points=False, extra=[plugin])
        assert ["MZ002"] == [f.code for f in host.findings]
        assert "register_rule" in (host.plugin("typo").error or "")
        assert "typo" not in [p.name for p in host.plugins if p.error is None]

    def test_bad_signature_is_refused_with_mz002(self):
        """A hook implementation asking for an argument the spec lacks is refused."""
        plugin = _plugin("badsig", register_loaders=lambda nonsense: [])
        host = create_plugin_host(entry_points=False, extra=[plugin])
        assert ["MZ002"] == [f.code for f in host.findings]


class TestIsolation:
    def test_raising_hook_becomes_mz003_and_others_still_contribute(self):
        """One plugin raising in register_rules does not hide another plugin's rules."""

        def explode():
            msg = "boom"
            raise RuntimeError(msg)

        good = _plugin("good", register_rules=lambda: [_rule("MZ901", _flag_every_plan)])
        bad = _plugin("bad", register_rules=explode)
        host = create_plugin_host(entry_points=False, extra=[bad, good])
        assert ["MZ901"] == [i.code for i in host.rules() if not i.plugin.builtin]
        assert [("MZ003", "bad")] == [(f.code, dict(f.args)["plugin"]) for f in host.findings]

    def test_wrong_return_type_becomes_mz003(self):
        """A hook returning a non-list or wrong items is reported, its items ignored."""
        host = create_plugin_host(
            entry_points=False,
            extra=[
                _plugin("notalist", register_units=lambda: "元 = [money]"),
                _plugin("wrongitems", register_jurisdictions=lambda: ["重庆"]),
            ],
        )
        # The built-ins remain; the plugin's wrong items are not there.
        assert [] == [j for j, info in host.collect("register_jurisdictions") if not info.builtin]
        assert [] == [u for u, info in host.collect("register_units") if not info.builtin]
        assert ["MZ003", "MZ003"] == [f.code for f in host.findings]

    def test_raising_rule_becomes_mz005_and_other_rules_run(self):
        """A rule that raises is reported; the other rule's findings are still produced."""

        def broken(_plan, _context):
            raise ZeroDivisionError

        plugin = _plugin(
            "mixed",
            register_rules=lambda: [_rule("MZ902", broken), _rule("MZ901", _flag_every_plan)],
        )
        host = create_plugin_host(entry_points=False, extra=[plugin])
        findings = check_plans([loads_plan(MINIMAL_PLAN)], host)
        # MZ408: the test place has no known parent (the compliance rules say so).
        assert ["MZ005", "MZ408", "MZ901"] == sorted(f.code for f in findings)
        assert {Severity.ERROR, Severity.WARNING, Severity.INFO} == {f.severity for f in findings}

    def test_hanging_rule_is_abandoned_with_mz007(self):
        """A rule that runs past its time budget is cut off and reported; the run ends."""

        def hang(_plan, _context):
            time.sleep(5)
            return []

        plugin = _plugin("slow", register_rules=lambda: [_rule("MZ903", hang)])
        host = create_plugin_host(entry_points=False, extra=[plugin], budget=0.2)
        started = time.monotonic()
        findings = check_plans([loads_plan(MINIMAL_PLAN)], host)
        assert ["MZ007", "MZ408"] == [f.code for f in findings]
        assert time.monotonic() - started < 4

    def test_duplicate_loader_name_keeps_first_with_mz006(self):
        """Two plugins contributing one loader name: the first wins, MZ006 says so."""

        def make():
            return [Loader("dup", "d", sniff=lambda d, _c: 0.1, load=lambda d, _c: None)]  # type: ignore[arg-type,return-value]

        host = create_plugin_host(
            entry_points=False,
            extra=[
                _plugin("first", register_loaders=make),
                _plugin("second", register_loaders=make),
            ],
        )
        assert ["first"] == [i.plugin.name for i in host.loaders() if i.name == "dup"]
        assert ["MZ006"] == [f.code for f in host.findings]


class TestLoaderSelection:
    def test_most_confident_loader_wins(self):
        """The plan-file loader claims a plan file over a weaker test loader."""
        weak = Loader(
            "test.weak",
            "w",
            sniff=lambda d, _c: 0.2,
            load=lambda d, _c: pytest.fail("the weak loader must not load"),
        )
        host = create_plugin_host(
            entry_points=False, extra=[_plugin("weak", register_loaders=lambda: [weak])]
        )
        result = load_document(Document.from_text("plan.toml", MINIMAL_PLAN), host)
        assert "测试县“十四五”民政规划" == result.plan.title

    def test_no_match_lists_candidates(self):
        """A document nobody claims is a DocumentError naming the loaders and confidences."""
        host = create_plugin_host(entry_points=False)
        with pytest.raises(DocumentError, match=r"plan-file\.json 0\.00"):
            load_document(Document.from_text("notes.txt", "随便写的一段话"), host)

    def test_tie_is_an_error(self):
        """Two loaders with the same top confidence make the user choose."""

        def make(name):
            return Loader(name, name, sniff=lambda d, _c: 0.7, load=lambda d, _c: None)  # type: ignore[arg-type,return-value]

        host = create_plugin_host(
            entry_points=False,
            extra=[_plugin("a", register_loaders=lambda: [make("test.a"), make("test.b")])],
        )
        with pytest.raises(DocumentError, match="equally"):
            load_document(Document.from_text("x.txt", "text"), host)

    def test_unknown_forced_loader_suggests_names(self):
        """--loader with a typo is a usage error with the nearest names."""
        host = create_plugin_host(entry_points=False)
        with pytest.raises(UsageError, match=r"plan-file\.toml"):
            load_document(Document.from_text("x.toml", MINIMAL_PLAN), host, loader="plan-file.tmol")

    def test_raising_sniff_is_isolated(self):
        """A loader whose sniff raises is skipped with MZ004; another loader still loads."""

        def explode(_document, _context):
            raise KeyError

        bad = Loader("test.bad", "b", sniff=explode, load=lambda d, _c: None)  # type: ignore[arg-type,return-value]
        host = create_plugin_host(
            entry_points=False, extra=[_plugin("bad", register_loaders=lambda: [bad])]
        )
        # An indicator table, not a plan file: every loader is asked about it.
        table = (
            "序号,指标名称,单位,2020年,2025年,属性\n1,养老机构护理型床位占比,%,41.5,≥55,约束性\n"
        )
        result = load_document(Document.from_text("table.csv", table), host)
        assert "MZ004" in [f.code for f in result.findings]
        assert isinstance(result, LoadResult)

    def test_a_declared_plan_file_is_not_offered_to_other_loaders(self):
        """A document with the plan-file schema line goes to the plan-file loader unasked."""
        asked: list[str] = []

        def sniff(document, _context):
            asked.append(document.name)
            return 1.0

        greedy = Loader("test.greedy", "g", sniff=sniff, load=lambda d, _c: None)  # type: ignore[arg-type,return-value]
        host = create_plugin_host(
            entry_points=False, extra=[_plugin("greedy", register_loaders=lambda: [greedy])]
        )
        result = load_document(Document.from_text("plan.toml", MINIMAL_PLAN), host)
        assert "990102-2021-2025" == result.plan.id
        assert [] == asked

    def test_mentioning_the_project_does_not_make_a_plan_file(self):
        """Only a schema line claims a plan file; a marker line naming the project does not."""
        host = create_plugin_host(entry_points=False)
        text = "# minzheng-plans line list\n规划：某县规划\n"
        with pytest.raises(DocumentError, match="no loader recognises"):
            load_document(Document.from_text("x.mzlist", text), host)


class TestLazyContributions:
    def test_failure_while_collecting_rules_is_in_the_check_result(self):
        """register_rules raising is collected inside check_plans and still reported."""

        def explode():
            raise RuntimeError

        host = create_plugin_host(
            entry_points=False, extra=[_plugin("bad", register_rules=explode)]
        )
        findings = check_plans([loads_plan(MINIMAL_PLAN)], host)
        assert ["MZ003", "MZ408"] == [f.code for f in findings]

    def test_unusable_unit_lines_leave_one_plugin_out(self):
        """A plugin's bad unit line is MZ003 naming it; built-in and other units still work."""

        def uses_units(plan, context):
            units = context.units()
            if units.compatible("万人", "人"):
                yield make_finding("MZ901", Severity.INFO, "units work")

        host = create_plugin_host(
            entry_points=False,
            extra=[
                _plugin("badunits", register_units=lambda: ["这不是 一个 单位定义 = = ="]),
                _plugin("checker", register_rules=lambda: [_rule("MZ901", uses_units)]),
            ],
        )
        findings = check_plans([loads_plan(MINIMAL_PLAN)], host)
        assert [("MZ003", "badunits"), ("MZ408", None), ("MZ901", None)] == [
            (f.code, dict(f.args).get("plugin")) for f in findings
        ]

    def test_repeated_catalog_code_is_mz006(self):
        """A plugin re-registering a built-in catalog code is told the first entry is kept."""
        from minzheng_plans.registries.catalog import default_catalog  # noqa: PLC0415

        entry = next(iter(default_catalog()))
        host = create_plugin_host(
            entry_points=False, extra=[_plugin("dup", register_catalog=lambda: [entry])]
        )
        assert entry.code in host.catalog()
        assert [("MZ006", "dup")] == [(f.code, dict(f.args)["plugin"]) for f in host.findings]
