"""Table readers for the layouts text extraction leaves behind, with header order recovered.

Three layouts occur in published plans once a web page or PDF has been turned into text:

``cell-per-line``
    every cell on its own line (blank lines between are ignored);
``cell-per-line-bar``
    the same, each cell line ending in ``" |"``;
``row-per-line``
    a row per line, cells separated by ``" | "``.

A table is a header block followed by rows numbered 1, 2, 3 … Text extraction may scramble
the order of the header cells (``2015 / 2020年目标值 / 指标 / 属性`` above rows that read
``number, name, 2015, 2020, attribute``), split one header over two lines (``“十二五”`` /
``期间增长(%``) or leave the 序号 header out. The reader classifies each header by its words
and each row position by what its cells hold (a row number, a name, a value, an attribute),
then places every header on the position whose content fits it; value headers keep the order
in which they are written among themselves. Rows whose cells do not fit are returned as
:class:`RowProblem` with every cell, never dropped.
"""

from __future__ import annotations

import enum
import re
from collections import Counter
from collections.abc import Sequence

import attrs

from minzheng_plans.text.metadata import period_from_title
from minzheng_plans.text.normalise import Line, NormalisedText, normalise
from minzheng_plans.text.sections import parse_heading

__all__ = [
    "Cell",
    "Column",
    "ColumnRole",
    "Layout",
    "NameUnit",
    "RowProblem",
    "Table",
    "TableRow",
    "classify_header",
    "find_tables",
    "read_table",
    "split_name_unit",
]

# A cell line longer than this is body text: the table has ended.
MAX_CELL = 80
# Longest header text (spaces removed); captions are longer.
MAX_HEADER = 14
# How many header cells a header block may have.
MAX_HEADERS = 12
# How many non-empty lines above a header block may hold its caption.
CAPTION_REACH = 3


class Layout(enum.StrEnum):
    CELL_PER_LINE = "cell-per-line"
    CELL_PER_LINE_BAR = "cell-per-line-bar"
    ROW_PER_LINE = "row-per-line"


class ColumnRole(enum.StrEnum):
    """What a column holds, read from its header."""

    NUMBER = "number"  # 序号
    NAME = "name"  # 指标, 主要指标, 指标名称
    DEFINITION = "definition"  # 指标定义 (计算公式)
    UNIT = "unit"  # 单位
    VALUE = "value"  # 2015, 2020年目标值, 2020年基准值, 2020情况
    GROWTH = "growth"  # “十二五”期间增长(%)
    ATTRIBUTE = "attribute"  # 属性, 指标属性, 指标类型
    STATUS = "status"  # 完成情况
    NOTE = "note"  # 备注


@attrs.frozen
class Cell:
    """One cell: normalised ``text``, the ``raw`` text as published, its 1-based line.

    ``start`` and ``end`` delimit the cell in the normalised text, for exact quotes.
    """

    text: str
    raw: str
    line: int
    start: int
    end: int


@attrs.frozen
class Column:
    """A column in logical order: its header as written (fragments joined) and its role.

    For value columns, ``year`` is the year the header names (``十三五期末`` → 2020) and
    ``value_kind`` is ``"target"``, ``"baseline"`` or ``"actual"`` where the header says so.
    """

    header: str
    role: ColumnRole
    year: int | None = None
    value_kind: str | None = None
    line: int | None = None


@attrs.frozen
class TableRow:
    """A row read in full: its number, one cell per column, its first line."""

    number: int
    cells: tuple[Cell, ...]
    line: int

    def cell(self, columns: Sequence[Column], role: ColumnRole, index: int = 0) -> Cell | None:
        """The ``index``-th cell whose column has ``role``."""
        found = [
            cell for cell, column in zip(self.cells, columns, strict=True) if column.role == role
        ]
        return found[index] if index < len(found) else None


@attrs.frozen
class RowProblem:
    """A row that could not be read: every cell found for it, and why."""

    number: int | None
    cells: tuple[Cell, ...]
    line: int
    reason: str


