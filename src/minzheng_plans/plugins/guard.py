"""Calling plugin code so that a failure becomes a finding and the run goes on.

pluggy stops at the first hook implementation that raises, so the host calls each
implementation itself through :func:`guarded`. Around every plugin call the guard:

- turns any exception into a finding (``code``), including ``SystemExit`` (a plugin calling
  ``sys.exit`` must not end the run) and library errors (a rule that raises
  :class:`MinzhengError` has a bug like any other); only the caller's ``passthrough`` types
  (a loader's typed errors about its input) propagate;
- lets ``KeyboardInterrupt`` stop the run, with a message naming the plugin call it stopped;
- keeps what the plugin prints out of the output (``print`` would corrupt JSON or SARIF on
  stdout): standard output and standard error are captured and reported (MZ009);
- restores the decimal context the plugin may have changed;
- enforces a time budget with ``SIGALRM`` where it can (the main thread on POSIX; elsewhere
  the budget is not enforced, which the docs state). The budget exception derives from
  ``BaseException``. Code that swallows even that (``except BaseException`` in a loop) is
  escalated: the alarm repeats every :data:`ESCALATION_SECONDS`, and from the second one a
  C-level trace function makes every line of the plugin's code raise, the first line of
  each handler included, until the call has unwound (CPython; elsewhere the soft budget
  only). A call that never returns to Python code (a C extension looping without checking
  for signals) cannot be stopped in the process: past :func:`hard_limit` CPU seconds the
  process ends, its Python stack written to stderr first (see docs/robustness.md).

Arming the budget for each call (a handler swapped, two interval timers set and cleared) cost
more than most rules do on a small plan, so a caller making many calls opens a
:func:`budget_clock` around them: its handler and timers are installed once, each call only
notes its deadline, and the alarm, which never fires later than the running call's deadline,
re-arms itself for that deadline when it fires early. What a budget covers is unchanged: each
plugin call has its own.
"""

from __future__ import annotations

import contextlib
import ctypes
import decimal
import faulthandler
import io
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from types import FrameType
from typing import Any, TypeVar

import attrs

from minzheng_plans.core.findings import ArgValue, Finding, Severity, make_finding

__all__ = [
    "DEFAULT_BUDGET_SECONDS",
    "ESCALATION_SECONDS",
    "HARD_FACTOR",
    "HARD_GRACE_SECONDS",
    "MAX_CAPTURED_OUTPUT",
    "BudgetExceededError",
    "budget_clock",
    "guarded",
    "hard_limit",
    "paused",
    "time_budget",
]

T = TypeVar("T")

# Generous: a loader reads a whole document in milliseconds; ten seconds means a hang.
DEFAULT_BUDGET_SECONDS = 10.0


class _State(threading.local):
    """Each thread's budget state (attributes with defaults: a missing attribute of a
    ``threading.local`` costs an exception on every look-up)."""

    def __init__(self) -> None:
        self.armed = False
        self.alarms = 0
        self.escalated = False
        self.previous_trace: Any = None
        # The open budget_clock (None: each call arms its own budget), and the deadline on
        # time.monotonic() of the plugin call running under it (None between calls).
        self.clock: _Clock | None = None
        self.deadline: float | None = None


_state = _State()


class BudgetExceededError(BaseException):
    """Raised inside plugin code whose call ran past its time budget.

    A ``BaseException``, like ``KeyboardInterrupt``: plugin and library code that catches
    ``Exception`` (pint does, and so may a plugin's retry loop) must not swallow it or turn it
    into another error, or a hanging call would never be cut off.
    """


# After the budget, the alarm repeats this often until the call has unwound.
ESCALATION_SECONDS = 0.05
# The hard limit in CPU seconds: HARD_FACTOR budgets plus HARD_GRACE_SECONDS (see hard_limit).
HARD_FACTOR = 3
HARD_GRACE_SECONDS = 5.0
# What a plugin printed is kept (for the finding) up to this many characters per call.
MAX_CAPTURED_OUTPUT = 200
# Frames of these files are the guard's own machinery: the escalation never stops them.
_OWN_FILES = frozenset({__file__, contextlib.__file__})


