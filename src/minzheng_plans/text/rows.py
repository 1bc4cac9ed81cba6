"""Table rows to indicators: names, units, values, attributes, sections, provenance, findings.

:func:`table_indicators` turns every row of one :class:`~minzheng_plans.text.tables.Table`
into an :class:`~minzheng_plans.core.model.Indicator` (id ``t{table}.{row}``, a part of a
row ``t{table}.{row}.{part}``) or an MZ501 finding that quotes the row, so that rows in =
indicators + MZ501, always; columns no reader knows get one MZ508. The one entry point for
every source is :func:`minzheng_plans.text.reader.read_grids`, which calls it.

What each value column means is read from its header (``2020年目标值`` is a target,
``2020情况`` an actual) and, where the header names only a year, from the plan period: a year
before the period is a baseline, a later one a target. In a completion table (a 完成情况
caption or status column) an earlier year is the baseline and the latest the actual.

The unit is the unit column's, else the one in brackets after the name (``床位数(张)``), else
the one written in the value cells (``≥30平方米``), else the one in the value header
(``目标值(%)``); a part of a row (``其中：城市``) takes its parent's unit and attribute where
it writes none, and its name is formed from the parent's (:func:`part_name`). A parent row
without figures of its own is no indicator: its parts hold them.

Loaders repair cells that text extraction damaged by passing :class:`Fix` records (directly,
or from the ``repair`` hook of ``read_grids``): the fixed text is read instead of the cell,
``source.raw`` keeps what the document says and an MZ502 info finding gives the reason. Two
repairs are generic and need no fix: a unit whose closing bracket was lost (``比重(%``) and
an attribute cut short (``约束`` for ``约束性``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import attrs

from minzheng_plans.core.findings import Finding
from minzheng_plans.core.messages import N_
from minzheng_plans.core.model import Indicator, Period
from minzheng_plans.text._meanings import ColumnMeaning, column_meanings, is_completion_table
from minzheng_plans.text._names import binding_marks, part_name
from minzheng_plans.text._row_reader import (
    ASPIRATION,
    CUT_ATTRIBUTE,
    LOST_BRACKET,
    Fix,
    RowReader,
    read_attribute,
    row_quote,
    table_source,
)
from minzheng_plans.text.tables import (
    ColumnRole,
    RowProblem,
    Table,
    TableRow,
    Unread,
)
from minzheng_plans.text.vocabulary import (
    MAX_QUOTE,
    RATIO_UNIT,
)

__all__ = [
    "ASPIRATION",
    "CUT_ATTRIBUTE",
    "LOST_BRACKET",
    "MAX_QUOTE",
    "RATIO_UNIT",
    "ColumnMeaning",
    "Fix",
    "RowsResult",
    "TablesResult",
    "binding_marks",
    "column_meanings",
    "is_completion_table",
    "part_name",
    "read_attribute",
    "row_quote",
    "table_indicators",
    "table_lines",
    "table_source",
    "tables_indicators",
]


@attrs.frozen
class RowsResult:
    indicators: tuple[Indicator, ...] = ()
    findings: tuple[Finding, ...] = ()


def table_lines(table: Table) -> frozenset[int]:
    """Every line the table occupies, caption and notes included: prose readers skip them."""
    first = table.caption_line or table.header_line or 0
    last = table.end_line or first
    return frozenset(range(first, last + 1))


def _order(item: TableRow | RowProblem) -> tuple[int, int, int]:
    sub = item.sub if isinstance(item, TableRow) and item.sub is not None else 0
    return (item.number or 0, sub, item.line or 0)


def table_indicators(
    table: Table,
    *,
    table_number: int,
    period: Period,
    plan: str | None = None,
    file: str | None = None,
    fixes: Iterable[Fix] = (),
    meanings: Sequence[ColumnMeaning] | None = None,
) -> RowsResult:
    """Every row of ``table`` as an indicator, or an MZ501 finding quoting it.

    Rows come out in table order; repairs (``fixes`` and the generic ones) add MZ502 info
    findings and keep the damaged text in ``source.raw``.
    """
    fix_map = {(fix.row, fix.sub, fix.role, fix.index): fix for fix in fixes}
    reader = RowReader(
        table,
        table_number,
        period,
        list(meanings) if meanings is not None else column_meanings(table, period),
        fix_map,
        plan,
        file,
    )
    reader.unknown_columns()
    reader.marks = binding_marks(table)
    indicators: list[Indicator] = []
    rows: list[TableRow | RowProblem] = [*table.rows, *table.problems]
    rows.sort(key=_order)
    numbers = {item.number for item in rows if item.number is not None}
    for missing in sorted(set(range(1, max(numbers, default=0) + 1)) - numbers):
        # Extraction lost the whole row: say so rather than renumber silently.
        after = min((item for item in rows if (item.number or 0) > missing), key=_line)
        reader.unreadable(missing, after.line, (), N_("the numbering skips this row"))
    seen: set[str] = set()
    parents = {id(row.parent) for row in table.rows if row.parent is not None}
    for item in rows:
        if isinstance(item, RowProblem):
            reader.unreadable(item, item.line, item.cells, item.reason)
            continue
        if id(item) in parents and not _has_values(table, item):
            continue  # 城乡低保标准 over its parts 城市 and 农村: the parts hold the figures
        indicator = reader.read(item)
        if indicator is None:
            continue
        if indicator.id in seen:
            # Two rows with one number: the later one gets a suffix, and the id says so.
            suffix = 2
            while f"{indicator.id}-{suffix}" in seen:
                suffix += 1
            indicator = attrs.evolve(indicator, id=f"{indicator.id}-{suffix}")
        seen.add(indicator.id)
        indicators.append(indicator)
    return RowsResult(tuple(indicators), tuple(reader.findings))


def _has_values(table: Table, row: TableRow) -> bool:
    roles = {ColumnRole.VALUE, ColumnRole.GROWTH}
    return any(
        cell.text for cell, c in zip(row.cells, table.columns, strict=True) if c.role in roles
    )


def _line(item: TableRow | RowProblem) -> int:
    return item.line or 0


@attrs.frozen
class TablesResult:
    """Indicators and findings of every table of a document, and the lines the tables use.

    ``tables`` are the tables read and ``numbers`` their numbers (the ``t{number}`` of their
    ids); ``unread`` the grids that were not indicator tables (each has an MZ507 finding).
    """

    tables: tuple[Table, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    findings: tuple[Finding, ...] = ()
    lines: frozenset[int] = frozenset()
    unread: tuple[Unread, ...] = ()
    numbers: tuple[int, ...] = ()


def tables_indicators(
    tables: Sequence[Table],
    *,
    period: Period,
    plan: str | None = None,
    file: str | None = None,
    fixes: Mapping[int, Sequence[Fix]] | None = None,
    numbers: Sequence[int] | None = None,
) -> TablesResult:
    """:func:`table_indicators` for each table, numbered from 1 in document order (or by
    ``numbers``, one per table).

    ``fixes`` maps a table number to the repairs of its rows.
    """
    indicators: list[Indicator] = []
    findings: list[Finding] = []
    lines: set[int] = set()
    for number, table in zip(numbers or range(1, len(tables) + 1), tables, strict=True):
        result = table_indicators(
            table,
            table_number=number,
            period=period,
            plan=plan,
            file=file,
            fixes=(fixes or {}).get(number, ()),
        )
        indicators.extend(result.indicators)
        findings.extend(result.findings)
        lines |= table_lines(table)
    return TablesResult(
        tuple(tables),
        tuple(indicators),
        tuple(findings),
        frozenset(lines),
        numbers=tuple(numbers or range(1, len(tables) + 1)),
    )
