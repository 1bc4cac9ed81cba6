"""An evaluation as people and programs read it: text and JSON, in Chinese or English.

Every string comes from :mod:`minzheng_plans.analysis.texts`; the numbers are those of the
:class:`~minzheng_plans.analysis.evaluate.Evaluation`, unrounded. With the report of the
evaluation rules (MZ6xx) the findings follow: in text after the indicators, as in ``check``;
in JSON under ``findings``, ``suppressed``, ``not_run``, ``config`` and ``exit_code``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from minzheng_plans.analysis.evaluate import Evaluation, IndicatorEvaluation, Status
from minzheng_plans.analysis.texts import text

if TYPE_CHECKING:
    from minzheng_plans.checking.runner import CheckReport
from minzheng_plans.core.formatting import plain
from minzheng_plans.core.progress import PERCENT_UNITS

__all__ = [
    "evaluation_dict",
    "evaluation_json",
    "evaluation_text",
    "indicator_dict",
    "needed_text",
    "rule_text",
    "status_text",
    "summary_text",
]


def status_text(item: IndicatorEvaluation, language: str = "en") -> str:
    """The status in words: 已达到, on track."""
    return text(f"status.{item.status.value}", language)


def _path_key(item: IndicatorEvaluation) -> str:
    # A level with a zero baseline moves linearly too, but in its own unit, not in points.
    if item.path == "linear" and item.unit.strip() not in PERCENT_UNITS:
        return "linear-level"
    return item.path or ""


def rule_text(item: IndicatorEvaluation, language: str = "en") -> str:
    """The rule that gave the status, with its numbers filled in."""
    values = dict(item.rule_values)
    if "path" in values:
        values["path"] = text(f"path.{_path_key(item)}", language)
    return text(f"rule.{item.rule}", language, **values)


def needed_text(item: IndicatorEvaluation, language: str = "en") -> str:
    """The annual change still needed (此后每年需增加80人), or ``""`` when none is."""
    if item.annual_change is None or item.path is None:
        return ""
    return text(
        f"report.needed.{_path_key(item)}",
        language,
        change=plain(item.annual_change),
        unit=item.unit,
    )


def indicator_dict(item: IndicatorEvaluation, language: str = "en") -> dict[str, Any]:
    """One indicator's verdict as JSON-ready values (texts in ``language``)."""
    return {
        "id": item.id,
        "name": item.name,
        "code": item.code,
        "unit": item.unit,
        "attribute": item.attribute,
        "status": item.status.value,
        "status_text": status_text(item, language),
        "rule": item.rule,
        "rule_text": rule_text(item, language),
        "target": item.target,
        "target_year": item.target_year,
        "allowed": item.allowed,
        "baseline_year": item.baseline_year,
        "baseline": item.baseline,
        "actual_year": item.actual_year,
        "actual": item.actual,
        "threshold": item.threshold,
        "gap": item.gap,
        "path": item.path,
        "expected": item.expected,
        "annual_change": item.annual_change,
        "annual_change_unit": {"linear": "points/year", "compound": "%/year"}.get(item.path or ""),
    }


def summary_text(evaluation: Evaluation, language: str = "en") -> str:
    """How many indicators have each status, in one sentence."""
    counts = evaluation.counts()
    return text(
        "report.summary",
        language,
        total=len(evaluation.indicators),
        met=counts["met"],
        on_track=counts["on-track"],
        off_track=counts["off-track"],
        not_assessable=counts["not-assessable"],
    )


def evaluation_dict(evaluation: Evaluation, language: str = "en") -> dict[str, Any]:
    """The whole evaluation as JSON-ready values (texts in ``language``)."""
    return {
        "plan": evaluation.plan,
        "title": evaluation.title,
        "stage": evaluation.stage,
        "year": evaluation.year,
        "period": {"start": evaluation.start, "end": evaluation.end},
        "language": language,
        "heading": _heading(evaluation, language),
        "summary": {"total": len(evaluation.indicators), **evaluation.counts()},
        "summary_text": summary_text(evaluation, language),
        "indicators": [indicator_dict(item, language) for item in evaluation.indicators],
    }


