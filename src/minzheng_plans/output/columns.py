"""Aligned columns in a terminal, where a Chinese character takes two cells."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from minzheng_plans.core.printable import escape_field

__all__ = ["align", "display_width"]


def display_width(value: str) -> int:
    """Terminal cells ``value`` takes: two for wide and full-width characters, else one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in value)


def align(table: Sequence[Sequence[str]], indent: str = "  ") -> list[str]:
    """Rows of cells padded to their column's widest cell, two spaces apart.

    Cells are escaped (:func:`~minzheng_plans.core.printable.escape_field`): a name from a
    document cannot break a row or drive the terminal.
    """
    table = [[escape_field(cell) for cell in row] for row in table]
    widths = [max(display_width(row[i]) for row in table) for i in range(len(table[0]))]
    return [
        indent
        + "  ".join(
            cell + " " * (widths[i] - display_width(cell)) for i, cell in enumerate(row)
        ).rstrip()
        for row in table
    ]
