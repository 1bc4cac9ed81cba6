"""Tidy export: one row per (plan, indicator, kind, year), for pandas, DuckDB, datasette or Excel.

``kind`` is ``baseline``, ``target`` or ``actual`` (the plan's own actuals and, when given,
monitoring values). ``value`` is as written in ``unit``; ``normalised_value`` is in the catalog
unit ``normalised_unit`` (empty when the indicator has no catalog entry or its unit does not
convert). A target keeps its ``comparator`` (``=``, ``>=``, …, ``range``, ``relative``); a range
fills ``low``/``high`` (and their normalised forms), a relative target ``reference``.

Every number is there twice: ``value`` is the exact decimal as the plan writes it, and
``value_number`` the same as a floating-point number, for sorting and charts (likewise
``low``, ``high`` and the normalised columns). In SQLite the exact column is TEXT (a REAL
would round it) and the ``_number`` column REAL, so datasette sorts 95 before 941.

:func:`export_plans` writes by the file's suffix, always atomically (a temporary file in the
same folder, renamed over the target when complete, so a failed export never truncates an
existing file):

- ``.csv``: the tidy rows, UTF-8, with a Frictionless ``datapackage.json`` beside it
  (:mod:`minzheng_plans.analysis.datapackage`): codes are strings, numbers numbers, years years;
  text a spreadsheet would run as a formula (``=…``, ``+…``, ``-…``, ``@…``, tab or carriage
  return first) starts with an apostrophe
  (:func:`~minzheng_plans.files.spreadsheet.csv_text_cell`), numbers are written as numbers;
- ``.sqlite`` / ``.sqlite3`` / ``.db``: tables ``plans``, ``indicators``, ``targets``,
  ``observations`` and ``findings`` with primary and foreign keys, the view
  ``indicator_values`` of the tidy rows, and a datasette ``metadata.json`` beside it
  (:mod:`minzheng_plans.analysis.export_sqlite`);
- ``.xlsx`` (the ``excel`` extra): a sheet of the tidy rows with a filter and a frozen header;
  text is never a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from minzheng_plans.analysis.normal import code_for, entry_for, scale
from minzheng_plans.core.errors import UsageError
from minzheng_plans.core.findings import Finding
from minzheng_plans.core.formatting import plain
from minzheng_plans.core.model import Indicator, Plan
from minzheng_plans.core.quantity import Comparison, Range, Relative
from minzheng_plans.files.spreadsheet import csv_text_cell
from minzheng_plans.units.reading import unit_plan

if TYPE_CHECKING:
    from minzheng_plans.files.monitoring import Actual
    from minzheng_plans.registries.catalog import Catalog
    from minzheng_plans.units.registry import Units

__all__ = [
    "EXPORT_COLUMNS",
    "NUMBER_COLUMNS",
    "TABLE",
    "TidyRow",
    "export_plans",
    "indicator_rows",
    "number",
    "row_values",
    "tidy_rows",
]

TABLE = "indicator_values"


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


_EXACT = ("value", "low", "high", "normalised_value", "normalised_low", "normalised_high")
#: Each exact decimal column and the floating-point column written after it.
NUMBER_COLUMNS: dict[str, str] = {name: f"{name}_number" for name in _EXACT}
EXPORT_COLUMNS: tuple[str, ...] = tuple(
    column
    for field in attrs.fields(TidyRow)
    for column in (field.name, *((NUMBER_COLUMNS[field.name],) if field.name in _EXACT else ()))
)


def number(value: Decimal | None) -> float | None:
    """The decimal as a float (for sorting and charts); ``None`` stays ``None``."""
    return None if value is None else float(value)


def row_values(row: TidyRow) -> dict[str, Any]:
    """The row by :data:`EXPORT_COLUMNS`: exact decimals, and floats in the ``_number`` columns."""
    values: dict[str, Any] = {}
    for field in attrs.fields(TidyRow):
        value = getattr(row, field.name)
        values[field.name] = value
        if field.name in NUMBER_COLUMNS:
            values[NUMBER_COLUMNS[field.name]] = number(value)
    return values


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
            rows.extend(indicator_rows(plan, indicator, extra.get(plan.id, []), catalog, units))
    return rows


def indicator_rows(
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
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        # Names, units and references come from documents: never a formula in a spreadsheet.
        return csv_text_cell(value)
    return str(value)


_SQLITE = frozenset({".sqlite", ".sqlite3", ".db"})


def export_plans(
    plans: Sequence[Plan],
    path: str | Path,
    actuals: Iterable[tuple[str, Actual]] = (),
    *,
    catalog: Catalog | None = None,
    units: Units | None = None,
    findings: Iterable[Finding] | None = None,
    render: Callable[[Finding], str] | None = None,
) -> int:
    """Write ``plans`` to ``path`` by its suffix (.csv, .sqlite/.sqlite3/.db, .xlsx); the number
    of tidy rows written.

    ``findings`` (a check's, for SQLite; default: the findings recorded in the plans) are
    rendered by ``render`` (default: English). Files written beside ``path`` —
    ``datapackage.json`` for CSV, ``metadata.json`` for SQLite — are merged with an existing
    one of the same name (other resources and databases are kept).
    """
    from minzheng_plans.files.atomic import atomic_path  # noqa: PLC0415

    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in {".csv", ".xlsx", *_SQLITE}:
        msg = f"export writes .csv, .sqlite (.db) or .xlsx files, not {suffix or 'no suffix'}"
        raise UsageError(msg)
    if catalog is None:
        from minzheng_plans.registries.catalog import default_catalog  # noqa: PLC0415

        catalog = default_catalog()
    if units is None:
        from minzheng_plans.units.registry import default_units  # noqa: PLC0415

        units = default_units()
    actuals = list(actuals)
    if suffix in _SQLITE:
        from minzheng_plans.analysis import export_sqlite  # noqa: PLC0415

        if findings is None:
            findings = [attrs.evolve(f, plan=f.plan or p.id) for p in plans for f in p.findings]
        return export_sqlite.write_database(
            plans,
            target,
            actuals,
            catalog=catalog,
            units=units,
            findings=list(findings),
            render=render or (lambda finding: finding.text),
        )
    rows = tidy_rows(plans, actuals, catalog=catalog, units=units)
    if suffix == ".csv":
        from minzheng_plans.analysis import datapackage  # noqa: PLC0415

        # The descriptor is read (and a foreign one refused) before the data is replaced.
        descriptor = datapackage.descriptor_text(target)
        data = _csv_text(rows).encode("utf-8")
        with atomic_path(target) as temporary:
            temporary.write_bytes(data)
        datapackage.write_descriptor(target, descriptor)
    else:
        _write_xlsx(target, rows)
    return len(rows)


def _csv_text(rows: Sequence[TidyRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in rows:
        values = row_values(row)
        writer.writerow(_cell(values[column]) for column in EXPORT_COLUMNS)
    return out.getvalue()


def _write_xlsx(path: Path, rows: list[TidyRow]) -> None:
    from minzheng_plans.files.atomic import atomic_path  # noqa: PLC0415
    from minzheng_plans.files.spreadsheet import (  # noqa: PLC0415
        append_row,
        finish_table,
        new_workbook,
    )

    book = new_workbook()
    sheet = book.create_sheet(TABLE)
    append_row(sheet, EXPORT_COLUMNS)
    for row in rows:
        # Decimals are written with their own digits, so the numbers stay exact in the file.
        values = row_values(row)
        append_row(sheet, [values[column] for column in EXPORT_COLUMNS])
    finish_table(sheet)
    with atomic_path(path) as temporary:
        book.save(temporary)
