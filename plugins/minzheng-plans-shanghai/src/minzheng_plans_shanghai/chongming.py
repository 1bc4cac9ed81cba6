"""The 崇明区 14th five-year plan layout: metadata block, one table row per line, prose.

The indicator table is written one row per line with `` | `` between cells and a closing
``|``; the toolkit's table reader finds its columns (序号, 指标名称, 指标定义(计算公式),
2020年基准值, 2025年目标值, 单位, 指标类型) from the header line, so that a reordered table
still loads, and every row becomes an indicator or an MZ501 finding quoting it. The
definition column is kept in ``Indicator.definition``.

Nothing is repaired: the unit cells of the two per-10,000 rates (``个`` where the formula
``社会组织总数/常住人口数×10000`` gives ``个/万人``) are what the document itself says, not an
extraction slip, so they are kept for the MZ303 rule to report. Table quotes are the row's
figures as written (``30 | ≥60 | %``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import attrs

from minzheng_plans import (
    Document,
    DocumentError,
    Indicator,
    Jurisdiction,
    Level,
    LoadContext,
    LoadResult,
    assemble_plan,
    document_text,
    plan_id,
)
from minzheng_plans.text.layouts import find_grids
from minzheng_plans.text.metadata import read_metadata
from minzheng_plans.text.reader import read_grids
from minzheng_plans.text.tables import ColumnRole, Table, TableRow
from minzheng_plans.text.vocabulary import MAX_QUOTE
from minzheng_plans_shanghai import LOADER_NAME

__all__ = ["LOADER_NAME", "load", "sniff"]

CHONGMING = Jurisdiction(
    code="310151",
    name="崇明区",
    level=Level.COUNTY,
    name_en="Chongming District",
    parent="310000",
)

# Plans this one names as its basis, by title as written; ids where the project has them.
_KNOWN_PLANS = {"上海市民政事业发展“十四五”规划": "310000-2021-2025"}


def sniff(document: Document, _context: LoadContext) -> float:
    """0.95 for the 崇明 plan, 0 for anything else."""
    text = document.text
    if text is None:
        return 0.0
    head = text[:6000]
    if "崇明" not in head or "民政事业发展" not in head:
        return 0.0
    table = "指标名称 |" in text or "| 指标名称" in text
    return 0.95 if table else 0.5


def figure_quote(line: str, table: Table, row: TableRow) -> str | None:
    """The row's figures as the line writes them: ``30 | ≥60 | %`` (baseline to unit).

    The name cell alone would not state the figure the quote stands for, and a name such as
    ``小型墓比例(≤0.6平方米)`` even states another one.
    """
    name = row.cell(table.columns, ColumnRole.NAME)
    roles = [column.role for column in table.columns]
    if ColumnRole.VALUE not in roles:
        return None
    last_value = len(roles) - 1 - roles[::-1].index(ColumnRole.VALUE)
    # The values, and the unit when it is written right after them.
    figures = [
        cell
        for index, (cell, role) in enumerate(zip(row.cells, roles, strict=True))
        if role == ColumnRole.VALUE or (role == ColumnRole.UNIT and index == last_value + 1)
    ]
    if name is None or not figures:
        return None
    cursor = line.find(name.raw)
    if cursor < 0:
        return None
    cursor += len(name.raw)
    start = end = None
    for cell in figures:
        at = line.find(cell.raw, cursor)
        if at < 0:
            return None
        start = at if start is None else start
        cursor = end = at + len(cell.raw)
    return line[start:end][:MAX_QUOTE] if start is not None else None


def _with_figure_quotes(
    text: str, tables: Iterable[Table], indicators: Iterable[Indicator]
) -> list[Indicator]:
    lines = text.split("\n")
    quotes: dict[str, str] = {}
    for number, table in enumerate(tables, start=1):
        for row in table.rows:
            if row.line is None:
                continue
            quote = figure_quote(lines[row.line - 1], table, row)
            if quote:
                quotes[f"t{number}.{row.number}"] = quote
    result = []
    for item in indicators:
        quote = quotes.get(item.id)
        if quote is not None and item.source is not None:
            result.append(attrs.evolve(item, source=attrs.evolve(item.source, quote=quote)))
        else:
            result.append(item)
    return result


def load(document: Document, context: LoadContext) -> LoadResult:
    text = document_text(document, LOADER_NAME)
    metadata = read_metadata(text)
    period = metadata.period
    if period is None:
        msg = "cannot tell the plan period from the title"
        raise DocumentError(msg, path=document.name)
    file = Path(document.name).name
    # Level and parent are the registry's facts; the constant gives the names.
    jurisdiction = context.jurisdictions().known(CHONGMING)
    result = read_grids(
        find_grids(text), period=period, plan=plan_id(jurisdiction, period), file=file
    )
    return assemble_plan(
        document,
        context=context,
        jurisdiction=jurisdiction,
        metadata=metadata,
        table_indicators=_with_figure_quotes(text, result.tables, result.indicators),
        table_findings=result.findings,
        table_lines=result.lines,
        known_plans=_KNOWN_PLANS,
    )
