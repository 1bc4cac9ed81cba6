"""Built-in loaders for indicator tables kept by hand: ``table.csv`` and ``table.xlsx``.

Both read the layout documented in ``docs/reference/indicator-table.md`` (a header block, a
header row with English or Chinese column names, a row per indicator); the format-neutral part
lives in :mod:`minzheng_plans.builtin.loaders._indicator_table`. CSV arrives as text already
decoded by
:class:`~minzheng_plans.files.document.Document` (UTF-8, UTF-8 with BOM, GB18030); XLSX needs the
optional ``excel`` extra (openpyxl), imported only when an ``.xlsx`` document is read.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import warnings
from decimal import Decimal
from pathlib import PurePath
from types import ModuleType
from typing import TYPE_CHECKING, Any

from minzheng_plans.core.errors import DocumentError
from minzheng_plans.files.document import Document
from minzheng_plans.plugins.context import LoadContext
from minzheng_plans.plugins.hookspecs import Loader, LoadResult, hookimpl

if TYPE_CHECKING:
    from minzheng_plans.builtin.loaders._indicator_table import RawTable, Row

__all__ = ["CSV_LOADER", "XLSX_LOADER", "register_loaders"]

_CSV_SUFFIXES = (".csv", ".tsv")
# Sniffing reads the head only: the header must be within the first rows anyway.
_SNIFF_CHARS = 64 * 1024
_XLSX_MAGIC = b"PK\x03\x04"
_EXCEL_HINT = (
    "reading .xlsx indicator tables needs openpyxl, which is not installed; install the "
    "excel extra (in a checkout of minzheng-plans: pip install '.[excel]')"
)


def _table() -> ModuleType:
    """The indicator-table reader, imported on first use: registering these loaders must not
    cost the text toolkit's import in a run that only checks plan files."""
    from minzheng_plans.builtin.loaders import _indicator_table  # noqa: PLC0415

    return _indicator_table


def csv_rows(text: str, *, name: str | None = None) -> list[Row]:
    """The rows of a CSV text (comma- or tab-separated), each with the line it starts on."""
    head = text[:4096]
    delimiter = "\t" if head.count("\t") > head.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[Row] = []
    make_row = _table().Row
    line = 1
    try:
        for cells in reader:
            rows.append(make_row(line, tuple(cell.strip() for cell in cells)))
            line = reader.line_num + 1
    except csv.Error as err:
        msg = f"line {reader.line_num}: not readable as CSV: {err}"
        raise DocumentError(msg, path=name) from None
    return rows


def _sniff_csv(document: Document, _context: LoadContext) -> float:
    if document.text is None:
        return 0.0
    text = document.text[:_SNIFF_CHARS]
    try:
        rows = csv_rows(text)
    except DocumentError:
        return 0.0
    is_csv_name = document.suffix in _CSV_SUFFIXES
    header = _table().find_header(rows)
    if header is not None and (is_csv_name or not _prose_above(rows[: header[0]])):
        return 0.9 if is_csv_name else 0.6
    if header is not None:
        # A plan's text with a TAB table in it: the text loaders read such a table.
        return 0.05
    return 0.2 if is_csv_name else 0.0


def _prose_above(rows: list[Row]) -> bool:
    """More than a caption of lone cells above the header: a document's text, not a table."""
    lone = [row for row in rows if len([c for c in row.cells if c]) == 1]
    return len(lone) > 1 and not all(row.cells[0].startswith("#") for row in lone)


def _load_csv(document: Document, context: LoadContext) -> LoadResult:
    if document.text is None:
        msg = "not a text file: CSV indicator tables are UTF-8, UTF-8 with BOM or GB18030 text"
        raise DocumentError(msg, path=document.name)
    rows = csv_rows(document.text, name=document.name)
    table = _table()
    return table.build_plan(  # type: ignore[no-any-return]
        [table.RawTable(tuple(rows), PurePath(document.name).name, lines=True)],
        document=document.name,
        loader="table.csv",
        jurisdictions=context.jurisdictions(),
    )


