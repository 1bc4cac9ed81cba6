"""The check report as HTML: a summary per plan, findings by plan and indicator, with sources."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from minzheng_plans.core.findings import Finding, Severity
from minzheng_plans.core.model import Indicator, Jurisdiction, Plan
from minzheng_plans.output import phrases
from minzheng_plans.output.html._markup import Markup, element
from minzheng_plans.output.html._page import badge, page, slug
from minzheng_plans.output.i18n import render
from minzheng_plans.output.related import (
    attribute_words,
    described,
    find_indicator,
    related_indicators,
    source_words,
    target_words,
)

if TYPE_CHECKING:
    from minzheng_plans.checking.inputs import InputRecord
    from minzheng_plans.checking.runner import CheckReport
    from minzheng_plans.registries.jurisdictions import JurisdictionRegistry

__all__ = ["hierarchy", "render_check_html"]


def render_check_html(
    report: CheckReport | Iterable[Finding],
    plans: Sequence[Plan] | None = None,
    *,
    lang: str = "zh",
    related_plans: Sequence[Plan] = (),
    jurisdictions: JurisdictionRegistry | None = None,
    version: str | None = None,
    generated: dt.date | None = None,
) -> str:
    """The check report as one self-contained HTML page (Chinese by default, ``lang="en"``).

    ``report`` is a :class:`~minzheng_plans.checking.runner.CheckReport` (its plans and
    inputs are used) or findings alone; ``plans`` are the plans described, one section each;
    ``related_plans`` are other plans findings may point to (the bundled parents), whose
    targets are shown beside the child's for cross-level (MZ4xx) findings. ``jurisdictions``
    gives each plan's hierarchy (default: the bundled registry).
    """
    shown = described(report, plans, related_plans)
    findings, inputs, unique, index = shown.findings, shown.inputs, shown.plans, shown.index
    if jurisdictions is None:
        from minzheng_plans.registries.jurisdictions import default_jurisdictions  # noqa: PLC0415

        jurisdictions = default_jurisdictions()
    words = phrases.phrases(lang)
    by_plan: dict[str | None, list[Finding]] = {}
    for finding in findings:
        by_plan.setdefault(finding.plan, []).append(finding)
    body: list[Markup] = [_overview(unique, by_plan, words)]
    contents = [(slug("plan", plan.id), f"{plan.title} ({plan.id})") for plan in unique]
    body.extend(
        _plan_section(plan, by_plan.get(plan.id, []), index, jurisdictions, words)
        for plan in unique
    )
    described_ids = {plan.id for plan in unique}
    strays = [f for key, group in by_plan.items() if key not in described_ids for f in group]
    if strays:
        body.append(_strays(strays, words))
        contents.append((slug("no-plan"), words(phrases.NO_PLAN)))
    if inputs:
        body.append(_inputs(inputs, words))
        contents.append((slug("inputs"), words(phrases.FILES_READ)))
    counts = _counts(findings)
    lead = element(
        "p",
        words(
            phrases.CHECK_LEAD,
            plans=len(unique),
            errors=counts[Severity.ERROR],
            warnings=counts[Severity.WARNING],
            infos=counts[Severity.INFO],
        ),
        class_="lead",
    )
    return page(
        words(phrases.CHECK_TITLE),
        body,
        phrases=words,
        version=version,
        generated=generated,
        lead=[lead],
        contents=contents,
    )


def _counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    counts = dict.fromkeys(Severity, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def _overview(
    plans: Sequence[Plan], by_plan: Mapping[str | None, list[Finding]], words: phrases.Phrases
) -> Markup:
    head = element(
        "tr",
        element("th", words(phrases.PLAN), scope="col"),
        element("th", words(phrases.JURISDICTION), scope="col"),
        element("th", words(phrases.PERIOD), scope="col"),
        [
            element("th", words(label), scope="col", class_="num")
            for label in (phrases.ERRORS, phrases.WARNINGS, phrases.INFOS)
        ],
    )
    rows = []
    for plan in plans:
        counts = _counts(by_plan.get(plan.id, []))
        rows.append(
            element(
                "tr",
                element(
                    "th", element("a", plan.title, href=f"#{slug('plan', plan.id)}"), scope="row"
                ),
                element("td", plan.jurisdiction.name),
                element("td", f"{plan.period.start}–{plan.period.end}"),
                [element("td", str(counts[s]), class_="num") for s in Severity],
            )
        )
    return element(
        "section",
        element("h2", words(phrases.SUMMARY), id="summary"),
        element("table", element("thead", head), element("tbody", rows)),
        aria_labelledby="summary",
    )


def hierarchy(
    plan: Plan,
    registry: JurisdictionRegistry,
    language: str,
    known: Mapping[str, Jurisdiction] | None = None,
) -> list[str]:
    """The plan's jurisdiction and those above it, from the top (全国 › 重庆市 › 万盛经开区).

    From the registry where it knows a code; else from ``known`` (the jurisdictions of the
    other plans of the run, by code) following their parent codes; a code neither knows is
    shown as the code. English names are used for ``language`` ``en`` where there are some.
    """
    english = not language.startswith("zh")
    others = dict(known or {})

    def name(item: Jurisdiction) -> str:
        return (item.name_en if english and item.name_en else None) or item.name

    own = plan.jurisdiction
    upwards = [name(own)]  # from the plan's own jurisdiction to the top
    parent = own.parent
    if own.code in registry:
        upwards += [name(item) for item in registry.ancestors(own.code)]
        parent = None
    seen = {own.code}
    while parent and parent not in seen:
        seen.add(parent)
        registered = registry.get(parent)
        if registered is not None:
            upwards += [name(registered), *(name(i) for i in registry.ancestors(parent))]
            break
        other = others.get(parent)
        if other is None:
            upwards.append(parent)
            break
        upwards.append(name(other))
        parent = other.parent
    return upwards[::-1]


def _plan_facts(
    plan: Plan, registry: JurisdictionRegistry, words: phrases.Phrases, index: Mapping[str, Plan]
) -> Markup:
    level = phrases.LEVELS.get(str(plan.jurisdiction.level))
    known = {other.jurisdiction.code: other.jurisdiction for other in index.values()}
    chain = hierarchy(plan, registry, words.language, known)
    facts: list[tuple[str, object]] = [
        (words(phrases.PLAN_ID), element("code", plan.id)),
        (words(phrases.HIERARCHY), " › ".join(chain)),
        (words(phrases.LEVEL), words(level) if level else str(plan.jurisdiction.level)),
        (words(phrases.PERIOD), f"{plan.period.start}–{plan.period.end}"),
    ]
    if plan.jurisdiction.code not in registry:
        facts.append(
            (
                words(phrases.JURISDICTION),
                words(phrases.NOT_IN_REGISTRY, code=plan.jurisdiction.code),
            )
        )
    if plan.document_number:
        facts.append((words(phrases.DOCUMENT_NUMBER), plan.document_number))
    if plan.source:
        facts.append((words(phrases.SOURCE_DOCUMENT), plan.source))
    if plan.based_on:
        facts.append((words(phrases.BASED_ON), "；".join(ref.title for ref in plan.based_on)))
    return element(
        "dl",
        [[element("dt", term), element("dd", value)] for term, value in facts],
        class_="facts",
    )


def _severity_table(findings: Sequence[Finding], words: phrases.Phrases) -> Markup:
    counts = _counts(findings)
    return element(
        "table",
        element("caption", words(phrases.FINDINGS_BY_SEVERITY)),
        element(
            "thead",
            element(
                "tr",
                [
                    element("th", words(label), scope="col", class_="num")
                    for label in (phrases.ERRORS, phrases.WARNINGS, phrases.INFOS)
                ],
            ),
        ),
        element(
            "tbody", element("tr", [element("td", str(counts[s]), class_="num") for s in Severity])
        ),
        class_="counts",
    )


def _plan_section(
    plan: Plan,
    findings: Sequence[Finding],
    index: Mapping[str, Plan],
    registry: JurisdictionRegistry,
    words: phrases.Phrases,
) -> Markup:
    anchor = slug("plan", plan.id)
    parts: list[object] = [
        element("h2", plan.title, id=anchor),
        _plan_facts(plan, registry, words, index),
        _severity_table(findings, words),
    ]
    if not findings:
        parts.append(element("p", words(phrases.NO_FINDINGS)))
    groups: dict[str | None, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.indicator, []).append(finding)
    if None in groups:
        parts.append(element("h3", words(phrases.PLAN_LEVEL), id=slug("plan", plan.id, "whole")))
        parts.append(_findings_table(groups.pop(None), words))
    known = [item.id for item in plan.indicators]
    order = sorted(groups, key=lambda i: (known.index(i) if i in known else len(known), str(i)))
    for indicator_id in order:
        assert indicator_id is not None
        parts.append(_indicator_block(plan, indicator_id, groups[indicator_id], index, words))
    return element("section", parts, class_="plan", aria_labelledby=anchor)


def _source_quote(plan: Plan, indicator: Indicator, words: phrases.Phrases) -> Markup | None:
    source = indicator.source
    where = source_words(plan, indicator, words)
    if source is None or (not source.quote and not where):
        return None
    colon = "：" if words.language.startswith("zh") else ": "
    return element(
        "blockquote",
        element("p", f"“{source.quote}”") if source.quote else None,
        element("footer", words(phrases.SOURCE), colon, where) if where else None,
    )


def _indicator_block(
    plan: Plan,
    indicator_id: str,
    findings: Sequence[Finding],
    index: Mapping[str, Plan],
    words: phrases.Phrases,
) -> Markup:
    indicator = find_indicator(plan, indicator_id)
    anchor = slug("plan", plan.id, "indicator", indicator_id)
    if indicator is None:
        heading = words(phrases.UNKNOWN_INDICATOR, indicator=indicator_id)
        return element(
            "div",
            element("h3", heading, id=anchor),
            _findings_table(findings, words),
            class_="indicator",
        )
    facts = [
        (words(phrases.UNIT), indicator.unit),
        (words(phrases.TARGET), target_words(indicator, words)),
        (words(phrases.ATTRIBUTE), attribute_words(indicator, words)),
        (words(phrases.CATALOG_CODE), indicator.code or ""),
    ]
    return element(
        "div",
        element("h3", f"{indicator.id} {indicator.name}", id=anchor),
        element(
            "dl",
            [[element("dt", t), element("dd", v)] for t, v in facts if v],
            class_="facts",
        ),
        _source_quote(plan, indicator, words),
        _findings_table(findings, words),
        _cross_level(plan, indicator, findings, index, words),
        class_="indicator",
    )


def _location(finding: Finding, words: phrases.Phrases) -> str:
    location = finding.location
    if location is None:
        return ""
    if location.file and location.line is not None:
        return words(phrases.FILE_LINE, file=location.file, line=location.line)
    if location.file:
        return location.file
    if location.line is not None:
        return words(phrases.LINE_ONLY, line=location.line)
    return ""


def _findings_table(
    findings: Sequence[Finding], words: phrases.Phrases, *, with_plan: bool = False
) -> Markup:
    labels = (
        phrases.SEVERITY,
        phrases.CODE,
        phrases.MESSAGE,
        phrases.LOCATION,
        *((phrases.PLAN_ID,) if with_plan else ()),
    )
    head = element("tr", [element("th", words(label), scope="col") for label in labels])
    rows = [
        element(
            "tr",
            element("td", badge(f.severity.value, words(phrases.SEVERITIES[f.severity.value]))),
            element("td", element("code", f.code)),
            element("td", render(f, words.language)),
            element("td", _location(f, words)),
            element("td", f.plan or "") if with_plan else None,
        )
        for f in sorted(findings, key=lambda f: (f.severity.rank, f.code))
    ]
    return element(
        "table",
        element("caption", words(phrases.FINDINGS)),
        element("thead", head),
        element("tbody", rows),
        class_="findings",
    )


def _cross_level(
    plan: Plan,
    indicator: Indicator,
    findings: Sequence[Finding],
    index: Mapping[str, Plan],
    words: phrases.Phrases,
) -> Markup | None:
    parents: list[tuple[Plan, Indicator]] = []
    for finding in findings:
        if finding.code.startswith("MZ4"):
            for pair in related_indicators(finding, index):
                if pair not in parents:
                    parents.append(pair)
    if not parents:
        return None
    head = element(
        "tr",
        element("td", ""),
        [
            element("th", words(label), scope="col")
            for label in (phrases.PLAN, phrases.INDICATOR, phrases.TARGET, phrases.ATTRIBUTE)
        ],
    )

    def row(label: str, owner: Plan, item: Indicator, css: str) -> Markup:
        return element(
            "tr",
            element("th", words(label), scope="row"),
            element("td", f"{owner.title} ({owner.id})"),
            element("td", f"{item.id} {item.name}"),
            element("td", target_words(item, words), class_="nowrap"),
            element("td", attribute_words(item, words), class_="nowrap"),
            class_=css,
        )

    rows = [row(phrases.THIS_PLAN, plan, indicator, "child")]
    rows += [row(phrases.PARENT_PLAN, owner, item, "parent") for owner, item in parents]
    return element(
        "table",
        element("caption", words(phrases.CROSS_LEVEL)),
        element("thead", head),
        element("tbody", rows),
        class_="cross",
    )


def _strays(findings: Sequence[Finding], words: phrases.Phrases) -> Markup:
    anchor = slug("no-plan")
    return element(
        "section",
        element("h2", words(phrases.NO_PLAN), id=anchor),
        _findings_table(findings, words, with_plan=True),
        aria_labelledby=anchor,
    )


def _inputs(inputs: Sequence[InputRecord], words: phrases.Phrases) -> Markup:
    anchor = slug("inputs")
    head = element(
        "tr",
        element("th", words(phrases.FILE), scope="col"),
        element("th", words(phrases.PLAN_ID), scope="col"),
        element("th", "SHA-256", scope="col"),
    )
    rows = [
        element(
            "tr",
            element("td", record.path),
            element("td", record.plan or ""),
            element("td", element("code", record.sha256)),
        )
        for record in inputs
    ]
    return element(
        "section",
        element("h2", words(phrases.FILES_READ), id=anchor),
        element("table", element("thead", head), element("tbody", rows)),
        aria_labelledby=anchor,
    )
