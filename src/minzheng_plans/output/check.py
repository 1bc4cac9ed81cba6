"""The reports of a check: text, JSON (the findings contract, with the run's provenance),
SARIF, HTML (:mod:`minzheng_plans.output.html`) and the findings workbook
(:mod:`minzheng_plans.output.workbook`).

Each names the version that produced it, the plugins it ran with and each input with its
SHA-256, so that a result can be reproduced; and what the policy did (see
:mod:`minzheng_plans.checking.policy`): the configuration file that governed the run, the
findings waived or matched by the baseline (with their justification), and the rule and loader
calls that did not run on an input. JSON keys for these: ``config``, ``suppressed``,
``not_run``, ``baseline``, ``exit_code``; SARIF: ``results[].suppressions[]``,
``results[].baselineState``, ``invocations[0]`` (``executionSuccessful``, ``exitCode``,
``toolExecutionNotifications``, ``properties.config``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs

from minzheng_plans.checking.locate import LocatedInput, input_locator
from minzheng_plans.checking.policy import NotRun, Suppressed
from minzheng_plans.checking.runner import CheckReport
from minzheng_plans.core.findings import CORE_CODES, Finding, Location, Severity
from minzheng_plans.core.model import Plan
from minzheng_plans.core.printable import escape_field
from minzheng_plans.core.version import own_version
from minzheng_plans.output.i18n import renderer, translate
from minzheng_plans.output.report import (
    TEXT_APPROVED_BY,
    TEXT_BASELINE,
    TEXT_CONFIG,
    TEXT_DOCUMENT,
    TEXT_EVERY_PLAN,
    TEXT_EXPIRES,
    TEXT_IN_BASELINE,
    TEXT_IN_DOCUMENT,
    TEXT_INCOMPLETE_ALLOWED,
    TEXT_INCOMPLETE_FAILS,
    TEXT_NOT_RUN,
    TEXT_NOT_RUN_RAISED,
    TEXT_NOT_RUN_TIMED_OUT,
    TEXT_SUPPRESSED,
    TEXT_SUPPRESSED_HEADING,
    Relocate,
    RuleDescriptor,
    SarifSuppressed,
    finding_line,
    finding_to_json,
    findings_json,
    findings_sarif,
    findings_text,
)
from minzheng_plans.plugins.host import PluginHost

__all__ = [
    "check_html",
    "check_json",
    "check_sarif",
    "check_text",
    "document_place",
    "justification",
    "not_run_json",
    "not_run_text",
    "policy_text",
    "suppressed_json",
    "write_check_workbook",
]

Translate = Callable[[str], str]


def justification(item: Suppressed, language: str = "en") -> str:
    """Why a finding is suppressed: the waiver's reason with who approved it, the approving
    document and the last day; or the baseline that recorded it."""
    if item.waiver is None:
        return translate(TEXT_IN_BASELINE, language).format(path=item.source or "-")
    waiver = item.waiver
    details = []
    if waiver.approved_by:
        details.append(translate(TEXT_APPROVED_BY, language).format(who=waiver.approved_by))
    if waiver.document:
        details.append(translate(TEXT_DOCUMENT, language).format(number=waiver.document))
    if waiver.expires is not None:
        details.append(translate(TEXT_EXPIRES, language).format(date=waiver.expires.isoformat()))
    if not details:
        return waiver.reason
    if language.startswith("zh"):
        return f"{waiver.reason}（{'；'.join(details)}）"
    return f"{waiver.reason} ({'; '.join(details)})"


def suppressed_json(item: Suppressed, language: str = "en") -> dict[str, Any]:
    """One suppressed finding: the finding's JSON with a ``suppression`` object."""
    data = finding_to_json(item.finding, renderer(language))
    suppression: dict[str, Any] = {
        "kind": item.kind,
        "origin": item.origin,
        "justification": justification(item, language),
        "source": item.source,
    }
    if item.waiver is not None:
        waiver = item.waiver
        suppression.update(
            reason=waiver.reason,
            approved_by=waiver.approved_by,
            document=waiver.document,
            expires=waiver.expires.isoformat() if waiver.expires is not None else None,
        )
    data["suppression"] = suppression
    return data


def not_run_json(item: NotRun) -> dict[str, Any]:
    return {
        "plugin": item.plugin,
        "builtin": item.builtin,
        "rule": item.rule,
        "loader": item.loader,
        "what": item.what,
        "reason": item.reason,
        "plan": item.plan,
        "file": item.file,
    }


