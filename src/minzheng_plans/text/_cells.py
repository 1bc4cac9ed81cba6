"""The one-cell-per-line layouts (``cell-per-line``, ``cell-per-line-bar``) cut into rows.

A table is a header block followed by rows numbered 1, 2, 3 …, every cell on its own line
(blank lines between are ignored), each ending in ``" |"`` in the bar form. Text extraction
may scramble the header order, split one header over two lines (``“十二五”`` / ``期间增长(%``,
``2020年`` / ``基期值``) or leave the 序号 header out: the header cells are combined here
only as far as needed to know the row width; what each column means, and the order the
rows hold them in, is decided by the grid reader like for every other source.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from minzheng_plans.text.classify import (
    Column,
    ColumnRole,
    classify_header,
    combine_fragments,
    is_category_text,
    is_header_fragment,
)
from minzheng_plans.text.grid import GridCell, Place
from minzheng_plans.text.normalise import Line, NormalisedText
from minzheng_plans.text.sections import parse_heading
from minzheng_plans.text.vocabulary import NOTES_STARTS

__all__ = ["MAX_CELL", "MAX_HEADERS", "MAX_SKIP", "cell_grid", "make_cell"]

#: A cell line longer than this is body text: the table has ended.
MAX_CELL = 80
#: How many header lines a header block may have.
MAX_HEADERS = 16
#: A table whose numbering skips (a row lost in extraction) goes on at the next number.
MAX_SKIP = 2

_YEAR = re.compile(r"(?:19|20)\d{2}")
_BAR_END = re.compile(r"\s*\|\s*$")


def _cell_text(text: str) -> str:
    return _BAR_END.sub("", text).strip()


def _is_header_cell(text: str) -> bool:
    key = _cell_text(text)
    if not key or "。" in key or len(key) > 28:
        return False
    # A bare year (2015) heads a value column; any other number is a row number or value.
    return not key.isdigit() or bool(_YEAR.fullmatch(key))


def make_cell(normalised: NormalisedText, line: Line, text: str, offset: int) -> GridCell:
    """A cell of ``line`` whose normalised ``text`` starts at ``offset``: published text."""
    start = line.start + offset
    raw = normalised.quote(start, start + len(text)).strip() if text else ""
    return GridCell(raw, Place(line=line.number))


@functools.lru_cache(maxsize=8192)
def _header_line(text: str) -> tuple[str, Column | None, bool] | None:
    """A header block's line: its cell text, its column alone, whether it is a fragment.

    ``None`` for a line that cannot be in a header block. Readers try a table at every line,
    and each try looks at the lines below: each line's reading is computed once.
    """
    if not _is_header_cell(text):
        return None
    cell = _cell_text(text)
    if cell == "1" or is_category_text(cell):
        return None
    return cell, classify_header(cell), is_header_fragment(cell)


def _pending(texts: Sequence[str]) -> bool:
    """Whether the last header texts are fragments still waiting for the rest of a header."""
    groups = combine_fragments(texts)
    return groups is None


def _ends_header(text: str) -> bool:
    """The first row's number or a category: the header block ends before it."""
    cell = _cell_text(text)
    return cell == "1" or is_category_text(cell)


def _line_cell(normalised: NormalisedText, line: Line) -> GridCell:
    text = _cell_text(line.text)
    offset = line.text.find(text) if text else 0
    return make_cell(normalised, line, text, max(offset, 0))


