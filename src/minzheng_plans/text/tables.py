"""Grids to tables: header rows found and combined, columns classified, rows sorted out.

Every table reaches this module as a :class:`~minzheng_plans.text.grid.Grid` — cut from text
by :func:`~minzheng_plans.text.layouts.find_grids`, or read from a DOCX, HTML or PDF table —
and :func:`grid_table` reads it the same way whatever its source:

- the header rows are the first rows (up to three) whose every cell is a header or a piece
  of one; each column's header is the text of its cells in those rows, top to bottom, a
  merged cell's copies counted once (``指标值`` over ``2025年``; ``2020年`` over ``基期值``),
  classified by :func:`~minzheng_plans.text.classify.classify_header`;
- a header order that text extraction scrambled is recovered from what the rows hold: each
  header goes to the position whose cells fit it, value headers keeping their order;
- a row that only names a group (``一、社会救助``, ``(一)养老服务``, ``兜底保障类``, a name
  with nothing else) is a category: it becomes the section of the rows below it, as does
  the text of a 类别/领域 column;
- rows under a ``其中：`` row, and rows without a number under a row with one, are the
  numbered row's sub-rows (``城市``, ``农村`` under ``城乡低保标准``);
- a notes row (``注：…``) is kept in :attr:`Table.notes`, never read as a row;
- a row whose cells do not fit the header is a :class:`RowProblem` with every cell: nothing
  is dropped.
"""

from __future__ import annotations

import enum
import re
from collections import Counter
from collections.abc import Sequence

import attrs

from minzheng_plans.core.messages import N_, Message, as_message
from minzheng_plans.text.classify import (
    MAX_HEADER,
    ROLE_KINDS,
    CellKind,
    Column,
    ColumnRole,
    category_title,
    cell_kind,
    classify_header,
    is_header_fragment,
)
from minzheng_plans.text.grid import Grid, GridCell, Place
from minzheng_plans.text.joining import join_pieces
from minzheng_plans.text.layouts import find_grids, grid_at, is_caption, is_notes_start
from minzheng_plans.text.normalise import NormalisedText, normalise, normalise_string
from minzheng_plans.text.sections import parse_heading
from minzheng_plans.text.vocabulary import SUB_ROW_MARKERS, header_key

__all__ = [
    "Cell",
    "Column",
    "ColumnRole",
    "Layout",
    "NameUnit",
    "RowProblem",
    "Table",
    "TableRow",
    "Unread",
    "classify_header",
    "find_tables",
    "grid_table",
    "read_table",
    "split_name_unit",
]

#: How many rows a header may run over.
MAX_HEADER_ROWS = 3


class Layout(enum.StrEnum):
    CELL_PER_LINE = "cell-per-line"
    CELL_PER_LINE_BAR = "cell-per-line-bar"
    ROW_PER_LINE = "row-per-line"
    TAB = "tab"
    SPACES = "spaces"
    GRID = "grid"  # a structured document's table (DOCX, HTML, PDF)


@attrs.frozen
class Cell:
    """One cell: normalised ``text``, the ``raw`` text as published, and where it is."""

    text: str
    raw: str
    place: Place = attrs.field(factory=Place)

    @property
    def line(self) -> int | None:
        return self.place.line


@attrs.frozen
class TableRow:
    """A row read in full: its number, one cell per column, where it starts.

    ``section`` is the category the row is listed under; ``parent`` the row this one is a
    part of (``其中：城市`` under ``城乡低保标准``) and ``sub`` its place among the parts.
    ``number`` is the row number as written, or the row's place among the table's rows
    when the table numbers none.
    """

    number: int
    cells: tuple[Cell, ...]
    place: Place = attrs.field(factory=Place)
    section: str | None = None
    parent: TableRow | None = None
    sub: int | None = None

    @property
    def line(self) -> int | None:
        return self.place.line

    def cell(self, columns: Sequence[Column], role: ColumnRole, index: int = 0) -> Cell | None:
        """The ``index``-th cell whose column has ``role``."""
        found = [
            cell for cell, column in zip(self.cells, columns, strict=True) if column.role == role
        ]
        return found[index] if index < len(found) else None


