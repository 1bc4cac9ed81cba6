"""The time budget of a plugin call borrows SIGALRM and gives it back: whatever handler was
installed before the call (the default, ignoring, or a program's own function) is the handler
after it, whether the call returned, raised or ran past its budget."""

from __future__ import annotations

import signal
import time

import pytest

from minzheng_plans.core.findings import Finding
from minzheng_plans.plugins.guard import guarded


def _own_handler(_signum: int, _frame: object) -> None:
    """A program's own handler, which the guard must put back."""


def _slow() -> None:
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        pass


def _fail() -> None:
    msg = "broken rule"
    raise ValueError(msg)


@pytest.mark.parametrize("before", [signal.SIG_DFL, signal.SIG_IGN, _own_handler])
@pytest.mark.parametrize("call", [lambda: 1, _fail, _slow])
def test_previous_alarm_handler_restored(before: object, call: object) -> None:
    """The SIGALRM handler after a guarded call is the one installed before it."""
    saved = signal.signal(signal.SIGALRM, before)  # type: ignore[arg-type]
    try:
        findings: list[Finding] = []
        guarded(call, findings, code="MZ005", plugin="p", what="w", budget=0.05)  # type: ignore[arg-type]
        assert before == signal.getsignal(signal.SIGALRM)
    finally:
        signal.signal(signal.SIGALRM, saved)


def test_call_past_its_budget_reported() -> None:
    """A call that runs past its budget gives no result and one MZ007 finding."""
    findings: list[Finding] = []
    assert None is guarded(_slow, findings, code="MZ005", plugin="p", what="w", budget=0.05)
    assert ["MZ007"] == [finding.code for finding in findings]