def _stop_every_line(_obj: int | None, frame: FrameType, what: int, _arg: int | None) -> int:
    # A C-level trace function (PyEval_SetTrace): returning -1 raises in the traced frame,
    # and unlike a Python trace function (sys.settrace) it is not switched off by raising,
    # so the handlers of the plugin's own try statements raise again on their first line.
    # The error is a SystemError ("error return without exception set"); the guard reports
    # the call as past its budget. 0 and 2 are PyTrace_CALL and PyTrace_LINE.
    if what in {0, 2} and frame.f_code.co_filename not in _OWN_FILES:
        return -1
    return 0


try:
    _TRACE_FUNCTION = ctypes.CFUNCTYPE(
        ctypes.c_int, ctypes.c_void_p, ctypes.py_object, ctypes.c_int, ctypes.c_void_p
    )
    _STOPPER: Any = _TRACE_FUNCTION(_stop_every_line)
    _set_trace: Any = ctypes.pythonapi.PyEval_SetTrace
    _set_trace.argtypes = [_TRACE_FUNCTION, ctypes.c_void_p]
    _set_trace.restype = None
except (AttributeError, TypeError):  # not CPython: the soft budget only
    _set_trace = None


# The C function itself where there is one: signal.signal converts the handler it replaces
# into a member of signal.Handlers, which for a function means raising and catching a
# ValueError; paid twice for every rule call, it was a seventh of a national check.
_set_handler: Callable[[int, Any], Any] = getattr(
    sys.modules.get("_signal"), "signal", signal.signal
)
# The same for reading it: signal.getsignal converts what it returns.
_get_handler: Callable[[int], Any] = getattr(
    sys.modules.get("_signal"), "getsignal", signal.getsignal
)


def hard_limit(seconds: float) -> float:
    """CPU seconds after which a call that never returns to Python code ends the process."""
    return HARD_FACTOR * seconds + HARD_GRACE_SECONDS


_hard_ready = False


def _arm_hard_limit(seconds: float) -> None:
    """The last resort, for a call stuck where no Python code runs (a C extension looping,
    a catastrophic regular expression): neither the alarm's handler nor a trace function
    can run there, so a CPU-time timer (``ITIMER_PROF``) ends the process instead; the
    kernel delivers it without the interpreter. faulthandler first writes the Python stack
    (naming the plugin's code) to stderr, then the default action ends the run."""
    global _hard_ready  # noqa: PLW0603 - one registration per process
    if not _hard_ready:
        # File descriptor 2 itself: sys.stderr is redirected while plugin code runs.
        faulthandler.register(signal.SIGPROF, file=2, all_threads=False, chain=True)
        _hard_ready = True
    signal.setitimer(signal.ITIMER_PROF, hard_limit(seconds))


def _escalate() -> None:
    """Make every line of the running plugin code raise, whatever its handlers catch."""
    if _set_trace is None or getattr(_state, "escalated", False):
        return
    _state.previous_trace = sys.gettrace()
    _state.escalated = True
    _set_trace(_STOPPER, None)


def _on_alarm(_signum: int, frame: FrameType | None) -> None:
    if frame is not None and frame.f_code.co_filename in _OWN_FILES:
        return  # the call has ended and the guard is putting things back
    _state.alarms += 1
    if _state.alarms > 1:
        # The first BudgetExceededError was swallowed: the plugin catches BaseException.
        _escalate()
    raise BudgetExceededError


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Interrupt the body with :class:`BudgetExceededError` after ``seconds``, and again
    until it has stopped (see the module docstring). A body that outlives its budget ends
    in :class:`BudgetExceededError` even if it swallowed the interruption and returned."""
    if not _usable(seconds) or seconds is None:
        yield
        return
    previous = _set_handler(signal.SIGALRM, _on_alarm)
    _state.armed = True
    _state.alarms = 0
    _state.escalated = False
    signal.setitimer(signal.ITIMER_REAL, seconds, ESCALATION_SECONDS)
    _arm_hard_limit(seconds)
    try:
        yield
    finally:
        _disarm(previous)
        _state.armed = False
        _end_call()


def _disarm(previous: Any) -> None:
    """Both timers stopped and the alarm's ``previous`` handler back."""
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.setitimer(signal.ITIMER_PROF, 0)
    _set_handler(signal.SIGALRM, previous)


def _end_call() -> None:
    """The state a budgeted call leaves put back (its escalation undone, its alarms
    forgotten), and a call that ran past its budget ended in :class:`BudgetExceededError`:
    whatever it ended with (a SystemError from the escalation, a value it returned after
    swallowing the interruption), only the user's Ctrl-C keeps its meaning."""
    late = _state.alarms > 0
    if _state.escalated:
        sys.settrace(_state.previous_trace)
        _state.previous_trace = None
    _state.alarms = 0
    _state.escalated = False
    if late and not isinstance(sys.exc_info()[1], KeyboardInterrupt):
        raise BudgetExceededError


