"""Tables as grids of cells, and paragraphs with their places: what every reader hands on.

Every source a plan is published in ends up in these shapes before anything is interpreted:
a text document's table layouts (pipes, tabs, runs of spaces, one cell per line) are cut
into a :class:`Grid`; a DOCX, HTML or PDF table already is one, once merged cells are
expanded. One header classifier and one row builder then serve every format, so a
jurisdiction plugin's repairs apply to a PDF table exactly as to a text one.

A :class:`Place` says where something is the way a person would look for it: a line of a
text document, or a page, table, row and paragraph of a structured one.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = ["Content", "Grid", "GridCell", "Paragraph", "Place"]


@attrs.frozen
class Place:
    """Where a piece of a document is; every field is 1-based and optional.

    ``line`` is a line of a text document (or of the text a structured document was
    flattened to); ``page`` a PDF page; ``table``, ``row`` and ``column`` count tables in the
    document and rows and columns in the table; ``paragraph`` counts paragraphs.
    """

    line: int | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    paragraph: int | None = None


@attrs.frozen
class GridCell:
    """One cell of a grid: its text as published and where it is.

    ``merged`` marks a copy of a merged cell's text (HTML rowspan/colspan, DOCX vertical or
    horizontal merges, PDF spanning cells): the grid is rectangular, and the header
    classifier knows which cells were written once and spread.
    """

    text: str
    place: Place = Place()
    merged: bool = False


def _rows(rows: Iterable[Iterable[GridCell]]) -> tuple[tuple[GridCell, ...], ...]:
    return tuple(tuple(row) for row in rows)


def _strings(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


@attrs.frozen
class Grid:
    """A table as rows of cells, merged cells expanded, with its caption and notes.

    ``rows`` holds every row as published, header rows included; a reader decides which rows
    are headers. ``caption`` is the title above the table (``表1 …主要指标``) when one was
    found; ``notes`` are the 注/说明 lines after it, kept as text.

    ``layout`` names the text layout the grid was cut from (``row-per-line``, ``tab``,
    ``spaces``, ``cell-per-line``, ``cell-per-line-bar``; ``None`` for a structured
    document's table). ``caption_place`` is where the caption is and ``end`` the last place
    the table occupies (its last row or notes line): together with ``place`` they tell a
    prose reader which lines belong to the table.

    ``traditional`` says the document the grid comes from is written in traditional
    characters: its cells are read in simplified spelling (their text stays as published for
    quotes). A single short cell cannot tell its script by itself (序號 has no character that
    only traditional writing uses), so the document decides.
    """

    rows: tuple[tuple[GridCell, ...], ...] = attrs.field(converter=_rows)
    place: Place = Place()
    caption: str | None = None
    notes: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    layout: str | None = None
    caption_place: Place | None = None
    end: Place | None = None
    traditional: bool = False

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)


@attrs.frozen
class Paragraph:
    """A paragraph of body text (or a heading, with its level) and where it is."""

    text: str
    place: Place = Place()
    heading_level: int | None = None


def _blocks(blocks: Iterable[Paragraph | Grid]) -> tuple[Paragraph | Grid, ...]:
    return tuple(blocks)


@attrs.frozen
class Content:
    """A structured document's paragraphs and tables, in document order."""

    blocks: tuple[Paragraph | Grid, ...] = attrs.field(converter=_blocks)

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Paragraph))

    @property
    def grids(self) -> tuple[Grid, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Grid))
