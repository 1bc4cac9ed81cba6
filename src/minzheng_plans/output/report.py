"""Renderers for findings: text for people, JSON for programs (the findings contract), SARIF."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import groupby
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

import attrs

from minzheng_plans.core.findings import Finding, Location, Severity
from minzheng_plans.core.printable import escape_field
from minzheng_plans.files import reports
from minzheng_plans.files.converter import unstructure_arg
from minzheng_plans.files.planfile import dumps_json
from minzheng_plans.output.terms import SEVERITIES

__all__ = [
    "SARIF_SCHEMA",
    "RuleDescriptor",
    "SarifSuppressed",
    "finding_line",
    "finding_to_json",
    "findings_json",
    "findings_sarif",
    "findings_text",
    "summary",
]

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
        data["args"] = {key: unstructure_arg(value) for key, value in finding.args}
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
    """``{"schema": …, "report": "check", "findings": [...], "summary": {...}}``, exact numbers.

    The ``schema`` key (``minzheng-plans-report/1``) versions the format; see
    :mod:`minzheng_plans.files.reports`.
    """
    items = list(findings)
    tree = {
        "findings": [finding_to_json(f, render) for f in items],
        "summary": summary(items, **(extra_summary or {})),
        **top,
    }
    return reports.dumps_report("check", tree)


# Fixed texts of the text report, translated like finding messages (see messages.py).
TEXT_SUMMARY = "{errors} error(s), {warnings} warning(s), {infos} info"
TEXT_NO_PLAN = "(no plan)"
# What the policy did (output/check.py): the configuration, suppressed findings, the baseline,
# the rules that did not run, and the justification of a waiver.
TEXT_CONFIG = "Configuration: {path}"
TEXT_SUPPRESSED = "{count} finding(s) waived or in the baseline (--show-waived lists them)"
TEXT_SUPPRESSED_HEADING = "== waived or in the baseline"
TEXT_BASELINE = "Baseline {path}: {matched} finding(s) matched, {gone} entry(ies) no longer found"
TEXT_NOT_RUN = "Incomplete: {count} rule or loader call(s) did not finish; findings may be missing:"
TEXT_NOT_RUN_RAISED = "{what} of plugin {plugin} raised on {subject}"
TEXT_NOT_RUN_TIMED_OUT = "{what} of plugin {plugin} ran out of time on {subject}"
TEXT_EVERY_PLAN = "every plan of the run"
TEXT_INCOMPLETE_FAILS = "The run fails because it is incomplete (--allow-incomplete accepts it)."
TEXT_INCOMPLETE_ALLOWED = "Incomplete runs are allowed here (--allow-incomplete)."
TEXT_APPROVED_BY = "approved by {who}"
TEXT_DOCUMENT = "document {number}"
TEXT_EXPIRES = "until {date}"
TEXT_IN_BASELINE = "recorded in the baseline {path}"
# A finding about a place in the published document, when that document is not at hand.
TEXT_IN_DOCUMENT = "in the published document {title} ({file}), line {line}"
TEXT_MESSAGES = (
    TEXT_SUMMARY,
    TEXT_NO_PLAN,
    TEXT_CONFIG,
    TEXT_SUPPRESSED,
    TEXT_SUPPRESSED_HEADING,
    TEXT_BASELINE,
    TEXT_NOT_RUN,
    TEXT_NOT_RUN_RAISED,
    TEXT_NOT_RUN_TIMED_OUT,
    TEXT_EVERY_PLAN,
    TEXT_INCOMPLETE_FAILS,
    TEXT_INCOMPLETE_ALLOWED,
    TEXT_APPROVED_BY,
    TEXT_DOCUMENT,
    TEXT_EXPIRES,
    TEXT_IN_BASELINE,
    TEXT_IN_DOCUMENT,
)

#: ``relocate(finding)``: where to show a finding, and a note on where it is in its document.
Relocate = Callable[[Finding], tuple[Location | None, str]]


def finding_line(
    finding: Finding,
    render: Render = _english,
    style: Callable[[str, Severity], str] | None = None,
    translate: Callable[[str], str] = str,
    relocate: Relocate | None = None,
) -> str:
    """One finding as the text report writes it: ``file:line: CODE severity [indicator]: …``,
    the severity in the report's language (``translate``); ``relocate`` may move it to another
    location and add a note after its message. Every field from input is escaped
    (:func:`~minzheng_plans.core.printable.escape_field`); ``style`` may colour the label."""
    location, note = relocate(finding) if relocate else (finding.location, "")
    where = ""
    if location is not None:
        where = escape_field(location.file or "")
        if location.line is not None:
            where += f":{location.line}"
        where += ": " if where else ""
    indicator = f" [{escape_field(finding.indicator)}]" if finding.indicator else ""
    label = f"{finding.code} {translate(SEVERITIES[finding.severity.value])}"
    if style is not None:
        label = style(label, finding.severity)
    note = f" ({escape_field(note)})" if note else ""
    return f"{where}{label}{indicator}: {escape_field(render(finding))}{note}"


def findings_text(
    findings: Iterable[Finding],
    render: Render = _english,
    style: Callable[[str, Severity], str] | None = None,
    translate: Callable[[str], str] = str,
    place: Relocate | None = None,
) -> str:
    """Findings grouped by plan, then by severity (errors first), one line each.

    A line reads ``file:line: CODE severity [indicator]: message``; within one severity the
    order of ``findings`` (file, line) is kept. ``translate`` renders the report's own texts
    and the severity word. ``place`` may move a finding to another location and add a note
    after its message (see :func:`minzheng_plans.output.check.document_place`).
    """
    lines: list[str] = []
    items = list(findings)
    for plan, group in groupby(items, key=lambda f: f.plan or ""):
        # Every field from input is escaped (in finding_line too): one finding is one line,
        # and nothing in a name reaches the terminal as a control (core.printable).
        lines.append(f"== {escape_field(plan) if plan else translate(TEXT_NO_PLAN)}")
        lines.extend(
            f"  {finding_line(finding, render, style, translate, place)}"
            for finding in sorted(group, key=lambda f: f.severity.rank)
        )
    counts = summary(items)
    lines.append(
        translate(TEXT_SUMMARY).format(
            errors=counts["error"], warnings=counts["warning"], infos=counts["info"]
        )
    )
    return "\n".join(lines)


# -- SARIF 2.1.0 -------------------------------------------------------------------------------

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_SRCROOT = "%SRCROOT%"
DOCS_URI = "https://minzheng-plans.readthedocs.io/en/latest/reference/findings.html"


@attrs.frozen
class RuleDescriptor:
    """What SARIF's ``tool.driver.rules`` says about a code: its name, severity and summary."""

    code: str
    severity: Severity
    summary: str
    name: str | None = None