def _usable(seconds: float | None) -> bool:
    """Whether a budget of ``seconds`` can be armed here (and none is armed already)."""
    return (
        seconds is not None
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and not _state.armed
        and _state.clock is None
    )


@attrs.frozen
class _Clock:
    """An open :func:`budget_clock`: the budget it was opened for and the CPU-time limit its
    alarm renews."""

    seconds: float
    hard: float


@contextmanager
def budget_clock(seconds: float | None) -> Iterator[None]:
    """Keep the time budget's machinery armed for the body, so that each plugin call in it
    (through :func:`guarded`) only notes its deadline: for a run of many short calls.

    Each call still has a budget of its own, as without the clock: the alarm is armed to fire
    no later than the running call's deadline (when it fires earlier, it re-arms itself for
    that deadline, which happens at most about once a budget); past the deadline it raises
    :class:`BudgetExceededError` in the call and escalates as :func:`time_budget` does. The
    CPU-time limit of a call stuck in C (:func:`hard_limit`) is renewed by every alarm, so it
    ends such a call between ``hard_limit(seconds)`` and one budget more of CPU time into it.
    Where no budget can be armed (see :func:`time_budget`) the body runs as it is.
    """
    if not _usable(seconds) or seconds is None:
        yield
        return
    clock = _Clock(seconds, hard_limit(seconds) + seconds)
    previous = _set_handler(signal.SIGALRM, _on_clock_alarm)
    _state.clock = clock
    _state.deadline = None
    signal.setitimer(signal.ITIMER_REAL, seconds)
    _arm_hard_limit(seconds)
    signal.setitimer(signal.ITIMER_PROF, clock.hard)
    try:
        yield
    finally:
        _disarm(previous)
        _state.clock = None
        _state.deadline = None


def _on_clock_alarm(_signum: int, frame: FrameType | None) -> None:
    clock = _state.clock
    if clock is None:
        return  # the clock was closed as this alarm came in
    # Python code runs, so nothing is stuck in C: renew the CPU-time limit.
    signal.setitimer(signal.ITIMER_PROF, clock.hard)
    deadline = _state.deadline
    if deadline is None:  # between calls
        signal.setitimer(signal.ITIMER_REAL, clock.seconds)
        return
    early = deadline - time.monotonic()
    if early > 0:
        signal.setitimer(signal.ITIMER_REAL, early)
        return
    # Past the deadline: from now on the alarm repeats, as time_budget's does, and each one
    # is handled as time_budget's alarms are.
    signal.setitimer(signal.ITIMER_REAL, ESCALATION_SECONDS)
    _on_alarm(_signum, frame)


def _call_on_clock(call: Callable[[], T], clock: _Clock, seconds: float) -> T:
    """``call()`` under the open clock, with a budget of ``seconds`` of its own."""
    _state.deadline = time.monotonic() + seconds
    if seconds < clock.seconds:
        # A shorter budget than the clock's: the alarm may be set for later than it.
        pending, _interval = signal.getitimer(signal.ITIMER_REAL)
        if pending == 0 or pending > seconds:
            signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return call()
    finally:
        _state.deadline = None
        if _state.alarms:
            _settle(clock)
        elif (
            _get_handler(signal.SIGALRM) is not _on_clock_alarm
            or signal.getitimer(signal.ITIMER_REAL)[0] == 0
        ):
            # The plugin replaced the handler or stopped the alarm: the calls after it keep
            # their budgets.
            _set_handler(signal.SIGALRM, _on_clock_alarm)
            signal.setitimer(signal.ITIMER_REAL, clock.seconds)


def _settle(clock: _Clock) -> None:
    """After a call past its deadline: the clock as between calls, and the call ended as
    :func:`_end_call` ends it."""
    signal.setitimer(signal.ITIMER_REAL, clock.seconds)
    signal.setitimer(signal.ITIMER_PROF, clock.hard)
    _set_handler(signal.SIGALRM, _on_clock_alarm)
    _end_call()


