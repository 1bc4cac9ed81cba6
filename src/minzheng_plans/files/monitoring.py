"""Monitoring files: the actual values of a plan's indicators by year, from TOML or CSV.

Monitoring values (actuals by year) come from a TOML or CSV file::

    # TOML
    schema = "minzheng-plans-monitoring/1"
    plan = "990101-2021-2025"        # optional; checked against the evaluated plan

    [[actual]]
    indicator = "t1.1"               # the indicator id in the plan, or its catalog code
    year = 2023
    value = 46.8
    unit = "%"                       # optional; the indicator's unit when absent

    # CSV (header row; unit may be left out or empty)
    indicator,year,value,unit
    t1.1,2023,46.8,%

TOML files are UTF-8, like plan files; a CSV file may also be UTF-16 (with a byte-order mark)
or GB18030/GBK, the encodings the table loader reads (spreadsheets exported on Chinese
Windows are GB18030). The records themselves, :class:`Actual` and :class:`Monitoring`, live
in :mod:`minzheng_plans.core.progress` with the judgement that uses them.
"""

from __future__ import annotations

import csv
import decimal
import io
from decimal import Decimal
from pathlib import Path
from typing import Literal

from minzheng_plans.core.errors import PlanFileError
from minzheng_plans.core.numbers import bounds_problem, sketch
from minzheng_plans.core.progress import Actual, Monitoring
from minzheng_plans.files.document import decode_text

__all__ = [
    "MONITORING_SCHEMA_ID",
    "Actual",
    "Monitoring",
    "loads_monitoring",
    "read_monitoring",
]

MONITORING_SCHEMA_ID = "minzheng-plans-monitoring/1"


_TOML_FIELDS = frozenset({"indicator", "year", "value", "unit", "note"})


def loads_monitoring(
    text_: str, fmt: Literal["toml", "csv"] = "toml", *, path: str | None = None
) -> Monitoring:
    """Read monitoring values; :class:`PlanFileError` names the file, line and field."""
    if fmt == "csv":
        return _loads_csv(text_, path)
    from minzheng_plans.files.datafile import DataFile  # noqa: PLC0415 - tomli loads lazily
    from minzheng_plans.files.keylines import toml_key_lines  # noqa: PLC0415

    data = DataFile(text_, path=path, schema=MONITORING_SCHEMA_ID)
    lines = toml_key_lines(text_)
    plan = data.tree.get("plan")
    if plan is not None and not isinstance(plan, str):
        data.fail("expected the plan id as a string", "plan")
    actuals = []
    for where, item in data.tables("actual", frozenset({"plan"})):
        extra = sorted(set(item) - _TOML_FIELDS)
        if extra:
            data.fail(
                f"unknown field {extra[0]!r}; known: {', '.join(sorted(_TOML_FIELDS))}", where
            )
        indicator, year, value, unit = (item.get(k) for k in ("indicator", "year", "value", "unit"))
        if not isinstance(indicator, str) or not indicator.strip():
            data.fail("expected the indicator id or catalog code as a string", f"{where}.indicator")
        if not isinstance(year, int) or isinstance(year, bool):
            data.fail("expected the year as an integer", f"{where}.year")
        if isinstance(value, int) and not isinstance(value, bool):
            value = Decimal(value)
        if not isinstance(value, Decimal) or not value.is_finite():
            data.fail("expected the value as a number", f"{where}.value")
        problem = bounds_problem(value)
        if problem is not None:
            data.fail(f"expected {problem}, got {sketch(value)}", f"{where}.value")
        if unit is not None and not isinstance(unit, str):
            data.fail("expected the unit as a string", f"{where}.unit")
        try:
            actuals.append(
                Actual(indicator.strip(), year, value, unit, lines.get(f"{where}.indicator"))
            )
        except ValueError as err:
            data.fail(str(err), f"{where}.year")
    return Monitoring(tuple(actuals), plan, path)


def _loads_csv(text_: str, path: str | None) -> Monitoring:
    rows = csv.reader(io.StringIO(text_.removeprefix("\ufeff")))
    header = [cell.strip().lower() for cell in next(rows, [])]
    missing = [name for name in ("indicator", "year", "value") if name not in header]
    if missing:
        msg = f"the header row must name indicator, year, value (and unit); missing {missing[0]}"
        raise PlanFileError(msg, path=path, line=1)
    position = {name: header.index(name) for name in header}
    actuals = []
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(name: str, row: list[str] = row) -> str:
            index = position.get(name)
            return row[index].strip() if index is not None and index < len(row) else ""

        try:
            year = int(cell("year"))
        except ValueError:
            msg = f"expected the year as an integer, found {cell('year')!r}"
            raise PlanFileError(msg, path=path, line=line, key="year") from None
        try:
            value = Decimal(cell("value").replace(",", ""))
        except decimal.InvalidOperation:
            value = Decimal("NaN")
        if not value.is_finite():
            msg = f"expected the value as a number, found {cell('value')[:40]!r}"
            raise PlanFileError(msg, path=path, line=line, key="value")
        problem = bounds_problem(value)
        if problem is not None:
            msg = f"expected {problem}, got {sketch(value)}"
            raise PlanFileError(msg, path=path, line=line, key="value")
        if not cell("indicator"):
            msg = "expected an indicator id or code"
            raise PlanFileError(msg, path=path, line=line)
        try:
            actuals.append(Actual(cell("indicator"), year, value, cell("unit") or None, line))
        except ValueError as err:
            raise PlanFileError(str(err), path=path, line=line, key="year") from None
    return Monitoring(tuple(actuals), None, path)


def read_monitoring(path: str | Path) -> Monitoring:
    """Read a ``.toml`` or ``.csv`` monitoring file."""
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix not in {".toml", ".csv"}:
        msg = f"monitoring values are read from .toml or .csv files, not {suffix or 'no suffix'}"
        raise PlanFileError(msg, path=str(path))
    try:
        data = file.read_bytes()
    except OSError as err:
        msg = f"cannot read: {err.strerror or err}"
        raise PlanFileError(msg, path=str(path)) from None
    if suffix == ".csv":
        decoded = decode_text(data)
        if decoded is None:
            msg = "not text in UTF-8, UTF-16 (with a byte-order mark) or GB18030/GBK"
            raise PlanFileError(msg, path=str(path))
        content = decoded[0].replace("\r\n", "\n").replace("\r", "\n")
        return loads_monitoring(content, "csv", path=str(path))
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        msg = "monitoring TOML files are UTF-8; this byte sequence is not"
        raise PlanFileError(msg, path=str(path), line=line) from None
    return loads_monitoring(content, "toml", path=str(path))
