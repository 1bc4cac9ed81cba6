"""Tidy export: one row per (plan, indicator, kind, year), for pandas, DuckDB or spreadsheets.

``kind`` is ``baseline``, ``target`` or ``actual`` (the plan's own actuals and, when given,
monitoring values). ``value`` is as written in ``unit``; ``normalised_value`` is in the catalog
unit ``normalised_unit`` (empty when the indicator has no catalog entry or its unit does not
convert). A target keeps its ``comparator`` (``=``, ``>=``, …, ``range``, ``relative``); a range
fills ``low``/``high`` (and their normalised forms), a relative target ``reference``.

Numbers are exact decimals: CSV and XLSX write them as written; SQLite stores them as TEXT,
because a REAL column would round them (``CAST(value AS REAL)`` when a float is wanted).
XLSX needs the ``excel`` extra (openpyxl), imported only when used.
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from minzheng_plans.analysis.normal import code_for, entry_for, scale, unit_plan
from minzheng_plans.core.errors import UsageError
from minzheng_plans.core.formatting import plain
from minzheng_plans.core.model import Indicator, Plan
from minzheng_plans.core.quantity import Comparison, Range, Relative

if TYPE_CHECKING:
    from minzheng_plans.files.monitoring import Actual
    from minzheng_plans.registries.catalog import Catalog
    from minzheng_plans.units.registry import Units

__all__ = ["EXPORT_COLUMNS", "TidyRow", "export_plans", "tidy_rows"]


@attrs.frozen
class TidyRow:
    plan: str
    jurisdiction: str
    jurisdiction_code: str
    indicator: str
    name: str
    code: str | None
    attribute: str | None
    kind: str  # baseline | target | actual
    year: int
    comparator: str
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    reference: str | None
    unit: str
    normalised_value: Decimal | None
    normalised_low: Decimal | None
    normalised_high: Decimal | None
    normalised_unit: str


EXPORT_COLUMNS: tuple[str, ...] = tuple(field.name for field in attrs.fields(TidyRow))


def tidy_rows(
    plans: Sequence[Plan],
    actuals: Iterable[tuple[str, Actual]] = (),
    *,
    catalog: Catalog | None = None,
    units: Units | None = None,
) -> list[TidyRow]:
    """Every baseline, target and actual of ``plans`` as tidy rows.

    ``actuals`` pairs a plan id with a monitoring value (see
    :mod:`minzheng_plans.files.monitoring`).
    """
    if catalog is None:
        from minzheng_plans.registries.catalog import default_catalog  # noqa: PLC0415

        catalog = default_catalog()
    if units is None:
        from minzheng_plans.units.registry import default_units  # noqa: PLC0415

        units = default_units()
    extra: dict[str, list[Actual]] = {}
    for plan_id, actual in actuals:
        extra.setdefault(plan_id, []).append(actual)
    rows: list[TidyRow] = []
    for plan in plans:
        for indicator in plan.indicators:
            rows.extend(_indicator_rows(plan, indicator, extra.get(plan.id, []), catalog, units))
    return rows


def _indicator_rows(
    plan: Plan, indicator: Indicator, actuals: list[Actual], catalog: Catalog, units: Units
) -> list[TidyRow]:
    entry = entry_for(indicator, catalog)
    code = code_for(indicator, catalog)
    factor: Fraction | None = None
    target_unit = ""
    if entry is not None:
        how = unit_plan(units, indicator.unit, entry.unit, indicator.name)
        factor, target_unit = how.factor, entry.unit if how.factor is not None else ""
    common: dict[str, Any] = {
        "plan": plan.id,
        "jurisdiction": plan.jurisdiction.name,
        "jurisdiction_code": plan.jurisdiction.code,
        "indicator": indicator.id,
        "name": indicator.name,
        "code": code,
        "attribute": str(indicator.attribute) if indicator.attribute is not None else None,
        "normalised_unit": target_unit,
    }
    empty: dict[str, Any] = {"low": None, "high": None, "reference": None}
    empty |= {"normalised_low": None, "normalised_high": None}
    rows: list[TidyRow] = []

    def observed(kind: str, year: int, comparator: str, value: Decimal, unit: str) -> None:
        how = factor
        if unit != indicator.unit:
            how = unit_plan(units, unit, entry.unit, indicator.name).factor if entry else None
        rows.append(
            TidyRow(
                **common,
                **empty,
                kind=kind,
                year=year,
                comparator=comparator,
                value=value,
                unit=unit,
                normalised_value=scale(value, how),
            )
        )

    if indicator.baseline is not None:
        base = indicator.baseline
        observed("baseline", base.year, str(base.comparator), base.value, indicator.unit)
    target = indicator.target
    if isinstance(target, Comparison):
        observed("target", target.year, str(target.comparator), target.value, indicator.unit)
    elif isinstance(target, Range):
        rows.append(
            TidyRow(
                **common,
                kind="target",
                year=target.year,
                comparator="range",
                value=None,
                low=target.low,
                high=target.high,
                reference=None,
                unit=indicator.unit,
                normalised_value=None,
                normalised_low=scale(target.low, factor),
                normalised_high=scale(target.high, factor),
            )
        )
    elif isinstance(target, Relative):
        rows.append(
            TidyRow(
                **common,
                kind="target",
                year=target.year,
                comparator="relative",
                value=None,
                low=target.low,
                high=target.high,
                reference=f"{target.relation} {target.reference}",
                unit=indicator.unit,
                normalised_value=None,
                normalised_low=None,
                normalised_high=None,
            )
        )
    if indicator.actual is not None:
        act = indicator.actual
        observed("actual", act.year, str(act.comparator), act.value, indicator.unit)
    for actual in actuals:
        if actual.indicator in {indicator.id, code}:
            observed("actual", actual.year, "=", actual.value, actual.unit or indicator.unit)
    return rows


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain(value)
    return str(value)


def export_plans(
    plans: Sequence[Plan],
    path: str | Path,
    actuals: Iterable[tuple[str, Actual]] = (),
    *,
    catalog: Catalog | None = None,
    units: Units | None = None,
) -> int:
    """Write the tidy rows to ``path`` by its suffix (.csv, .sqlite/.db, .xlsx); rows written.

    SQLite gets (or replaces) a table ``indicator_values``; XLSX a sheet of the same name.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    rows = tidy_rows(plans, actuals, catalog=catalog, units=units)
    if suffix == ".csv":
        with target.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(EXPORT_COLUMNS)
            for row in rows:
                writer.writerow(_cell(getattr(row, column)) for column in EXPORT_COLUMNS)
    elif suffix in {".sqlite", ".sqlite3", ".db"}:
        _write_sqlite(target, rows)
    elif suffix == ".xlsx":
        _write_xlsx(target, rows)
    else:
        msg = f"export writes .csv, .sqlite (.db) or .xlsx files, not {suffix or 'no suffix'}"
        raise UsageError(msg)
    return len(rows)


