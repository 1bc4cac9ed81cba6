"""Indicator tables of structured documents: grids handed to the text toolkit's row reader.

:func:`read_grid_tables` is the one place where a structured document's grids meet the table
reader. Until the grid reader of :mod:`minzheng_plans.text` (``read_grids``) exists, it
adapts each grid to the text reader's :class:`~minzheng_plans.text.tables.Table`:

* leading rows whose cells all hold one text (a title written inside the table) become the
  caption when the grid has none;
* the header is the run of leading rows (at most :data:`MAX_HEADER_ROWS`) in which most
  non-empty cells read as column headers; a column's header is its texts from top to bottom
  (merged copies written once) joined, so that ``指标值`` over ``2020年`` reads
  ``指标值2020年``; when the joined text does not read as a header, the lowest and then the
  highest text alone are tried;
* below the header, a row whose non-empty cells all hold one text (``一、社会救助`` merged
  across) or that has a single non-empty cell is a category row and is skipped, and so is
  a blank row; every other row is an indicator row, numbered 1, 2, 3 … in table order;
* a cell's lines (paragraphs in a DOCX cell, ``<br>`` in HTML, wrapped lines in a PDF) are
  joined without spaces between Chinese characters.

The rows then go through :func:`~minzheng_plans.text.rows.table_indicators`: the same value
parser, attribute reader, column meanings and repairs (``fixes``) as a text table. Every
indicator's :class:`~minzheng_plans.core.model.Source` gets the page, table and row where
the row is, instead of a line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from minzheng_plans.core.findings import Finding, Location
from minzheng_plans.core.model import Indicator, Period
from minzheng_plans.reading.formats._text import join_pieces
from minzheng_plans.text.grid import Grid, GridCell, Place
from minzheng_plans.text.normalise import normalise_string
from minzheng_plans.text.rows import Fix, table_indicators
from minzheng_plans.text.tables import (
    Cell,
    Column,
    ColumnRole,
    Layout,
    Table,
    TableRow,
    classify_header,
)

__all__ = ["MAX_HEADER_ROWS", "GridTables", "read_grid_tables"]

# Headers of published tables take one to three rows (a year row over a 基期值/目标值 row,
# under a merged 指标值).
MAX_HEADER_ROWS = 3


@attrs.frozen
class GridTables:
    """What the grids gave: indicators, findings, and the numbers of the grids read as
    indicator tables (``Grid.place.table``); the others hold no indicator header."""

    indicators: tuple[Indicator, ...] = ()
    findings: tuple[Finding, ...] = ()
    read: tuple[int, ...] = ()


def _text(cell: GridCell) -> str:
    return join_pieces(line.strip() for line in cell.text.split("\n"))


def _one_text(row: Sequence[GridCell]) -> str | None:
    """The text of a row whose non-empty cells all say the same (a merged title or category)."""
    texts = {_text(cell) for cell in row} - {""}
    return texts.pop() if len(texts) == 1 else None


def _is_header_row(row: Sequence[GridCell]) -> bool:
    texts = [_text(cell) for cell in row]
    filled = [text for text in texts if text]
    if len(set(filled)) < 2:
        return False
    headers = sum(1 for text in filled if classify_header(text) is not None)
    return 2 * headers > len(filled)


def _column(texts: Sequence[str]) -> Column:
    parts: list[str] = []
    for text in texts:
        if text and (not parts or parts[-1] != text):
            parts.append(text)
    for candidate in ("".join(parts), parts[-1] if parts else "", parts[0] if parts else ""):
        column = classify_header(candidate) if candidate else None
        if column is not None:
            return column
    return Column("".join(parts), ColumnRole.NOTE)


@attrs.define
class _Lines:
    """Stand-in line numbers for cells, so that the row reader's ``line`` maps back to places."""

    places: dict[int, Place] = attrs.Factory(dict)

    def cell(self, cell: GridCell) -> Cell:
        text = _text(cell)
        line = len(self.places) + 1
        self.places[line] = cell.place
        return Cell(normalise_string(text), text, line, 0, len(text))


def _as_table(grid: Grid, lines: _Lines) -> Table | None:
    rows = [row for row in grid.rows if any(_text(cell) for cell in row)]
    caption = grid.caption
    while rows and _one_text(rows[0]) is not None:
        caption = caption or _one_text(rows[0])
        rows = rows[1:]
    header = 0
    while header < min(MAX_HEADER_ROWS, len(rows)) and _is_header_row(rows[header]):
        header += 1
    if header == 0:
        return None
    width = grid.width
    columns = [
        _column([_text(row[c]) if c < len(row) else "" for row in rows[:header]])
        for c in range(width)
    ]
    roles = {column.role for column in columns}
    if ColumnRole.NAME not in roles or not roles & {ColumnRole.VALUE, ColumnRole.GROWTH}:
        return None
    body: list[TableRow] = []
    for row in rows[header:]:
        filled = [cell for cell in row if _text(cell)]
        if len(filled) < 2 or _one_text(row) is not None:
            continue  # a category row or a note written inside the table
        padded = [*row, *(GridCell("", row[-1].place) for _ in range(width - len(row)))]
        cells = tuple(lines.cell(cell) for cell in padded)
        body.append(TableRow(len(body) + 1, cells, cells[0].line))
    if not body:
        return None
    return Table(
        caption=caption,
        caption_line=None,
        layout=Layout.ROW_PER_LINE,
        columns=tuple(columns),
        rows=tuple(body),
    )


def _sourced(indicator: Indicator, places: Mapping[int, Place]) -> Indicator:
    source = indicator.source
    place = places.get(source.line) if source is not None and source.line is not None else None
    if source is None or place is None:
        return indicator
    return attrs.evolve(
        indicator,
        source=attrs.evolve(
            source,
            line=None,
            page=place.page,
            table_index=place.table,
            row_index=place.row,
        ),
    )


def _located(finding: Finding, places: Mapping[int, Place]) -> Finding:
    location = finding.location
    if location is None or location.line not in places:
        return finding
    # The stand-in line means nothing to a reader; the message names the table and row.
    return attrs.evolve(finding, location=Location(location.file))


def read_grid_tables(
    grids: Sequence[Grid],
    *,
    period: Period,
    plan: str | None = None,
    file: str | None = None,
    fixes: Mapping[int, Sequence[Fix]] | None = None,
) -> GridTables:
    """Indicators of every grid that has an indicator header (the adapter of the docstring).

    Indicator ids are ``t{table}.{row}`` where ``table`` is the grid's position among the
    document's tables; ``fixes`` maps that position to the repairs of its rows.
    """
    indicators: list[Indicator] = []
    findings: list[Finding] = []
    read: list[int] = []
    for position, grid in enumerate(grids, start=1):
        number = grid.place.table or position
        lines = _Lines()
        table = _as_table(grid, lines)
        if table is None:
            continue
        read.append(number)
        result = table_indicators(
            table,
            table_number=number,
            period=period,
            plan=plan,
            file=file,
            fixes=(fixes or {}).get(number, ()),
        )
        indicators.extend(_sourced(item, lines.places) for item in result.indicators)
        findings.extend(_located(item, lines.places) for item in result.findings)
    return GridTables(tuple(indicators), tuple(findings), tuple(read))
