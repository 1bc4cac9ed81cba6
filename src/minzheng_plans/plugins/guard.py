"""Calling plugin code so that a failure becomes a finding and the run goes on.

pluggy stops at the first hook implementation that raises, so the host calls each
implementation itself through :func:`guarded`. A per-call time budget uses ``SIGALRM`` where it
can (the main thread on POSIX): it costs two system calls, not a thread per call. Elsewhere the
budget is not enforced, which the docs state.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from types import FrameType
from typing import TypeVar

import attrs

from minzheng_plans.core.errors import MinzhengError
from minzheng_plans.core.findings import ArgValue, Finding, Severity, make_finding

__all__ = ["DEFAULT_BUDGET_SECONDS", "BudgetExceededError", "guarded", "paused", "time_budget"]

T = TypeVar("T")

# Generous: a loader reads a whole document in milliseconds; ten seconds means a hang.
DEFAULT_BUDGET_SECONDS = 10.0

_state = threading.local()


class BudgetExceededError(BaseException):
    """Raised inside plugin code whose call ran past its time budget.

    A ``BaseException``, like ``KeyboardInterrupt``: plugin and library code that catches
    ``Exception`` (pint does, and so may a plugin's retry loop) must not swallow it or turn it
    into another error, or a hanging call would never be cut off.
    """


def _on_alarm(_signum: int, _frame: FrameType | None) -> None:
    raise BudgetExceededError


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Interrupt the body with :class:`BudgetExceededError` after ``seconds``."""
    usable = (
        seconds is not None
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and not getattr(_state, "armed", False)
    )
    if not usable or seconds is None:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    _state.armed = True
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        _state.armed = False


@contextmanager
def paused() -> Iterator[None]:
    """Stop the running budget's clock for the body: the host's own one-time work (building
    the unit registry or the catalog that a rule first asks for) is not the rule's time.

    Plugin calls inside the body (hooks) get budgets of their own.
    """
    if not getattr(_state, "armed", False):
        yield
        return
    remaining, _interval = signal.setitimer(signal.ITIMER_REAL, 0)
    _state.armed = False
    try:
        yield
    finally:
        _state.armed = True
        # Never zero: setitimer(0) would disarm the budget instead of resuming it.
        signal.setitimer(signal.ITIMER_REAL, max(remaining, 1e-6))


def guarded(
    call: Callable[[], T],
    findings: list[Finding],
    *,
    code: str,
    plugin: str,
    what: str,
    budget: float | None = DEFAULT_BUDGET_SECONDS,
    plan: str | None = None,
    args: Mapping[str, ArgValue] | None = None,
) -> T | None:
    """``call()``, or ``None`` with a finding when it raises or runs past ``budget``.

    Library errors (:class:`MinzhengError`) are not plugin bugs: they say the input is bad
    and propagate to the caller. ``args`` are added to the finding's arguments (the runner
    names the rule, so that a report can list which rules did not run on what).
    """
    try:
        with time_budget(budget):
            return call()
    except MinzhengError:
        raise
    except BudgetExceededError:
        finding = make_finding(
            "MZ007",
            Severity.ERROR,
            "Plugin {plugin} exceeded its time budget of {seconds} s in {what}; its result "
            "was discarded. Raise the budget with --plugin-timeout or report it to the "
            "plugin's authors.",
            plan=plan,
            plugin=plugin,
            seconds=str(budget),
            what=what,
        )
        findings.append(_with_args(finding, args))
    except Exception as err:  # noqa: BLE001 - any plugin failure is isolated and reported
        finding = make_finding(
            code,
            Severity.ERROR,
            "Plugin {plugin} raised {error} in {what}: {detail}. The run went on without "
            "it; disable it with --disable-plugin {plugin} or report it to its authors.",
            plan=plan,
            plugin=plugin,
            error=type(err).__name__,
            what=what,
            detail=str(err)[:200],
        )
        findings.append(_with_args(finding, args))
    return None


def _with_args(finding: Finding, args: Mapping[str, ArgValue] | None) -> Finding:
    if not args:
        return finding
    return attrs.evolve(finding, args={**dict(finding.args), **args})
