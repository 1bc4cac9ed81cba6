"""An evaluation as people and programs read it: text and JSON, in Chinese or English.

Every string is a message id of the babel catalogs (:mod:`minzheng_plans.output.i18n`); the
numbers are those of the :class:`~minzheng_plans.analysis.evaluate.Evaluation`, unrounded.
``language`` is ``zh`` or ``en`` (or a catalog name such as ``zh_CN``).
With the report of the evaluation rules (MZ6xx) the findings follow: in text after the
indicators, as in ``check``; in JSON under ``findings``, ``suppressed``, ``not_run``,
``config`` and ``exit_code``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from minzheng_plans.analysis.evaluate import Evaluation, IndicatorEvaluation, Status
from minzheng_plans.core.formatting import plain
from minzheng_plans.core.messages import N_
from minzheng_plans.core.printable import escape_field
from minzheng_plans.core.progress import PERCENT_UNITS
from minzheng_plans.output.i18n import catalog_language, is_chinese, say

if TYPE_CHECKING:
    from minzheng_plans.checking.runner import CheckReport

__all__ = [
    "ACTUAL",
    "GAP",
    "RULE",
    "STATUSES",
    "TARGET",
    "evaluation_dict",
    "evaluation_json",
    "evaluation_text",
    "heading_text",
    "indicator_dict",
    "needed_text",
    "rule_text",
    "status_label",
    "status_text",
    "summary_text",
]

STATUSES: Mapping[Status, str] = {
    Status.MET: N_("met"),
    Status.ON_TRACK: N_("on track"),
    Status.OFF_TRACK: N_("off track"),
    Status.NOT_ASSESSABLE: N_("not assessable"),
}
# The rule that gave a status (IndicatorEvaluation.rule), with its values as placeholders.
_RULES: Mapping[str, str] = {
    "within-target": N_("the {year} actual {actual} lies within the target {allowed}"),
    "deadline-passed": N_(
        "target year {target_year} reached and the actual {actual} is outside {allowed}"
    ),
    "ahead-of-path": N_(
        "the {year} actual {actual} is at or beyond {expected}, the {path} path's value"
    ),
    "behind-path": N_("the {year} actual {actual} is behind {expected}, the {path} path's value"),
    "overshoot": N_("the {year} actual {actual} has gone past the target {allowed}"),
    "no-target": N_("the plan sets no target"),
    "relative-target": N_("the target is relative to {reference}, whose value is not given"),
    "previous-period": N_(
        "the target is for {target_year}, before this plan's period (the previous plan's "
        "completion record)"
    ),
    "no-actual": N_("no monitoring value up to {year}"),
    "no-baseline": N_("no baseline, so progress cannot be judged"),
    "no-final-actual": N_(
        "target year {target_year} has come, but the latest value is {year}'s {actual}"
    ),
    "no-direction": N_("nothing tells whether higher or lower is better for this indicator"),
    "unit": N_("monitoring unit {unit} does not convert to {indicator_unit}"),
}
_PATHS: Mapping[str, str] = {
    "linear": N_("linear (percentage points)"),
    "linear-level": N_("linear"),
    "compound": N_("compound growth"),
}
_NEEDED: Mapping[str, str] = {
    "linear": N_("needs {change} percentage points a year from now on"),
    "linear-level": N_("needs {change} {unit} more a year from now on"),
    "compound": N_("needs {change}% a year from now on"),
}
_TITLES: Mapping[str, str] = {
    "mid": N_("Mid-term evaluation of {plan}"),
    "final": N_("Final evaluation of {plan}"),
}
AS_OF = N_("Evaluated as of {year} (plan period {start}-{end})")
SUMMARY = N_(
    "{total} indicators: {met} met, {on_track} on track, {off_track} off track, "
    "{not_assessable} not assessable"
)
ACTUAL = N_("actual")
TARGET = N_("target")
GAP = N_("gap")
RULE = N_("rule")


def status_label(status: Status, language: str = "en") -> str:
    """A status in words: 已达到, on track."""
    return say(STATUSES[status], language)


def status_text(item: IndicatorEvaluation, language: str = "en") -> str:
    """The indicator's status in words."""
    return status_label(item.status, language)


def _path_key(item: IndicatorEvaluation) -> str:
    # A level with a zero baseline moves linearly too, but in its own unit, not in points.
    if item.path == "linear" and item.unit.strip() not in PERCENT_UNITS:
        return "linear-level"
    return item.path or ""


