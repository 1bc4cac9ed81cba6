"""Reading .xlsx workbooks for the ``table.xlsx`` loader: bounded, streamed, nothing silent.

Before openpyxl sees a workbook, the archive's uncompressed size is checked
(:func:`~minzheng_plans.files.archive.check_archive`): a zip bomb is refused from its
directory. Sheets are then read in openpyxl's read-only mode, which streams the XML instead
of building the whole workbook in memory; rows and cells are counted as they come, and a
sheet past :class:`TableLimits` is refused with a :class:`LimitError` naming the limit.
Read-only mode gives merged cells as empty except the first, as the table reader wants them.

A formula cell is read by its cached value, the one the spreadsheet program saved. A
workbook written by a program that computes nothing (a script, an exporter) has formulas
without cached values; such a cell is not read as empty silently: :class:`FormulaCells`
lists them per sheet, for an MZ527 finding. Only when a sheet's XML holds a formula at all is
the workbook read a second time with the formulas.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from itertools import zip_longest
from typing import Any

import attrs

from minzheng_plans.builtin.loaders._indicator_table import RawTable, Row
from minzheng_plans.builtin.loaders._table_limits import TableLimits
from minzheng_plans.core.errors import LimitError
from minzheng_plans.files.archive import check_archive

__all__ = ["BrokenWorkbookError", "FormulaCells", "Workbook", "read_workbook"]

# Cells named in a finding; the count says how many more there are.
_SHOWN_CELLS = 5
# A formula element (<f> or <x:f ...>) in a worksheet part.
_FORMULA_ELEMENT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_WORKSHEET_PART = re.compile(r"xl/worksheets/[^/]+\.xml")


@attrs.frozen
class FormulaCells:
    """Formula cells of one sheet that have no saved value: how many, and the first few."""

    sheet: str
    count: int
    first: tuple[str, ...]


@attrs.frozen
class Workbook:
    """The sheets as tables of text cells, and the formula cells read as empty."""

    tables: tuple[RawTable, ...]
    formulas: tuple[FormulaCells, ...] = ()


class BrokenWorkbookError(Exception):
    """openpyxl could not read the workbook (the message says why)."""


def read_workbook(
    data: bytes, *, name: str | None, limits: TableLimits, head: int | None = None
) -> Workbook:
    """The sheets of ``data``, each row's cells as text; ``head`` reads that many rows of each
    sheet only (for sniffing). Raises :class:`LimitError` past ``limits``,
    :class:`BrokenWorkbookError` for a workbook openpyxl cannot read."""
    check_archive(data, name=name, max_uncompressed=limits.uncompressed_bytes)
    values = _open(data, data_only=True)
    formulas = _open(data, data_only=False) if _has_formulas(data) else None
    tables: list[RawTable] = []
    found: list[FormulaCells] = []
    counted = [0]
    try:
        for position, sheet in enumerate(values.worksheets):
            other = formulas.worksheets[position] if formulas is not None else None
            rows, missing = _read_sheet(sheet, other, name, limits, head, counted)
            tables.append(RawTable(tuple(rows), label=sheet.title, caption=sheet.title))
            if missing:
                found.append(FormulaCells(sheet.title, len(missing), tuple(missing[:_SHOWN_CELLS])))
    finally:
        values.close()
        if formulas is not None:
            formulas.close()
    return Workbook(tuple(tables), tuple(found))


def _open(data: bytes, *, data_only: bool) -> Any:
    import openpyxl  # noqa: PLC0415 - optional dependency, loaded only for .xlsx

    try:
        with warnings.catch_warnings():
            # Style and extension warnings of other spreadsheet tools say nothing about data.
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), data_only=data_only, read_only=True)
    except Exception as err:  # noqa: BLE001 - openpyxl raises many types for a broken file
        msg = f"not a readable .xlsx workbook: {type(err).__name__}: {err}"
        raise BrokenWorkbookError(msg) from None


def _has_formulas(data: bytes) -> bool:
    """Whether any worksheet part holds a formula element, read in pieces (the archive's size
    is checked already)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.namelist():
            if not _WORKSHEET_PART.fullmatch(member):
                continue
            with archive.open(member) as part:
                tail = b""
                while chunk := part.read(1 << 16):
                    if _FORMULA_ELEMENT.search(tail + chunk):
                        return True
                    tail = chunk[-32:]
    return False


def _read_sheet(
    sheet: Any,
    formula_sheet: Any,
    name: str | None,
    limits: TableLimits,
    head: int | None,
    counted: list[int],
) -> tuple[list[Row], list[str]]:
    rows: list[Row] = []
    missing: list[str] = []
    for number, cells, formula_cells in _rows(sheet, formula_sheet):
        if head is not None and number > head:
            break
        if not cells:
            continue
        counted[0] += len(cells)
        if counted[0] > limits.cells:
            what = f"{name or '<workbook>'}: cells"
            raise LimitError(what, limits.cells, counted[0], setting="cells")
        if len(rows) >= limits.rows:
            what = f"{name or '<workbook>'}: rows of sheet {sheet.title}"
            raise LimitError(what, limits.rows, len(rows) + 1, setting="rows")
        texts = []
        for column, (cell, formula) in enumerate(zip_longest(cells, formula_cells), start=1):
            text = _cell_text(cell)
            if not text and getattr(formula, "data_type", None) == "f":
                missing.append(f"{_column_letters(column)}{number}")
            texts.append(text)
        rows.append(Row(number, tuple(texts)))
    return rows, missing


def _rows(sheet: Any, formula_sheet: Any) -> Iterator[tuple[int, tuple[Any, ...], tuple[Any, ...]]]:
    """Each row's number and cells, with the same row of the formula sheet (or no cells)."""
    # Without dimensions, rows are as long as their last cell: a sheet that claims A1:XFD1048576
    # is not padded to it.
    sheet.reset_dimensions()
    values = sheet.iter_rows()
    if formula_sheet is None:
        for number, cells in enumerate(values, start=1):
            yield number, tuple(cells), ()
        return
    formula_sheet.reset_dimensions()
    pairs = zip_longest(values, formula_sheet.iter_rows(), fillvalue=())
    for number, (cells, formulas) in enumerate(pairs, start=1):
        yield number, tuple(cells), tuple(formulas)


def _column_letters(column: int) -> str:
    letters = ""
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _cell_text(cell: Any) -> str:
    """A cell as the text a reader sees; numbers exactly, percent-formatted ones with ``%``."""
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    if isinstance(value, int | float | Decimal):
        # repr of a float is the shortest text that reads back to it: what was typed in.
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            return str(value)
        percent = "%" in str(getattr(cell, "number_format", "") or "")
        if percent:
            # Moving the exponent is exact; multiplying would round past 28 digits.
            sign, digits, exponent = number.as_tuple()
            assert isinstance(exponent, int)  # finite
            number = Decimal((sign, digits, exponent + 2))
        # Plain digits for the value parser, which bounds them; scientific notation for a
        # number too long to write out (the parser then refuses it with a sketch).
        text = format(number, "f") if abs(number.adjusted()) < 100 else str(number)
        if "." in text and "E" not in text:
            text = text.rstrip("0").rstrip(".")
        return f"{text}%" if percent else text
    return str(value).strip()
