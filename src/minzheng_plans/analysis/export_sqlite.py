"""The SQLite export: plans, indicators, targets, observations and findings, with keys.

Tables (``sqlite3`` with foreign keys declared; every exact decimal is TEXT next to a REAL
``_number`` column)::

    plans         id PRIMARY KEY, title, jurisdiction, jurisdiction_code, level, parent_code,
                  period_start, period_end, document_number, issued, source, based_on
    indicators    key PRIMARY KEY ("plan-id/indicator-id"), plan → plans, id, name, code,
                  unit, attribute, definition, normalised_unit, source_table, source_row,
                  source_line, source_quote
    targets       indicator PRIMARY KEY → indicators, plan → plans, year, comparator, value,
                  low, high (each with _number), reference, unit, normalised_* (with _number)
    observations  id PRIMARY KEY, indicator → indicators, plan → plans, kind (baseline |
                  actual), year, comparator, value, value_number, unit, normalised_value,
                  normalised_value_number, normalised_unit
    findings      id PRIMARY KEY, plan → plans, indicator → indicators, indicator_id, code,
                  severity, message, file, line, related
    indicator_values (a view)  the tidy rows, as the CSV export has them

A second indicator with the same id in one plan (MZ104) gets the key ``plan/id#2``, so nothing
is dropped. Beside the database, ``metadata.json`` tells datasette the Chinese labels, the
descriptions, the facets and which column names a row (``datasette FILE.sqlite -m
metadata.json``). The database file is written whole to a temporary file and renamed; an
existing file that holds tables of its own is refused, never replaced.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from minzheng_plans.analysis.export import TABLE, TidyRow, indicator_rows, number
from minzheng_plans.analysis.export_fields import TIDY_FIELDS
from minzheng_plans.core.errors import UsageError
from minzheng_plans.core.findings import Finding
from minzheng_plans.core.formatting import plain
from minzheng_plans.core.model import Plan

if TYPE_CHECKING:
    from minzheng_plans.analysis.monitoring import Actual
    from minzheng_plans.registries.catalog import Catalog
    from minzheng_plans.units.registry import Units

__all__ = ["METADATA", "TABLES", "metadata", "write_database", "write_metadata"]

METADATA = "metadata.json"

# Fixed text, no input: every value goes through "?" parameters.
_SCHEMA = """
CREATE TABLE plans (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    jurisdiction TEXT NOT NULL,
    jurisdiction_code TEXT NOT NULL,
    level TEXT NOT NULL,
    parent_code TEXT,
    period_start INTEGER NOT NULL,
    period_end INTEGER NOT NULL,
    document_number TEXT,
    issued TEXT,
    source TEXT,
    based_on TEXT
);
CREATE TABLE indicators (
    key TEXT PRIMARY KEY,
    plan TEXT NOT NULL REFERENCES plans(id),
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    code TEXT,
    unit TEXT NOT NULL,
    attribute TEXT CHECK (attribute IN ('binding', 'anticipatory')),
    definition TEXT,
    normalised_unit TEXT,
    source_table TEXT,
    source_row INTEGER,
    source_line INTEGER,
    source_quote TEXT,
    position INTEGER NOT NULL
);
CREATE INDEX indicators_plan ON indicators(plan);
CREATE INDEX indicators_code ON indicators(code);
CREATE TABLE targets (
    indicator TEXT PRIMARY KEY REFERENCES indicators(key),
    plan TEXT NOT NULL REFERENCES plans(id),
    year INTEGER NOT NULL,
    comparator TEXT NOT NULL,
    value TEXT, value_number REAL,
    low TEXT, low_number REAL,
    high TEXT, high_number REAL,
    reference TEXT,
    unit TEXT,
    normalised_value TEXT, normalised_value_number REAL,
    normalised_low TEXT, normalised_low_number REAL,
    normalised_high TEXT, normalised_high_number REAL,
    normalised_unit TEXT
);
CREATE TABLE observations (
    id INTEGER PRIMARY KEY,
    indicator TEXT NOT NULL REFERENCES indicators(key),
    plan TEXT NOT NULL REFERENCES plans(id),
    kind TEXT NOT NULL CHECK (kind IN ('baseline', 'actual')),
    year INTEGER NOT NULL,
    comparator TEXT,
    value TEXT, value_number REAL,
    unit TEXT,
    normalised_value TEXT, normalised_value_number REAL,
    normalised_unit TEXT
);
CREATE INDEX observations_indicator ON observations(indicator);
CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    plan TEXT REFERENCES plans(id),
    indicator TEXT REFERENCES indicators(key),
    indicator_id TEXT,
    code TEXT NOT NULL,
    severity TEXT NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
    message TEXT NOT NULL,
    file TEXT,
    line INTEGER,
    related TEXT
);
CREATE INDEX findings_plan ON findings(plan);
CREATE VIEW indicator_values AS
SELECT plan, jurisdiction, jurisdiction_code, indicator, name, code, attribute, kind, year,
       comparator, value, value_number, low, low_number, high, high_number, reference, unit,
       normalised_value, normalised_value_number, normalised_low, normalised_low_number,
       normalised_high, normalised_high_number, normalised_unit