def rule_text(item: IndicatorEvaluation, language: str = "en") -> str:
    """The rule that gave the status, with its numbers filled in."""
    values = dict(item.rule_values)
    if "path" in values:
        values["path"] = say(_PATHS[_path_key(item)], language)
    return say(_RULES[item.rule], language, **values)


def needed_text(item: IndicatorEvaluation, language: str = "en") -> str:
    """The annual change still needed (此后每年需增加80人), or ``""`` when none is."""
    if item.annual_change is None or item.path is None:
        return ""
    return say(_NEEDED[_path_key(item)], language, change=plain(item.annual_change), unit=item.unit)


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
        "target_low": item.target_low,
        "target_high": item.target_high,
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
    return say(
        SUMMARY,
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
        "language": "zh" if is_chinese(language) else "en",  # the JSON report's two values
        "heading": heading_text(evaluation, language),
        "summary": {"total": len(evaluation.indicators), **evaluation.counts()},
        "summary_text": summary_text(evaluation, language),
        "indicators": [indicator_dict(item, language) for item in evaluation.indicators],
    }


def heading_text(evaluation: Evaluation, language: str = "en") -> str:
    """The report's title: 某规划中期评估, Final evaluation of …."""
    return say(_TITLES[evaluation.stage], language, plan=evaluation.title)


def evaluation_json(
    evaluation: Evaluation, language: str = "en", *, report: CheckReport | None = None
) -> str:
    """:func:`evaluation_dict` as the evaluation report (``"report": "evaluation"``), versioned
    like every JSON report (:mod:`minzheng_plans.files.reports`), decimals exact, with the
    findings of ``report``."""
    from minzheng_plans.files import reports  # noqa: PLC0415

    tree = evaluation_dict(evaluation, language)
    if report is not None:
        tree.update(_findings_dict(report, language))
    return reports.dumps_report("evaluation", tree)


def _findings_dict(report: CheckReport, language: str) -> dict[str, Any]:
    from minzheng_plans.output.check import not_run_json, suppressed_json  # noqa: PLC0415
    from minzheng_plans.output.i18n import renderer  # noqa: PLC0415
    from minzheng_plans.output.report import finding_to_json, summary  # noqa: PLC0415

    catalog = catalog_language(language)
    render = renderer(catalog)
    return {
        "findings": [finding_to_json(f, render) for f in report.findings],
        "findings_summary": summary(report.findings),
        "suppressed": [suppressed_json(item, catalog) for item in report.suppressed],
        "not_run": [not_run_json(item) for item in report.not_run],
        "config": report.config,
        "exit_code": report.exit_code,
    }


def evaluation_text(
    evaluation: Evaluation, language: str = "en", *, report: CheckReport | None = None
) -> str:
    """The report for people: one block per assessed indicator, the rest listed compactly;
    then the findings of ``report`` as ``check`` writes them."""
    body = _evaluation_text(evaluation, language)
    if report is None:
        return body
    from minzheng_plans.output.check import check_text  # noqa: PLC0415

    return f"{body}\n\n{check_text(report, catalog_language(language))}"


def _evaluation_text(evaluation: Evaluation, language: str) -> str:
    sep = "；" if is_chinese(language) else "; "
    colon = "：" if is_chinese(language) else ": "
    lines = [
        f"{heading_text(evaluation, language)} ({evaluation.plan})",
        say(AS_OF, language, year=evaluation.year, start=evaluation.start, end=evaluation.end),
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
            facts.append(f"{say(ACTUAL, language)} {plain(item.actual)} ({item.actual_year})")
        if item.target:
            facts.append(f"{say(TARGET, language)} {item.target} ({item.target_year})")
        if item.gap is not None:
            facts.append(f"{say(GAP, language)} {plain(item.gap)}")
        needed = needed_text(item, language)
        if needed:
            facts.append(needed)
        if facts:
            lines.append("    " + sep.join(facts))
        lines.append(f"    {say(RULE, language)}{colon}{rule_text(item, language)}")
    if unassessed:
        # Listed compactly: without a value there is nothing to say but why.
        lines.append("")
        lines.append(f"[{status_label(Status.NOT_ASSESSABLE, language)}]")
        lines.extend(
            f"    {item.id} {item.name}{colon}{rule_text(item, language)}" for item in unassessed
        )
    # Each entry is one line: a title or name with a newline cannot forge another.
    return "\n".join(escape_field(line) for line in lines)