def not_run_text(item: NotRun, language: str = "en") -> str:
    """``rule MZ401 (…) of plugin x raised on plan y`` in ``language``."""
    subject = item.plan or item.file or translate(TEXT_EVERY_PLAN, language)
    template = TEXT_NOT_RUN_TIMED_OUT if item.reason == "timed-out" else TEXT_NOT_RUN_RAISED
    return translate(template, language).format(what=item.what, plugin=item.plugin, subject=subject)


def _located(report: CheckReport) -> list[LocatedInput]:
    plans = {plan.id: plan for plan in report.plans}
    return [
        LocatedInput(i.path, plans[i.plan])
        for i in report.inputs
        if i.plan is not None and i.plan in plans
    ]


def document_place(report: CheckReport, language: str) -> Relocate:
    """Where the text report shows a finding that points into a document not at hand.

    A plan file (a bundled plan, say) keeps the findings its loader recorded, located in the
    published document it was read from (``002_….txt:302``). When that file is neither an
    input of the run nor found on disk, the finding is shown at its plan file's line, and a
    note names the document by its title, its file name and the line.
    """
    plans = {plan.id: plan for plan in report.plans}
    inputs = {i.path for i in report.inputs}
    relocate = input_locator(_located(report))

    def place(finding: Finding) -> tuple[Location | None, str]:
        own = finding.location
        if (
            own is None
            or not own.file
            or own.line is None
            or own.file in inputs
            or Path(own.file).exists()
        ):
            return own, ""
        plan = plans.get(finding.plan or "")
        moved = relocate(finding)
        if plan is None or moved is None:
            return own, ""
        note = translate(TEXT_IN_DOCUMENT, language).format(
            title=plan.title, file=own.file, line=own.line
        )
        return moved, note

    return place


def check_json(
    findings: Sequence[Finding], report: CheckReport, host: PluginHost, language: str
) -> str:
    """``{"findings": [...], "summary": {...}}`` with messages in ``language``, and the policy's
    keys (``config``, ``suppressed``, ``not_run``, ``baseline``, ``exit_code``)."""
    baseline = report.baseline
    return findings_json(
        findings,
        {"plans": len(report.plans), "unreadable": report.unreadable},
        render=renderer(language),
        version=own_version(),
        language=language,
        plugins=[
            {"name": p.name, "distribution": p.distribution, "version": p.version}
            for p in host.plugins
        ],
        inputs=[{"path": i.path, "sha256": i.sha256, "plan": i.plan} for i in report.inputs],
        config=report.config,
        suppressed=[suppressed_json(item, language) for item in report.suppressed],
        not_run=[not_run_json(item) for item in report.not_run],
        baseline=(
            None
            if baseline is None
            else {"path": baseline.path, "matched": baseline.matched, "gone": baseline.gone}
        ),
        exit_code=report.exit_code,
    )


def policy_text(report: CheckReport, language: str, *, show_waived: bool = False) -> list[str]:
    """The lines the text report adds about the policy, after the findings."""
    say: Translate = lambda text: translate(text, language)  # noqa: E731
    lines: list[str] = []
    if report.suppressed:
        if show_waived:
            lines.append(say(TEXT_SUPPRESSED_HEADING))
            render = renderer(language)
            for item in report.suppressed:
                lines.append(f"  {finding_line(item.finding, render)}")
                lines.append(f"      {justification(item, language)}")
        else:
            lines.append(say(TEXT_SUPPRESSED).format(count=len(report.suppressed)))
    if report.baseline is not None:
        baseline = report.baseline
        lines.append(
            say(TEXT_BASELINE).format(
                path=baseline.path or "-", matched=baseline.matched, gone=baseline.gone
            )
        )
    if report.not_run:
        lines.append(say(TEXT_NOT_RUN).format(count=len(report.not_run)))
        lines.extend(f"  {not_run_text(item, language)}" for item in report.not_run)
        lines.append(
            say(TEXT_INCOMPLETE_ALLOWED if report.allow_incomplete else TEXT_INCOMPLETE_FAILS)
        )
    return lines