FROM (
    SELECT p.id AS plan, p.jurisdiction, p.jurisdiction_code, i.id AS indicator, i.name, i.code,
           i.attribute, o.kind, o.year, o.comparator, o.value, o.value_number,
           NULL AS low, NULL AS low_number, NULL AS high, NULL AS high_number,
           NULL AS reference, o.unit, o.normalised_value, o.normalised_value_number,
           NULL AS normalised_low, NULL AS normalised_low_number, NULL AS normalised_high,
           NULL AS normalised_high_number, o.normalised_unit,
           p.rowid AS plan_order, i.position AS indicator_order,
           CASE o.kind WHEN 'baseline' THEN 0 ELSE 2 END AS kind_order, o.id AS row_order
    FROM observations o JOIN indicators i ON i.key = o.indicator JOIN plans p ON p.id = o.plan
    UNION ALL
    SELECT p.id, p.jurisdiction, p.jurisdiction_code, i.id, i.name, i.code, i.attribute,
           'target', t.year, t.comparator, t.value, t.value_number, t.low, t.low_number,
           t.high, t.high_number, t.reference, t.unit, t.normalised_value,
           t.normalised_value_number, t.normalised_low, t.normalised_low_number,
           t.normalised_high, t.normalised_high_number, t.normalised_unit,
           p.rowid, i.position, 1, 0
    FROM targets t JOIN indicators i ON i.key = t.indicator JOIN plans p ON p.id = t.plan
)
ORDER BY plan_order, indicator_order, kind_order, row_order, year;
"""

#: The tables (and the view) the export creates, in order.
TABLES = ("plans", "indicators", "targets", "observations", "findings", TABLE)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else plain(value)


def _numbers(row: TidyRow, names: Sequence[str]) -> list[object]:
    """Each exact decimal of ``names`` as TEXT, followed by its REAL."""
    out: list[object] = []
    for name in names:
        value = getattr(row, name)
        out += [_text(value), number(value)]
    return out


def write_database(
    plans: Sequence[Plan],
    path: Path,
    actuals: Sequence[tuple[str, Actual]],
    *,
    catalog: Catalog,
    units: Units,
    findings: Sequence[Finding],
    render: Callable[[Finding], str],
) -> int:
    """Write the database and its ``metadata.json``; the number of tidy rows."""
    from minzheng_plans.files.atomic import atomic_path  # noqa: PLC0415

    ids = [plan.id for plan in plans]
    doubled = sorted({plan_id for plan_id in ids if ids.count(plan_id) > 1})
    if doubled:
        msg = (
            f"several of the plans share the id {', '.join(doubled)}: a database keys plans by "
            "id, so export them to separate files"
        )
        raise UsageError(msg)
    _refuse_foreign_database(path)
    extra: dict[str, list[Actual]] = {}
    for plan_id, actual in actuals:
        extra.setdefault(plan_id, []).append(actual)
    with atomic_path(path) as temporary:
        connection = sqlite3.connect(temporary)
        try:
            with connection:
                connection.executescript(_SCHEMA)
                count = _fill(connection, plans, extra, catalog, units)
                _fill_findings(connection, plans, findings, render)
        finally:
            connection.close()
    write_metadata(path)
    return count


def _refuse_foreign_database(path: Path) -> None:
    """An existing database with tables this export does not make holds someone's data."""
    if not path.exists():
        return
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            names = {
                row[0]
                for row in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                    "AND name NOT LIKE 'sqlite_%'"
                )
            }
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        msg = f"{path} exists and is not an SQLite database; export to another file"
        raise UsageError(msg) from None
    foreign = sorted(names - set(TABLES))
    if foreign:
        msg = (
            f"{path} holds tables this export does not write ({', '.join(foreign)}); "
            "export to another file so they are not lost"
        )
        raise UsageError(msg)