@attrs.frozen
class RowProblem:
    """A row that could not be read: every cell found for it, and why (a message)."""

    number: int | None
    cells: tuple[Cell, ...]
    place: Place
    reason: Message = attrs.field(converter=as_message)

    @property
    def line(self) -> int | None:
        return self.place.line


@attrs.frozen
class Table:
    """A table: caption, layout, columns in logical order, rows and unreadable rows.

    ``reordered`` says whether the header order differs from the order the text wrote it
    in; ``header_line`` is the line of the first header cell, ``end_line`` the last line
    the table occupies (notes included). ``place`` is where the table starts in any source.
    """

    caption: str | None
    caption_line: int | None
    layout: Layout
    columns: tuple[Column, ...]
    rows: tuple[TableRow, ...]
    problems: tuple[RowProblem, ...] = ()
    header_line: int | None = None
    end_line: int | None = None
    reordered: bool = False
    notes: tuple[str, ...] = ()
    place: Place = attrs.field(factory=Place)

    @property
    def row_count(self) -> int:
        """Every row the table holds, read or not."""
        return len(self.rows) + len(self.problems)

    def column_index(self, role: ColumnRole, index: int = 0) -> int | None:
        found = [i for i, column in enumerate(self.columns) if column.role == role]
        return found[index] if index < len(found) else None


@attrs.frozen
class Unread:
    """A grid that is not read as an indicator table, and why.

    ``indicators`` says whether it looks like one (it names an indicator or value column):
    such a table left unread is a warning, any other table only an info.
    """

    grid: Grid
    reason: Message = attrs.field(converter=as_message)
    indicators: bool = False


# --- header rows -----------------------------------------------------------------------------


def _cell(cell: GridCell, *, traditional: bool) -> Cell:
    text = normalise_string(cell.text, traditional=traditional or None).strip()
    if "\n" in text:
        text = _join_lines(text)
    return Cell(text, cell.text, cell.place)


def _join_lines(text: str) -> str:
    """A cell's lines (paragraphs of a DOCX cell, ``<br>``, a wrapped PDF cell) as one line,
    joined as the format readers join a wrapped line (:func:`~.joining.join_pieces`)."""
    return join_pieces(line.strip() for line in text.split("\n"))


def _distinct(row: Sequence[Cell]) -> list[str]:
    """The row's texts, empty cells and a merged cell's repeated copies left out."""
    texts: list[str] = []
    for cell in row:
        if cell.text and (not texts or cell.text != texts[-1]):
            texts.append(cell.text)
    return texts


def _is_header_row(row: Sequence[Cell]) -> bool:
    """Every cell names a column or is a piece of a header; a few unknown headers (牵头单位)
    may stand among known ones, but no cell holds a figure or an attribute."""
    texts = _distinct(row)
    if not texts:
        return False
    known = unknown = 0
    for text in texts:
        if classify_header(text, limit=2 * MAX_HEADER) is not None or is_header_fragment(text):
            known += 1
        elif len(header_key(text)) > MAX_HEADER or cell_kind(text) not in _HEADER_KINDS:
            return False
        else:
            unknown += 1
    return known > unknown and known >= min(2, len(texts))


_HEADER_KINDS = frozenset({CellKind.TEXT, CellKind.UNIT})


def _caption_row(row: Sequence[Cell]) -> str | None:
    texts = _distinct(row)
    if len(texts) == 1 and is_caption(texts[0]) and classify_header(texts[0]) is None:
        return texts[0]
    return None


def _header_columns(rows: Sequence[Sequence[Cell]], width: int) -> list[Column | None]:
    columns: list[Column | None] = []
    for index in range(width):
        parts: list[str] = []
        for row in rows:
            text = row[index].text if index < len(row) else ""
            if text and (not parts or text != parts[-1]):
                parts.append(text)
        line = next((row[index].line for row in rows if index < len(row) and row[index].text), None)
        column = classify_header("".join(parts), limit=len(parts) * 2 * MAX_HEADER)
        if column is None:
            # 指标名称及单位, 主要指标项: a header naming 指标 that the vocabulary lacks.
            key = header_key("".join(parts))
            role = ColumnRole.NAME if "指标" in key and len(key) <= MAX_HEADER else None
            column = Column("".join(parts), role) if role else None
            if column is None and parts:
                column = Column("".join(parts), ColumnRole.OTHER)
        if column is not None:
            column = attrs.evolve(column, header="".join(parts), line=line)
        columns.append(column)
    return columns


