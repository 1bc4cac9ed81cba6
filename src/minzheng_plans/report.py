"""Renderers for findings: text for people, JSON for programs (the findings contract)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from itertools import groupby
from typing import Any

from minzheng_plans.findings import Finding, Severity
from minzheng_plans.planfile import dumps_json

__all__ = ["finding_to_json", "findings_json", "findings_text", "summary"]

Render = Callable[[Finding], str]


def _english(finding: Finding) -> str:
    return finding.text


def finding_to_json(finding: Finding, render: Render = _english) -> dict[str, Any]:
    """One finding in the contract shape: code, severity, message, plan, indicator, location."""
    data: dict[str, Any] = {
        "code": finding.code,
        "severity": finding.severity.value,
        "message": render(finding),
        "plan": finding.plan,
    }
    if finding.indicator is not None:
        data["indicator"] = finding.indicator
    if finding.location is not None:
        data["location"] = {
            key: value
            for key, value in (
                ("file", finding.location.file),
                ("line", finding.location.line),
                ("column", finding.location.column),
            )
            if value is not None
        }
    if finding.related:
        data["related"] = list(finding.related)
    if finding.args:
        data["args"] = dict(finding.args)
    return data


def summary(findings: Iterable[Finding], **extra: Any) -> dict[str, Any]:
    counts = {severity.value: 0 for severity in Severity}
    for finding in findings:
        counts[finding.severity.value] += 1
    return {**counts, **extra}


def findings_json(
    findings: Iterable[Finding],
    extra_summary: Mapping[str, Any] | None = None,
    render: Render = _english,
    **top: Any,
) -> str:
    """``{"findings": [...], "summary": {...}}`` with exact numbers."""
    items = list(findings)
    tree = {
        "findings": [finding_to_json(f, render) for f in items],
        "summary": summary(items, **(extra_summary or {})),
        **top,
    }
    return dumps_json(tree)


def findings_text(
    findings: Iterable[Finding],
    render: Render = _english,
    style: Callable[[str, Severity], str] | None = None,
) -> str:
    """Findings grouped by plan, one line each: ``file:line: CODE severity message``."""
    lines: list[str] = []
    items = list(findings)
    for plan, group in groupby(items, key=lambda f: f.plan or ""):
        lines.append(f"== {plan or '(no plan)'}")
        for finding in group:
            where = ""
            if finding.location is not None:
                where = finding.location.file or ""
                if finding.location.line is not None:
                    where += f":{finding.location.line}"
                where += ": " if where else ""
            indicator = f" [{finding.indicator}]" if finding.indicator else ""
            label = f"{finding.code} {finding.severity.value}"
            if style is not None:
                label = style(label, finding.severity)
            lines.append(f"  {where}{label}{indicator}: {render(finding)}")
    counts = summary(items)
    lines.append(
        f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info"
    )
    return "\n".join(lines)