TABLE = "indicator_values"


def _write_sqlite(path: Path, rows: list[TidyRow]) -> None:
    columns = ", ".join(
        f"{name} {'INTEGER' if name == 'year' else 'TEXT'}" for name in EXPORT_COLUMNS
    )
    marks = ", ".join("?" for _ in EXPORT_COLUMNS)
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.execute(f"DROP TABLE IF EXISTS {TABLE}")
            connection.execute(f"CREATE TABLE {TABLE} ({columns})")
            connection.executemany(
                f"INSERT INTO {TABLE} VALUES ({marks})",  # noqa: S608 - fixed names, no input
                [
                    tuple(
                        plain(v) if isinstance(v, Decimal) else v
                        for v in (getattr(row, c) for c in EXPORT_COLUMNS)
                    )
                    for row in rows
                ],
            )
    finally:
        connection.close()


def _write_xlsx(path: Path, rows: list[TidyRow]) -> None:
    try:
        from openpyxl import Workbook  # noqa: PLC0415 - the excel extra
    except ImportError:
        msg = "XLSX export needs the excel extra: pip install 'minzheng-plans[excel]'"
        raise UsageError(msg) from None
    book = Workbook()
    sheet = book.active
    sheet.title = TABLE
    sheet.append(list(EXPORT_COLUMNS))
    for row in rows:
        # openpyxl writes a Decimal's own digits, so the numbers stay exact in the file.
        sheet.append([getattr(row, column) for column in EXPORT_COLUMNS])
    book.save(path)