# --- scrambled order ---------------------------------------------------------------------------


def _position_kinds(rows: Sequence[Sequence[Cell]], width: int) -> list[CellKind]:
    kinds = []
    for position in range(width):
        votes = Counter(cell_kind(row[position].text) for row in rows if len(row) == width)
        if not votes:
            kinds.append(CellKind.TEXT)
            continue
        # A value column may hold integers (80, 100): INT only where every cell is one.
        (top, _count), *_ = votes.most_common(1)
        if top is CellKind.INT and position > 0:
            top = CellKind.VALUE
        if CellKind.VALUE in votes and top is CellKind.UNIT:
            top = CellKind.VALUE if votes[CellKind.VALUE] >= votes[CellKind.UNIT] else top
        kinds.append(top)
    return kinds


def _recover_order(
    headers: Sequence[Column], rows: Sequence[Sequence[Cell]]
) -> tuple[tuple[Column, ...], bool]:
    """Headers placed on the row positions whose content fits them (module docstring)."""
    width = len(headers)
    contents = _position_kinds(rows, width)
    wanted = [
        CellKind.VALUE if ROLE_KINDS[h.role] is CellKind.INT and i > 0 else ROLE_KINDS[h.role]
        for i, h in enumerate(headers)
    ]
    if Counter(wanted) != Counter(contents):
        # Content and headers disagree: trust the order as written.
        return tuple(headers), False
    queues: dict[CellKind, list[Column]] = {}
    for header, content in zip(headers, wanted, strict=True):
        queues.setdefault(content, []).append(header)
    ordered = tuple(queues[content].pop(0) for content in contents)
    return ordered, ordered != tuple(headers)


# --- rows ------------------------------------------------------------------------------------

_NUMBER = re.compile(r"^(\d{1,3})\s*[.、]?$")
_SUB_NUMBER = re.compile(r"^(\(\d{1,2}\)|[①-⑳]|\d{1,2}\.\d{1,2})$")
# A part's label (城市, 农村, 集中供养) is short; a longer unmarked name is an indicator.
_MAX_PART = 8
_MARKER = re.compile(r"^(?:" + "|".join(SUB_ROW_MARKERS) + r")\s*[:：,，]?\s*")


def _number(text: str) -> int | None:
    match = _NUMBER.match(text)
    return int(match.group(1)) if match else None


