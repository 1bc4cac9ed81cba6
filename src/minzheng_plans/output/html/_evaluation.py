"""The evaluation report as HTML: a status per indicator (colour and words) and a chart."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from minzheng_plans.analysis.evaluate import Evaluation, IndicatorEvaluation, Status
from minzheng_plans.core.formatting import plain
from minzheng_plans.output import phrases
from minzheng_plans.output.evaluation import (
    ACTUAL,
    AS_OF,
    TARGET,
    heading_text,
    needed_text,
    rule_text,
    status_label,
    status_text,
    summary_text,
)
from minzheng_plans.output.html._markup import Markup, element
from minzheng_plans.output.html._page import badge, page, slug
from minzheng_plans.output.html._svg import Progress, progress_chart
from minzheng_plans.output.i18n import say

if TYPE_CHECKING:
    from minzheng_plans.core.model import Plan

__all__ = ["render_evaluation_html"]


def render_evaluation_html(
    evaluation: Evaluation,
    *,
    lang: str = "zh",
    plan: Plan | None = None,
    version: str | None = None,
    generated: dt.date | None = None,
) -> str:
    """The evaluation as one self-contained HTML page (Chinese by default, ``lang="en"``).

    Each assessable indicator gets its status as a coloured, labelled badge, its figures and
    the rule that decided, and a small chart of baseline → actual → target; indicators that
    cannot be assessed are listed with the reason. ``plan`` (the evaluated plan) adds its
    jurisdiction and document number to the header.
    """
    words = phrases.phrases(lang)
    short = "zh" if words.language.startswith("zh") else "en"
    title = heading_text(evaluation, short)
    lead = [
        element(
            "p",
            say(
                AS_OF,
                short,
                year=evaluation.year,
                start=evaluation.start,
                end=evaluation.end,
            ),
            class_="lead",
        ),
    ]
    facts: list[tuple[str, str]] = [(words(phrases.PLAN_ID), evaluation.plan)]
    if plan is not None:
        facts.append((words(phrases.JURISDICTION), plan.jurisdiction.name))
        if plan.document_number:
            facts.append((words(phrases.DOCUMENT_NUMBER), plan.document_number))
    lead.append(
        element("dl", [[element("dt", t), element("dd", v)] for t, v in facts], class_="facts")
    )
    assessed = [i for i in evaluation.indicators if i.status is not Status.NOT_ASSESSABLE]
    unassessed = [i for i in evaluation.indicators if i.status is Status.NOT_ASSESSABLE]
    body = [_summary(evaluation, words, short)]
    contents = [("summary", words(phrases.SUMMARY))]
    for item in assessed:
        body.append(_indicator(item, words, short))
        contents.append((slug("indicator", item.id), f"{item.id} {item.name}"))
    if unassessed:
        body.append(_unassessed(unassessed, words, short))
        contents.append((slug("not-assessable"), words(phrases.NOT_ASSESSABLE_LIST)))
    return page(
        title,
        body,
        phrases=words,
        version=version,
        generated=generated,
        lead=lead,
        contents=contents,
    )


def _status_badge(item: IndicatorEvaluation, short: str) -> Markup:
    return badge(item.status.value, status_text(item, short))


def _summary(evaluation: Evaluation, words: phrases.Phrases, short: str) -> Markup:
    counts = evaluation.counts()
    head = element(
        "tr",
        [
            element("th", badge(status.value, status_label(status, short)), scope="col")
            for status in Status
        ],
    )
    row = element(
        "tr", [element("td", str(counts[status.value]), class_="num") for status in Status]
    )
    overview = [
        element(
            "tr",
            element(
                "th",
                element("a", f"{i.id} {i.name}", href=f"#{slug('indicator', i.id)}")
                if i.status is not Status.NOT_ASSESSABLE
                else f"{i.id} {i.name}",
                scope="row",
            ),
            element("td", _status_badge(i, short)),
            element("td", _with_unit(i.baseline, i.unit, i.baseline_year, words)),
            element("td", _with_unit(i.actual, i.unit, i.actual_year, words)),
            element("td", _target(i, words)),
        )
        for i in evaluation.indicators
    ]
    overview_head = element(
        "tr",
        [
            element("th", words(label), scope="col")
            for label in (
                phrases.INDICATOR,
                phrases.STATUS,
                phrases.BASELINE,
                phrases.ACTUAL,
                phrases.TARGET,
            )
        ],
    )
    return element(
        "section",
        element("h2", words(phrases.SUMMARY), id="summary"),
        element("p", summary_text(evaluation, short)),
        element("table", element("thead", head), element("tbody", row), class_="counts"),
        element("table", element("thead", overview_head), element("tbody", overview)),
        aria_labelledby="summary",
    )


def _with_unit(
    value: Decimal | str | None, unit: str, year: int | None, words: phrases.Phrases
) -> str:
    if value is None:
        return ""
    shown = value if isinstance(value, str) else plain(value)
    if unit:
        shown = f"{shown} {unit}"
    return words(phrases.VALUE_IN_YEAR, value=shown, year=year) if year is not None else shown


def _target(item: IndicatorEvaluation, words: phrases.Phrases) -> str:
    if not item.target:
        return ""
    # A relative target names its reference, whose unit the reference itself carries.
    unit = "" if item.rule == "relative-target" else item.unit
    return _with_unit(item.target, unit, item.target_year, words)


def _chart(item: IndicatorEvaluation, words: phrases.Phrases, short: str) -> Markup | None:
    colon = "" if short == "zh" else " "
    baseline = (
        (item.baseline_year, item.baseline)
        if item.baseline is not None and item.baseline_year is not None
        else None
    )
    actual = (
        (item.actual_year, item.actual)
        if item.actual is not None and item.actual_year is not None
        else None
    )
    chart = Progress(
        title=words(phrases.CHART_PROGRESS, name=item.name),
        status=item.status.value,
        baseline=baseline,
        actual=actual,
        target_year=item.target_year,
        low=item.target_low,
        high=item.target_high,
        target_label=f"{say(TARGET, short)}{colon}{item.allowed}",
        baseline_label=(
            f"{words(phrases.CHART_BASELINE)}{colon}{plain(item.baseline)}"
            if item.baseline is not None
            else ""
        ),
        actual_label=(
            f"{say(ACTUAL, short)}{colon}{plain(item.actual)}" if item.actual is not None else ""
        ),
        expected=item.expected,
        expected_label=(
            f"{words(phrases.CHART_EXPECTED)}{colon}{plain(item.expected)}"
            if item.expected is not None
            else ""
        ),
        path_label=words(phrases.CHART_PATH),
    )
    return progress_chart(chart, slug("chart", item.id))


def _indicator(item: IndicatorEvaluation, words: phrases.Phrases, short: str) -> Markup:
    anchor = slug("indicator", item.id)
    unit = (
        f"（{item.unit}）"
        if item.unit and short == "zh"
        else f" ({item.unit})"
        if item.unit
        else ""
    )
    facts: list[tuple[str, object]] = [(words(phrases.STATUS), _status_badge(item, short))]
    if item.baseline is not None:
        facts.append(
            (
                words(phrases.BASELINE),
                _with_unit(item.baseline, item.unit, item.baseline_year, words),
            )
        )
    if item.actual is not None:
        facts.append(
            (words(phrases.ACTUAL), _with_unit(item.actual, item.unit, item.actual_year, words))
        )
    if item.target:
        facts.append((words(phrases.TARGET), _target(item, words)))
    if item.allowed and item.allowed != item.target:
        facts.append((words(phrases.ALLOWED), item.allowed))
    if item.gap is not None and item.gap != 0:
        facts.append((words(phrases.GAP), _with_unit(item.gap, item.unit, None, words)))
    needed = needed_text(item, short)
    if needed:
        facts.append((words(phrases.NEEDED), needed))
    if item.attribute:
        facts.append((words(phrases.ATTRIBUTE), words(phrases.ATTRIBUTES[item.attribute])))
    facts.append((words(phrases.RULE), rule_text(item, short)))
    chart = _chart(item, words, short)
    return element(
        "section",
        element("h2", f"{item.id} {item.name}{unit}", id=anchor),
        element("dl", [[element("dt", t), element("dd", v)] for t, v in facts], class_="facts"),
        element("figure", chart) if chart is not None else None,
        class_="indicator",
        aria_labelledby=anchor,
    )


def _unassessed(items: list[IndicatorEvaluation], words: phrases.Phrases, short: str) -> Markup:
    anchor = slug("not-assessable")
    head = element(
        "tr",
        [
            element("th", words(label), scope="col")
            for label in (phrases.INDICATOR, phrases.STATUS, phrases.RULE)
        ],
    )
    rows = [
        element(
            "tr",
            element("th", f"{item.id} {item.name}", scope="row"),
            element("td", _status_badge(item, short)),
            element("td", rule_text(item, short)),
        )
        for item in items
    ]
    return element(
        "section",
        element("h2", words(phrases.NOT_ASSESSABLE_LIST), id=anchor),
        element("table", element("thead", head), element("tbody", rows)),
        aria_labelledby=anchor,
    )
