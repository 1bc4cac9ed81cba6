"""An evaluation as people and programs read it: text and JSON, in Chinese or English.

Every string comes from :mod:`minzheng_plans.analysis.texts`; the numbers are those of the
:class:`~minzheng_plans.analysis.evaluate.Evaluation`, unrounded.
"""

from __future__ import annotations

from typing import Any

from minzheng_plans.analysis.evaluate import Evaluation, IndicatorEvaluation, Status
from minzheng_plans.analysis.normal import PERCENT_UNITS, plain
from minzheng_plans.analysis.texts import text
from minzheng_plans.core.printable import escape_field

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


def evaluation_json(evaluation: Evaluation, language: str = "en") -> str:
    """:func:`evaluation_dict` as JSON, decimals exact."""
    from minzheng_plans.files.planfile import dumps_json  # noqa: PLC0415

    return dumps_json(evaluation_dict(evaluation, language))


def evaluation_text(evaluation: Evaluation, language: str = "en") -> str:
    """The report for people: one block per assessed indicator, the rest listed compactly."""
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
    # Each entry is one line: a title or name with a newline cannot forge another.
    return "\n".join(escape_field(line) for line in lines)