@attrs.define
class _Rows:
    """Sorts a grid's data rows into rows, sub-rows, categories, notes and problems."""

    columns: tuple[Column, ...]
    rows: list[TableRow] = attrs.Factory(list)
    problems: list[RowProblem] = attrs.Factory(list)
    notes: list[str] = attrs.Factory(list)
    section: str | None = None
    parent: TableRow | None = None
    in_parts: bool = False
    ordinal: int = 0
    # The name-only row just read as a category, and the section before it: a 其中 row right
    # after it makes it the parent of parts instead.
    just_named: tuple[list[Cell], str | None] | None = None

    def index(self, role: ColumnRole) -> int | None:
        return next((i for i, c in enumerate(self.columns) if c.role == role), None)

    def add(self, cells: list[Cell]) -> None:
        width = len(self.columns)
        while len(cells) > width and not cells[-1].text:
            cells.pop()
        texts = _distinct(cells)
        if not texts:
            return
        if len(texts) == 1 and is_notes_start(texts[0]):
            self.notes.append(next(c.raw for c in cells if c.text))
            return
        category = self.index(ColumnRole.CATEGORY)
        if category is not None and category < len(cells) and cells[category].text:
            self.section = category_title(cells[category].text)
        before = self.section
        if self.category(cells, texts):
            self.just_named = (cells, before) if len(texts) == 1 else None
            return
        if len(cells) != width:
            number = _number(cells[0].text)
            reason = Message(
                N_("{count} cells where the header has {width}"),
                {"count": len(cells), "width": width},
            )
            self.problems.append(RowProblem(number, tuple(cells), cells[0].place, reason))
            return
        self.row(cells)

    def category(self, cells: Sequence[Cell], texts: Sequence[str]) -> bool:
        """A row that only names a group of rows: it becomes their section."""
        name = self.index(ColumnRole.NAME)
        number = self.index(ColumnRole.NUMBER)
        if len(texts) == 1:
            text = texts[0]
            if cell_kind(text) not in {CellKind.TEXT, CellKind.UNIT} or _MARKER.match(text):
                return False
            self.section = category_title(text)
            self.parent, self.in_parts = None, False
            return True
        if name is None or number is None or len(cells) != len(self.columns):
            return False
        marker = cells[number].text
        filled = [c for i, c in enumerate(cells) if c.text and i not in {name, number}]
        if not filled and marker and _number(marker) is None and parse_heading(marker, 0):
            # 一 | 社会救助 — the number column holds the category's numeral.
            self.section = cells[name].text
            self.parent, self.in_parts = None, False
            return True
        return False

    def row(self, cells: list[Cell]) -> None:
        name_index = self.index(ColumnRole.NAME)
        number_index = self.index(ColumnRole.NUMBER)
        name = cells[name_index].text if name_index is not None else ""
        written = cells[number_index].text if number_index is not None else ""
        number = _number(written) if written else None
        marked = bool(name and _MARKER.match(name))
        if marked and self.just_named is not None:
            self.parent_from_category(*self.just_named)
        self.just_named = None
        if marked and name_index is not None:
            label = _MARKER.sub("", name)
            if not label:
                self.in_parts = self.parent is not None
                return
            cells[name_index] = attrs.evolve(cells[name_index], text=label)
        parent = self.parent
        if self.in_parts and number_index is None and not marked and len(name) > _MAX_PART:
            # Without row numbers, a long name is the next indicator, not a part.
            self.in_parts = False
        sub_row = (
            parent is not None
            and number is None
            and (
                marked
                or self.in_parts
                or bool(_SUB_NUMBER.match(written))
                # In a numbered table, unnumbered rows under a row without figures are parts.
                or (number_index is not None and not self.has_values(parent))
            )
        )
        if sub_row and parent is not None:
            self.in_parts = True
            sub = sum(1 for row in self.rows if row.parent is parent) + 1
            self.rows.append(
                TableRow(parent.number, tuple(cells), cells[0].place, self.section, parent, sub)
            )
            return
        self.ordinal += 1
        if number is None:
            number = self.ordinal if number_index is None else self.last_number() + 1
        row = TableRow(number, tuple(cells), cells[0].place, self.section)
        self.rows.append(row)
        self.parent, self.in_parts = row, False

    def parent_from_category(self, cells: list[Cell], section: str | None) -> None:
        """A name-only row taken for a category heads the parts below it after all."""
        width = len(self.columns)
        name_index = self.index(ColumnRole.NAME) or 0
        text = next(cell for cell in cells if cell.text)
        row = [Cell("", "", text.place)] * width
        row[name_index] = text
        self.section = section
        self.ordinal += 1
        number = self.ordinal if self.index(ColumnRole.NUMBER) is None else self.last_number() + 1
        parent = TableRow(number, tuple(row), text.place, section)
        self.rows.append(parent)
        self.parent, self.in_parts = parent, False

    def last_number(self) -> int:
        return max((row.number for row in self.rows), default=0)

    def has_values(self, row: TableRow) -> bool:
        """Whether a value cell of ``row`` holds text: else its parts below fill it in."""
        roles = {ColumnRole.VALUE, ColumnRole.GROWTH}
        return any(
            cell.text for cell, c in zip(row.cells, self.columns, strict=True) if c.role in roles
        )


