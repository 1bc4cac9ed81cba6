"""Text layouts to grids: :func:`find_grids` cuts every table of a text into a :class:`Grid`.

A plan reaches us as text in one of five table layouts, depending on where it was copied
from and how it was extracted:

``row-per-line``
    a row per line, cells between ``|`` — Markdown (``| --- |`` separator rows, outer pipes
    or none) and the ``a | b | c |`` of web-page extraction;
``tab``
    a row per line, cells separated by TAB (pasted from a spreadsheet or a word processor);
``spaces``
    a row per line, columns separated by runs of spaces (PDF text), or by single spaces where
    the header shows the columns; the header may run over two or three lines
    (``2020年  2025年`` over ``基期值  目标值``; ``指标值`` over the years);
``cell-per-line`` and ``cell-per-line-bar``
    every cell on its own line (each ending in ``" |"`` in the bar form), rows numbered
    1, 2, 3 …; the header cells may be scrambled and split over lines.

Every grid keeps its cells as published (:class:`GridCell` text is the original text, its
place the 1-based line), the caption above it (``表1 …``, ``专栏2 …``, a short line naming
指标) and the notes after it (``注：``, ``说明：``, ``备注：`` and their numbered lines), which
are never read as rows. What the cells mean is decided later, by
:func:`minzheng_plans.text.rows.read_grids`, the same way for every source.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from minzheng_plans.text import _spaces
from minzheng_plans.text._cells import cell_grid, make_cell
from minzheng_plans.text.classify import CAPTION_START
from minzheng_plans.text.grid import Grid, GridCell, Place
from minzheng_plans.text.normalise import Line, NormalisedText, normalise
from minzheng_plans.text.sections import parse_heading
from minzheng_plans.text.vocabulary import NOTES_STARTS

__all__ = ["CAPTION_REACH", "find_grids", "grid_at", "is_caption", "is_notes_start"]

#: How many non-empty lines above a table may hold its caption.
CAPTION_REACH = 3
#: Longest caption line.
MAX_CAPTION = 40
# Notes may go on over numbered lines; a table's notes stop after this many lines.
_MAX_NOTES = 12

_SEPARATOR_CELL = re.compile(r"^:?-{2,}:?$|^[-=+:]+$")
_ENUMERATED = re.compile(r"^(\d{1,2}\s*[.、]|\(\s*\d{1,2}\s*\)|[①-⑳])")


def find_grids(text: str | NormalisedText) -> list[Grid]:
    """Every table of ``text``, in document order, as a grid with caption and notes."""
    normalised = text if isinstance(text, NormalisedText) else normalise(text)
    lines = [line for line in normalised.lines() if line.stripped]
    grids: list[Grid] = []
    index = 0
    floor = 0  # a caption is never looked for inside the previous table
    while index < len(lines):
        found = grid_at(normalised, lines, index, floor=floor)
        if found is None:
            index += 1
            continue
        grid, index = found
        grids.append(grid)
        floor = index
    return grids


def grid_at(
    normalised: NormalisedText, lines: Sequence[Line], index: int, *, floor: int = 0
) -> tuple[Grid, int] | None:
    """The grid whose first row is ``lines[index]`` and the index of the line after it."""
    line = lines[index]
    found: tuple[list[list[GridCell]], str, int] | None = None
    if _pipe_cells(line.text) is not None:
        found = _pipe_rows(normalised, lines, index)
    elif "\t" in line.text:
        found = _tab_rows(normalised, lines, index)
    if found is None:
        found = cell_grid(normalised, lines, index)
    if found is None:
        found = _spaces.space_grid(normalised, lines, index)
    if found is None:
        return None
    rows, layout, after = found
    caption = _caption(normalised, lines, index, floor)
    notes, after = _notes(normalised, lines, after)
    last = lines[after - 1].number
    grid = Grid(
        rows,
        place=Place(line=line.number),
        caption=caption[0] if caption else None,
        notes=notes,
        layout=layout,
        caption_place=Place(line=caption[1]) if caption else None,
        end=Place(line=last),
        traditional=normalised.converted,
    )
    return grid, after


# --- pipes and tabs --------------------------------------------------------------------------


def _pipe_cells(text: str, outer: bool | None = None) -> list[tuple[str, int]] | None:
    """The cells of a pipe row with their offsets, or ``None`` for a line that is not one.

    A line starting with ``|`` is a row even with one cell (a Markdown row); otherwise it
    needs two cells, so that a lone cell ending in ``" |"`` stays a cell-per-line-bar cell.
    ``outer`` says whether the table writes outer pipes (its first row does): then the piece
    before the first pipe is no cell; otherwise an empty first piece is an empty cell.
    """
    if "|" not in text:
        return None
    cells: list[tuple[str, int]] = []
    position = 0
    for piece in text.split("|"):
        stripped = piece.strip()
        offset = position + (piece.find(stripped) if stripped else 0)
        cells.append((stripped, offset))
        position += len(piece) + 1
    starts = text.lstrip().startswith("|")
    outer = starts if outer is None else outer
    if outer and cells and not cells[0][0]:
        cells.pop(0)
    if cells and not cells[-1][0]:
        cells.pop()
    if not cells or (not starts and len(cells) < 2):
        return None
    return cells


def _is_separator(cells: Sequence[tuple[str, int]]) -> bool:
    return all(_SEPARATOR_CELL.match(text.replace(" ", "")) for text, _ in cells if text) and any(
        text for text, _ in cells
    )


def _pipe_rows(
    normalised: NormalisedText, lines: Sequence[Line], index: int
) -> tuple[list[list[GridCell]], str, int] | None:
    rows: list[list[GridCell]] = []
    cursor = index
    outer = lines[index].text.lstrip().startswith("|")
    while cursor < len(lines):
        line = lines[cursor]
        cells = _pipe_cells(line.text, outer)
        if cells is None:
            break
        cursor += 1
        if _is_separator(cells):
            continue
        rows.append([make_cell(normalised, line, text, offset) for text, offset in cells])
    if sum(len(row) >= 2 for row in rows) < 2:
        return None
    return rows, "row-per-line", cursor


def _tab_rows(
    normalised: NormalisedText, lines: Sequence[Line], index: int
) -> tuple[list[list[GridCell]], str, int] | None:
    rows: list[list[GridCell]] = []
    cursor = index
    while cursor < len(lines):
        line = lines[cursor]
        pieces = line.text.split("\t")
        if len([p for p in pieces if p.strip()]) < 2:
            break
        cells: list[GridCell] = []
        position = 0
        for piece in pieces:
            stripped = piece.strip()
            offset = position + (piece.find(stripped) if stripped else 0)
            cells.append(make_cell(normalised, line, stripped, offset))
            position += len(piece) + 1
        while cells and not cells[-1].text:
            cells.pop()
        rows.append(cells)
        cursor += 1
    if len(rows) < 2:
        return None
    return rows, "tab", cursor


# --- caption and notes -----------------------------------------------------------------------


def is_caption(text: str) -> bool:
    """A line that names the table below it: ``表1 …``, ``专栏2 …`` or a short ``…指标`` line."""
    if len(text) > MAX_CAPTION or "。" in text:
        return False
    if CAPTION_START.match(text):
        return True
    return "指标" in text or ("目标" in text and parse_heading(text, 0) is not None)


def _caption(
    normalised: NormalisedText, lines: Sequence[Line], index: int, floor: int
) -> tuple[str, int] | None:
    for line in reversed(lines[max(floor, index - CAPTION_REACH) : index]):
        stripped = line.stripped.rstrip(" |").strip()
        if is_caption(stripped):
            start = line.start + line.text.find(stripped)
            return normalised.quote(start, start + len(stripped)), line.number
    return None


def is_notes_start(text: str) -> bool:
    """A line that starts a table's notes: ``注：``, ``说明：``, ``备注：``, ``资料来源…``."""
    key = text.strip().lstrip("|").strip()
    return key in {"注", "说明", "备注", "注:", "说明:", "备注:"} or key.startswith(NOTES_STARTS)


def _notes(
    normalised: NormalisedText, lines: Sequence[Line], index: int
) -> tuple[tuple[str, ...], int]:
    notes: list[str] = []
    cursor = index
    enumerated = False
    while cursor < len(lines) and len(notes) < _MAX_NOTES:
        text = lines[cursor].stripped
        if is_notes_start(text):
            # "注：" alone, ending in a colon or starting a numbered list ("注：1.…") heads
            # numbered notes on the lines below.
            rest = text.lstrip("|").strip()[2:].lstrip(": ")
            enumerated = text.rstrip().endswith(":") or len(text) <= 3
            enumerated = enumerated or bool(_ENUMERATED.match(rest))
        elif not (enumerated and _ENUMERATED.match(text)):
            break
        line = lines[cursor]
        start = line.start + line.text.find(text)
        notes.append(normalised.quote(start, start + len(text)))
        cursor += 1
    return tuple(notes), cursor
