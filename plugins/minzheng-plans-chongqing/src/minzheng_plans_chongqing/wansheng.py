"""The 万盛经开区 plan: 重庆市万盛经开区民政事业发展“十四五”规划 (万盛经开发〔2022〕11号).

Two tables, one cell per line, each line ending in ``" |"``. 表1 reports the 13th plan
(target at the period's end, the 2020 situation, attribute, 完成情况) without a unit column;
表2 sets the 14th plan's targets with ``——`` for no value and ≥/≤ inside cells. The units of
表1's rows are not written: each is taken from the same indicator in 表2 or, for a rate or
share (…率, …比例, …占比), read as % by the toolkit's
:func:`~minzheng_plans.text.reader.infer_units`; every such reading is reported (MZ502).
"""

from __future__ import annotations

from minzheng_plans import (
    Document,
    Jurisdiction,
    Level,
    LoadContext,
    LoadResult,
    assemble_plan,
    open_document,
)
from minzheng_plans.text.layouts import find_grids
from minzheng_plans.text.normalise import normalise
from minzheng_plans.text.reader import infer_units, read_grids
from minzheng_plans_chongqing import WANSHENG_LOADER_NAME

__all__ = ["LOADER_NAME", "WANSHENG", "load", "sniff"]

LOADER_NAME = WANSHENG_LOADER_NAME

WANSHENG = Jurisdiction(
    code="500000-WS",
    name="万盛经开区",
    level=Level.ZONE,
    name_en="Wansheng Economic and Technological Development Zone",
    parent="500000",
)

_HEAD = 3000


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


def load(document: Document, context: LoadContext) -> LoadResult:
    """The 万盛 plan with both tables, prose targets and 专栏 projects."""
    # Level and parent are the registry's facts; the constant gives the names.
    jurisdiction = context.jurisdictions().known(WANSHENG)
    opened = open_document(document, LOADER_NAME, jurisdiction)
    pid, file = opened.plan_id, opened.file
    tables = read_grids(find_grids(opened.text), period=opened.period, plan=pid, file=file)
    indicators, unit_findings = infer_units(tables, plan=pid, file=file)
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