def _fill(
    connection: sqlite3.Connection,
    plans: Sequence[Plan],
    extra: Mapping[str, list[Actual]],
    catalog: Catalog,
    units: Units,
) -> int:
    count = 0
    for plan in plans:
        connection.execute(
            "INSERT INTO plans VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                plan.id,
                plan.title,
                plan.jurisdiction.name,
                plan.jurisdiction.code,
                str(plan.jurisdiction.level),
                plan.jurisdiction.parent,
                plan.period.start,
                plan.period.end,
                plan.document_number,
                plan.issued.isoformat() if plan.issued else None,
                plan.source,
                "；".join(ref.title for ref in plan.based_on) or None,
            ),
        )
        seen: dict[str, int] = {}
        for position, indicator in enumerate(plan.indicators):
            seen[indicator.id] = seen.get(indicator.id, 0) + 1
            key = f"{plan.id}/{indicator.id}"
            if seen[indicator.id] > 1:
                key += f"#{seen[indicator.id]}"
            rows = indicator_rows(plan, indicator, extra.get(plan.id, []), catalog, units)
            source = indicator.source
            connection.execute(
                "INSERT INTO indicators VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    key,
                    plan.id,
                    indicator.id,
                    indicator.name,
                    rows[0].code if rows else indicator.code,
                    indicator.unit,
                    str(indicator.attribute) if indicator.attribute is not None else None,
                    indicator.definition,
                    rows[0].normalised_unit if rows else None,
                    source.table if source else None,
                    source.row if source else None,
                    source.line if source else None,
                    source.quote if source else None,
                    position,
                ),
            )
            for row in rows:
                count += 1
                if row.kind == "target":
                    connection.execute(
                        "INSERT INTO targets VALUES "
                        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            key,
                            plan.id,
                            row.year,
                            row.comparator,
                            *_numbers(row, ("value", "low", "high")),
                            row.reference,
                            row.unit,
                            *_numbers(
                                row, ("normalised_value", "normalised_low", "normalised_high")
                            ),
                            row.normalised_unit or None,
                        ),
                    )
                else:
                    connection.execute(
                        "INSERT INTO observations (indicator, plan, kind, year, comparator, value, "
                        "value_number, unit, normalised_value, normalised_value_number, "
                        "normalised_unit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            key,
                            plan.id,
                            row.kind,
                            row.year,
                            row.comparator,
                            *_numbers(row, ("value",)),
                            row.unit,
                            *_numbers(row, ("normalised_value",)),
                            row.normalised_unit or None,
                        ),
                    )
    return count


def _fill_findings(
    connection: sqlite3.Connection,
    plans: Sequence[Plan],
    findings: Sequence[Finding],
    render: Callable[[Finding], str],
) -> None:
    plan_ids = {plan.id for plan in plans}
    keys = {(plan.id, item.id) for plan in plans for item in plan.indicators}
    for finding in findings:
        plan = finding.plan if finding.plan in plan_ids else None
        indicator = None
        if plan is not None and (plan, finding.indicator) in keys:
            indicator = f"{plan}/{finding.indicator}"
        location = finding.location
        connection.execute(
            "INSERT INTO findings (plan, indicator, indicator_id, code, severity, message, file, "
            "line, related) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                plan,
                indicator,
                finding.indicator,
                finding.code,
                finding.severity.value,
                render(finding),
                location.file if location else None,
                location.line if location else None,
                " ".join(finding.related) or None,
            ),
        )


# -- datasette metadata -----------------------------------------------------------------------

