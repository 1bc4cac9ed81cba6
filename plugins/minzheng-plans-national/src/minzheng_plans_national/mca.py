"""The national plan of 民政部 and 国家发展改革委: “十四五”民政事业发展规划.

Its one indicator table, ``“十四五”时期民政事业主要发展指标``, is written one cell per line
without separators (序号, 指标, 单位, 2025年目标值, 属性): targets only, one of them relative
(``不低于居民上年度人均消费支出增速``), one attribute cut short to ``约束``. Everything else
(prose targets, 专栏 projects, sections, metadata) comes from the shared toolkit.
"""

from __future__ import annotations

import re

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
from minzheng_plans.text.metadata import find_issuers, find_title
from minzheng_plans.text.normalise import normalise
from minzheng_plans.text.reader import read_grids
from minzheng_plans_national import LOADER_NAME

__all__ = ["LOADER_NAME", "NATIONAL", "load", "sniff"]

NATIONAL = Jurisdiction(
    code="000000",
    name="全国",
    level=Level.NATIONAL,
    name_en="China (national)",
)

# How much of the document's start the sniffer reads: the notice and the plan title.
_HEAD = 3000
# A national plan's title names no place: "“十四五”民政事业发展规划".
_NATIONAL_TITLE = re.compile(r"^“?十[一二三四五六七八九]?五”?民政事业发展规划$")
_NATIONAL_ISSUERS = {"民政部", "国家发展和改革委员会", "国家发展改革委"}


def sniff(document: Document, _context: LoadContext) -> float:
    """0.95 for a national civil-affairs plan issued by 民政部; low for anything else."""
    if document.text is None:
        return 0.0
    head = normalise(document.text[:_HEAD])
    title = find_title(head)
    national_title = title is not None and bool(_NATIONAL_TITLE.match(title[0]))
    issuers = set(find_issuers(head))
    by_ministry = "民政部" in issuers
    if national_title and by_ministry:
        return 0.95
    if national_title:
        return 0.6
    if by_ministry and issuers <= _NATIONAL_ISSUERS:
        return 0.3
    return 0.0


def load(document: Document, context: LoadContext) -> LoadResult:
    """The national plan with every table row, prose target and 专栏 project."""
    jurisdiction = context.jurisdictions().known(NATIONAL)
    opened = open_document(document, LOADER_NAME, jurisdiction)
    tables = read_grids(
        find_grids(opened.text), period=opened.period, plan=opened.plan_id, file=opened.file
    )
    return assemble_plan(
        document,
        context=context,
        jurisdiction=jurisdiction,
        metadata=opened.metadata,
        period=opened.period,
        table_indicators=tables.indicators,
        table_findings=tables.findings,
        table_lines=tables.lines,
    )
