"""Running rules over plans: selection, suppressions, parent resolution, deterministic order."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import multiprocessing
import os
import sys
import tomllib
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path

import attrs

from minzheng_plans.checking.locate import LocatedInput, locate_findings
from minzheng_plans.core.errors import (
    DocumentError,
    LimitError,
    MinzhengError,
    PlanFileError,
    PlanStructureError,
    SchemaVersionError,
)
from minzheng_plans.core.findings import (
    Finding,
    Location,
    Severity,
    code_matches,
    make_finding,
    sort_findings,
)
from minzheng_plans.core.model import Plan
from minzheng_plans.files.planfile import loads_plan
from minzheng_plans.files.resources import data_file
from minzheng_plans.plugins.context import CheckContext
from minzheng_plans.plugins.guard import guarded
from minzheng_plans.plugins.hookspecs import Rule
from minzheng_plans.plugins.host import PluginHost
from minzheng_plans.reading.document import DEFAULT_MAX_BYTES, Document
from minzheng_plans.reading.loading import load_document

__all__ = [
    "CheckReport",
    "InputRecord",
    "bundled_plans",
    "check_paths",
    "check_plans",
    "collect_plan_paths",
]

_PLAN_SUFFIXES = (".toml", ".json")


@attrs.frozen
class InputRecord:
    """A file a check read, with its SHA-256, so that a result can be reproduced."""

    path: str
    sha256: str
    plan: str | None = None


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
    kept = [f for f in raw if _wanted(f.code, select, ignore)]
    kept = _apply_suppressions(kept, plans, context.today)
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
        if rule.scope not in scopes or not _wanted(rule.code, select, ignore):
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
                    host._wrong_type(info.plugin, f"rule {rule.code}", "Finding", finding)
                    raw.extend(host.findings[-1:])
    return raw


def _unrenderable(finding: Finding) -> str | None:
    """Why the message of a plugin's finding cannot be filled, or None when it can.

    Sorting and reporting fill every message, so one placeholder without its argument would
    otherwise end the whole run with a KeyError.
    """
    try:
        _ = finding.text
    except (KeyError, IndexError, ValueError, AttributeError, TypeError) as err:
        return f"{type(err).__name__}: {str(err)[:100]}"
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


def _wanted(code: str, select: Sequence[str], ignore: Sequence[str]) -> bool:
    if select and not code_matches(code, select):
        return False
    return not (ignore and code_matches(code, ignore))


def _apply_suppressions(
    findings: list[Finding], plans: Sequence[Plan], today: dt.date
) -> list[Finding]:
    kept: list[Finding] = []
    used: set[tuple[str, int]] = set()
    by_plan = {plan.id: plan for plan in plans}
    for finding in findings:
        plan = by_plan.get(finding.plan or "")
        match = None
        if plan is not None:
            for position, rule in enumerate(plan.suppress):
                expired = rule.expires is not None and rule.expires < today
                if (
                    not expired
                    and code_matches(finding.code, [rule.code])
                    and (rule.indicator is None or rule.indicator == finding.indicator)
                ):
                    match = position
                    break
        if match is None:
            kept.append(finding)
        else:
            used.add((plan.id, match))  # type: ignore[union-attr]
    for plan in plans:
        for position, rule in enumerate(plan.suppress):
            if rule.expires is not None and rule.expires < today:
                kept.append(
                    make_finding(
                        "MZ105",
                        Severity.WARNING,
                        "Suppression of {suppressed} expired on {expires}; fix the finding or "
                        "renew the suppression with a reason.",
                        plan=plan.id,
                        indicator=rule.indicator,
                        suppressed=rule.code,
                        expires=rule.expires.isoformat(),
                    )
                )
            elif (plan.id, position) not in used:
                kept.append(
                    make_finding(
                        "MZ105",
                        Severity.WARNING,
                        "Suppression of {suppressed} matches no finding; remove it.",
                        plan=plan.id,
                        indicator=rule.indicator,
                        suppressed=rule.code,
                    )
                )
    return kept


def collect_plan_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, and plan files (``.toml``, ``.json``) found under directories.

    Under a directory, hidden folders (``.git``, ``.venv``) are skipped, and so are well-formed
    TOML and JSON files with neither a ``schema`` nor a ``plan`` key (``pyproject.toml``,
    ``package.json``); a file that does not parse is kept, to be reported. A file named
    directly is always read.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix in _PLAN_SUFFIXES
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                    and p.is_file()
                    and _looks_like_plan_file(p)
                )
            )
        else:
            found.append(path)
    return found


def _looks_like_plan_file(path: Path) -> bool:
    """False only for a well-formed TOML/JSON file that is clearly something else.

    A file that cannot be read or parsed is kept, so that checking reports it: a broken plan
    file must never be skipped silently.
    """
    try:
        if path.stat().st_size > DEFAULT_MAX_BYTES:
            return True
        text = path.read_bytes().decode("utf-8-sig")
        tree = json.loads(text) if path.suffix == ".json" else tomllib.loads(text)
    except (OSError, ValueError, RecursionError):  # decode and parse errors are ValueErrors
        return True
    return isinstance(tree, dict) and ("schema" in tree or "plan" in tree)


def _read_error_finding(err: MinzhengError, path: Path) -> Finding:
    code = "MZ101"
    if isinstance(err, SchemaVersionError):
        code = "MZ103"
    elif isinstance(err, PlanStructureError):
        code = "MZ102"
    line = getattr(err, "line", None)
    return Finding(
        code, Severity.ERROR, "{error}", {"error": str(err)}, location=Location(str(path), line)
    )


@attrs.frozen
class _Read:
    """What reading one path gave: a plan or not, findings, and the input record."""

    plan: Plan | None
    findings: tuple[Finding, ...]
    record: InputRecord | None


def _read_path(
    path: Path, host: PluginHost, loader: str | None, max_bytes: int = DEFAULT_MAX_BYTES
) -> _Read:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            # Refused before reading: a runaway file must not be loaded into memory first.
            error = LimitError(f"{path}: file size", max_bytes, size, setting="max-file-bytes")
            return _Read(None, (_read_error_finding(error, path),), None)
        data = path.read_bytes()
    except OSError as err:
        finding = Finding(
            "MZ101",
            Severity.ERROR,
            "{error}",
            {"error": f"{path}: {err.strerror or err}"},
            location=Location(str(path)),
        )
        return _Read(None, (finding,), None)
    digest = hashlib.sha256(data).hexdigest()
    try:
        result = load_document(Document.from_bytes(str(path), data), host, loader=loader)
    except (PlanFileError, DocumentError, LimitError) as err:
        return _Read(None, (_read_error_finding(err, path),), InputRecord(str(path), digest))
    extra = tuple(f for f in result.findings if f not in result.plan.findings)
    return _Read(result.plan, extra, InputRecord(str(path), digest, result.plan.id))


@attrs.frozen
class _Job:
    """What every worker needs beyond its paths: the host is inherited through the fork."""

    host: PluginHost
    loader: str | None
    select: Sequence[str]
    ignore: Sequence[str]
    today: dt.date
    max_bytes: int


# Set in the parent just before the pool forks, so that workers share its plugin host.
_WORKER: _Job | None = None


def _work_batch(paths: Sequence[Path]) -> tuple[list[_Read], list[Finding]]:
    """Read a batch and run the per-plan rules on it: both are independent of other plans."""
    job = _WORKER
    assert job is not None  # set by _read_all before the fork
    reads = [_read_path(path, job.host, job.loader, job.max_bytes) for path in paths]
    plans = [r.plan for r in reads if r.plan is not None]
    context = CheckContext(job.host, plans, (), job.today)
    return reads, _rule_findings(plans, context, job.select, job.ignore, ("plan",))


def _read_all(
    paths: Sequence[Path],
    job: _Job,
    jobs: int,
    progress: Callable[[int], None] | None,
) -> tuple[list[_Read], list[Finding] | None]:
    """Every path read, and the per-plan rules' findings when workers ran them (else None)."""
    # Workers are forked so they inherit the host with every plugin already registered; where
    # fork is unavailable (Windows, macOS defaults) everything stays in this process.
    jobs = jobs or os.cpu_count() or 1
    results: list[_Read] = []
    if jobs == 1 or len(paths) < _MIN_PATHS_PER_WORKER * 2 or not _can_fork():
        for path in paths:
            results.append(_read_path(path, job.host, job.loader, job.max_bytes))
            if progress is not None:
                progress(1)
        return results, None
    global _WORKER  # noqa: PLW0603 - the fork hands this to the workers
    _WORKER = job
    size = max(_MIN_PATHS_PER_WORKER, len(paths) // (jobs * 8))
    batches = [paths[i : i + size] for i in range(0, len(paths), size)]
    findings: list[Finding] = []
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            for reads, found in pool.map(_work_batch, batches):
                results.extend(reads)
                findings.extend(found)
                if progress is not None:
                    progress(len(reads))
    finally:
        _WORKER = None
    return results, findings


_MIN_PATHS_PER_WORKER = 16


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and sys.platform == "linux"


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
    job = _Job(host, loader, tuple(select), tuple(ignore), today, max_bytes)
    results, per_plan = _read_all(collect_plan_paths(paths), job, jobs, progress)
    plans = [r.plan for r in results if r.plan is not None]
    inputs = [r.record for r in results if r.record is not None]
    errors = [f for r in results for f in r.findings]
    located = [
        LocatedInput(r.record.path, r.plan)
        for r in results
        if r.plan is not None and r.record is not None
    ]
    bundled = bundled_plans() if use_bundled else ()
    if per_plan is None:
        findings = _check(plans, host, select, ignore, bundled, today, scopes=("plan", "plans"))
    else:
        findings = _check(
            plans, host, select, ignore, bundled, today, scopes=("plans",), done=per_plan
        )
    findings = sort_findings(locate_findings([*errors, *findings], located))
    unreadable = sum(1 for f in errors if f.code in ("MZ101", "MZ102", "MZ103"))
    return CheckReport(tuple(findings), tuple(plans), tuple(inputs), unreadable)


@cache
def bundled_plans() -> tuple[Plan, ...]:
    """The plans shipped in ``data/plans`` (read once per process)."""
    folder = data_file("plans")
    if not folder.is_dir():
        return ()
    return tuple(
        loads_plan(item.read_text(encoding="utf-8"), path=f"<bundled>/{item.name}")
        for item in sorted(folder.iterdir(), key=lambda t: t.name)
        if item.name.endswith(".toml")
    )
