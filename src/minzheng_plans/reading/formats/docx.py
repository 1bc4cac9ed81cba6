"""DOCX documents (Word 2007 and later, WPS's ``.docx``) read with python-docx.

python-docx gives the body in document order (:meth:`iter_inner_content`), each paragraph's
style (for heading levels) and each table's cells with horizontal and vertical merges
resolved to the cell that holds the text. We read:

* paragraphs, their runs and hyperlinks joined (``paragraph.text``); a manual line break
  inside a paragraph is joined like a wrapped line;
* headings from the style name (``Heading 2``, ``标题 2``, ``Title``) and its base styles;
* every table, merged cells expanded (``gridSpan`` across, ``vMerge`` down; the copies are
  marked ``merged``) and a cell's paragraphs kept as lines of its text;
* a table inside a cell: read as a table of its own, placed after the table holding it.

Not read: text boxes and shapes (Word keeps them outside the body), headers, footers,
footnotes and comments, and tracked deletions are read as the text python-docx reports.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from minzheng_plans.core.errors import DocumentError
from minzheng_plans.files.archive import check_archive
from minzheng_plans.reading.formats._blocks import finish
from minzheng_plans.reading.formats._deps import optional_module
from minzheng_plans.text.grid import Content, Grid, GridCell, Paragraph, Place
from minzheng_plans.text.joining import join_pieces, squash_spaces

__all__ = ["DOCX_MAX_UNCOMPRESSED", "read_docx"]

#: What a DOCX archive may hold uncompressed: python-docx reads every part (pictures too) into
#: memory, and a plan with its photographs stays well under this.
DOCX_MAX_UNCOMPRESSED = 256 * 1024 * 1024

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = frozenset({"title", "标题"})
# Base styles are followed this far: a cycle in a broken styles part must not hang us.
_STYLE_DEPTH = 10


def _heading_level(paragraph: Any) -> int | None:
    """1-9 for a heading style (or one based on it), 0 for the title style, else None."""
    style = paragraph.style
    for _ in range(_STYLE_DEPTH):
        if style is None:
            return None
        name = (style.name or "").strip()
        if name.lower() in _TITLE_STYLES:
            return 0
        match = _HEADING_STYLE.match(name)
        if match is not None:
            return int(match.group(1))
        style = style.base_style
    return None


_UNKNOWN = object()


def _paragraph_text(paragraph: Any) -> str:
    # A manual line break (w:br) reads as "\n"; a tab as "\t": both are layout here.
    return join_pieces(squash_spaces(piece) for piece in paragraph.text.split("\n"))


class _Reader:
    def __init__(self) -> None:
        self.blocks: list[Paragraph | Grid] = []
        self.paragraphs = 0
        self.tables = 0
        # Heading level by style id: python-docx looks a paragraph's style up among every
        # style of the document (the default one by a scan of them all) on each access.
        self.levels: dict[object, int | None] = {}

    def heading_level(self, paragraph: Any) -> int | None:
        style_id = getattr(getattr(paragraph, "_p", None), "style", _UNKNOWN)
        if style_id is _UNKNOWN:  # not python-docx's paragraph as we know it
            return _heading_level(paragraph)
        if style_id not in self.levels:
            self.levels[style_id] = _heading_level(paragraph)
        return self.levels[style_id]

    def body(self, container: Any) -> None:
        for item in container.iter_inner_content():
            if _is_table(item):
                self.table(item)
            else:
                self.paragraph(item)

    def paragraph(self, paragraph: Any) -> None:
        text = _paragraph_text(paragraph)
        if not text:
            return
        self.paragraphs += 1
        place = Place(paragraph=self.paragraphs)
        self.blocks.append(Paragraph(text, place, self.heading_level(paragraph)))

    def table(self, table: Any) -> None:
        self.tables += 1
        number = self.tables
        rows = list(table.rows)
        # Each row's cells once: python-docx walks the row's XML again on every access.
        row_cells = [list(row.cells) for row in rows]
        width = max(
            (_row_width(row, len(cells)) for row, cells in zip(rows, row_cells, strict=True)),
            default=0,
        )
        vertical = _vertical_copies(table, len(rows))
        nested: list[Any] = []
        grid: list[list[GridCell]] = []
        for r, row in enumerate(rows):
            cells = [None] * row.grid_cols_before + row_cells[r]
            cells += [None] * (width - len(cells))
            line: list[GridCell] = []
            for c, cell in enumerate(cells):
                place = Place(table=number, row=r + 1, column=c + 1)
                if cell is None:
                    line.append(GridCell("", place))
                    continue
                across = c > 0 and cell is cells[c - 1]
                if across:
                    text = line[-1].text
                else:
                    # The top slot of a vertical merge collects the tables nested in it.
                    text = _cell_text(cell, [] if (r, c) in vertical else nested)
                line.append(GridCell(text, place, merged=across or (r, c) in vertical))
            grid.append(line)
        self.blocks.append(Grid(grid, Place(table=number)))
        for inner in nested:
            self.table(inner)


def _is_table(item: Any) -> bool:
    return type(item).__name__ == "Table"


def _row_width(row: Any, cells: int) -> int:
    return int(row.grid_cols_before) + cells + int(row.grid_cols_after)


def _vertical_copies(table: Any, height: int) -> set[tuple[int, int]]:
    """Slots that continue a vertical merge of the slot above.

    Within one call, python-docx hands out the same cell object for every slot of a merge,
    so identity tells copies apart from cells that merely repeat a text (``约束性`` in
    consecutive rows). A table whose rows do not fit its grid gives no answer: then no copy
    is marked and only the texts are expanded.
    """
    copies: set[tuple[int, int]] = set()
    try:
        # One layout for every column (what column_cells computes again for each column).
        count = len(table.columns)
        cells = getattr(table, "_cells", None)
        if cells is None or count != getattr(table, "_column_count", None):
            columns = [table.column_cells(c) for c in range(count)]
        else:
            columns = [cells[c::count] for c in range(count)]
    except (IndexError, ValueError):
        return copies
    for c, column in enumerate(columns):
        if len(column) != height:
            return set()
        for r in range(1, height):
            if column[r] is column[r - 1]:
                copies.add((r, c))
    return copies


def _cell_text(cell: Any, nested: list[Any]) -> str:
    """A cell's paragraphs as lines; tables inside it go to ``nested``."""
    lines = []
    for item in cell.iter_inner_content():
        if _is_table(item):
            nested.append(item)
            continue
        text = _paragraph_text(item)
        if text:
            lines.append(text)
    return "\n".join(lines)


def _blocks(data: bytes, name: str | None) -> Iterator[Paragraph | Grid]:
    docx = optional_module("docx", extra="docx", what="DOCX documents", path=name)
    # From the zip directory, before python-docx inflates anything: a zip bomb is refused.
    check_archive(data, name=name, max_uncompressed=DOCX_MAX_UNCOMPRESSED)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as err:  # noqa: BLE001 - python-docx raises many types for a broken file
        msg = f"not a readable DOCX document: {type(err).__name__}: {err}"
        raise DocumentError(msg, path=name) from None
    reader = _Reader()
    reader.body(document)
    yield from reader.blocks


def read_docx(data: bytes, *, name: str | None = None) -> Content:
    """The paragraphs and tables of a DOCX document, in document order."""
    return finish(list(_blocks(data, name)))
