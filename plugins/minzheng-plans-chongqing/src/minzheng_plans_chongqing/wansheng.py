"""The 万盛经开区 plan: 重庆市万盛经开区民政事业发展“十四五”规划 (万盛经开发〔2022〕11号).

Two tables, one cell per line, each line ending in ``" |"``. 表1 reports the 13th plan
(target at the period's end, the 2020 situation, attribute, 完成情况) without a unit column;
表2 sets the 14th plan's targets with ``——`` for no value and ≥/≤ inside cells. The units of
表1's rows are not written: each is taken from the same indicator in 表2 or, for a rate or
share (…率, …比例, …占比), read as %; every such reading is reported (MZ502).
"""

from __future__ import annotations

import re

import attrs

from minzheng_plans import (
    Document,
    Finding,
    Indicator,
    Jurisdiction,
    Level,
    LoadContext,
    LoadResult,
    Severity,
    assemble_plan,
    make_finding,
    open_document,
)
from minzheng_plans.text.normalise import normalise
from minzheng_plans.text.rows import is_completion_table, tables_indicators
from minzheng_plans.text.tables import find_tables

__all__ = ["LOADER_NAME", "WANSHENG", "infer_units", "load", "sniff"]

LOADER_NAME = "chongqing.wansheng-bar"

WANSHENG = Jurisdiction(
    code="500000-WS",
    name="万盛经开区",
    level=Level.ZONE,
    name_en="Wansheng Economic and Technological Development Zone",
    parent="500000",
)

_HEAD = 3000
_SHARE = re.compile(r"(率|比例|占比|比重)$")


def sniff(document: Document, _context: LoadContext) -> float:
    """0.95 for a 万盛经开区 civil-affairs plan; low for anything else."""
    if document.text is None:
        return 0.0
    head = normalise(document.text[:_HEAD]).text
    if "万盛" not in head:
        return 0.0
    if "民政事业发展" in head:
        return 0.95 if " |" in document.text else 0.7
    return 0.2


def _key(name: str) -> str:
    return name.replace(" ", "")


def infer_units(
    indicators: tuple[Indicator, ...], *, completion_ids: set[str], plan: str, file: str
) -> tuple[list[Indicator], list[Finding]]:
    """Units for completion-table rows that write none, each reading reported (MZ502)."""
    known = {
        _key(i.name): (i.unit, i.id) for i in indicators if i.unit and i.id not in completion_ids
    }
    result: list[Indicator] = []
    findings: list[Finding] = []
    for indicator in indicators:
        if indicator.id not in completion_ids or indicator.unit:
            result.append(indicator)
            continue
        same = known.get(_key(indicator.name))
        if same is not None:
            unit, evidence = same[0], f"indicator {same[1]} of the same name is in {same[0]}"
        elif _SHARE.search(indicator.name):
            unit, evidence = "%", "the name is a rate or share and its figures are percentages"
        else:
            result.append(indicator)
            continue
        result.append(attrs.evolve(indicator, unit=unit))
        findings.append(
            make_finding(
                "MZ502",
                Severity.INFO,
                "Indicator {name}: the table writes no unit; read as {unit} ({reason})",
                plan=plan,
                indicator=indicator.id,
                file=file,
                line=indicator.source.line if indicator.source else None,
                name=indicator.name,
                unit=unit,
                reason=evidence,
            )
        )
    return result, findings


def load(document: Document, context: LoadContext) -> LoadResult:
    """The 万盛 plan with both tables, prose targets and 专栏 projects."""
    # Level and parent are the registry's facts; the constant gives the names.
    jurisdiction = context.jurisdictions().known(WANSHENG)
    opened = open_document(document, LOADER_NAME, jurisdiction)
    pid, file = opened.plan_id, opened.file
    found = find_tables(opened.text)
    tables = tables_indicators(found, period=opened.period, plan=pid, file=file)
    completion_ids = {
        indicator.id
        for number, table in enumerate(found, start=1)
        if is_completion_table(table)
        for indicator in tables.indicators
        if indicator.id.startswith(f"t{number}.")
    }
    indicators, unit_findings = infer_units(
        tables.indicators, completion_ids=completion_ids, plan=pid, file=file
    )
    return assemble_plan(
        document,
        context=context,
        jurisdiction=jurisdiction,
        metadata=opened.metadata,
        period=opened.period,
        table_indicators=indicators,
        table_findings=(*tables.findings, *unit_findings),
        table_lines=tables.lines,
    )
