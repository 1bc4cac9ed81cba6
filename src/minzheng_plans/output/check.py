"""The reports of a check: JSON (the findings contract, with the run's provenance) and SARIF.

Both name the version that produced them, the plugins it ran with and each input with its
SHA-256, so that a result can be reproduced.
"""

from __future__ import annotations

from collections.abc import Sequence

from minzheng_plans.checking.locate import LocatedInput, input_locator
from minzheng_plans.checking.runner import CheckReport
from minzheng_plans.core.findings import CORE_CODES, Finding
from minzheng_plans.core.version import own_version
from minzheng_plans.output.i18n import renderer, translate
from minzheng_plans.output.report import RuleDescriptor, findings_json, findings_sarif
from minzheng_plans.plugins.host import PluginHost

__all__ = ["check_json", "check_sarif"]


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