def check_text(
    report: CheckReport,
    language: str,
    *,
    show_waived: bool = False,
    style: Callable[[str, Severity], str] | None = None,
) -> str:
    """The report for people: the configuration used, the findings grouped by plan, a count,
    then what was suppressed (listed with ``show_waived``), the baseline and what did not run."""
    head = []
    if report.config:
        head.append(translate(TEXT_CONFIG, language).format(path=escape_field(report.config)))
    body = findings_text(
        report.findings,
        render=renderer(language),
        style=style,
        translate=lambda text: translate(text, language),
        place=document_place(report, language),
    )
    # The policy's lines hold text from input (a waiver's reason, a plan id): escaped, as the
    # findings' fields are (core.printable).
    policy = [escape_field(line) for line in policy_text(report, language, show_waived=show_waived)]
    return "\n".join([*head, body, *policy])


def _sarif_suppression(item: Suppressed, language: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": item.sarif_kind,
        "status": "accepted",
        "justification": justification(item, language),
    }
    properties: dict[str, Any] = {"origin": item.origin}
    if item.source:
        properties["source"] = item.source
    if item.waiver is not None:
        waiver = item.waiver
        properties.update(
            (key, value)
            for key, value in (
                ("approvedBy", waiver.approved_by),
                ("document", waiver.document),
                ("expires", waiver.expires.isoformat() if waiver.expires else None),
            )
            if value is not None
        )
    data["properties"] = properties
    return data


def _invocation(report: CheckReport, language: str) -> dict[str, Any]:
    notifications = []
    for item in report.not_run:
        notification: dict[str, Any] = {
            "level": "error",
            "message": {"text": not_run_text(item, language)},
            "descriptor": {"id": "MZ007" if item.reason == "timed-out" else "MZ005"},
            "properties": not_run_json(item),
        }
        if item.rule:
            notification["associatedRule"] = {"id": item.rule}
        notifications.append(notification)
    properties: dict[str, Any] = {"config": report.config, "complete": report.complete}
    if report.baseline is not None:
        properties["baseline"] = {
            "path": report.baseline.path,
            "matched": report.baseline.matched,
            "gone": report.baseline.gone,
        }
    return {
        "executionSuccessful": report.complete and not report.unreadable,
        "exitCode": report.exit_code,
        "toolExecutionNotifications": notifications,
        "properties": properties,
    }


def check_sarif(
    findings: Sequence[Finding], report: CheckReport, host: PluginHost, language: str
) -> str:
    """SARIF 2.1.0: every code the run knows as a rule, findings placed in their input files,
    suppressed findings with their justification, and the invocation's outcome."""
    rules = [
        RuleDescriptor(code, severity, summary) for code, (severity, summary) in CORE_CODES.items()
    ]
    rules.extend(
        RuleDescriptor(i.rule.code, i.rule.severity, i.rule.summary, i.rule.name)
        for i in host.rules()
    )
    return findings_sarif(
        findings,
        rules,
        version=own_version(),
        render=renderer(language),
        translate=lambda text: translate(text, language),
        language=language,
        inputs=[(i.path, i.sha256) for i in report.inputs],
        relocate=input_locator(_located(report)),
        suppressed=[
            SarifSuppressed(
                item.finding,
                _sarif_suppression(item, language),
                "unchanged" if item.origin == "baseline" else None,
            )
            for item in report.suppressed
        ],
        baseline=report.baseline is not None,
        invocation=_invocation(report, language),
    )


def _parents(use_bundled: bool) -> Sequence[Plan]:
    if not use_bundled:
        return ()
    from minzheng_plans.checking.bundled import bundled_plans  # noqa: PLC0415

    return bundled_plans()


def check_html(
    findings: Sequence[Finding],
    report: CheckReport,
    host: PluginHost,
    language: str,
    *,
    use_bundled: bool = True,
) -> str:
    """The check as one self-contained HTML page; bundled plans give parents' targets."""
    from minzheng_plans.output.html import render_check_html  # noqa: PLC0415

    return render_check_html(
        attrs.evolve(report, findings=tuple(findings)),
        lang=language,
        related_plans=_parents(use_bundled),
        jurisdictions=host.jurisdictions(),
    )


def write_check_workbook(
    path: str | Path,
    findings: Sequence[Finding],
    report: CheckReport,
    host: PluginHost,
    language: str,
    *,
    use_bundled: bool = True,
) -> Path:
    """The findings workbook of the check, written to ``path`` atomically."""
    from minzheng_plans.output.workbook import write_findings_workbook  # noqa: PLC0415

    return write_findings_workbook(
        path,
        findings,
        report.plans,
        lang=language,
        related_plans=_parents(use_bundled),
        catalog=host.catalog(),
    )