def cell_grid(
    normalised: NormalisedText, lines: Sequence[Line], index: int
) -> tuple[list[list[GridCell]], str, int] | None:
    """The cell-per-line table whose header starts at ``lines[index]``: rows, layout, end."""
    first = _header_line(lines[index].text)
    # A header block starts with a header that reads alone; fragments come later only.
    if first is None or first[1] is None:
        return None
    bar = bool(_BAR_END.search(lines[index].text))
    items: list[Line] = []
    texts: list[str] = []
    roles: set[ColumnRole] = set()
    fragments = False
    cursor = index
    while cursor < len(lines) and len(items) < MAX_HEADERS:
        info = _header_line(lines[cursor].text)
        if info is None:
            if _ends_header(lines[cursor].text):
                break
            return None
        text, column, fragment = info
        if column is None and not fragment and items and not _pending(texts):
            break  # text that is no header after a complete header block
        items.append(lines[cursor])
        texts.append(text)
        roles.update([column.role] if column is not None else [])
        fragments = fragments or fragment
        cursor += 1
    if cursor >= len(lines) or len(items) < 2:
        return None
    values = {ColumnRole.VALUE, ColumnRole.GROWTH}
    if ColumnRole.NAME not in roles or not (roles & values or fragments):
        return None
    groups = combine_fragments(texts)
    if groups is None:
        return None
    columns = [classify_header("".join(texts[i] for i in group), limit=28) for group in groups]
    roles = {column.role for column in columns if column is not None}
    if ColumnRole.NAME not in roles or not roles & {ColumnRole.VALUE, ColumnRole.GROWTH}:
        return None
    header = [_joined(normalised, [items[i] for i in group]) for group in groups]
    if ColumnRole.NUMBER not in roles:
        header.insert(0, GridCell(""))
    width = len(header)
    cells: list[GridCell] = []
    texts_after: list[str] = []
    position = cursor
    while position < len(lines):
        line = lines[position]
        raw_text = line.stripped
        if bar and not _BAR_END.search(raw_text):
            break
        text = _cell_text(raw_text)
        heading = not bar and parse_heading(text, 0) and not is_category_text(text)
        if len(text) > MAX_CELL or "。" in text or heading or text.startswith(NOTES_STARTS):
            break
        cells.append(_line_cell(normalised, line))
        texts_after.append(text)
        position += 1
    rows, used = _split_rows(cells, texts_after, width)
    if not rows and len(groups) < 3:
        return None
    # A header of three or more columns over no readable row is still a table seen: the
    # reader reports it (MZ507) rather than letting it pass as prose.
    layout = "cell-per-line-bar" if bar else "cell-per-line"
    return [header, *rows], layout, cursor + used


def _joined(normalised: NormalisedText, parts: Sequence[Line]) -> GridCell:
    """One header cell from its fragments: texts joined as published, the first one's line."""
    text = "".join(_line_cell(normalised, line).text for line in parts)
    return GridCell(text, Place(line=parts[0].number))


def _row_start(text: str, expected: int) -> int | None:
    """The row number ``text`` starts, if it is ``expected`` or a small skip past it."""
    if not text.isdigit():
        return None
    number = int(text)
    return number if expected <= number <= expected + MAX_SKIP else None


def _starts(text: str, following: str) -> bool:
    """Whether a row (numbered ``following``) or a category starts at a cell reading ``text``."""
    return text == following or is_category_text(text)


def _split_rows(
    cells: Sequence[GridCell], texts: Sequence[str], width: int
) -> tuple[list[list[GridCell]], int]:
    """Rows numbered 1, 2, 3 … of ``width`` cells each (category lines alone); cells used.

    A row is cut at the expected width when the next row number follows it there, so that a
    value equal to the next number (``12`` in row 11) does not end a row early; a short or
    long row ends where the next number starts and is left to the reader to report.
    """
    rows: list[list[GridCell]] = []
    at = 0
    number = 1
    while at < len(cells):
        if (
            is_category_text(texts[at])
            and at + 1 < len(cells)
            and _row_start(texts[at + 1], number) is not None
        ):
            rows.append([cells[at]])
            at += 1
            continue
        start = _row_start(texts[at], number)
        if start is None:
            break
        number = start
        following = str(number + 1)
        if at + width <= len(cells) and (
            at + width == len(cells) or _starts(texts[at + width], following)
        ):
            end = at + width
        else:
            end = next(
                (
                    j
                    for j in range(at + 2, min(len(cells), at + 2 * width))
                    if _starts(texts[j], following)
                ),
                min(len(cells), at + width),
            )
        rows.append(list(cells[at:end]))
        at = end
        number += 1
    return rows, at


def fragments_only(texts: Sequence[str]) -> bool:
    """Whether every text is a header fragment (a second header line such as ``基期值``)."""
    return bool(texts) and all(
        is_header_fragment(text) or classify_header(text) is not None for text in texts
    )
