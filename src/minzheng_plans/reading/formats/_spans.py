"""Merged cells expanded into a rectangular grid: what every format reader does first.

A reader lists each row's cells as published, each with how many columns and rows it spans
(HTML ``colspan``/``rowspan``, a PDF cell's extent); :func:`expand_spans` places them on a
grid the way browsers do, copies a spanning cell's text into every slot it covers
(``merged=True`` on the copies) and pads short rows with empty cells.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from minzheng_plans.text.grid import GridCell, Place

__all__ = ["MAX_SPAN", "SpanCell", "expand_spans"]

# A span larger than this is a broken attribute (colspan="9999"), not a table layout.
MAX_SPAN = 100


@attrs.frozen
class SpanCell:
    """A cell as published: its text and how many columns and rows it covers."""

    text: str
    colspan: int = 1
    rowspan: int = 1


def _bounded(value: int) -> int:
    return min(max(value, 1), MAX_SPAN)


def expand_spans(
    rows: Sequence[Sequence[SpanCell]], *, table: int, page: int | None = None
) -> list[list[GridCell]]:
    """Rows of :class:`GridCell`, every span expanded, each cell placed (1-based)."""
    if all(cell.colspan <= 1 and cell.rowspan <= 1 for row in rows for cell in row):
        return _unspanned(rows, table=table, page=page)
    slots: dict[tuple[int, int], GridCell] = {}
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in slots:
                c += 1
            colspan = _bounded(cell.colspan)
            # A rowspan never reaches past the table's last row (browsers clip it too).
            rowspan = min(_bounded(cell.rowspan), len(rows) - r)
            for dr in range(rowspan):
                for dc in range(colspan):
                    place = Place(page=page, table=table, row=r + dr + 1, column=c + dc + 1)
                    slots[(r + dr, c + dc)] = GridCell(cell.text, place, merged=dr > 0 or dc > 0)
            c += colspan
            width = max(width, c)
    grid: list[list[GridCell]] = []
    for r in range(len(rows)):
        line = []
        for c in range(width):
            place = Place(page=page, table=table, row=r + 1, column=c + 1)
            line.append(slots.get((r, c), GridCell("", place)))
        grid.append(line)
    return grid


def _unspanned(
    rows: Sequence[Sequence[SpanCell]], *, table: int, page: int | None
) -> list[list[GridCell]]:
    """:func:`expand_spans` of a table without a merged cell: each cell in its own slot."""
    width = max((len(row) for row in rows), default=0)
    grid: list[list[GridCell]] = []
    for r, row in enumerate(rows, 1):
        line = [
            GridCell(cell.text, Place(page=page, table=table, row=r, column=c))
            for c, cell in enumerate(row, 1)
        ]
        line.extend(
            GridCell("", Place(page=page, table=table, row=r, column=c))
            for c in range(len(row) + 1, width + 1)
        )
        grid.append(line)
    return grid
