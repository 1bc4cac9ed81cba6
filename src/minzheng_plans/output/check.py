"""The reports of a check: JSON (the findings contract, with the run's provenance), SARIF,
HTML (:mod:`minzheng_plans.output.html`) and the findings workbook
(:mod:`minzheng_plans.output.workbook`).

JSON and SARIF name the version that produced them, the plugins it ran with and each input
with its SHA-256, so that a result can be reproduced; the HTML page lists the inputs too.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import attrs

from minzheng_plans.checking.locate import LocatedInput, input_locator
from minzheng_plans.checking.runner import CheckReport
from minzheng_plans.core.findings import CORE_CODES, Finding
from minzheng_plans.core.model import Plan
from minzheng_plans.core.version import own_version
from minzheng_plans.output.i18n import renderer, translate
from minzheng_plans.output.report import RuleDescriptor, findings_json, findings_sarif
from minzheng_plans.plugins.host import PluginHost

__all__ = ["check_html", "check_json", "check_sarif", "write_check_workbook"]


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
    plans = {plan.id: plan for plan in report.plans}
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
        relocate=input_locator(
            [
                LocatedInput(i.path, plans[i.plan])
                for i in report.inputs
                if i.plan is not None and i.plan in plans
            ]
        ),
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