def _heading(evaluation: Evaluation, language: str) -> str:
    return text(f"report.title.{evaluation.stage}", language, plan=evaluation.title)


def evaluation_json(
    evaluation: Evaluation, language: str = "en", *, report: CheckReport | None = None
) -> str:
    """:func:`evaluation_dict` as JSON, decimals exact, with the findings of ``report``."""
    from minzheng_plans.files.planfile import dumps_json  # noqa: PLC0415

    tree = evaluation_dict(evaluation, language)
    if report is not None:
        tree.update(_findings_dict(report, language))
    return dumps_json(tree)


def _findings_dict(report: CheckReport, language: str) -> dict[str, Any]:
    from minzheng_plans.output.check import not_run_json, suppressed_json  # noqa: PLC0415
    from minzheng_plans.output.i18n import renderer  # noqa: PLC0415
    from minzheng_plans.output.report import finding_to_json, summary  # noqa: PLC0415

    render = renderer(_catalog_language(language))
    return {
        "findings": [finding_to_json(f, render) for f in report.findings],
        "findings_summary": summary(report.findings),
        "suppressed": [
            suppressed_json(item, _catalog_language(language)) for item in report.suppressed
        ],
        "not_run": [not_run_json(item) for item in report.not_run],
        "config": report.config,
        "exit_code": report.exit_code,
    }


def _catalog_language(language: str) -> str:
    # The evaluation texts say zh; the finding catalogs are named zh_CN.
    return "zh_CN" if language.startswith("zh") else "en"


def evaluation_text(
    evaluation: Evaluation, language: str = "en", *, report: CheckReport | None = None
) -> str:
    """The report for people: one block per assessed indicator, the rest listed compactly;
    then the findings of ``report`` as ``check`` writes them."""
    body = _evaluation_text(evaluation, language)
    if report is None:
        return body
    from minzheng_plans.output.check import check_text  # noqa: PLC0415

    return f"{body}\n\n{check_text(report, _catalog_language(language))}"


def _evaluation_text(evaluation: Evaluation, language: str) -> str:
    sep = "；" if language == "zh" else "; "
    colon = "：" if language == "zh" else ": "
    lines = [
        f"{_heading(evaluation, language)} ({evaluation.plan})",
        text(
            "report.as-of",
            language,
            year=evaluation.year,
            start=evaluation.start,
            end=evaluation.end,
        ),
        summary_text(evaluation, language),
    ]
    unassessed = [i for i in evaluation.indicators if i.status is Status.NOT_ASSESSABLE]
    for item in evaluation.indicators:
        if item.status is Status.NOT_ASSESSABLE:
            continue
        unit = f" ({item.unit})" if item.unit else ""
        lines.append("")
        lines.append(f"[{status_text(item, language)}] {item.id} {item.name}{unit}")
        facts = []
        if item.actual is not None:
            facts.append(
                f"{text('report.actual', language)} {plain(item.actual)} ({item.actual_year})"
            )
        if item.target:
            facts.append(f"{text('report.target', language)} {item.target} ({item.target_year})")
        if item.gap is not None:
            facts.append(f"{text('report.gap', language)} {plain(item.gap)}")
        needed = needed_text(item, language)
        if needed:
            facts.append(needed)
        if facts:
            lines.append("    " + sep.join(facts))
        lines.append(f"    {text('report.rule', language)}{colon}{rule_text(item, language)}")
    if unassessed:
        # Listed compactly: without a value there is nothing to say but why.
        lines.append("")
        lines.append(f"[{text('status.not-assessable', language)}]")
        lines.extend(
            f"    {item.id} {item.name}{colon}{rule_text(item, language)}" for item in unassessed
        )
    return "\n".join(lines)
