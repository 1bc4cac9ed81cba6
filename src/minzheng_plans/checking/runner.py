"""The rule engine: every registered rule over the plans of a run, each call isolated.

:func:`check_plans` checks plans in memory; :func:`check_paths` finds and reads files first
(:mod:`.discovery`, :mod:`.inputs`, in parallel through :mod:`.parallel`) and resolves parents
among the bundled plans (:mod:`.bundled`). Which findings are kept is the policy of
:mod:`.policy`; the result is sorted deterministically.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import attrs

from minzheng_plans.checking.bundled import bundled_plans
from minzheng_plans.checking.discovery import collect_plan_paths
from minzheng_plans.checking.inputs import UNREADABLE_CODES, InputRecord
from minzheng_plans.checking.locate import LocatedInput, locate_findings
from minzheng_plans.checking.parallel import ReadJob, read_all
from minzheng_plans.checking.policy import apply_suppressions, wanted
from minzheng_plans.core.findings import (
    Finding,
    Severity,
    make_finding,
    missing_placeholders,
    sort_findings,
)
from minzheng_plans.core.model import Plan
from minzheng_plans.files.document import DEFAULT_MAX_BYTES
from minzheng_plans.plugins.context import CheckContext
from minzheng_plans.plugins.guard import guarded
from minzheng_plans.plugins.hookspecs import Rule
from minzheng_plans.plugins.host import PluginHost

__all__ = ["CheckReport", "check_paths", "check_plans"]


@attrs.frozen
class CheckReport:
    """The outcome of a check: findings, the plans read, the inputs and their hashes."""

    findings: tuple[Finding, ...]
    plans: tuple[Plan, ...] = ()
    inputs: tuple[InputRecord, ...] = ()
    unreadable: int = 0

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)


def check_plans(
    plans: Sequence[Plan],
    host: PluginHost,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    bundled: Sequence[Plan] = (),
    today: dt.date | None = None,
) -> list[Finding]:
    """Run every registered rule over ``plans`` and return the findings, sorted.

    Loading findings stored in the plans are included; plan-file suppressions apply; ``select``
    and ``ignore`` take codes or prefixes (``MZ4``).
    """
    return _check(plans, host, select, ignore, bundled, today, scopes=("plan", "plans"))


def _check(
    plans: Sequence[Plan],
    host: PluginHost,
    select: Sequence[str],
    ignore: Sequence[str],
    bundled: Sequence[Plan],
    today: dt.date | None,
    *,
    scopes: Sequence[str],
    done: Sequence[Finding] = (),
) -> list[Finding]:
    context = CheckContext(host, plans, bundled, today or dt.date.today())  # noqa: DTZ011 - local date of the run
    raw: list[Finding] = []
    for plan in plans:
        raw.extend(attrs.evolve(f, plan=f.plan or plan.id) for f in plan.findings)
    raw.extend(done)
    raw.extend(_rule_findings(plans, context, select, ignore, scopes))
    # Read last: collecting rules, units or the catalog (lazily, while rules run) can add
    # findings about plugins (MZ003, MZ006) to the host.
    raw[:0] = host.findings
    kept = [f for f in raw if wanted(f.code, select, ignore)]
    kept = apply_suppressions(kept, plans, context.today)
    return sort_findings(dict.fromkeys(kept))


def _rule_findings(
    plans: Sequence[Plan],
    context: CheckContext,
    select: Sequence[str],
    ignore: Sequence[str],
    scopes: Sequence[str],
) -> list[Finding]:
    """What the rules of ``scopes`` say about ``plans``, each rule call isolated."""
    host = context.host
    raw: list[Finding] = []
    # A copy: a rule that edits the host's list must not skip the rules after it.
    for info in tuple(host.rules()):
        rule = info.rule
        if rule.scope not in scopes or not wanted(rule.code, select, ignore):
            continue
        subjects: Iterable[object] = plans if rule.scope == "plan" else [list(plans)]
        for subject in subjects:
            plan_id = subject.id if isinstance(subject, Plan) else None
            produced = guarded(
                functools.partial(_run_rule, rule, subject, context),
                raw,
                code="MZ005",
                plugin=info.plugin.name,
                what=f"rule {rule.code} ({rule.name})",
                budget=host.budget,
                plan=plan_id,
            )
            for finding in produced or ():
                problem = _unrenderable(finding) if isinstance(finding, Finding) else None
                if problem is not None:
                    raw.append(_bad_message(info.plugin.name, rule.code, problem, plan_id))
                elif isinstance(finding, Finding):
                    raw.append(
                        finding
                        if finding.plan or plan_id is None
                        else attrs.evolve(finding, plan=plan_id)
                    )
                else:
                    host.report_wrong_type(info.plugin, f"rule {rule.code}", "Finding", finding)
                    raw.extend(host.findings[-1:])
    return raw


def _unrenderable(finding: Finding) -> str | None:
    """Why the message of a plugin's finding cannot be filled, or None when it can.

    Filling never raises (``{name}`` only), but a placeholder without its argument would
    reach the report as ``{name}``: the rule has a bug its authors should hear of.
    """
    missing = missing_placeholders(finding.message, dict(finding.args))
    if missing:
        return f"no argument for {{{missing[0][:40]}}}"
    return None


def _bad_message(plugin: str, code: str, problem: str, plan: str | None) -> Finding:
    return make_finding(
        "MZ005",
        Severity.ERROR,
        "Plugin {plugin} returned a finding from rule {rule} whose message cannot be filled "
        "({problem}); it was dropped. Report it to the plugin's authors.",
        plan=plan,
        plugin=plugin,
        rule=code,
        problem=problem,
    )


def _run_rule(rule: Rule, subject: object, context: CheckContext) -> list[object]:
    return list(rule.check(subject, context))


def check_paths(
    paths: Iterable[str | Path],
    host: PluginHost,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    loader: str | None = None,
    use_bundled: bool = True,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> CheckReport:
    """Read plan files and documents (through loaders), then check them together.

    ``jobs`` reads files, and runs the per-plan rules on them, in that many processes (0: one
    per core); the plan-set rules then run in this process, since they need every plan.
    ``progress`` is called with the number of files read since its last call. A file over
    ``max_bytes`` is reported (MZ101) without being read.
    """
    today = dt.date.today()  # noqa: DTZ011 - local date of the run

    def per_plan(plans: Sequence[Plan]) -> list[Finding]:
        context = CheckContext(host, plans, (), today)
        return _rule_findings(plans, context, select, ignore, ("plan",))

    job = ReadJob(host, loader, max_bytes, per_plan)
    results, done = read_all(collect_plan_paths(paths), job, jobs, progress)
    plans = [r.plan for r in results if r.plan is not None]
    inputs = [r.record for r in results if r.record is not None]
    errors = [f for r in results for f in r.findings]
    located = [
        LocatedInput(r.record.path, r.plan)
        for r in results
        if r.plan is not None and r.record is not None
    ]
    bundled = bundled_plans() if use_bundled else ()
    # When workers ran the per-plan rules, only the plan-set rules remain for this process.
    scopes = ("plan", "plans") if done is None else ("plans",)
    findings = _check(plans, host, select, ignore, bundled, today, scopes=scopes, done=done or ())
    findings = sort_findings(locate_findings([*errors, *findings], located))
    unreadable = sum(1 for f in errors if f.code in UNREADABLE_CODES)
    return CheckReport(tuple(findings), tuple(plans), tuple(inputs), unreadable)