@attrs.frozen
class Table:
    """A table: caption, layout, columns in logical order, rows and unreadable rows.

    ``reordered`` says whether the header order differs from the order the text wrote it
    in; ``header_line`` is the line of the first header cell.
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

    @property
    def row_count(self) -> int:
        """Every row the table holds, read or not."""
        return len(self.rows) + len(self.problems)

    def column_index(self, role: ColumnRole, index: int = 0) -> int | None:
        found = [i for i, column in enumerate(self.columns) if column.role == role]
        return found[index] if index < len(found) else None


# --- header classification -------------------------------------------------------------

_YEAR = re.compile(r"((?:19|20)\d{2})")
_CAPTION = re.compile(r"^(专栏\s*\d+|表\s*\d+)")
_ATTRIBUTE_WORDS = frozenset({"约束性", "预期性", "约束", "预期", "约束性指标", "预期性指标"})
_STATUS_WORDS = re.compile(r"^(已完成|未完成|基本完成|超额完成|完成|部分完成|未达到|达到|已达到)$")


def classify_header(text: str) -> Column | None:
    """The column a header text names, or ``None`` for text that is no header (alone)."""
    key = re.sub(r"\s+", "", text)
    # Captions (表2 …主要发展指标) are longer than any header and name the table.
    if not key or len(key) > MAX_HEADER or _CAPTION.match(key):
        return None
    if key in {"序号", "编号", "序"}:
        return Column(text, ColumnRole.NUMBER)
    if key in {"指标", "主要指标", "指标名称", "指标名", "指标内容", "项目", "名称", "指标项"}:
        return Column(text, ColumnRole.NAME)
    if key in {"单位", "计量单位", "指标单位"}:
        return Column(text, ColumnRole.UNIT)
    if "定义" in key or "计算公式" in key or "口径" in key:
        return Column(text, ColumnRole.DEFINITION)
    if key in {"属性", "指标属性", "指标类型", "类型", "性质", "指标性质"}:
        return Column(text, ColumnRole.ATTRIBUTE)
    if key in {"完成情况", "完成状态", "进展情况", "是否完成"}:
        return Column(text, ColumnRole.STATUS)
    if key in {"备注", "说明", "注"}:
        return Column(text, ColumnRole.NOTE)
    year = _header_year(key)
    if "增长" in key or "增幅" in key or "变化" in key:
        return Column(text, ColumnRole.GROWTH, year)
    if year is None and not any(w in key for w in (*_TARGET_WORDS, *_BASE_WORDS, *_ACTUAL_WORDS)):
        return None
    kind = None
    if any(w in key for w in _TARGET_WORDS):
        kind = "target"
    elif any(w in key for w in _BASE_WORDS):
        kind = "baseline"
    elif any(w in key for w in _ACTUAL_WORDS):
        kind = "actual"
    return Column(text, ColumnRole.VALUE, year, kind)


_TARGET_WORDS = ("目标", "规划值", "预期值")
_BASE_WORDS = ("基准", "基期", "基数", "现状", "起始")
_ACTUAL_WORDS = ("情况", "实际", "完成值", "实现值", "达到值")


def _header_year(key: str) -> int | None:
    match = _YEAR.search(key)
    if match:
        return int(match.group(1))
    period = period_from_title(key)
    # A bare "“十二五”" is a fragment of a split header ("“十二五”" / "期间增长(%").
    words = ("期末", "期初", "末", *_TARGET_WORDS, *_BASE_WORDS, *_ACTUAL_WORDS)
    if period is None or not any(w in key for w in words):
        return None
    # "十三五期末" is the period's last year; "十三五期初" its first.
    return period.start if "期初" in key else period.end


# --- cell content classification ---------------------------------------------------------


class _Content(enum.Enum):
    INT = "int"
    VALUE = "value"
    ATTRIBUTE = "attribute"
    STATUS = "status"
    UNIT = "unit"
    TEXT = "text"


_VALUE_CELL = re.compile(
    r"^(?:[≥≤><=]|不低于|不高于|不少于|不超过|不多于|高于|低于|超过|达到|约)?\s*"
    r"[-+]?\d[\d.,:%‰~～\-—]*\s*[%‰]?\s*[\u4e00-\u9fff/·]{0,6}$"
)
_NO_VALUE = frozenset({"/", "——", "—", "-", "--", "---", "无", "", "…", "——/", "/——"})
_RELATIVE = re.compile(r"^(不低于|不高于|不少于|不超过|高于|低于|略高于|快于|同步于|与)")
_UNIT_CELL = re.compile(r"^(?:[%‰]|[万亿千百]?[\u4e00-\u9fff]{1,3}(?:/[\u4e00-\u9fff·]{1,5})?)$")


def _content(text: str) -> _Content:
    key = text.strip()
    if key.isdigit():
        return _Content.INT
    if key in _ATTRIBUTE_WORDS:
        return _Content.ATTRIBUTE
    if _STATUS_WORDS.match(key):
        return _Content.STATUS
    if key in _NO_VALUE or _VALUE_CELL.match(key) or _RELATIVE.match(key):
        return _Content.VALUE
    if _UNIT_CELL.match(key):
        return _Content.UNIT
    return _Content.TEXT


_ROLE_CONTENT = {
    ColumnRole.NUMBER: _Content.INT,
    ColumnRole.NAME: _Content.TEXT,
    ColumnRole.DEFINITION: _Content.TEXT,
    ColumnRole.UNIT: _Content.UNIT,
    ColumnRole.VALUE: _Content.VALUE,
    ColumnRole.GROWTH: _Content.VALUE,
    ColumnRole.ATTRIBUTE: _Content.ATTRIBUTE,
    ColumnRole.STATUS: _Content.STATUS,
    ColumnRole.NOTE: _Content.TEXT,
}


def _position_contents(rows: Sequence[Sequence[Cell]], width: int) -> list[_Content]:
    kinds = []
    for position in range(width):
        votes = Counter(_content(row[position].text) for row in rows if len(row) == width)
        if not votes:
            kinds.append(_Content.TEXT)
            continue
        # A value column may hold integers (80, 100): INT only where every cell is one.
        (top, _count), *_ = votes.most_common(1)
        if top is _Content.INT and position > 0:
            top = _Content.VALUE
        if _Content.VALUE in votes and top is _Content.UNIT:
            top = _Content.VALUE if votes[_Content.VALUE] >= votes[_Content.UNIT] else top
        kinds.append(top)
    return kinds


def _recover_order(
    headers: Sequence[Column], rows: Sequence[Sequence[Cell]]
) -> tuple[tuple[Column, ...], bool]:
    """Headers placed on the row positions whose content fits them (module docstring)."""
    width = len(headers)
    contents = _position_contents(rows, width)
    wanted = [
        _Content.VALUE if _ROLE_CONTENT[h.role] is _Content.INT and i > 0 else _ROLE_CONTENT[h.role]
        for i, h in enumerate(headers)
    ]
    if Counter(wanted) != Counter(contents):
        # Content and headers disagree: trust the order as written.
        return tuple(headers), False
    queues: dict[_Content, list[Column]] = {}
    for header, content in zip(headers, wanted, strict=True):
        queues.setdefault(content, []).append(header)
    ordered = tuple(queues[content].pop(0) for content in contents)
    return ordered, ordered != tuple(headers)


# --- locating tables -----------------------------------------------------------------------

_BAR_END = re.compile(r"\s*\|\s*$")


def _cell_text(text: str) -> str:
    return _BAR_END.sub("", text).strip()


def _is_header_cell(text: str) -> bool:
    key = _cell_text(text)
    if not key or "。" in key or len(key) > 2 * MAX_HEADER:
        return False
    # A bare year (2015) heads a value column; any other number is a row number or value.
    return not key.isdigit() or bool(_YEAR.fullmatch(key))


@attrs.frozen
class _Block:
    """A run of header lines: their texts and lines, with split fragments joined."""

    columns: tuple[Column, ...]
    first_line: int
    next_index: int  # index (into the non-empty lines) of the first row cell


def _join_headers(items: Sequence[tuple[str, int]]) -> list[Column] | None:
    columns: list[Column] = []
    pending: list[tuple[str, int]] = []
    for text, line in items:
        pending.append((text, line))
        joined = "".join(t for t, _ in pending)
        column = classify_header(joined)
        if column is not None:
            columns.append(attrs.evolve(column, line=pending[0][1]))
            pending = []
    if pending:
        return None
    return columns


def _caption_before(lines: Sequence[tuple[str, int]], index: int) -> tuple[str, int] | None:
    for text, line in reversed(lines[max(0, index - CAPTION_REACH) : index]):
        stripped = _cell_text(text)
        if _CAPTION.match(stripped) or ("指标" in stripped and len(stripped) <= 40):
            return stripped, line
        if parse_heading(stripped, line) is not None and "指标" in stripped:
            return stripped, line
    return None


def find_tables(text: str | NormalisedText) -> list[Table]:
    """Every numbered indicator table of the text, in any of the three layouts."""
    normalised = text if isinstance(text, NormalisedText) else normalise(text)
    lines = [line for line in normalised.lines() if line.stripped]
    tables: list[Table] = []
    index = 0
    while index < len(lines):
        table = _table_at(normalised, lines, index)
        if table is None:
            index += 1
            continue
        tables.append(table)
        end = table.end_line or lines[index].number
        while index < len(lines) and lines[index].number <= end:
            index += 1
    return tables


def read_table(text: str | NormalisedText, header_line: int) -> Table | None:
    """The table whose header starts on 1-based ``header_line``, or ``None``."""
    normalised = text if isinstance(text, NormalisedText) else normalise(text)
    lines = [line for line in normalised.lines() if line.stripped]
    for index, line in enumerate(lines):
        if line.number == header_line:
            return _table_at(normalised, lines, index)
    return None


def _table_at(normalised: NormalisedText, lines: Sequence[Line], index: int) -> Table | None:
    line = lines[index]
    stripped = line.stripped
    if " | " in stripped.rstrip(" |") or stripped.count("|") >= 3:
        return _pipe_table(normalised, lines, index)
    # A header block starts with a header that reads alone; fragments come later only.
    if not _is_header_cell(stripped) or classify_header(_cell_text(stripped)) is None:
        return None
    return _cell_table(normalised, lines, index)


def _caption(lines: Sequence[Line], index: int) -> tuple[str, int] | None:
    first = max(0, index - CAPTION_REACH)
    plain = [(line.stripped, line.number) for line in lines[first:index]]
    return _caption_before(plain, len(plain))


def _make_cell(normalised: NormalisedText, line: Line, text: str, offset: int) -> Cell:
    start = line.start + offset
    end = start + len(text)
    return Cell(text, normalised.quote(start, end).strip(), line.number, start, end)


def _line_cell(normalised: NormalisedText, line: Line) -> Cell:
    raw_text = line.text
    text = _cell_text(raw_text)
    offset = raw_text.find(text) if text else 0
    return _make_cell(normalised, line, text, max(offset, 0))


def _cell_table(normalised: NormalisedText, lines: Sequence[Line], index: int) -> Table | None:
    bar = bool(_BAR_END.search(lines[index].text))
    # The header block: header-like cells up to the first cell reading "1".
    items: list[tuple[str, int]] = []
    cursor = index
    while cursor < len(lines) and len(items) < MAX_HEADERS:
        text = _cell_text(lines[cursor].stripped)
        if text == "1":
            break
        if not _is_header_cell(lines[cursor].stripped):
            return None
        items.append((text, lines[cursor].number))
        cursor += 1
    if cursor >= len(lines) or len(items) < 2:
        return None
    headers = _join_headers(items)
    if headers is None or not any(h.role == ColumnRole.NAME for h in headers):
        return None
    if sum(h.role in {ColumnRole.VALUE, ColumnRole.GROWTH} for h in headers) == 0:
        return None
    if not any(h.role == ColumnRole.NUMBER for h in headers):
        headers.insert(0, Column("", ColumnRole.NUMBER))
    width = len(headers)
    cells: list[Cell] = []
    end_line = lines[cursor - 1].number
    for position in range(cursor, len(lines)):
        line = lines[position]
        raw_text = line.stripped
        if bar and not _BAR_END.search(raw_text):
            break
        text = _cell_text(raw_text)
        if len(text) > MAX_CELL or "。" in text or (not bar and parse_heading(text, 0)):
            break
        cells.append(_line_cell(normalised, line))
    rows, problems, used = _split_rows(cells, width)
    if used:
        end_line = cells[used - 1].line
    if not rows and not problems:
        return None
    columns, reordered = _recover_order(headers, [row.cells for row in rows])
    caption = _caption(lines, index)
    return Table(
        caption=caption[0] if caption else None,
        caption_line=caption[1] if caption else None,
        layout=Layout.CELL_PER_LINE_BAR if bar else Layout.CELL_PER_LINE,
        columns=columns,
        rows=tuple(rows),
        problems=tuple(problems),
        header_line=lines[index].number,
        end_line=end_line,
        reordered=reordered,
    )


# A table whose numbering skips (a row lost in extraction) goes on at the next number.
MAX_SKIP = 2


def _row_start(text: str, expected: int) -> int | None:
    """The row number ``text`` starts, if it is ``expected`` or a small skip past it."""
    if not text.isdigit():
        return None
    number = int(text)
    return number if expected <= number <= expected + MAX_SKIP else None


def _split_rows(cells: Sequence[Cell], width: int) -> tuple[list[TableRow], list[RowProblem], int]:
    """Rows numbered 1, 2, 3 … of ``width`` cells each; returns rows, problems, cells used."""
    rows: list[TableRow] = []
    problems: list[RowProblem] = []
    at = 0
    number = 1
    while at < len(cells):
        start = _row_start(cells[at].text, number)
        if start is None:
            break
        number = start
        following = str(number + 1)
        if at + width <= len(cells) and (
            at + width == len(cells) or cells[at + width].text == following
        ):
            end = at + width
        else:
            # The row is short or long: it ends where the next number starts, if anywhere.
            end = next(
                (
                    j
                    for j in range(at + 2, min(len(cells), at + 2 * width))
                    if cells[j].text == following
                ),
                min(len(cells), at + width),
            )
        chunk = tuple(cells[at:end])
        if len(chunk) == width:
            rows.append(TableRow(number, chunk, chunk[0].line))
        else:
            reason = f"{len(chunk)} cells where the header has {width}"
            problems.append(RowProblem(number, chunk, chunk[0].line, reason))
        at = end
        number += 1
    return rows, problems, at


def _split_pipes(text: str) -> list[tuple[str, int]]:
    """Cells of a ``a | b | c |`` line with their offsets in it."""
    cells: list[tuple[str, int]] = []
    position = 0
    for piece in text.split("|"):
        stripped = piece.strip()
        offset = position + (piece.find(stripped) if stripped else 0)
        cells.append((stripped, offset))
        position += len(piece) + 1
    while cells and not cells[-1][0]:
        cells.pop()
    return cells


def _pipe_table(normalised: NormalisedText, lines: Sequence[Line], index: int) -> Table | None:
    header_text = lines[index].text
    header_cells = _split_pipes(header_text)
    headers: list[Column] = []
    for text, _offset in header_cells:
        column = classify_header(text)
        if column is None:
            return None
        headers.append(attrs.evolve(column, line=lines[index].number))
    if not any(h.role == ColumnRole.NAME for h in headers) or len(headers) < 3:
        return None
    width = len(headers)
    rows: list[TableRow] = []
    problems: list[RowProblem] = []
    end_line = lines[index].number
    number = 1
    for position in range(index + 1, len(lines)):
        line = lines[position]
        pieces = _split_pipes(line.text)
        start = _row_start(pieces[0][0], number) if len(pieces) >= 2 else None
        if start is None:
            break
        number = start
        cells = tuple(_make_cell(normalised, line, piece, offset) for piece, offset in pieces)
        if len(cells) == width:
            rows.append(TableRow(number, cells, line.number))
        else:
            reason = f"{len(cells)} cells where the header has {width}"
            problems.append(RowProblem(number, cells, line.number, reason))
        end_line = line.number
        number += 1
    if not rows and not problems:
        return None
    caption = _caption(lines, index)
    return Table(
        caption=caption[0] if caption else None,
        caption_line=caption[1] if caption else None,
        layout=Layout.ROW_PER_LINE,
        columns=tuple(headers),
        rows=tuple(rows),
        problems=tuple(problems),
        header_line=lines[index].number,
        end_line=end_line,
    )


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
