"""Merged cells expanded into a rectangular grid: what every format reader does first.

A reader lists each row's cells as published, each with how many columns and rows it spans
(HTML ``colspan``/``rowspan``, a PDF cell's extent); :func:`expand_spans` places them on a
grid the way browsers do, copies a spanning cell's text into every slot it covers
(``merged=True`` on the copies) and pads short rows with empty cells.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from minzheng_plans.text.grid import GridCell, Place

__all__ = ["MAX_SPAN", "SpanCell", "expand_cells", "expand_spans"]

# A span larger than this is a broken attribute (colspan="9999"), not a table layout.
MAX_SPAN = 100


@attrs.frozen
class SpanCell:
    """A cell as published: its text and how many columns and rows it covers."""

    text: str
    colspan: int = 1
    rowspan: int = 1


def expand_spans(
    rows: Sequence[Sequence[SpanCell]], *, table: int, page: int | None = None
) -> list[list[GridCell]]:
    """Rows of :class:`GridCell`, every span expanded, each cell placed (1-based)."""
    texts = [[cell.text for cell in row] for row in rows]
    spans = {
        (r, i): (cell.colspan, cell.rowspan)
        for r, row in enumerate(rows)
        for i, cell in enumerate(row)
        if cell.colspan > 1 or cell.rowspan > 1
    }
    return expand_cells(texts, spans, table=table, page=page)


def expand_cells(
    texts: Sequence[Sequence[str]],
    spans: Mapping[tuple[int, int], tuple[int, int]],
    *,
    table: int,
    page: int | None = None,
) -> list[list[GridCell]]:
    """:func:`expand_spans` of the cells' texts, row by row, and the ``(colspan, rowspan)``
    of the cells that span more than one slot, by ``(row, index in the row)`` (0-based).

    A reader with many cells calls this one: most cells span nothing, and need no object
    saying so. Places are made with positional arguments (line, page, table, row, column)
    for the same reason.
    """
    if not spans:
        return _unspanned(texts, table=table, page=page)
    height = len(texts)
    spanning = {r for r, _ in spans}
    # slots[r][c]: the cell in row r, column c (0-based), once placed; a later cell that
    # covers a slot again replaces it, as the cell drawn last does in a browser.
    slots: list[dict[int, GridCell]] = [{} for _ in texts]
    # A row that no span reaches into and that spans nothing is laid out directly.
    direct: dict[int, list[GridCell]] = {}
    width = 0
    for r, row in enumerate(texts):
        taken = slots[r]
        if not taken and r not in spanning:
            direct[r] = [
                GridCell(text, Place(None, page, table, r + 1, c)) for c, text in enumerate(row, 1)
            ]
            width = max(width, len(row))
            continue
        c = 0
        for i, text in enumerate(row):
            while c in taken:
                c += 1
            span = spans.get((r, i))
            if span is None:
                taken[c] = GridCell(text, Place(None, page, table, r + 1, c + 1))
                c += 1
                continue
            across = min(max(span[0], 1), MAX_SPAN)
            # A rowspan never reaches past the table's last row (browsers clip it too).
            down = min(max(span[1], 1), MAX_SPAN, height - r)
            for dr in range(down):
                below = slots[r + dr]
                for dc in range(across):
                    place = Place(None, page, table, r + dr + 1, c + dc + 1)
                    below[c + dc] = GridCell(text, place, dr > 0 or dc > 0)
            c += across
        width = max(width, c)
    grid: list[list[GridCell]] = []
    for r, taken in enumerate(slots):
        line: list[GridCell] | None = direct.get(r)
        if line is not None:
            line.extend(
                GridCell("", Place(None, page, table, r + 1, c))
                for c in range(len(line) + 1, width + 1)
            )
        elif len(taken) == width:
            # Every slot filled (no slot lies beyond the width).
            line = [taken[c] for c in range(width)]
        else:
            line = [
                taken.get(c) or GridCell("", Place(None, page, table, r + 1, c + 1))
                for c in range(width)
            ]
        grid.append(line)
    return grid


def _unspanned(
    texts: Sequence[Sequence[str]], *, table: int, page: int | None
) -> list[list[GridCell]]:
    """:func:`expand_cells` of a table without a merged cell: each cell in its own slot."""
    width = max((len(row) for row in texts), default=0)
    grid: list[list[GridCell]] = []
    for r, row in enumerate(texts, 1):
        line = [GridCell(text, Place(None, page, table, r, c)) for c, text in enumerate(row, 1)]
        line.extend(
            GridCell("", Place(None, page, table, r, c)) for c in range(len(row) + 1, width + 1)
        )
        grid.append(line)
    return grid
