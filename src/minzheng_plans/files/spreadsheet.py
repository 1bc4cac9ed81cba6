"""Spreadsheet cells written safely (openpyxl, the ``excel`` extra): text stays text.

A cell whose text starts with ``=``, ``+``, ``-`` or ``@`` would be a formula in Excel (or
become one when someone edits it); here every string is written as a string cell, never a
formula, and those four get Excel's quote prefix so that editing keeps them text. Characters
a workbook cannot hold (control characters) become U+FFFD instead of failing the write.
Numbers (``Decimal``, ``int``, ``float``) are numeric cells; a ``Decimal`` keeps its digits.

CSV has no cell types: a spreadsheet opening a CSV file runs any cell that starts with ``=``,
``+``, ``-`` or ``@`` as a formula, and some also one that starts with a tab or a carriage
return before those. :func:`csv_text_cell` writes such text with a leading apostrophe, which
spreadsheets show as a text marker; numbers are written as numbers (``-5`` stays ``-5``), and a
lone ``=`` or ``-`` (a comparator, a no-value dash) is left as it is, since nothing follows it
to run. A carriage return inside text is written as a line feed, so that the cell is quoted and
no reader takes it for the end of a row; other control characters become U+FFFD, as in a
workbook.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from minzheng_plans.core.errors import UsageError

__all__ = [
    "CSV_FORMULA_STARTS",
    "FORMULA_STARTS",
    "append_row",
    "csv_text_cell",
    "finish_table",
    "new_workbook",
    "sheet_title",
    "write_cell",
]

FORMULA_STARTS = ("=", "+", "-", "@")
#: First characters that make a CSV cell a formula somewhere (OWASP's list of triggers).
CSV_FORMULA_STARTS = (*FORMULA_STARTS, "\t", "\r")
# A number as a CSV cell writes it (plain or scientific digits): a spreadsheet reads a number.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
# What openpyxl refuses (its ILLEGAL_CHARACTERS_RE), plus DEL and C1 controls.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Excel forbids these in sheet names, and names longer than 31 characters.
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_SHEET_MAX = 31


def new_workbook() -> Any:
    """An empty openpyxl workbook; a :class:`UsageError` with the install hint without it."""
    try:
        from openpyxl import Workbook  # noqa: PLC0415 - the excel extra
    except ImportError:
        msg = (
            "XLSX files need the excel extra "
            "(in a checkout of minzheng-plans: pip install '.[excel]')"
        )
        raise UsageError(msg) from None
    book = Workbook()
    book.remove(book.active)
    return book


def write_cell(cell: Any, value: object) -> None:
    """``value`` into ``cell``: numbers as numbers, everything else as text, never a formula."""
    if value is None:
        cell.value = None
        return
    if isinstance(value, bool):
        value = str(value).lower()
    if isinstance(value, int | float | Decimal):
        cell.value = value
        return
    text = _ILLEGAL.sub("\ufffd", str(value))
    cell.value = text
    # openpyxl turns a string starting with "=" into a formula; say it is a string.
    cell.data_type = "s"
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True


def csv_text_cell(text: str) -> str:
    """``text`` as a CSV cell no spreadsheet runs as a formula (see the module docstring).

    Control characters become U+FFFD, as in a workbook: a terminal showing the file (``cat``,
    ``less -R``) must not act on an escape sequence a document carried.
    """
    text = _ILLEGAL.sub("\ufffd", text)
    if len(text) > 1 and text.startswith(CSV_FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        text = "'" + text
    # Python's csv writer quotes a cell with a line feed but not one with a lone carriage
    # return, which many readers take as the end of the row: the row would be forged.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def append_row(sheet: Any, values: Iterable[object]) -> int:
    """Write ``values`` as the sheet's next row; the row's number."""
    row = sheet.max_row + 1 if sheet.max_row > 1 or sheet.cell(1, 1).value is not None else 1
    for column, value in enumerate(values, start=1):
        write_cell(sheet.cell(row=row, column=column), value)
    return row


def _width(value: object) -> int:
    text = "" if value is None else str(value)
    longest = max(text.splitlines() or [""], key=len)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in longest)


def finish_table(sheet: Any, *, wide: Sequence[int] = (), widest: int = 60) -> None:
    """Header row bold and frozen, a filter over the table, columns sized to their content.

    ``wide`` are 1-based columns of long text (messages, quotes), wrapped at ``widest``.
    """
    from openpyxl.styles import Alignment, Font, PatternFill  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    if sheet.max_column < 1 or sheet.cell(1, 1).value is None:
        return
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E9EDF2")
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    sheet.freeze_panes = "A2"
    last = get_column_letter(sheet.max_column)
    sheet.auto_filter.ref = f"A1:{last}{max(sheet.max_row, 1)}"
    for index, column in enumerate(sheet.iter_cols(), start=1):
        width = max((_width(cell.value) for cell in column), default=8)
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = min(max(width + 2, 8), widest)
        if index in wide:
            for cell in column[1:]:
                cell.alignment = Alignment(vertical="top", wrap_text=True)
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def sheet_title(wanted: str, taken: Iterable[str]) -> str:
    """A sheet name Excel accepts (no ``[]:*?/\\``, at most 31 characters), unique in
    ``taken`` (compared without case, as Excel does)."""
    base = _SHEET_FORBIDDEN.sub("_", _ILLEGAL.sub("", wanted)).strip().strip("'") or "Sheet"
    used = {name.lower() for name in taken}
    title = base[:_SHEET_MAX]
    number = 2
    while title.lower() in used:
        suffix = f" ({number})"
        title = base[: _SHEET_MAX - len(suffix)] + suffix
        number += 1
    return title
