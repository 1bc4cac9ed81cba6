"""A comparison table as text (grouped by indicator, aligned, in Chinese or English), CSV or
JSON (data for programs: English notes, plan-file words)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from minzheng_plans.analysis.compare import COLUMNS, ComparisonRow, ComparisonTable
from minzheng_plans.core.formatting import plain
from minzheng_plans.core.messages import N_
from minzheng_plans.core.printable import escape_field
from minzheng_plans.files.spreadsheet import csv_text_cell
from minzheng_plans.output.columns import align
from minzheng_plans.output.i18n import is_chinese, render_message, say
from minzheng_plans.output.terms import attribute_label, level_label

__all__ = ["comparison_csv", "comparison_json", "comparison_text", "notes_text"]

NOTHING = N_("no indicators to compare")
NO_CODE = N_("(no catalog code)")
HEADER = (
    N_("jurisdiction"),
    N_("level"),
    N_("period"),
    N_("id"),
    N_("baseline"),
    N_("target"),
    N_("allowed"),
    N_("attr"),
)


def comparison_json(table: ComparisonTable) -> str:
    """The comparison report: ``{"schema": …, "report": "comparison", "columns": [...],
    "rows": [...]}``, decimals exact."""
    from minzheng_plans.files import reports  # noqa: PLC0415

    return reports.dumps_report("comparison", {"columns": list(COLUMNS), "rows": table.to_dicts()})


def comparison_csv(table: ComparisonTable) -> str:
    """One row per (indicator, plan) under a header of :data:`COLUMNS`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in table.to_dicts():
        writer.writerow(_cell(row[column]) for column in COLUMNS)
    return out.getvalue()


def notes_text(row: ComparisonRow, language: str = "en") -> str:
    """Why a row is not compared, and any unit assumed, in ``language``."""
    separator = "；" if is_chinese(language) else "; "
    return separator.join(render_message(note, language) for note in row.notes)


def comparison_text(table: ComparisonTable, language: str = "en") -> str:
    """Grouped by indicator; one aligned line per jurisdiction."""
    if not table.rows:
        return say(NOTHING, language)
    colon = "：" if is_chinese(language) else ": "
    blocks: list[str] = []
    groups: dict[str | None, list[ComparisonRow]] = {}
    for row in table.rows:
        groups.setdefault(row.code, []).append(row)
    for code, rows in groups.items():
        if code is None:
            head = say(NO_CODE, language)
        else:
            unit = rows[0].normalised_unit
            head = f"{code}  {rows[0].indicator}" + (f" ({unit})" if unit else "")
        lines = [[say(column, language) for column in HEADER]]
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
                    level_label(row.level, language),
                    row.period,
                    row.indicator_id,
                    base,
                    target,
                    row.allowed,
                    attribute_label(row.attribute, language) if row.attribute else "",
                ]
            )
            if row.notes:
                where = f"{row.jurisdiction} {row.indicator_id}"
                notes.append(f"  * {where}{colon}{notes_text(row, language)}")
        # Cells are escaped by align; a name with a newline cannot forge a line here either.
        blocks.append("\n".join([escape_field(head), *align(lines), *map(escape_field, notes)]))
    return "\n\n".join(blocks)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        # Names, units and targets come from documents: never a formula in a spreadsheet.
        return csv_text_cell(value)
    return str(value)
