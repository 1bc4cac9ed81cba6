"""A comparison table as text (grouped by indicator, aligned), CSV or JSON."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from minzheng_plans.analysis.compare import COLUMNS, ComparisonRow, ComparisonTable
from minzheng_plans.analysis.normal import plain
from minzheng_plans.core.printable import escape_field
from minzheng_plans.output.columns import align

__all__ = ["comparison_csv", "comparison_json", "comparison_text"]


def comparison_json(table: ComparisonTable) -> str:
    """``{"columns": [...], "rows": [...]}``, decimals exact."""
    from minzheng_plans.files.planfile import dumps_json  # noqa: PLC0415

    return dumps_json({"columns": list(COLUMNS), "rows": table.to_dicts()})


def comparison_csv(table: ComparisonTable) -> str:
    """One row per (indicator, plan) under a header of :data:`COLUMNS`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in table.to_dicts():
        writer.writerow(_cell(row[column]) for column in COLUMNS)
    return out.getvalue()


def comparison_text(table: ComparisonTable) -> str:
    """Grouped by indicator; one aligned line per jurisdiction."""
    if not table.rows:
        return "no indicators to compare"
    blocks: list[str] = []
    groups: dict[str | None, list[ComparisonRow]] = {}
    for row in table.rows:
        groups.setdefault(row.code, []).append(row)
    for code, rows in groups.items():
        if code is None:
            head = "(no catalog code)"
        else:
            unit = rows[0].normalised_unit
            head = f"{code}  {rows[0].indicator}" + (f" ({unit})" if unit else "")
        lines = [["jurisdiction", "level", "period", "id", "baseline", "target", "allowed", "attr"]]
        notes: list[str] = []
        for row in rows:
            base = ""
            if row.baseline is not None:
                base = f"{plain(row.baseline)} ({row.baseline_year})"
            target = f"{row.target} ({row.target_year})" if row.target else ""
            name = row.jurisdiction if code is not None else f"{row.jurisdiction} {row.name}"
            lines.append(
                [
                    name,
                    row.level,
                    row.period,
                    row.indicator_id,
                    base,
                    target,
                    row.allowed,
                    row.attribute or "",
                ]
            )
            if row.note:
                notes.append(f"  * {row.jurisdiction}: {row.note}")
        blocks.append("\n".join([escape_field(head), *align(lines), *map(escape_field, notes)]))
    return "\n\n".join(blocks)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
