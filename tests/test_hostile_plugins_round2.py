"""Hostile plugins, round two (#17): library errors, exits, interrupts, printing, handlers that
swallow everything, the decimal context, out-of-range confidences and lost findings.

As in :mod:`tests.test_hostile_plugins`, each hostile rule runs before a well-behaved witness
whose view must be the same as without it.
"""

from __future__ import annotations

import decimal
import json
import signal
import subprocess
import sys
import time
import types
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

import minzheng_plans.plugins.host
from minzheng_plans import Severity, make_finding
from minzheng_plans.checking.runner import check_paths, check_plans
from minzheng_plans.cli.app import cli
from minzheng_plans.core.errors import DocumentError, PlanFileError, UsageError
from minzheng_plans.plugins.host import create_plugin_host
from minzheng_plans.reading.loading import load_document, sniff_document

from .conftest_plans import MINIMAL_PLAN
from .test_hostile_plugins import (
    DOCUMENT,
    _codes,
    _host_with,
    _loader,
    _plan,
    _plugin,
    _rule,
    _run,
)

BOUND = 4.0  # seconds: a cut-off call ends well within this with a 0.3 s budget


def _with_cli_rule(monkeypatch: pytest.MonkeyPatch, rule: object) -> None:
    real = minzheng_plans.plugins.host.create_plugin_host

    def with_hostile(**kwargs: object) -> object:
        extra = [_plugin("hostile", register_rules=lambda: [rule])]
        return real(entry_points=False, extra=extra, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(minzheng_plans.plugins.host, "create_plugin_host", with_hostile)


class TestRulesRaisingWhatTheLibraryRaises:
    @pytest.mark.parametrize(
        "error",
        [PlanFileError("bad", path="x.toml", line=3), UsageError("bad usage")],
        ids=["plan-file-error", "usage-error"],
    )
    def test_library_error_in_a_rule_is_a_finding(self, error):
        """Regression: a rule raising any MinzhengError ended the run with exit 2 and no report."""

        def raises(_plan, _context):
            raise error

        findings, _seen = _run(_rule("MZ901", raises))
        assert ["MZ005", "MZ999"] == _codes(findings)

    def test_library_error_in_a_rule_keeps_the_cli_report(self, tmp_path, monkeypatch):
        """The CLI prints its report with the MZ005, not a one-line failure with exit 2 (which
        exit code an MZ005 gives is the policy's: see #17 item 2)."""

        def raises(_plan, _context):
            msg = "a plugin's own unit trouble"
            raise UsageError(msg)

        _with_cli_rule(monkeypatch, _rule("MZ901", raises))
        path = tmp_path / "plan.toml"
        path.write_text(MINIMAL_PLAN, encoding="utf-8")
        result = CliRunner().invoke(
            cli, ["check", "--no-bundled", "--ignore", "MZ408", "--format", "json", str(path)]
        )
        assert 2 != result.exit_code
        assert ["MZ005"] == [f["code"] for f in json.loads(result.stdout)["findings"]]


class TestExitsAndInterrupts:
    def test_sys_exit_in_a_rule_is_a_finding(self):
        """Regression: SystemExit in a rule ended the run with exit 0 and no output."""

        def exits(_plan, _context):
            sys.exit(0)

        findings, _seen = _run(_rule("MZ901", exits))
        assert ["MZ005", "MZ999"] == _codes(findings)
        assert "sys.exit(0)" in next(f.text for f in findings if f.code == "MZ005")

    def test_keyboard_interrupt_stops_the_run_with_a_message(self, tmp_path, monkeypatch):
        """A KeyboardInterrupt from plugin code still stops the run, saying in which call."""

        def interrupts(_plan, _context):
            raise KeyboardInterrupt

        _with_cli_rule(monkeypatch, _rule("MZ901", interrupts))
        path = tmp_path / "plan.toml"
        path.write_text(MINIMAL_PLAN, encoding="utf-8")
        result = CliRunner().invoke(cli, ["check", "--no-bundled", str(path)])
        assert 130 == result.exit_code
        assert "interrupted while plugin hostile ran rule MZ901" in result.stderr
        assert "" == result.stdout

    def test_sys_exit_at_import_is_mz001(self):
        """An entry point whose import calls sys.exit is refused like one that raises."""
        host = create_plugin_host(entry_points=False)
        entry = types.SimpleNamespace(
            name="exiting", distribution=None, version=None, load=lambda: sys.exit(3)
        )
        minzheng_plans.plugins.host._register_entry_point(host, entry)  # type: ignore[arg-type]
        assert ["MZ001"] == [f.code for f in host.findings]
        assert host.plugin("exiting").error is not None


class TestPrinting:
    def test_print_in_a_rule_does_not_corrupt_json(self, tmp_path, monkeypatch):
        """Regression: print() in a rule went into the JSON report on stdout."""

        def prints(plan, _context):
            print("debug: looking at", plan.id)  # noqa: T201 - the hostile part
            print("\x1b]0;owned\x07", file=sys.stderr)  # noqa: T201
            yield make_finding("MZ901", Severity.WARNING, "Looked at {id}", id=plan.id)

        _with_cli_rule(monkeypatch, _rule("MZ901", prints))
        path = tmp_path / "plan.toml"
        path.write_text(MINIMAL_PLAN, encoding="utf-8")
        for fmt in ("json", "sarif"):
            result = CliRunner().invoke(cli, ["check", "--no-bundled", "--format", fmt, str(path)])
            tree = json.loads(result.stdout)  # the whole of stdout is the document
            assert "debug: looking at" in json.dumps(tree, ensure_ascii=False)
        codes = sorted(f["code"] for f in json.loads(_json_check(path).stdout)["findings"])
        assert ["MZ009", "MZ009", "MZ901"] == codes

    def test_print_at_import_is_reported(self):
        """An entry point that prints while importing is registered, and the print reported."""
        host = create_plugin_host(entry_points=False)

        def load() -> object:
            print("hello from import")  # noqa: T201
            return types.SimpleNamespace(__name__="chatty")

        entry = types.SimpleNamespace(name="chatty", distribution=None, version=None, load=load)
        minzheng_plans.plugins.host._register_entry_point(host, entry)  # type: ignore[arg-type]
        assert ["MZ009"] == [f.code for f in host.findings]
        assert host.plugin("chatty").error is None


def _json_check(path: Path) -> object:
    return CliRunner().invoke(
        cli, ["check", "--no-bundled", "--ignore", "MZ408", "--format", "json", str(path)]
    )


class TestHandlersThatSwallowEverything:
    def test_except_base_exception_loop_is_cut_off(self):
        """Regression: a rule catching BaseException in a loop swallowed the budget forever."""

        def stubborn(_plan, _context):
            while True:
                try:
                    time.sleep(0.05)
                except BaseException:  # noqa: BLE001, S112 - the hostile part
                    continue

        host = create_plugin_host(
            entry_points=False,
            extra=[_plugin("hostile", register_rules=lambda: [_rule("MZ901", stubborn)])],
            budget=0.3,
        )
        started = time.monotonic()
        findings = check_plans([_plan()], host, bundled=())
        assert time.monotonic() - started < BOUND
        assert ["MZ007"] == _codes(findings)

    def test_busy_loop_with_nested_handlers_is_cut_off(self):
        """No sleep to interrupt, and two levels of handlers that swallow everything."""

        def spin(_plan, _context):
            while True:
                try:
                    try:
                        while True:
                            pass
                    except BaseException:  # noqa: BLE001, S110
                        pass
                except BaseException:  # noqa: BLE001, S110
                    pass

        host = create_plugin_host(
            entry_points=False,
            extra=[_plugin("hostile", register_rules=lambda: [_rule("MZ901", spin)])],
            budget=0.3,
        )
        started = time.monotonic()
        findings = check_plans([_plan()], host, bundled=())
        assert time.monotonic() - started < BOUND
        assert ["MZ007"] == _codes(findings)
        assert sys.gettrace() is None or "coverage" in type(sys.gettrace()).__module__

    def test_hanging_import_is_cut_off(self):
        """Regression: an entry point whose import hangs (swallowing the budget) hung the CLI."""
        host = create_plugin_host(entry_points=False, budget=0.3)

        def load() -> object:
            while True:
                try:
                    time.sleep(0.05)
                except BaseException:  # noqa: BLE001, S112
                    continue

        entry = types.SimpleNamespace(name="stuck", distribution=None, version=None, load=load)
        started = time.monotonic()
        minzheng_plans.plugins.host._register_entry_point(host, entry)  # type: ignore[arg-type]
        assert time.monotonic() - started < BOUND
        assert ["MZ007"] == [f.code for f in host.findings]
        assert host.plugin("stuck").error is not None


_STUCK_IN_C = """
import itertools, sys, types
import minzheng_plans.plugins.guard as guard
from minzheng_plans import Rule, Severity, hookimpl
from minzheng_plans.checking.runner import check_plans
from minzheng_plans.files.planfile import loads_plan
from minzheng_plans.plugins.host import create_plugin_host

guard.HARD_GRACE_SECONDS = 0.5
def stuck_in_c(plan, context):
    sum(itertools.repeat(1))  # a C loop that never checks for signals
    return []
rule = Rule(code="MZ901", name="t.stuck", severity=Severity.WARNING, summary="s",
            check=stuck_in_c, scope="plan")
plugin = types.SimpleNamespace(__name__="stuck", register_rules=hookimpl(lambda: [rule]))
host = create_plugin_host(entry_points=False, extra=[plugin], budget=0.2)
check_plans([loads_plan(sys.stdin.read())], host, bundled=())
print("not reached")
"""


class TestStuckInC:
    def test_a_call_that_never_returns_to_python_ends_the_process(self):
        """Past the hard CPU limit, a call stuck in C code ends the run with its stack
        on stderr: bounded, never a hang."""
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-c", _STUCK_IN_C],
            input=MINIMAL_PLAN,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert time.monotonic() - started < 30
        assert -signal.SIGPROF == done.returncode
        assert "in stuck_in_c" in done.stderr
        assert "not reached" not in done.stdout


class TestDecimalContext:
    def test_a_rule_changing_the_context_does_not_change_later_code(self):
        """Regression: a rule setting prec=2 made later arithmetic round to two digits."""

        def meddles(_plan, _context):
            decimal.getcontext().prec = 2
            decimal.getcontext().traps[decimal.Inexact] = True
            return []

        thirds: list[Decimal] = []

        def divides(_plan, _context):
            thirds.append(Decimal(1) / Decimal(3))
            return []

        host = create_plugin_host(
            entry_points=False,
            extra=[
                _plugin("hostile", register_rules=lambda: [_rule("MZ901", meddles)]),
                _plugin("witness", register_rules=lambda: [_rule("MZ902", divides)]),
            ],
        )
        before = decimal.getcontext().copy()
        findings = check_plans([_plan()], host, bundled=())
        assert [] == _codes(findings)
        assert [Decimal("0.3333333333333333333333333333")] == thirds
        assert before.prec == decimal.getcontext().prec
        assert not decimal.getcontext().traps[decimal.Inexact]


class TestConfidences:
    @pytest.mark.parametrize("confidence", [2.0, -0.5, 1.0000001])
    def test_out_of_range_confidence_is_refused_not_clamped(self, confidence):
        """Regression: a sniff returning 2.0 was clamped to 1.0 and won every document."""
        host = _host_with(_loader("test.greedy", lambda _d, _c: confidence, lambda _d, _c: 1 / 0))
        candidates = sniff_document(DOCUMENT, host, [])
        assert "test.greedy" not in [c.loader for c in candidates]
        assert ["MZ003"] == [f.code for f in host.findings]
        assert _plan() == load_document(DOCUMENT, host).plan

    def test_timed_out_sniff_is_kept_when_loading_fails(self, tmp_path):
        """Regression: the MZ007 of a sniff that timed out was lost with the DocumentError."""

        def hang(_d, _context):
            time.sleep(5)
            return 1.0

        hostile = _loader("test.slow", hang, lambda _d, _c: None)
        host = create_plugin_host(
            entry_points=False,
            extra=[_plugin("hostile", register_loaders=lambda: [hostile])],
            budget=0.3,
        )
        with pytest.raises(DocumentError) as caught:
            load_document(DOCUMENT, host)
        assert ["MZ007"] == [f.code for f in caught.value.findings]
        path = tmp_path / "plan.txt"
        path.write_text("某县民政事业发展规划\n", encoding="utf-8")
        report = check_paths([path], host, use_bundled=False)
        assert {"MZ007", "MZ101"} <= {f.code for f in report.findings}