_TABLE_DOCS: Mapping[str, tuple[str, str]] = {
    "plans": ("规划", "One row per plan: its jurisdiction, level and period."),
    "indicators": ("指标", "Every indicator of every plan, with where it was read."),
    "targets": ("目标值", "Each indicator's target, as stated and in the catalog's unit."),
    "observations": ("基期值与实际值", "Baselines and actual values (the plan's and monitoring)."),
    "findings": ("检查结果", "What a check found, per plan and indicator."),
    TABLE: ("指标数值", "Baselines, targets and actuals, one row each (the CSV export's rows)."),
}

_COLUMN_LABELS: Mapping[str, str] = {
    "id": "编号",
    "key": "指标键（规划编号/指标编号）",
    "title": "规划名称",
    "level": "层级（national 国家级、provincial 省级、prefecture 地市级、county 县级、"
    "zone 功能区）",
    "parent_code": "上级行政区划代码",
    "period_start": "规划期起始年",
    "period_end": "规划期结束年",
    "document_number": "文号",
    "issued": "印发日期",
    "source": "来源文件",
    "based_on": "编制依据",
    "definition": "计算公式",
    "source_table": "来源表格",
    "source_row": "表格行号",
    "source_line": "原文行号",
    "source_quote": "原文摘录",
    "position": "在规划中的次序",
    "indicator_id": "指标编号（原文）",
    "severity": "严重程度（error 错误、warning 警告、info 提示）",
    "message": "说明",
    "file": "文件",
    "line": "行号",
    "related": "相关指标（上级规划在前）",
}

_FACETS: Mapping[str, list[str]] = {
    "plans": ["level"],
    "indicators": ["plan", "attribute", "unit"],
    "targets": ["plan", "comparator", "year"],
    "observations": ["plan", "kind", "year"],
    "findings": ["severity", "code", "plan"],
    TABLE: ["kind", "jurisdiction", "year", "attribute"],
}


def _label(table: str, column: str) -> str:
    if column == "plan" and table == "plans":
        return _COLUMN_LABELS["id"]
    if column == "indicator" and table in {"targets", "observations", "findings"}:
        return "指标（指标键）"
    if column == "id" and table == "indicators":
        return "指标编号"
    if column == "code" and table == "findings":
        return "检查代码（MZ…）"
    if column in TIDY_FIELDS:
        field = TIDY_FIELDS[column]
        return f"{field.label}：{field.description}"
    return _COLUMN_LABELS.get(column, column)


def metadata(database: str, columns: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """datasette metadata for one exported database: ``columns`` are each table's columns."""
    tables: dict[str, Any] = {}
    for table, names in columns.items():
        title, description = _TABLE_DOCS[table]
        entry: dict[str, Any] = {
            "title": title,
            "description": description,
            "columns": {name: _label(table, name) for name in names},
            "facets": _FACETS[table],
        }
        if table == "plans":
            entry["label_column"] = "title"
        if table == "indicators":
            entry["label_column"] = "name"
        if table == "findings":
            entry["sort"] = "id"
        tables[table] = entry
    return {
        "title": "民政事业发展规划指标",
        "description": "Plans, indicators, targets and check findings exported by minzheng-plans.",
        "databases": {database: {"tables": tables}},
    }


def write_metadata(database_path: Path) -> Path:
    """Write (or update) ``metadata.json`` beside the database; its path.

    An existing file keeps its other databases and keys; one that is not a JSON object is
    refused rather than overwritten.
    """
    from minzheng_plans.files.atomic import atomic_write_text  # noqa: PLC0415

    connection = sqlite3.connect(f"file:{database_path}?mode=ro", uri=True)
    try:
        columns = {
            table: [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            for table in TABLES
        }
    finally:
        connection.close()
    mine = metadata(database_path.stem, columns)
    target = database_path.with_name(METADATA)
    tree: dict[str, Any] = {}
    if target.exists():
        try:
            tree = json.loads(target.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            msg = f"{target} exists and is not readable JSON ({err}); move it first"
            raise UsageError(msg) from None
        if not isinstance(tree, dict):
            msg = f"{target} exists and is not datasette metadata (a JSON object); move it first"
            raise UsageError(msg)
    merged = {**mine, **{k: v for k, v in tree.items() if k != "databases"}}
    databases = tree.get("databases") if isinstance(tree.get("databases"), dict) else {}
    merged["databases"] = {**(databases or {}), **mine["databases"]}
    atomic_write_text(target, json.dumps(merged, ensure_ascii=False, indent=2) + "\n")
    return target
