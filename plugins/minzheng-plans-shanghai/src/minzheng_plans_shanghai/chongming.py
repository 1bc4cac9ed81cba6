"""The 崇明区 14th five-year plan layout: metadata block, one table row per line, prose.

The indicator table is written one row per line with `` | `` between cells and a closing
``|``; the toolkit's table reader finds its columns (序号, 指标名称, 指标定义(计算公式),
2020年基准值, 2025年目标值, 单位, 指标类型) from the header line, so that a reordered table
still loads, and every row becomes an indicator or an MZ501 finding quoting it. The
definition column is kept in ``Indicator.definition``.

One repair: a per-10,000 rate (``社会组织总数/常住人口数×10000``) whose unit cell gives the
counted thing only (``个``) gets the unit its formula and name state (``个/万人``), with the
cell kept in ``source.raw`` and an MZ502 info finding.
"""

from __future__ import annotations

import re
from pathlib import Path

from minzheng_plans.document import Document
from minzheng_plans.errors import DocumentError
from minzheng_plans.hookspecs import LoadResult
from minzheng_plans.model import Jurisdiction, Level
from minzheng_plans.text.assemble import assemble_plan, document_text, plan_id
from minzheng_plans.text.metadata import read_metadata
from minzheng_plans.text.rows import Fix, tables_indicators
from minzheng_plans.text.tables import ColumnRole, Table, find_tables

__all__ = ["LOADER_NAME", "load", "sniff"]

LOADER_NAME = "shanghai.chongming-table"

CHONGMING = Jurisdiction(
    code="310151",
    name="崇明区",
    level=Level.COUNTY,
    name_en="Chongming District",
    parent="310000",
)
# Plans this one names as its basis, by title as written; ids where the project has them.
_KNOWN_PLANS = {"上海市民政事业发展“十四五”规划": "310000-2021-2025"}

# ×10000 over a population: a rate per 10,000 people (每万人…).
_PER_10000 = re.compile(r"/[^/]*人口[^/]*[×xX*]\s*10000$")


def sniff(document: Document) -> float:
    """0.95 for the 崇明 plan, 0 for anything else."""
    text = document.text
    if text is None:
        return 0.0
    head = text[:6000]
    if "崇明" not in head or "民政事业发展" not in head:
        return 0.0
    table = "指标名称 |" in text or "| 指标名称" in text
    return 0.95 if table else 0.5


def per_10000_fixes(table: Table) -> list[Fix]:
    """Units of per-10,000 rates that name only the counted thing (``个`` → ``个/万人``)."""
    fixes = []
    for row in table.rows:
        definition = row.cell(table.columns, ColumnRole.DEFINITION)
        unit = row.cell(table.columns, ColumnRole.UNIT)
        name = row.cell(table.columns, ColumnRole.NAME)
        if definition is None or unit is None or name is None or row.number is None:
            continue
        if "/" in unit.text or not unit.text or not _PER_10000.search(definition.text):
            continue
        if "每万" not in name.text:
            continue  # the name must say so too: two pieces of evidence, not one
        fixes.append(
            Fix(
                row.number,
                "the formula divides by a population and multiplies by 10000, and the name "
                "says 每万人",
                unit=f"{unit.text}/万人",
            )
        )
    return fixes


def load(document: Document) -> LoadResult:
    text = document_text(document, LOADER_NAME)
    metadata = read_metadata(text)
    period = metadata.period
    if period is None:
        msg = "cannot tell the plan period from the title"
        raise DocumentError(msg, path=document.name)
    file = Path(document.name).name
    tables = find_tables(text)
    result = tables_indicators(
        tables,
        period=period,
        plan=plan_id(CHONGMING, period),
        file=file,
        fixes={n: per_10000_fixes(t) for n, t in enumerate(tables, start=1)},
    )
    return assemble_plan(
        document,
        jurisdiction=CHONGMING,
        metadata=metadata,
        table_indicators=result.indicators,
        table_findings=result.findings,
        table_lines=result.lines,
        known_plans=_KNOWN_PLANS,
    )