def grid_table(grid: Grid) -> Table | Unread:
    """Read ``grid`` as an indicator table, or say why it is not one (module docstring)."""
    script = grid.traditional or None
    rows = [[_cell(cell, traditional=grid.traditional) for cell in row] for row in grid.rows]
    caption = normalise_string(grid.caption, traditional=script).strip() if grid.caption else None
    caption_line = grid.caption_place.line if grid.caption_place else None
    start = 0
    while start < len(rows) - 1 and (found := _caption_row(rows[start])) is not None:
        caption = caption or found
        caption_line = caption_line or rows[start][0].line
        start += 1
    count = 0
    while (
        count < MAX_HEADER_ROWS
        and start + count < len(rows)
        and _is_header_row(rows[start + count])
    ):
        count += 1
    if count == 0:
        return Unread(grid, N_("no row of it names the columns (指标, 单位, 2025年目标值 …)"))
    head = rows[start : start + count]
    width = max(len(row) for row in head)
    data = rows[start + count :]
    columns = _header_columns(head, width)
    full = [row for row in data if len(row) == width]
    for index, column in enumerate(columns):
        if column is None:
            ints = [row[index].text for row in full if row[index].text]
            role = ColumnRole.NUMBER if ints and all(t.isdigit() for t in ints) else None
            columns[index] = Column("", role or ColumnRole.OTHER)
    known = [c for c in columns if c is not None]
    roles = {c.role for c in known}
    if ColumnRole.NAME not in roles or not roles & {ColumnRole.VALUE, ColumnRole.GROWTH}:
        headers = " | ".join(c.header for c in known if c.header)
        reason = Message(
            N_("it has no indicator-name column (headers: {headers})")
            if ColumnRole.NAME not in roles
            else N_("it has no value column (headers: {headers})"),
            {"headers": headers},
        )
        return Unread(grid, reason, indicators=bool(roles & _INDICATOR_ROLES))
    ordered, reordered = _recover_order(known, full)
    sorter = _Rows(ordered)
    heads = {tuple(cell.text for cell in row) for row in head}
    for row in data:
        if tuple(cell.text for cell in row) in heads:
            continue  # a header repeated under a page break
        sorter.add(list(row))
    if not sorter.rows and not sorter.problems:
        return Unread(grid, N_("no row under its header could be read"), indicators=True)
    first_line = min(
        (cell.line for row in head for cell in row if cell.line is not None),
        default=grid.place.line,
    )
    end = grid.end.line if grid.end else None
    return Table(
        caption=caption,
        caption_line=caption_line,
        layout=Layout(grid.layout) if grid.layout else Layout.GRID,
        columns=ordered,
        rows=tuple(sorter.rows),
        problems=tuple(sorter.problems),
        header_line=first_line,
        end_line=end,
        reordered=reordered,
        notes=(*grid.notes, *sorter.notes),
        place=grid.place,
    )


_INDICATOR_ROLES = frozenset({ColumnRole.NAME, ColumnRole.VALUE, ColumnRole.GROWTH})


def find_tables(text: str | NormalisedText) -> list[Table]:
    """Every indicator table of the text, in any of the text layouts (grids not read left out)."""
    tables = (grid_table(grid) for grid in find_grids(text))
    return [table for table in tables if isinstance(table, Table)]


def read_table(text: str | NormalisedText, header_line: int) -> Table | None:
    """The table whose header starts on 1-based ``header_line``, or ``None``."""
    normalised = text if isinstance(text, NormalisedText) else normalise(text)
    lines = [line for line in normalised.lines() if line.stripped]
    for index, line in enumerate(lines):
        if line.number == header_line:
            found = grid_at(normalised, lines, index)
            table = grid_table(found[0]) if found is not None else None
            return table if isinstance(table, Table) else None
    return None


# --- names with units ----------------------------------------------------------------------


@attrs.frozen
class NameUnit:
    """An indicator name split from the unit written after it in brackets.

    ``closed`` is ``False`` when the closing bracket is missing (``比重(%``): text
    extraction lost it, and a loader may want to report that it read through the loss.
    """

    name: str
    unit: str
    closed: bool = True


_NAME_UNIT = re.compile(r"^(?P<name>.*?\S)\s*\((?P<unit>[^()]{0,12})(?P<close>\))?\s*$")


def split_name_unit(text: str) -> NameUnit:
    """``每千名老人拥有养老床位数(张)`` → name and unit ``张``; no brackets → unit ``""``."""
    match = _NAME_UNIT.match(text.strip())
    if match is None:
        return NameUnit(text.strip(), "")
    return NameUnit(match["name"], match["unit"].strip(), match["close"] is not None)
