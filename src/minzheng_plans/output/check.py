"""The reports of a check: JSON (the findings contract, with the run's provenance) and SARIF.

Both name the version that produced them, the plugins it ran with and each input with its
SHA-256, so that a result can be reproduced.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from minzheng_plans.checking.locate import LocatedInput, input_locator
from minzheng_plans.checking.runner import CheckReport
from minzheng_plans.core.findings import CORE_CODES, Finding, Location, Severity
from minzheng_plans.core.version import own_version
from minzheng_plans.output.i18n import renderer, translate
from minzheng_plans.output.report import (
    TEXT_IN_DOCUMENT,
    Place,
    RuleDescriptor,
    findings_json,
    findings_sarif,
    findings_text,
)
from minzheng_plans.plugins.host import PluginHost

__all__ = ["check_json", "check_sarif", "check_text", "document_place"]


def _located(report: CheckReport) -> list[LocatedInput]:
    plans = {plan.id: plan for plan in report.plans}
    return [
        LocatedInput(i.path, plans[i.plan])
        for i in report.inputs
        if i.plan is not None and i.plan in plans
    ]


def document_place(report: CheckReport, language: str) -> Place:
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


def check_text(
    findings: Sequence[Finding],
    report: CheckReport,
    language: str,
    style: Callable[[str, Severity], str] | None = None,
) -> str:
    """The text report: findings by plan, one line each, and the summary line."""
    return findings_text(
        findings,
        render=renderer(language),
        style=style,
        translate=lambda text: translate(text, language),
        place=document_place(report, language),
    )


def check_json(
    findings: Sequence[Finding], report: CheckReport, host: PluginHost, language: str
) -> str:
    """``{"findings": [...], "summary": {...}}`` with messages in ``language``."""
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
    )


def check_sarif(
    findings: Sequence[Finding], report: CheckReport, host: PluginHost, language: str
) -> str:
    """SARIF 2.1.0: every code the run knows as a rule, findings placed in their input files."""
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
    )
