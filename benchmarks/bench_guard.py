"""What isolating plugin calls costs, as ratios (issue 17).

    python benchmarks/bench_guard.py

(a) a bare call of a trivial rule; (b) the same call through ``guarded`` without a budget
(output captured, decimal context restored); (c) with the default budget (two ``setitimer``
calls and a signal handler swapped); (e) the same under a budget clock, as the runner calls
rules and loaders (the budget armed once for many calls, each noting its deadline); (d) a fork
per call, the price of running every call in a killable worker process, which the guard does
not pay; and a whole ``check_plans`` of the bundled plans with the default budget against no
budget. The escalation that stops plugin code swallowing ``BaseException`` costs nothing until
a call is past its budget.
"""

from __future__ import annotations

import os
import pickle
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from minzheng_plans.checking.bundled import bundled_plans  # noqa: E402
from minzheng_plans.checking.runner import check_plans  # noqa: E402
from minzheng_plans.core.findings import Finding  # noqa: E402
from minzheng_plans.plugins.guard import (  # noqa: E402
    DEFAULT_BUDGET_SECONDS,
    budget_clock,
    guarded,
)
from minzheng_plans.plugins.host import create_plugin_host  # noqa: E402


def best_of(repeat: int, call: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times)


def rule() -> list[Finding]:
    return []


def forked() -> object:
    """The call in a child process, its result pickled back: a killable worker's floor."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.write(write, pickle.dumps(rule()))
        os._exit(0)
    os.close(write)
    data = os.read(read, 1 << 16)
    os.close(read)
    os.waitpid(pid, 0)
    return pickle.loads(data)  # noqa: S301 - our own child's bytes


def main() -> None:
    calls = 2_000
    findings: list[Finding] = []
    bare = best_of(5, lambda: [rule() for _ in range(calls)]) / calls

    def one_call(budget: float | None) -> None:
        guarded(rule, findings, code="MZ005", plugin="p", what="w", budget=budget)

    soft = best_of(5, lambda: [one_call(None) for _ in range(calls)]) / calls
    budget = best_of(5, lambda: [one_call(DEFAULT_BUDGET_SECONDS) for _ in range(calls)]) / calls

    def clocked() -> None:
        with budget_clock(DEFAULT_BUDGET_SECONDS):
            for _ in range(calls):
                one_call(DEFAULT_BUDGET_SECONDS)

    clock = best_of(5, clocked) / calls
    fork = best_of(3, lambda: [forked() for _ in range(50)]) / 50
    plans = list(bundled_plans())
    timed = create_plugin_host(entry_points=False)
    untimed = create_plugin_host(entry_points=False, budget=None)
    check_plans(plans, timed, bundled=())  # warm both hosts' registries
    check_plans(plans, untimed, bundled=())
    with_budget = best_of(3, lambda: check_plans(plans, timed, bundled=()))
    without = best_of(3, lambda: check_plans(plans, untimed, bundled=()))
    print(f"(a) bare call            {bare * 1e6:9.2f} µs")
    print(f"(b) guarded, no budget   {soft * 1e6:9.2f} µs   b/a {soft / bare:8.1f}")
    print(f"(c) guarded, budget      {budget * 1e6:9.2f} µs   c/a {budget / bare:8.1f}")
    print(f"(e) guarded, clock       {clock * 1e6:9.2f} µs   e/a {clock / bare:8.1f}")
    print(f"(d) fork per call        {fork * 1e6:9.2f} µs   d/c {fork / budget:8.1f}")
    print(
        f"check_plans of {len(plans)} bundled plans: budget/no budget {with_budget / without:.3f}"
    )


if __name__ == "__main__":
    main()
