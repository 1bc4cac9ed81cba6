"""The rule engine: every registered rule over the plans of a run, each call isolated.

:func:`check_plans` checks plans in memory; :func:`check_paths` finds and reads files first
(:mod:`.discovery`, :mod:`.inputs`, in parallel through :mod:`.parallel`). Both resolve
parents among the bundled plans (:mod:`.bundled`) and apply the configured policy
(:mod:`.policy`: selection, severities, waivers, baseline, the exit rule) unless told
otherwise, so that the API gives the command line's answers. The result is a
:class:`CheckReport`, sorted deterministically.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, overload

import attrs

from minzheng_plans.checking.bundled import bundled_plans
from minzheng_plans.checking.config import load_config
from minzheng_plans.checking.discovery import collect_plan_paths
from minzheng_plans.checking.duplicates import separate_duplicates
from minzheng_plans.checking.inputs import (
    UNREADABLE_CODES,
    InputRecord,
    processes,
    read_paths,
)
from minzheng_plans.checking.locate import LocatedInput, locate_findings
from minzheng_plans.checking.policy import (
    BaselineOutcome,
    NotRun,
    Policy,
    Suppressed,
    apply_policy,
    exit_code,
    wanted,
)
from minzheng_plans.core.errors import PlanFileError, UsageError
from minzheng_plans.core.findings import (
    Finding,
    Severity,
    make_finding,
    sort_findings,
)
from minzheng_plans.core.messages import missing_placeholders
from minzheng_plans.core.model import Plan
from minzheng_plans.files.document import DEFAULT_MAX_BYTES
from minzheng_plans.plugins.context import CheckContext
from minzheng_plans.plugins.guard import budget_clock, guarded
from minzheng_plans.plugins.hookspecs import Rule, declared_codes, is_divisible
from minzheng_plans.plugins.host import PluginHost, RuleInfo
from minzheng_plans.text.coding import SUMMARY_MESSAGE

if TYPE_CHECKING:
    from minzheng_plans.core.progress import Actual, Monitoring

__all__ = ["CheckReport", "check_paths", "check_plans", "record_baseline"]


@attrs.frozen
class CheckReport:
    """The outcome of a check: what to report, what was suppressed, what did not run, and
    whether the run fails (:attr:`exit_code`).

    ``findings`` are the findings to report after the policy; iterating over the report, its
    ``len`` and indexing go through them, so ``for finding in check_plans(...)`` reads as it
    did when a list was returned. ``suppressed`` holds waived and baselined findings with
    their justification; ``not_run`` the rule and loader calls that could not finish on an
    input; ``config`` the configuration file that governed the run; ``baseline`` what the
    baseline matched; ``folded`` the MZ504 findings summarised into one per plan (the
    policy's ``verbose`` keeps them in ``findings`` instead).
    """

    findings: tuple[Finding, ...]
    plans: tuple[Plan, ...] = ()
    inputs: tuple[InputRecord, ...] = ()
    unreadable: int = 0
    suppressed: tuple[Suppressed, ...] = ()
    not_run: tuple[NotRun, ...] = ()
    config: str | None = None
    baseline: BaselineOutcome | None = None
    allow_incomplete: bool = False
    folded: tuple[Finding, ...] = ()

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def complete(self) -> bool:
        """Whether every rule and loader ran on every input."""
        return not self.not_run

    @property
    def exit_code(self) -> int:
        """0 clean; 1 error findings, or an incomplete run not allowed; 2 unreadable input."""
        return exit_code(
            self.findings,
            self.not_run,
            unreadable=self.unreadable,
            allow_incomplete=self.allow_incomplete,
        )

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    @overload
    def __getitem__(self, index: int) -> Finding: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Finding, ...]: ...
    def __getitem__(self, index: int | slice) -> Finding | tuple[Finding, ...]:
        return self.findings[index]


def _policy(
    policy: Policy | None,
    start: Sequence[str | Path],
    *,
    isolated: bool,
    select: Sequence[str],
    ignore: Sequence[str],
) -> Policy:
    """The policy of a run: the one given, else the configuration's (none when isolated)."""
    if policy is None:
        policy = Policy.from_config(load_config(start, isolated=isolated))
    return policy.narrowed(select, ignore)


def check_plans(
    plans: Sequence[Plan],
    host: PluginHost,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    bundled: Sequence[Plan] | None = None,
    today: dt.date | None = None,
    policy: Policy | None = None,
    isolated: bool = False,
    monitoring: Sequence[Monitoring] = (),
    as_of: int | None = None,
    verbose: bool = False,
) -> CheckReport:
    """Run every registered rule over ``plans`` and report, as ``minzheng-plans check`` does.

    Parents are resolved among ``plans`` and the bundled plans (pass ``bundled=()`` to leave
    those out, or other plans to use instead). The policy is ``policy``, else the
    configuration file found from the working directory (``isolated=True``: none); ``select``
    and ``ignore`` (codes or prefixes, ``MZ4``) apply on top of it. ``monitoring`` values feed
    the evaluation rules (MZ6xx), judged as of ``as_of`` (default: the latest value).
    A plan's MZ504 findings are summarised in one unless ``verbose`` (or the policy's).
    Loading findings stored in the plans are included; the plans' own waivers apply. Two
    plans with one id are checked apart, the later one under ``{id}#2`` (MZ107).
    """
    chosen = _policy(policy, [], isolated=isolated, select=select, ignore=ignore)
    if verbose:
        chosen = attrs.evolve(chosen, verbose=True)
    known = bundled_plans() if bundled is None else bundled
    separated = separate_duplicates(plans)
    plans = list(separated.plans)
    actuals = _match_monitoring(plans, monitoring, host)
    context = CheckContext(
        host,
        plans,
        known,
        today or dt.date.today(),  # noqa: DTZ011 - local date of the run
        monitoring=actuals,
        as_of=as_of,
        progress_margin=chosen.progress_margin,
        twins=separated.twins,
    )
    raw = _check(plans, context, chosen, scopes=("plan", "plans"), done=separated.findings)
    return _report(raw, plans, context, chosen)


def _check(
    plans: Sequence[Plan],
    context: CheckContext,
    policy: Policy,
    *,
    scopes: Sequence[str],
    done: Sequence[Finding] = (),
) -> list[Finding]:
    """Everything the run found about ``plans``, before the policy: the host's findings about
    plugins, the plans' loading findings, and the rules' findings."""
    host = context.host
    raw: list[Finding] = []
    for plan in plans:
        raw.extend(attrs.evolve(f, plan=f.plan or plan.id) for f in plan.findings)
    raw.extend(done)
    raw.extend(_rule_findings(plans, context, policy.select, policy.ignore, scopes))
    # Read last: collecting rules, units or the catalog (lazily, while rules run) can add
    # findings about plugins (MZ003, MZ006) to the host.
    raw[:0] = host.findings
    return list(dict.fromkeys(raw))


def _report(
    raw: Sequence[Finding],
    plans: Sequence[Plan],
    context: CheckContext,
    policy: Policy,
    *,
    located: Sequence[LocatedInput] = (),
    inputs: Sequence[InputRecord] = (),
    unread: Sequence[Finding] = (),
) -> CheckReport:
    outcome = apply_policy(raw, plans, policy, context.today)
    findings = sort_findings(locate_findings([*unread, *outcome.findings], located))
    # One call for all: locating reads each plan file's key lines once.
    placed = locate_findings([item.finding for item in outcome.suppressed], located)
    suppressed = tuple(
        attrs.evolve(item, finding=finding)
        for item, finding in zip(outcome.suppressed, placed, strict=True)
    )
    return CheckReport(
        tuple(findings),
        tuple(plans),
        tuple(inputs),
        len(unread),
        suppressed=suppressed,
        not_run=tuple(_with_plugin_kind(item, context.host) for item in outcome.not_run),
        config=policy.config,
        baseline=outcome.baseline,
        allow_incomplete=policy.allow_incomplete,
        folded=tuple(sort_findings(locate_findings(outcome.folded, located))),
    )


def _with_plugin_kind(item: NotRun, host: PluginHost) -> NotRun:
    try:
        return attrs.evolve(item, builtin=host.plugin(item.plugin).builtin)
    except KeyError:
        return item


def _match_monitoring(
    plans: Sequence[Plan], monitoring: Sequence[Monitoring], host: PluginHost
) -> dict[str, Mapping[str, tuple[Actual, ...]]]:
    """The monitoring values of each plan, matched to its indicators by id or catalog code.

    A file naming its plan (``plan = "..."``) goes to that plan; one that does not, to the only
    plan of the run. A value naming no indicator is an error naming the file and line: a
    misspelt id would otherwise vanish from every judgement.
    """
    if not monitoring:
        return {}
    by_id = {plan.id: plan for plan in plans}
    grouped: dict[str, list[tuple[Monitoring, Actual]]] = {}
    for values in monitoring:
        if values.plan is None:
            if len(plans) != 1:
                msg = (
                    f"{values.path or 'monitoring values'}: name the plan they are for "
                    '(plan = "...") when checking several plans'
                )
                raise UsageError(msg)
            plan_id = plans[0].id
        elif values.plan not in by_id:
            msg = f"the monitoring values are for plan {values.plan}, which is not checked here"
            raise PlanFileError(msg, path=values.path, key="plan")
        else:
            plan_id = values.plan
        grouped.setdefault(plan_id, []).extend((values, actual) for actual in values.actuals)
    from minzheng_plans.core.progress import match_actuals  # noqa: PLC0415 - rarely needed

    catalog = host.catalog()
    matched: dict[str, Mapping[str, tuple[Actual, ...]]] = {}
    for plan_id, pairs in grouped.items():
        plan = by_id[plan_id]
        found, unknown = match_actuals(
            plan,
            [actual for _values, actual in pairs],
            lambda item: item.code or catalog.match(item.name, item.unit, suggest=False).code,
        )
        if unknown:
            source = next(values for values, actual in pairs if actual is unknown[0])
            msg = f"no indicator {unknown[0].indicator!r} in plan {plan.id} (by id or catalog code)"
            raise PlanFileError(msg, path=source.path, line=unknown[0].line, key="indicator")
        matched[plan_id] = found
    return matched


def _rule_findings(
    plans: Sequence[Plan],
    context: CheckContext,
    select: Sequence[str],
    ignore: Sequence[str],
    scopes: Sequence[str],
    *,
    rules: Sequence[RuleInfo] | None = None,
) -> list[Finding]:
    """What the rules of ``scopes`` (among ``rules``, default the host's) say about ``plans``,
    each rule call isolated."""
    host = context.host
    # The budget's machinery armed once for all these calls; each still has its own budget.
    with budget_clock(host.budget):
        return _rule_calls(plans, context, select, ignore, scopes, rules)


def _rule_calls(
    plans: Sequence[Plan],
    context: CheckContext,
    select: Sequence[str],
    ignore: Sequence[str],
    scopes: Sequence[str],
    rules: Sequence[RuleInfo] | None,
) -> list[Finding]:
    host = context.host
    raw: list[Finding] = []
    # A copy: a rule that edits the host's list must not skip the rules after it.
    for info in tuple(host.rules()) if rules is None else rules:
        rule = info.rule
        if not _runs(rule, scopes, select, ignore):
            continue
        codes = declared_codes(rule)
        bound = context.for_rule(rule)
        subjects: Iterable[object] = plans if rule.scope == "plan" else [list(plans)]
        for subject in subjects:
            plan_id = subject.id if isinstance(subject, Plan) else None
            produced = guarded(
                functools.partial(_run_rule, rule, subject, bound),
                raw,
                code="MZ005",
                plugin=info.plugin.name,
                what=f"rule {rule.code} ({rule.name})",
                budget=host.budget,
                plan=plan_id,
                args={"rule": rule.code},
            )
            for finding in produced or ():
                if not isinstance(finding, Finding):
                    host.report_wrong_type(info.plugin, f"rule {rule.code}", "Finding", finding)
                    raw.extend(host.findings[-1:])
                    continue
                problem = _unrenderable(finding)
                if problem is not None:
                    raw.append(_bad_message(info.plugin.name, rule.code, problem, plan_id))
                elif finding.code not in codes:
                    raw.append(_undeclared(info.plugin.name, rule, finding.code, plan_id))
                else:
                    raw.append(
                        finding
                        if finding.plan or plan_id is None
                        else attrs.evolve(finding, plan=plan_id)
                    )
    return raw


def _runs(rule: Rule, scopes: Sequence[str], select: Sequence[str], ignore: Sequence[str]) -> bool:
    """Whether ``rule`` runs in a pass over ``scopes``: any of its codes is selected."""
    return rule.scope in scopes and any(
        wanted(code, select, ignore) for code in declared_codes(rule)
    )


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


def _undeclared(plugin: str, rule: Rule, code: str, plan: str | None) -> Finding:
    return make_finding(
        "MZ008",
        Severity.ERROR,
        "Plugin {plugin} returned a finding with code {emitted} from rule {rule} ({name}), "
        "which declares only {declared}; it was dropped. Report it to the plugin's authors.",
        plan=plan,
        plugin=plugin,
        emitted=code,
        rule=rule.code,
        name=rule.name,
        declared=", ".join(declared_codes(rule)),
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
    max_bytes: int | None = None,
    policy: Policy | None = None,
    isolated: bool = False,
    monitoring: Sequence[Monitoring] = (),
    verbose: bool = False,
) -> CheckReport:
    """Read plan files and documents (through loaders), then check them together.

    The policy is ``policy``, else the configuration file found from the first path upwards
    (``isolated=True``: none), with ``select`` and ``ignore`` on top, as in ``check``. ``jobs``
    reads files, and runs the per-plan rules on them, in that many processes (0: one per core);
    the plan-set rules then run in this process, since they need every plan. ``progress`` is
    called with the number of files read since its last call. A file over ``max_bytes``
    (default: the configuration's ``max-file-bytes``, else 20 MiB) is reported (MZ101) without
    being read. ``monitoring`` values feed the evaluation rules (MZ6xx). A plan's MZ504
    findings are summarised in one unless ``verbose`` (or the policy's), as ``check`` does.
    """
    given = list(paths)
    files = collect_plan_paths(given)
    config = None
    if policy is None:
        config = load_config(given, isolated=isolated)
        policy = Policy.from_config(config)
    policy = policy.narrowed(select, ignore)
    if verbose:
        policy = attrs.evolve(policy, verbose=True)
    if max_bytes is None:
        max_bytes = (config.max_file_bytes if config is not None else None) or DEFAULT_MAX_BYTES
    today = dt.date.today()  # noqa: DTZ011 - local date of the run
    chosen = policy

    def per_plan(plans: Sequence[Plan]) -> list[Finding]:
        context = CheckContext(
            host,
            plans,
            (),
            today,
            monitoring=_match_monitoring_subset(plans, monitoring, host),
            progress_margin=chosen.progress_margin,
        )
        return _rule_findings(plans, context, chosen.select, chosen.ignore, ("plan",))

    if processes(jobs, len(files)) == 1:
        # One process (read_all would stay in it too): the pool's module is not even loaded.
        results = read_paths(files, host, loader, max_bytes, progress)
        done: list[Finding] | None = None
        scanned = None
    else:
        from minzheng_plans.checking.parallel import ReadJob, read_all  # noqa: PLC0415

        job = ReadJob(host, loader, max_bytes, per_plan)
        results, done, scanned = read_all(files, job, jobs, progress)
    lines = dict(zip((id(r) for r in results), scanned, strict=True)) if scanned else {}
    read = [r for r in results if r.plan is not None]
    separated = separate_duplicates(
        [r.plan for r in read if r.plan is not None],
        [r.record.path if r.record is not None else None for r in read],
    )
    plans = list(separated.plans)
    inputs = [r.record for r in results if r.record is not None]
    if separated.twins:
        ids = {r.record.path: plan.id for r, plan in zip(read, plans, strict=True) if r.record}
        inputs = [attrs.evolve(i, plan=ids.get(i.path, i.plan)) for i in inputs]
        if done is not None:
            # Workers saw each copy under the shared id: check those plans again, apart.
            twins = [plan for plan in plans if plan.id in separated.twins]
            done = [f for f in done if f.plan not in separated.twins] + per_plan(twins)
    errors = [*(f for r in results for f in r.findings), *separated.findings]
    located = [
        LocatedInput(r.record.path, plan, lines=lines.get(id(r)))
        for r, plan in zip(read, plans, strict=True)
        if r.record is not None
    ]
    bundled = bundled_plans() if use_bundled else ()
    context = CheckContext(
        host,
        plans,
        bundled,
        today,
        monitoring=_match_monitoring(plans, monitoring, host),
        progress_margin=policy.progress_margin,
        twins=separated.twins,
    )
    if done is None:
        raw = _check(plans, context, policy, scopes=("plan", "plans"))
    else:
        # Workers ran the per-plan rules; the plan-set rules remain, divided among processes
        # where they allow it.
        plan_set = _plan_set_findings(plans, context, policy, jobs)
        raw = _check(plans, context, policy, scopes=(), done=[*done, *plan_set])
    # An input that could not be read is always reported: it is why the run exits 2, and no
    # selection or waiver may leave that unsaid.
    unread = [f for f in errors if f.code in UNREADABLE_CODES]
    return _report(
        [*(f for f in errors if f.code not in UNREADABLE_CODES), *raw],
        plans,
        context,
        policy,
        located=located,
        inputs=inputs,
        unread=unread,
    )


def _plan_set_findings(
    plans: Sequence[Plan], context: CheckContext, policy: Policy, jobs: int
) -> list[Finding]:
    """What the plan-set rules say about ``plans``, rule after rule as in one process: each
    divisible rule (:attr:`Rule.divisible`) on parts of the plans in ``jobs`` processes, its
    findings joined in plan order; the others here, on every plan at once."""
    from minzheng_plans.checking.parallel import divide  # noqa: PLC0415

    infos = [
        info
        for info in tuple(context.host.rules())
        if _runs(info.rule, ("plans",), policy.select, policy.ignore)
    ]
    divisible = [info for info in infos if is_divisible(info.rule)]

    def run(part: Sequence[Plan]) -> list[list[Finding]]:
        return [
            _rule_findings(part, context, policy.select, policy.ignore, ("plans",), rules=[info])
            for info in divisible
        ]

    parts: list[list[list[Finding]]] = []
    if divisible:
        # Built before the fork, so that every worker inherits it rather than building its own.
        context.known_plans()
        parts = divide(plans, jobs, run)
    position = {id(info): n for n, info in enumerate(divisible)}
    raw: list[Finding] = []
    for info in infos:
        if id(info) in position:
            raw.extend(f for part in parts for f in part[position[id(info)]])
        else:
            raw.extend(
                _rule_findings(
                    plans, context, policy.select, policy.ignore, ("plans",), rules=[info]
                )
            )
    return raw


def _match_monitoring_subset(
    plans: Sequence[Plan], monitoring: Sequence[Monitoring], host: PluginHost
) -> dict[str, Mapping[str, tuple[Actual, ...]]]:
    """Monitoring values for the plans one worker read: those naming one of them by id.

    A file without a plan id serves a single-plan run, which never reaches the workers.
    """
    ids = {plan.id for plan in plans}
    mine = [values for values in monitoring if values.plan in ids]
    return _match_monitoring(plans, mine, host) if mine else {}


def record_baseline(report: CheckReport, path: str | Path) -> CheckReport:
    """Write every finding of ``report`` (the waived ones aside) to the baseline file ``path``
    and return the report as that baseline sees it: every finding matched, none gone.

    Findings an earlier baseline matched are recorded again, so that rewriting a baseline
    keeps what it held and adds what is new.
    """
    from minzheng_plans.checking.baseline import write_baseline  # noqa: PLC0415

    earlier = [item for item in report.suppressed if item.origin == "baseline"]
    # Each uncatalogued name is recorded, not the per-plan summary that counts them.
    shown = [f for f in report.findings if f.message != SUMMARY_MESSAGE]
    recorded = [*shown, *report.folded, *(item.finding for item in earlier)]
    baseline = write_baseline(recorded, path)
    waived = [item for item in report.suppressed if item.origin != "baseline"]
    return attrs.evolve(
        report,
        findings=(),
        suppressed=(
            *waived,
            *(Suppressed(finding, "baseline", source=baseline.path) for finding in recorded),
        ),
        baseline=BaselineOutcome(baseline.path, len(recorded), 0),
        folded=(),
    )