def _artifact_location(path: str) -> dict[str, Any]:
    """A URI for ``path``: relative ones against ``%SRCROOT%``, absolute ones as ``file:``."""
    candidate = Path(path)
    if candidate.is_absolute():
        return {"uri": candidate.as_uri()}
    posix = PurePosixPath(*candidate.parts).as_posix()
    return {"uri": quote(posix, safe="/"), "uriBaseId": _SRCROOT}


def _sarif_rule(rule: RuleDescriptor, translate: Callable[[str], str]) -> dict[str, Any]:
    data: dict[str, Any] = {"id": rule.code}
    if rule.name:
        data["name"] = rule.name
    if rule.summary:
        data["shortDescription"] = {"text": translate(rule.summary)}
    data["defaultConfiguration"] = {"level": _SARIF_LEVEL[rule.severity]}
    data["helpUri"] = f"{DOCS_URI}#{rule.code.lower()}"
    return data


def _physical(location: Location, artifacts: Mapping[str, int]) -> dict[str, Any]:
    file = location.file or ""
    physical: dict[str, Any] = {"artifactLocation": _artifact_location(file)}
    if file in artifacts:
        physical["artifactLocation"]["index"] = artifacts[file]
    if location.line is not None and location.line >= 1:
        region: dict[str, Any] = {"startLine": location.line}
        if location.column is not None and location.column >= 1:
            region["startColumn"] = location.column
        physical["region"] = region
    return physical


