"""A budget clock (``guard.budget_clock``) arms the time budget once for many plugin calls;
each call still has a budget of its own, and the clock gives SIGALRM back when it closes."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable

import pytest

from minzheng_plans.core.findings import Finding
from minzheng_plans.plugins.guard import budget_clock, guarded


def _busy(seconds: float) -> Callable[[], str]:
    def run() -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            pass
        return "done"

    return run


def _call(call: Callable[[], object], findings: list[Finding], budget: float = 0.3) -> object:
    return guarded(call, findings, code="MZ005", plugin="p", what="w", budget=budget)


def _own_handler(_signum: int, _frame: object) -> None:
    """A program's own handler, which the clock must put back."""


def test_each_call_has_its_own_budget() -> None:
    """Five calls of 0.1 s under a clock of 0.3 s budgets all finish: the budget is per call,
    not per clock."""
    findings: list[Finding] = []
    with budget_clock(0.3):
        results = [_call(_busy(0.1), findings) for _ in range(5)]
    assert ["done"] * 5 == results
    assert [] == findings


def test_a_call_past_its_budget_is_cut_and_the_next_runs() -> None:
    """Under a clock, a call past its budget gives MZ007 and the call after it its result."""
    findings: list[Finding] = []
    started = time.monotonic()
    with budget_clock(0.3):
        first = _call(_busy(5), findings)
        second = _call(lambda: "next", findings)
    assert (None, "next") == (first, second)
    assert ["MZ007"] == [finding.code for finding in findings]
    assert time.monotonic() - started < 2


def test_a_shorter_budget_than_the_clock_is_kept() -> None:
    """A call with a budget shorter than the clock's is cut at its own budget."""
    findings: list[Finding] = []
    started = time.monotonic()
    with budget_clock(10.0):
        assert None is _call(_busy(5), findings, budget=0.2)
    assert ["MZ007"] == [finding.code for finding in findings]
    assert time.monotonic() - started < 2


def test_a_call_that_takes_the_alarm_does_not_take_later_budgets() -> None:
    """A plugin that replaces the SIGALRM handler and stops the alarm leaves the calls after it
    their budgets."""

    def meddles() -> None:
        signal.signal(signal.SIGALRM, signal.SIG_IGN)
        signal.setitimer(signal.ITIMER_REAL, 0)

    findings: list[Finding] = []
    with budget_clock(0.3):
        _call(meddles, findings)
        assert None is _call(_busy(5), findings)
    assert ["MZ007"] == [finding.code for finding in findings]


@pytest.mark.parametrize("last", ["returns", "raises", "runs past its budget"])
@pytest.mark.parametrize("before", [signal.SIG_DFL, signal.SIG_IGN, _own_handler])
def test_previous_alarm_handler_restored(before: object, last: str) -> None:
    """The SIGALRM handler after a clock is the one installed before it, and no alarm is left
    armed, however its last call ended."""
    calls = {
        "returns": lambda: 1,
        "raises": lambda: 1 / 0,
        "runs past its budget": _busy(2),
    }
    saved = signal.signal(signal.SIGALRM, before)  # type: ignore[arg-type]
    try:
        with budget_clock(0.2):
            _call(calls[last], [], budget=0.2)
        assert before == signal.getsignal(signal.SIGALRM)
        assert (0.0, 0.0) == signal.getitimer(signal.ITIMER_REAL)
        assert (0.0, 0.0) == signal.getitimer(signal.ITIMER_PROF)
    finally:
        signal.signal(signal.SIGALRM, saved)


def test_the_alarm_between_calls_is_harmless() -> None:
    """The clock's alarm firing between calls (here, while the caller waits) stops nothing."""
    findings: list[Finding] = []
    with budget_clock(0.05):
        time.sleep(0.3)
        assert "after" == _call(lambda: "after", findings, budget=0.05)
    assert [] == findings
