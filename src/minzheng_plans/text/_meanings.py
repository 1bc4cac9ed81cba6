"""What a table's value columns mean for a plan: baseline, target or what was achieved.

A value column means what its header says (``2020年目标值`` is a target, ``2020情况`` an
actual); where the header names only a year, the plan period decides: a year before the
period is a baseline, a later one a target. In a completion table (a 完成情况 caption or status
column) an earlier year is the baseline and the latest what was achieved.
"""

from __future__ import annotations

import attrs

from minzheng_plans.core.model import Period
from minzheng_plans.text.tables import ColumnRole, Table

__all__ = ["ColumnMeaning", "column_meanings", "is_completion_table"]


@attrs.frozen
class ColumnMeaning:
    """What a value column holds for the plan: ``baseline``, ``target`` or ``actual``."""

    column: int
    kind: str
    year: int


def is_completion_table(table: Table) -> bool:
    """A table that reports what an earlier plan achieved (完成情况)."""
    has_status = any(c.role == ColumnRole.STATUS for c in table.columns)
    return has_status or "完成情况" in (table.caption or "")


def column_meanings(table: Table, period: Period) -> list[ColumnMeaning]:
    """Baseline, target and actual columns of ``table`` for a plan over ``period``."""
    values = [(i, c) for i, c in enumerate(table.columns) if c.role == ColumnRole.VALUE]
    completion = is_completion_table(table)
    meanings: list[ColumnMeaning] = []
    years = [c.year for _, c in values if c.year is not None]
    latest = max(years) if years else None
    has_actual = any(c.value_kind == "actual" for _, c in values)
    for index, column in values:
        year = column.year
        if year is None:
            year = period.end if column.value_kind in {None, "target"} else period.start - 1
        kind = column.value_kind
        if kind is None:
            if completion:
                kind = "actual" if year == latest and not has_actual else "baseline"
            else:
                kind = "baseline" if year < period.start else "target"
        meanings.append(ColumnMeaning(index, kind, year))
    return meanings
