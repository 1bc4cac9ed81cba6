"""What a report shows beside a finding: its indicator, targets in words, the parent's indicator.

Shared by the HTML check report and the findings workbook, so both describe a target and a
cross-level (MZ4xx) finding the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from minzheng_plans.analysis.normal import target_text
from minzheng_plans.core.findings import Finding
from minzheng_plans.core.model import Indicator, Plan
from minzheng_plans.output import phrases

if TYPE_CHECKING:
    from minzheng_plans.checking.inputs import InputRecord
    from minzheng_plans.checking.runner import CheckReport

__all__ = [
    "Described",
    "attribute_words",
    "described",
    "find_indicator",
    "related_indicators",
    "source_words",
    "target_words",
]


@attrs.frozen
class Described:
    """What a check report is about: its findings, its inputs, and its plans, one per id (a
    draft and its final text share an id and their findings), with ``index`` holding them
    and the related plans (the bundled parents) by id."""

    findings: list[Finding]
    inputs: Sequence[InputRecord]
    plans: list[Plan]
    index: dict[str, Plan]


def described(
    report: CheckReport | Iterable[Finding],
    plans: Sequence[Plan] | None,
    related_plans: Sequence[Plan] = (),
) -> Described:
    """A :class:`~minzheng_plans.checking.runner.CheckReport` (its plans unless ``plans`` is
    given) or findings alone (with ``plans``), as the HTML report and the workbook show it."""
    from minzheng_plans.checking.runner import CheckReport  # noqa: PLC0415 - only when rendering

    inputs: Sequence[InputRecord] = ()
    if isinstance(report, CheckReport):
        findings = list(report.findings)
        inputs = report.inputs
        given = list(report.plans if plans is None else plans)
    else:
        findings = list(report)
        given = list(plans or ())
    unique = list({plan.id: plan for plan in reversed(given)}.values())[::-1]
    index = {plan.id: plan for plan in [*related_plans, *unique]}
    return Described(findings, inputs, unique, index)


def find_indicator(plan: Plan, indicator_id: str) -> Indicator | None:
    """The plan's indicator with this id, or ``None``."""
    try:
        return plan.indicator(indicator_id)
    except KeyError:
        return None


def related_indicators(finding: Finding, index: Mapping[str, Plan]) -> list[tuple[Plan, Indicator]]:
    """The indicators of *other* plans a finding names in ``related`` (``plan-id/indicator-id``):
    for a cross-level (MZ4xx) finding, the parent plan's indicator first. Entries naming a plan
    not in ``index`` are left out."""
    found: list[tuple[Plan, Indicator]] = []
    for entry in finding.related:
        plan_id, _, indicator_id = entry.rpartition("/")
        plan = index.get(plan_id)
        if plan is None or plan_id == finding.plan:
            continue
        indicator = find_indicator(plan, indicator_id)
        if indicator is not None and (plan, indicator) not in found:
            found.append((plan, indicator))
    return found


def target_words(indicator: Indicator, words: phrases.Phrases) -> str:
    """The target as stated, with unit and year: ``≥50 %（2025年）``; ``""`` without one."""
    target = indicator.target
    if target is None:
        return ""
    text = target_text(target)
    if indicator.unit:
        text = f"{text} {indicator.unit}"
    return words(phrases.VALUE_IN_YEAR, value=text, year=target.year)


def attribute_words(indicator: Indicator, words: phrases.Phrases) -> str:
    """约束性 / 预期性 (Binding / Anticipatory); ``""`` when the plan does not say."""
    if indicator.attribute is None:
        return ""
    return words(phrases.ATTRIBUTES[str(indicator.attribute)])


def source_words(plan: Plan, indicator: Indicator, words: phrases.Phrases) -> str:
    """Where the indicator was read: ``表1 第3行 · plan.txt 第26行``; ``""`` when unknown."""
    source = indicator.source
    if source is None:
        return ""
    where: list[str] = []
    if source.table:
        where.append(
            words(phrases.TABLE_ROW, table=source.table, row=source.row)
            if source.row is not None
            else source.table
        )
    if source.line is not None:
        where.append(
            words(phrases.FILE_LINE, file=plan.source, line=source.line)
            if plan.source
            else words(phrases.LINE_ONLY, line=source.line)
        )
    return " · ".join(where)
