"""Built-in loaders for indicator tables kept by hand: ``table.csv`` and ``table.xlsx``.

Both read the layout documented in ``docs/reference/indicator-table.md`` (a header block, a
header row with English or Chinese column names, a row per indicator); the format-neutral part
lives in :mod:`minzheng_plans.builtin.loaders._indicator_table`. CSV arrives as text already
decoded by
:class:`~minzheng_plans.files.document.Document` (UTF-8, UTF-8 with BOM, GB18030); XLSX needs the
optional ``excel`` extra (openpyxl), imported only when an ``.xlsx`` document is read, and is
read by :mod:`minzheng_plans.builtin.loaders._workbook` (streamed, its size checked first).

Both stop at :class:`TableLimits` (rows; for a workbook also cells and uncompressed size) with
a :class:`~minzheng_plans.core.errors.LimitError`; a plan holds at most as many indicators as
a plan file (:func:`minzheng_plans.reading.loading.load_document` refuses more).
"""

from __future__ import annotations

import io
from pathlib import PurePath
from types import ModuleType
from typing import TYPE_CHECKING, Any

import attrs

from minzheng_plans.builtin.loaders._table_limits import TableLimits
from minzheng_plans.core.errors import DocumentError, LimitError
from minzheng_plans.core.findings import Finding, Severity, make_finding
from minzheng_plans.files.document import Document
from minzheng_plans.plugins.context import LoadContext
from minzheng_plans.plugins.hookspecs import Loader, LoadResult, hookimpl

if TYPE_CHECKING:
    from minzheng_plans.builtin.loaders._indicator_table import RawTable, Row
    from minzheng_plans.builtin.loaders._workbook import Workbook

__all__ = [
    "CSV_LOADER",
    "DEFAULT_TABLE_LIMITS",
    "XLSX_LOADER",
    "TableLimits",
    "csv_rows",
    "register_loaders",
    "xlsx_tables",
]

#: The limits the built-in table loaders apply (see ``docs/robustness.md``).
DEFAULT_TABLE_LIMITS = TableLimits()

_CSV_SUFFIXES = (".csv", ".tsv")
# Sniffing reads the head only: the header must be within the first rows anyway.
_SNIFF_CHARS = 64 * 1024
_SNIFF_ROWS = 64
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


def csv_rows(
    text: str, *, name: str | None = None, limits: TableLimits = DEFAULT_TABLE_LIMITS
) -> list[Row]:
    """The rows of a CSV text (comma- or tab-separated), each with the line it starts on.

    More than ``limits.rows`` rows with any text is a :class:`LimitError`.
    """
    import csv  # noqa: PLC0415 - on the first table: a check of plan files reads none

    head = text[:4096]
    delimiter = "\t" if head.count("\t") > head.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[Row] = []
    make_row = _table().Row
    line = 1
    filled = 0
    try:
        for cells in reader:
            row = make_row(line, tuple(cell.strip() for cell in cells))
            if not row.is_blank():
                filled += 1
                if filled > limits.rows:
                    what = f"{name or '<csv>'}: rows"
                    raise LimitError(what, limits.rows, filled, setting="rows")
            rows.append(row)
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
    except LimitError:
        return 0.9 if document.suffix in _CSV_SUFFIXES else 0.0  # loading says which limit
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
    result: LoadResult = table.build_plan(
        [table.RawTable(tuple(rows), PurePath(document.name).name, lines=True)],
        document=document.name,
        loader="table.csv",
        jurisdictions=context.jurisdictions(),
    )
    return result


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


def xlsx_tables(
    document: Document, *, limits: TableLimits = DEFAULT_TABLE_LIMITS
) -> list[RawTable]:
    """One table per worksheet, cells as text; merged cells read as empty except the first."""
    return list(_workbook(document, limits).tables)


def _workbook(document: Document, limits: TableLimits, head: int | None = None) -> Workbook:
    if _openpyxl() is None:
        raise DocumentError(_EXCEL_HINT, path=document.name)
    from minzheng_plans.builtin.loaders._workbook import (  # noqa: PLC0415 - see _table
        BrokenWorkbookError,
        read_workbook,
    )

    try:
        return read_workbook(document.data, name=document.name, limits=limits, head=head)
    except BrokenWorkbookError as err:
        raise DocumentError(str(err), path=document.name) from None


#: XLSX formula cells with no value saved by a spreadsheet program (MZ527).
NO_SAVED_VALUE = (
    "Sheet {sheet} of {workbook} has {count} formula cells without a saved value ({cells}); they "
    "were read as empty. Open the workbook in a spreadsheet program and save it, so that it "
    "stores the values its formulas compute"
)


def _formula_findings(workbook: Workbook, document: Document, plan: str) -> list[Finding]:
    file = PurePath(document.name).name
    return [
        make_finding(
            "MZ527",
            Severity.WARNING,
            NO_SAVED_VALUE,
            plan=plan,
            file=document.name,
            sheet=cells.sheet,
            workbook=file,
            count=cells.count,
            cells=", ".join(cells.first) + ("…" if cells.count > len(cells.first) else ""),
        )
        for cells in workbook.formulas
    ]


def _sniff_xlsx(document: Document, _context: LoadContext) -> float:
    if not _is_workbook(document.data):
        return 0.0
    if _openpyxl() is None:
        # Still claim it: loading then says which extra to install, instead of "no loader".
        return 0.5
    try:
        workbook = _workbook(document, DEFAULT_TABLE_LIMITS, head=_SNIFF_ROWS)
    except LimitError:
        return 0.9  # a workbook, past a limit: loading says which
    except DocumentError:
        return 0.1
    return 0.9 if any(_table().find_header(table.rows) for table in workbook.tables) else 0.2


def _load_xlsx(document: Document, context: LoadContext) -> LoadResult:
    if not _is_workbook(document.data):
        msg = "not an .xlsx workbook (an Office Open XML spreadsheet)"
        raise DocumentError(msg, path=document.name)
    workbook = _workbook(document, DEFAULT_TABLE_LIMITS)
    result: LoadResult = _table().build_plan(
        workbook.tables,
        document=document.name,
        loader="table.xlsx",
        jurisdictions=context.jurisdictions(),
    )
    formulas = _formula_findings(workbook, document, result.plan.id)
    return attrs.evolve(result, findings=(*result.findings, *formulas)) if formulas else result


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