def _sarif_result(
    finding: Finding,
    index: int,
    render: Render,
    artifacts: Mapping[str, int],
    relocate: Callable[[Finding], Location | None] | None = None,
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index,
        "level": _SARIF_LEVEL[finding.severity],
        "message": {"text": render(finding)},
    }
    location: dict[str, Any] = {}
    related: list[dict[str, Any]] = []
    own = finding.location if finding.location is not None and finding.location.file else None
    if own is not None and own.file not in artifacts and relocate is not None:
        # A loader's finding points into the original document, outside the checked files:
        # show it on the plan file that was checked, and keep the document's line as related.
        moved = relocate(finding)
        if moved is not None and moved.file:
            related.append({"id": 0, "physicalLocation": _physical(own, artifacts)})
            own = moved
    if own is not None:
        location["physicalLocation"] = _physical(own, artifacts)
    logical = [
        {"name": name, "fullyQualifiedName": full, "kind": kind}
        for name, full, kind in (
            (finding.plan, finding.plan, "module"),
            (
                finding.indicator,
                f"{finding.plan}/{finding.indicator}" if finding.plan else finding.indicator,
                "member",
            ),
        )
        if name
    ]
    if logical:
        location["logicalLocations"] = logical[-1:]
    result["locations"] = [location] if location else []
    if related:
        result["relatedLocations"] = related
    properties: dict[str, Any] = {}
    if finding.plan:
        properties["plan"] = finding.plan
    if finding.indicator:
        properties["indicator"] = finding.indicator
    if finding.related:
        properties["related"] = list(finding.related)
    if finding.args:
        properties["args"] = {k: str(v) for k, v in finding.args}
    if properties:
        result["properties"] = properties
    # A stable identity across runs lets code-scanning services track a finding over time.
    result["partialFingerprints"] = {
        "minzhengPlans/v1": "|".join(
            (finding.code, finding.plan or "", finding.indicator or "", finding.message)
        )
    }
    return result


@attrs.frozen
class SarifSuppressed:
    """A suppressed finding for SARIF: the finding, its ``suppressions[]`` entry, and its
    ``baselineState`` (``unchanged`` for a finding the baseline matched)."""

    finding: Finding
    suppression: Mapping[str, Any]
    baseline_state: str | None = None


def findings_sarif(
    findings: Iterable[Finding],
    rules: Sequence[RuleDescriptor],
    *,
    version: str,
    render: Render = _english,
    translate: Callable[[str], str] = str,
    language: str = "en",
    inputs: Sequence[tuple[str, str]] = (),
    relocate: Callable[[Finding], Location | None] | None = None,
    suppressed: Sequence[SarifSuppressed] = (),
    baseline: bool = False,
    invocation: Mapping[str, Any] | None = None,
) -> str:
    """A SARIF 2.1.0 log with one run: the rules of the registry, results, and inputs.

    ``inputs`` are ``(path, sha256)`` pairs of the files read (``artifacts`` with hashes); a
    finding whose code no descriptor covers (a loader's MZ5xx) gets a bare rule entry so that
    every ``ruleIndex`` resolves. ``suppressed`` findings follow the others as results with
    ``suppressions[]``; with ``baseline`` every result has a ``baselineState`` (``new`` unless
    said otherwise). ``invocation`` becomes the run's one ``invocations[]`` entry.
    """
    items = list(findings)
    descriptors = {rule.code: rule for rule in rules}
    ordered = sorted(descriptors.values(), key=lambda r: r.code)
    for finding in [*items, *(item.finding for item in suppressed)]:
        if finding.code not in descriptors:
            extra = RuleDescriptor(finding.code, finding.severity, "")
            descriptors[finding.code] = extra
            ordered.append(extra)
    index = {rule.code: position for position, rule in enumerate(ordered)}
    artifacts = {path: position for position, (path, _digest) in enumerate(inputs)}
    results = [
        _sarif_result(finding, index[finding.code], render, artifacts, relocate)
        for finding in items
    ]
    if baseline:
        for result in results:
            result["baselineState"] = "new"
    for item in suppressed:
        result = _sarif_result(item.finding, index[item.finding.code], render, artifacts, relocate)
        result["suppressions"] = [dict(item.suppression)]
        if baseline or item.baseline_state is not None:
            result["baselineState"] = item.baseline_state or "new"
        results.append(result)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "minzheng-plans",
                "version": version,
                "informationUri": "https://minzheng-plans.readthedocs.io/",
                "rules": [_sarif_rule(rule, translate) for rule in ordered],
            }
        },
    }
    if invocation is not None:
        run["invocations"] = [dict(invocation)]
    run.update(
        {
            "language": language.replace("_", "-"),
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {_SRCROOT: {"uri": Path.cwd().as_uri() + "/"}},
            "artifacts": [
                {"location": _artifact_location(path), "hashes": {"sha-256": digest}}
                for path, digest in inputs
            ],
            "results": results,
        }
    )
    return dumps_json({"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]})
