"""Which findings a run reports, which it keeps as suppressed, and whether they fail it.

One policy for the API and the command line (``check_plans``, ``check_paths``, ``check``,
``evaluate``), applied in this order to everything the rules, loaders and plugins said:

1. **What did not run.** A rule or loader call that raised or ran past its time budget
   (MZ004, MZ005, MZ007 on an input) is listed in :attr:`Outcome.not_run` before anything
   else, so that neither ``select`` nor a waiver can hide that findings may be missing.
2. **Selection.** ``select`` and ``ignore`` take codes or prefixes (``MZ4``, ``MZ401``).
3. **Severity overrides.** Per code or prefix; the longest matching key wins.
4. **Waivers** (:class:`~minzheng_plans.core.findings.Waiver`): approved deviations from the
   configuration (``[[waivers]]``) and from the plan files (``[[waivers]]``, the older
   ``[[suppress]]``, inline ``# minzheng: ignore[...]`` comments). A waived finding is kept
   as :class:`Suppressed`, with its justification; a waiver that expired or matched nothing
   is itself reported (MZ105).
5. **Baseline** (:mod:`.baseline`): findings recorded in the baseline file are kept as
   suppressed too, and the outcome says how many matched and how many entries are gone.
6. **Summaries.** Unless ``verbose``, a plan's MZ504 findings (names the catalog does not
   know) are folded into one that counts and lists them
   (:func:`~minzheng_plans.text.coding.summarise_uncatalogued`); the ones folded are kept
   in :attr:`Outcome.folded`, so that a baseline written from the run records each.

**The exit rule** (:func:`exit_code`): 2 when an input could not be read; 1 when an error
finding about the data remains (plugin and runtime findings, MZ0xx, are reported but are not
such errors), or when a rule or loader did not run on an input and incomplete runs are not
allowed (``--allow-incomplete``, ``allow-incomplete = true``); else 0. This holds for
third-party plugins as for built-in ones: a rule that is part of the run and could not run
leaves its findings unreported either way. A plugin that fails to register (MZ001–MZ003) is
not part of the run and does not fail it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

import attrs

from minzheng_plans.core.findings import (
    Finding,
    Location,
    Severity,
    Waiver,
    code_matches,
    make_finding,
)
from minzheng_plans.core.model import Plan
from minzheng_plans.plugins.context import DEFAULT_PROGRESS_MARGIN

if TYPE_CHECKING:
    from minzheng_plans.checking.baseline import Baseline
    from minzheng_plans.checking.config import Config

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_INCOMPLETE",
    "EXIT_OK",
    "EXIT_UNREADABLE",
    "INCOMPLETE_CODES",
    "RUNTIME_PREFIX",
    "BaselineOutcome",
    "NotRun",
    "Outcome",
    "Policy",
    "Suppressed",
    "apply_policy",
    "apply_suppressions",
    "exit_code",
    "fails_run",
    "not_run",
    "override_severities",
    "wanted",
]

#: Codes of plugin and runtime problems: reported, but not errors about the data.
RUNTIME_PREFIX = "MZ0"
#: A plugin call on an input raised (MZ004 loader, MZ005 rule) or ran out of time (MZ007).
INCOMPLETE_CODES = frozenset({"MZ004", "MZ005", "MZ007"})

EXIT_OK = 0
EXIT_FINDINGS = 1
#: An incomplete run fails like error findings do: the findings that are missing may be errors.
EXIT_INCOMPLETE = 1
EXIT_UNREADABLE = 2


def wanted(code: str, select: Sequence[str], ignore: Sequence[str]) -> bool:
    """Whether ``code`` is selected (or nothing is) and not ignored."""
    if select and not code_matches(code, select):
        return False
    return not (ignore and code_matches(code, ignore))


def fails_run(findings: Iterable[Finding]) -> bool:
    """Whether an error finding about the data (not a runtime MZ0xx one) is among ``findings``."""
    return any(
        f.severity is Severity.ERROR and not f.code.startswith(RUNTIME_PREFIX) for f in findings
    )


def severity_for(code: str, table: Mapping[str, Severity]) -> Severity | None:
    """The overriding severity for ``code``: the longest matching code or prefix of ``table``."""
    matches = [key for key in table if code.startswith(key)]
    return table[max(matches, key=len)] if matches else None


def override_severities(
    findings: Iterable[Finding], table: Mapping[str, Severity]
) -> list[Finding]:
    """``findings`` with severities overridden where ``table`` says so."""
    out = []
    for finding in findings:
        override = severity_for(finding.code, table)
        out.append(
            finding
            if override is None or override is finding.severity
            else attrs.evolve(finding, severity=override)
        )
    return out


def _code_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(value.strip().upper() for value in values if value.strip())


def _waiver_tuple(values: Iterable[Waiver]) -> tuple[Waiver, ...]:
    return tuple(values)


@attrs.frozen
class Policy:
    """What a run reports and when it fails: selection, severities, waivers, baseline, exit rule.

    ``waivers`` are the configuration's (each names its plan; ``waiver_lines`` their lines in
    ``config``, the file they came from, which reports name). Plan-file waivers travel with
    their plans. ``progress_margin`` is handed to the evaluation rules (MZ603). ``verbose``
    keeps one MZ504 per uncatalogued name instead of one summary per plan.
    """

    select: tuple[str, ...] = attrs.field(default=(), converter=_code_tuple)
    ignore: tuple[str, ...] = attrs.field(default=(), converter=_code_tuple)
    severity: Mapping[str, Severity] = attrs.field(factory=dict)
    waivers: tuple[Waiver, ...] = attrs.field(default=(), converter=_waiver_tuple)
    waiver_lines: tuple[int | None, ...] = ()
    baseline: Baseline | None = None
    allow_incomplete: bool = False
    progress_margin: Decimal = DEFAULT_PROGRESS_MARGIN
    config: str | None = None
    verbose: bool = False

    @classmethod
    def from_config(
        cls,
        config: Config,
        *,
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        allow_incomplete: bool = False,
        baseline: Baseline | None = None,
        read_baseline_file: bool = True,
        verbose: bool = False,
    ) -> Policy:
        """The policy of a configuration, with command-line options on top.

        ``select`` replaces the file's; ``ignore`` adds to it; ``allow_incomplete``,
        ``verbose`` and ``baseline`` given here win over the file's.
        ``read_baseline_file=False`` leaves the configuration's baseline unread (a run that is
        about to write it anew).
        """
        if baseline is None and config.baseline is not None and read_baseline_file:
            from minzheng_plans.checking.baseline import read_baseline  # noqa: PLC0415

            baseline = read_baseline(config.baseline)
        return cls(
            select=tuple(select) or config.select,
            ignore=(*config.ignore, *ignore),
            severity=config.severity,
            waivers=config.waivers,
            waiver_lines=config.waiver_lines,
            baseline=baseline,
            allow_incomplete=allow_incomplete or bool(config.allow_incomplete),
            progress_margin=(
                config.progress_margin
                if config.progress_margin is not None
                else DEFAULT_PROGRESS_MARGIN
            ),
            config=config.path,
            verbose=verbose or bool(config.verbose),
        )

    def narrowed(self, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> Policy:
        """This policy with ``select`` replacing its own (when given) and ``ignore`` added."""
        if not select and not ignore:
            return self
        return attrs.evolve(
            self,
            select=tuple(select) or self.select,
            ignore=(*self.ignore, *ignore),
        )

    def wants(self, code: str) -> bool:
        return wanted(code, self.select, self.ignore)


@attrs.frozen
class Suppressed:
    """A finding kept out of the report but not lost: waived, or recorded in the baseline.

    ``origin`` is where the suppression is written: ``config`` (a configuration waiver),
    ``plan`` (a plan file's waiver or inline comment) or ``baseline``; ``source`` names that
    file where known. SARIF calls plan-file suppressions ``inSource`` and the others
    ``external``.
    """

    finding: Finding
    origin: Literal["config", "plan", "baseline"]
    waiver: Waiver | None = None
    source: str | None = None

    @property
    def kind(self) -> Literal["waiver", "baseline"]:
        return "baseline" if self.origin == "baseline" else "waiver"

    @property
    def sarif_kind(self) -> Literal["inSource", "external"]:
        return "inSource" if self.origin == "plan" else "external"


@attrs.frozen
class NotRun:
    """A plugin call that could not finish on an input: which rule or loader, and on what.

    ``plan`` is the plan the rule was checking (``None`` for a rule over every plan of the
    run); ``file`` the input a loader was reading; ``reason`` ``raised`` or ``timed-out``.
    """

    plugin: str
    what: str
    reason: Literal["raised", "timed-out"]
    rule: str | None = None
    loader: str | None = None
    plan: str | None = None
    file: str | None = None
    builtin: bool | None = None


@attrs.frozen
class BaselineOutcome:
    """What a baseline did: the file, findings it matched, and its entries no finding matched."""

    path: str | None
    matched: int
    gone: int


@attrs.frozen
class Outcome:
    """The policy applied: findings to report, suppressed findings, calls that did not run."""

    findings: tuple[Finding, ...]
    suppressed: tuple[Suppressed, ...] = ()
    not_run: tuple[NotRun, ...] = ()
    baseline: BaselineOutcome | None = None
    folded: tuple[Finding, ...] = ()


def not_run(findings: Iterable[Finding]) -> list[NotRun]:
    """The rule and loader calls that raised or ran out of time on an input, from their
    findings (the runner and the loading code name the rule or loader in the arguments)."""
    found: list[NotRun] = []
    for finding in findings:
        if finding.code not in INCOMPLETE_CODES:
            continue
        args = dict(finding.args)
        rule, loader = args.get("rule"), args.get("loader")
        if rule is None and loader is None:
            continue  # a hook at registration (MZ003/MZ007 of register_*): not an input
        found.append(
            NotRun(
                plugin=str(args.get("plugin", "")),
                what=str(args.get("what", "")),
                reason="timed-out" if finding.code == "MZ007" else "raised",
                rule=None if rule is None else str(rule),
                loader=None if loader is None else str(loader),
                plan=finding.plan,
                file=finding.location.file if finding.location is not None else None,
            )
        )
    return list(dict.fromkeys(found))


def apply_policy(
    findings: Sequence[Finding],
    plans: Sequence[Plan],
    policy: Policy,
    today: dt.date,
) -> Outcome:
    """Apply ``policy`` to everything a run found about ``plans`` (see the module docstring)."""
    missing = not_run(findings)
    kept = [f for f in findings if policy.wants(f.code)]
    kept = override_severities(kept, policy.severity)
    reported, suppressed, stale = _waive(kept, plans, policy, today)
    reported.extend(f for f in override_severities(stale, policy.severity) if policy.wants(f.code))
    outcome = None
    if policy.baseline is not None:
        from minzheng_plans.checking.baseline import match_baseline  # noqa: PLC0415

        reported, matched, gone = match_baseline(
            reported, policy.baseline, plans={p.id for p in plans}, wants=policy.wants
        )
        suppressed.extend(
            Suppressed(finding, "baseline", source=policy.baseline.path) for finding in matched
        )
        outcome = BaselineOutcome(policy.baseline.path, len(matched), gone)
    folded: list[Finding] = []
    if not policy.verbose:
        from minzheng_plans.text.coding import summarise_uncatalogued  # noqa: PLC0415

        summarised = summarise_uncatalogued(reported)
        kept_ids = {id(f) for f in summarised}
        folded = [f for f in reported if id(f) not in kept_ids]
        reported = summarised
    return Outcome(tuple(reported), tuple(suppressed), tuple(missing), outcome, tuple(folded))


def _waive(
    findings: Sequence[Finding], plans: Sequence[Plan], policy: Policy, today: dt.date
) -> tuple[list[Finding], list[Suppressed], list[Finding]]:
    """Findings left, findings waived, and MZ105 for every waiver expired or unused."""
    by_plan = {plan.id: plan for plan in plans}
    used: set[tuple[str, int]] = set()
    reported: list[Finding] = []
    suppressed: list[Suppressed] = []
    for finding in findings:
        plan = by_plan.get(finding.plan or "")
        match: Suppressed | None = None
        key: tuple[str, int] | None = None
        for position, waiver in enumerate(plan.waivers if plan is not None else ()):
            if not waiver.is_expired(today) and waiver.matches(finding, plan.id if plan else None):
                match = Suppressed(finding, "plan", waiver, plan.source if plan else None)
                key = (f"plan:{finding.plan}", position)
                break
        if match is None:
            for position, waiver in enumerate(policy.waivers):
                if not waiver.is_expired(today) and waiver.matches(finding):
                    match = Suppressed(finding, "config", waiver, policy.config)
                    key = ("config", position)
                    break
        if match is None:
            reported.append(finding)
        else:
            suppressed.append(match)
            assert key is not None
            used.add(key)
    stale: list[Finding] = []
    for plan in plans:
        for position, waiver in enumerate(plan.waivers):
            if (f"plan:{plan.id}", position) not in used:
                stale.extend(_stale(waiver, plan.id, today, policy))
    run_plans = set(by_plan)
    for position, waiver in enumerate(policy.waivers):
        # A configuration waiver for a plan this run does not check is not stale: the
        # configuration serves every run in its folder.
        if ("config", position) in used or waiver.plan not in run_plans:
            continue
        line = policy.waiver_lines[position] if position < len(policy.waiver_lines) else None
        where = Location(policy.config, line) if policy.config else None
        stale.extend(attrs.evolve(f, location=where) for f in _stale(waiver, None, today, policy))
    return reported, suppressed, stale


def _stale(waiver: Waiver, plan: str | None, today: dt.date, policy: Policy) -> list[Finding]:
    if waiver.is_expired(today):
        assert waiver.expires is not None
        return [
            make_finding(
                "MZ105",
                Severity.WARNING,
                "Waiver of {waived} expired on {expires}; fix the finding or renew the waiver "
                "with a reason.",
                plan=waiver.plan or plan,
                indicator=waiver.indicator,
                waived=waiver.code,
                expires=waiver.expires.isoformat(),
            )
        ]
    if not policy.wants(waiver.code):
        # Its rule did not run (--select, ignore): matching nothing proves nothing.
        return []
    return [
        make_finding(
            "MZ105",
            Severity.WARNING,
            "Waiver of {waived} matches no finding; remove it.",
            plan=waiver.plan or plan,
            indicator=waiver.indicator,
            waived=waiver.code,
        )
    ]


def apply_suppressions(
    findings: list[Finding], plans: Sequence[Plan], today: dt.date
) -> list[Finding]:
    """``findings`` without those the plans' own waivers cover, plus MZ105 for each waiver
    that expired or matched nothing (the plan-file part of :func:`apply_policy`)."""
    return list(apply_policy(findings, plans, Policy(), today).findings)


def exit_code(
    findings: Iterable[Finding],
    missing: Sequence[NotRun] = (),
    *,
    unreadable: int = 0,
    allow_incomplete: bool = False,
) -> int:
    """The exit rule: 2 unreadable input; 1 error findings, or an incomplete run not allowed;
    else 0."""
    if unreadable:
        return EXIT_UNREADABLE
    if fails_run(findings):
        return EXIT_FINDINGS
    if missing and not allow_incomplete:
        return EXIT_INCOMPLETE
    return EXIT_OK