def _is_workbook(data: bytes) -> bool:
    if not data.startswith(_XLSX_MAGIC):
        return False
    import zipfile  # noqa: PLC0415 - only for what starts like a ZIP archive

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _openpyxl() -> Any:
    try:
        import openpyxl  # noqa: PLC0415 - optional dependency, loaded only for .xlsx
    except ImportError:
        return None
    return openpyxl


def xlsx_tables(document: Document) -> list[RawTable]:
    """One table per worksheet, cells as text; merged cells read as empty except the first."""
    if _openpyxl() is None:
        raise DocumentError(_EXCEL_HINT, path=document.name)
    try:
        return list(_workbook_tables(document.data))
    except _BrokenWorkbookError as err:
        raise DocumentError(str(err), path=document.name) from None


class _BrokenWorkbookError(Exception):
    pass


# Sniffing and loading read the same workbook one after the other: parse it once.
@functools.lru_cache(maxsize=2)
def _workbook_tables(data: bytes) -> tuple[RawTable, ...]:
    openpyxl = _openpyxl()
    try:
        with warnings.catch_warnings():
            # Style and extension warnings of other spreadsheet tools say nothing about data.
            warnings.simplefilter("ignore")
            # Not read_only: read-only mode loses merged cells, which headers often use.
            workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as err:  # noqa: BLE001 - openpyxl raises many types for a broken file
        msg = f"not a readable .xlsx workbook: {type(err).__name__}: {err}"
        raise _BrokenWorkbookError(msg) from None
    tables = []
    table = _table()
    for sheet in workbook.worksheets:
        rows = [
            table.Row(cells[0].row, tuple(_cell_text(cell) for cell in cells))
            for cells in sheet.iter_rows()
            if cells
        ]
        tables.append(table.RawTable(tuple(rows), label=sheet.title, caption=sheet.title))
    return tuple(tables)


def _cell_text(cell: Any) -> str:
    """A cell as the text a reader sees; numbers exactly, percent-formatted ones with ``%``."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    if isinstance(value, int | float | Decimal):
        # repr of a float is the shortest text that reads back to it: what was typed in.
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        percent = "%" in str(getattr(cell, "number_format", "") or "")
        if percent:
            number *= 100
        text = format(number, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return f"{text}%" if percent else text
    return str(value).strip()


def _sniff_xlsx(document: Document, _context: LoadContext) -> float:
    if not _is_workbook(document.data):
        return 0.0
    if _openpyxl() is None:
        # Still claim it: loading then says which extra to install, instead of "no loader".
        return 0.5
    try:
        tables = xlsx_tables(document)
    except DocumentError:
        return 0.1
    return 0.9 if any(_table().find_header(table.rows) for table in tables) else 0.2


def _load_xlsx(document: Document, context: LoadContext) -> LoadResult:
    if not _is_workbook(document.data):
        msg = "not an .xlsx workbook (an Office Open XML spreadsheet)"
        raise DocumentError(msg, path=document.name)
    plan: LoadResult = _table().build_plan(
        xlsx_tables(document),
        document=document.name,
        loader="table.xlsx",
        jurisdictions=context.jurisdictions(),
    )
    return plan


CSV_LOADER = Loader(
    name="table.csv",
    description="An indicator table as CSV (UTF-8, UTF-8 with BOM or GB18030), "
    "in the documented indicator-table layout",
    sniff=_sniff_csv,
    load=_load_csv,
)

XLSX_LOADER = Loader(
    name="table.xlsx",
    description="An indicator table as an .xlsx workbook, one table per sheet, in the "
    "documented indicator-table layout (needs the excel extra)",
    sniff=_sniff_xlsx,
    load=_load_xlsx,
)


@hookimpl
def register_loaders() -> list[Loader]:
    return [CSV_LOADER, XLSX_LOADER]