@contextmanager
def paused() -> Iterator[None]:
    """Stop the running budget's clock for the body: the host's own one-time work (building
    the unit registry or the catalog that a rule first asks for) is not the rule's time.

    Plugin calls inside the body (hooks) get budgets of their own.
    """
    if _state.clock is not None:
        deadline = _state.deadline
        if deadline is None:
            yield
            return
        remaining = deadline - time.monotonic()
        _state.deadline = None
        try:
            yield
        finally:
            # Never zero, as below; and the alarm set for the resumed deadline, which the
            # clock's alarm may otherwise pass.
            remaining = max(remaining, 1e-6)
            _state.deadline = time.monotonic() + remaining
            signal.setitimer(signal.ITIMER_REAL, remaining)
        return
    if not _state.armed:
        yield
        return
    remaining, interval = signal.setitimer(signal.ITIMER_REAL, 0)
    cpu_remaining, _ = signal.setitimer(signal.ITIMER_PROF, 0)
    _state.armed = False
    try:
        yield
    finally:
        _state.armed = True
        # Never zero: setitimer(0) would disarm the budget instead of resuming it.
        signal.setitimer(signal.ITIMER_REAL, max(remaining, 1e-6), interval)
        signal.setitimer(signal.ITIMER_PROF, max(cpu_remaining, 1e-6))


def guarded(
    call: Callable[[], T],
    findings: list[Finding],
    *,
    code: str,
    plugin: str,
    what: str,
    budget: float | None = DEFAULT_BUDGET_SECONDS,
    plan: str | None = None,
    passthrough: tuple[type[Exception], ...] = (),
    args: Mapping[str, ArgValue] | None = None,
) -> T | None:
    """``call()``, or ``None`` with a finding when it raises or runs past ``budget``.

    Exceptions of the ``passthrough`` types propagate: a loader's typed errors say its input
    is bad, which is the caller's to report. Everything else a plugin raises is its bug.
    ``args`` are added to the arguments of a finding that says the call did not finish (the
    runner names the rule, the loading code the loader, so that a report can list which
    rules and loaders did not run on what).
    """
    stdout, stderr = io.StringIO(), io.StringIO()
    # A copy, not the object: a plugin may change the current context in place.
    context = decimal.getcontext().copy()
    clock = _state.clock
    try:
        # What contextlib.redirect_stdout and redirect_stderr do, without their cost; the
        # budget innermost: its alarm is disarmed before the streams are given back.
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = stdout, stderr
        try:
            if clock is not None and budget is not None and budget > 0:
                if _state.deadline is not None:
                    return call()  # inside another call, whose budget covers this one
                return _call_on_clock(call, clock, budget)
            if budget is None or budget <= 0:
                return call()  # no budget (what time_budget would do, without its cost)
            with time_budget(budget):
                return call()
        finally:
            sys.stdout, sys.stderr = saved
    except passthrough:
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
    except KeyboardInterrupt:
        # The user's Ctrl-C (or the plugin's own raise) still stops the run, saying where.
        msg = f"interrupted while plugin {plugin} ran {what}"
        raise KeyboardInterrupt(msg) from None
    except SystemExit as err:
        finding = make_finding(
            code,
            Severity.ERROR,
            "Plugin {plugin} called sys.exit({status}) in {what}; the run went on without "
            "that result. Disable it with --disable-plugin {plugin} or report it to its "
            "authors.",
            plan=plan,
            plugin=plugin,
            status=repr(err.code)[:50],
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
    finally:
        decimal.setcontext(context)
        _report_output(findings, stdout, stderr, plugin=plugin, what=what, plan=plan)
    return None


def _with_args(finding: Finding, args: Mapping[str, ArgValue] | None) -> Finding:
    if not args:
        return finding
    return attrs.evolve(finding, args={**dict(finding.args), **args})


def _report_output(
    findings: list[Finding],
    stdout: io.StringIO,
    stderr: io.StringIO,
    *,
    plugin: str,
    what: str,
    plan: str | None,
) -> None:
    for stream, captured in (("stdout", stdout), ("stderr", stderr)):
        text = captured.getvalue()
        if not text:
            continue
        findings.append(
            make_finding(
                "MZ009",
                Severity.WARNING,
                "Plugin {plugin} wrote {count} characters to {stream} in {what}; they were "
                "kept out of the output. They began: {start}",
                plan=plan,
                plugin=plugin,
                count=len(text),
                stream=stream,
                what=what,
                start=text[:MAX_CAPTURED_OUTPUT].strip(),
            )
        )
