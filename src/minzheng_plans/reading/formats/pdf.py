"""PDF documents read with pdfplumber (MIT, on pdfminer.six): text in reading order and
tables from the page's ruling lines.

**Tables.** pdfplumber finds a table where ruling lines enclose cells (the ``lines``
strategy): what Word, WPS and LibreOffice draw for a bordered table. A cell's wrapped lines
are joined without a space between Chinese characters; a cell spanning several slots is
copied into each (``merged``). A table that goes on over a page break is joined with its
first part when nothing but the page break separates them and the widths agree; the header
rows the continuation repeats are dropped, and a row the page break cut in two (the
continuation starts with a row without a number whose cells are mostly empty) is joined.
An *unruled* table (columns kept apart by spacing only) is not taken for a table: its
rows stay lines of text with runs of two spaces between the columns, which is the text
layout the table reader reads from plain text.

**Text.** Lines outside tables are rebuilt from the characters (no space between Chinese
characters; two spaces where a wide gap separates columns), page numbers and the page's
top and bottom strip are dropped, and lines are joined into paragraphs: a paragraph ends
at a short line, before an indented line, at a change of font size or at a wide vertical
gap, and goes on over a page break when the page ends mid-paragraph.

**Pages that give no text.** A page with images but no characters is scanned; a page whose
characters come out as ``(cid:NNN)`` uses a font without a Unicode map. Both are reported
per page (:class:`PdfContent`), and their text is left out rather than read as garbage.
"""

from __future__ import annotations

import io
import re
import statistics
from collections.abc import Sequence
from typing import Any

import attrs

from minzheng_plans.core.errors import DocumentError
from minzheng_plans.reading.formats._blocks import finish
from minzheng_plans.reading.formats._deps import optional_module
from minzheng_plans.text.grid import Content, Grid, GridCell, Paragraph, Place
from minzheng_plans.text.joining import is_wide, join_pieces, squash_spaces

__all__ = ["PdfContent", "read_pdf"]

# The strip at the top and bottom of a page where running heads and page numbers sit.
_FURNITURE = 0.05
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*\d+)?[-—–\s]*$")
_CID = re.compile(r"^\(cid:\d+\)$")
# A page whose characters are this share of (cid:NNN) glyphs has no usable text layer.
_CID_SHARE = 0.1
# In units of the font size: a gap this wide between characters separates table columns;
# one this wide separates Latin words.
_COLUMN_GAP = 1.5
_WORD_GAP = 0.25
# A line this far short of the right margin ends its paragraph; one indented this far
# starts one; a vertical gap this many line heights separates paragraphs.
_SHORT_LINE = 1.5
_INDENT = 1.0
_PARAGRAPH_GAP = 1.0
_SIZE_CHANGE = 0.15


@attrs.frozen
class PdfContent:
    """A PDF's content, its page count, and the pages that gave no usable text."""

    content: Content
    pages: int
    scanned_pages: tuple[int, ...] = ()
    cid_pages: tuple[int, ...] = ()


@attrs.frozen
class _Line:
    text: str
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    columns: bool  # wide gaps inside: a row of an unruled table


@attrs.frozen
class _Part:
    """A table as found on one page, rows of cells, before joining across pages."""

    rows: tuple[tuple[GridCell, ...], ...]
    page: int
    top: float


def _line_text(chars: Sequence[dict[str, Any]]) -> tuple[str, bool]:
    """A line's text from its characters, with the gap rules of the module docstring."""
    out = ""
    columns = False
    previous: dict[str, Any] | None = None
    for char in sorted(chars, key=lambda c: c["x0"]):
        text = char["text"]
        if previous is not None and text.strip():
            gap = char["x0"] - previous["x1"]
            size = max(char.get("size") or 0.0, 1.0)
            if gap > _COLUMN_GAP * size:
                out = out.rstrip() + "  "
                columns = True
            elif gap > _WORD_GAP * size and out and not (is_wide(out[-1]) or is_wide(text[0])):
                out = out.rstrip() + " "
        out += text
        if text.strip():
            previous = char
    return out.strip(), columns


def _box(bbox: Sequence[float]) -> tuple[float, float, float, float]:
    x0, top, x1, bottom = (float(v) for v in bbox)
    return x0, top, x1, bottom


def _in_boxes(obj: dict[str, Any], boxes: Sequence[tuple[float, float, float, float]]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _lines(
    page: Any, number: int, boxes: Sequence[tuple[float, float, float, float]]
) -> list[_Line]:
    outside = page.filter(lambda obj: obj.get("object_type") != "char" or not _in_boxes(obj, boxes))
    height = float(page.height)
    lines = []
    for found in outside.extract_text_lines(return_chars=True):
        chars = found["chars"]
        if not chars:
            continue
        text, columns = _line_text(chars)
        top, bottom = float(found["top"]), float(found["bottom"])
        furniture = bottom < _FURNITURE * height or top > (1 - _FURNITURE) * height
        if not text or furniture or _PAGE_NUMBER.match(text):
            continue
        size = statistics.median(float(c.get("size") or 0.0) for c in chars)
        lines.append(
            _Line(text, number, top, bottom, float(found["x0"]), float(found["x1"]), size, columns)
        )
    return lines


def _cell(text: str | None) -> str:
    """A cell's wrapped lines joined; explicit line structure is not kept (PDF has none)."""
    return join_pieces(squash_spaces(line) for line in (text or "").split("\n"))


def _edges(boxes: Sequence[tuple[float, ...]], low: int, high: int) -> list[float]:
    """The grid lines along one axis: every cell's start, and the table's far edge."""
    starts = sorted({round(box[low], 1) for box in boxes})
    return [*starts, max(round(box[high], 1) for box in boxes)]


def _table_part(table: Any, page: int, index: int) -> _Part:
    """One found table as rows of cells, spanning cells copied into the slots they cover.

    pdfplumber lists, per row, a cell where one starts and ``None`` where a cell from the
    left or above spans into the slot; the slot's centre, on the grid of every cell's start
    lines, tells which cell covers it.
    """
    texts = table.extract()
    origin: dict[tuple[float, ...], str] = {}
    for r, row in enumerate(table.rows):
        for c, box in enumerate(row.cells):
            if box is not None:
                origin[tuple(box)] = _cell(texts[r][c])
    boxes = list(origin)
    xs = _edges(boxes, 0, 2) if boxes else []
    ys = _edges(boxes, 1, 3) if boxes else []
    out: list[tuple[GridCell, ...]] = []
    for r, row in enumerate(table.rows):
        line: list[GridCell] = []
        for c, box in enumerate(row.cells):
            place = Place(page=page, table=index, row=r + 1, column=c + 1)
            if box is not None:
                line.append(GridCell(origin[tuple(box)], place))
                continue
            text = ""
            if c + 1 < len(xs) and r + 1 < len(ys):
                x, y = (xs[c] + xs[c + 1]) / 2, (ys[r] + ys[r + 1]) / 2
                text = next(
                    (t for b, t in origin.items() if b[0] <= x <= b[2] and b[1] <= y <= b[3]), ""
                )
            line.append(GridCell(text, place, merged=bool(text)))
        out.append(tuple(line))
    return _Part(tuple(out), page, float(table.bbox[1]))


def _texts(row: Sequence[GridCell]) -> tuple[str, ...]:
    return tuple(cell.text for cell in row)


def _is_fragment(row: Sequence[GridCell]) -> bool:
    """The rest of a row broken by a page break: no number, most cells empty."""
    filled = sum(1 for cell in row if cell.text)
    return bool(row) and not row[0].text and 0 < filled <= len(row) // 2


def _join(first: Grid, part: _Part) -> Grid:
    """``first`` with a continuation appended, the header rows it repeats dropped."""
    rows = list(part.rows)
    skip = 0
    while skip < min(len(rows), len(first.rows) - 1) and _texts(rows[skip]) == _texts(
        first.rows[skip]
    ):
        skip += 1
    head = list(first.rows)
    if skip < len(rows) and head and _is_fragment(rows[skip]):
        # The page broke inside a row: its text goes on in the continuation's first row.
        head[-1] = tuple(
            attrs.evolve(cell, text=join_pieces([cell.text, more.text]))
            for cell, more in zip(head[-1], rows[skip], strict=False)
        )
        skip += 1
    first = attrs.evolve(first, rows=head)
    table = first.place.table
    base = len(first.rows)
    moved = [
        tuple(
            attrs.evolve(cell, place=attrs.evolve(cell.place, table=table, row=base + k + 1))
            for cell in row
        )
        for k, row in enumerate(rows[skip:])
    ]
    return attrs.evolve(first, rows=(*first.rows, *moved))


def _paragraphs(lines: Sequence[_Line], left: float, right: float) -> list[tuple[str, _Line]]:
    """Lines joined into paragraphs (module docstring); each with its first line."""
    out: list[tuple[str, _Line]] = []
    pieces: list[str] = []
    first: _Line | None = None
    previous: _Line | None = None
    for line in lines:
        if previous is not None and first is not None:
            size = max(line.size, 1.0)
            ends = (
                previous.columns
                or line.columns
                or previous.x1 < right - _SHORT_LINE * size
                or line.x0 > left + _INDENT * size
                or abs(line.size - previous.size) > _SIZE_CHANGE * size
                or (
                    line.page == previous.page
                    and line.top - previous.bottom > _PARAGRAPH_GAP * size
                )
            )
            if ends:
                out.append((_joined(pieces, first), first))
                pieces, first = [], None
        if first is None:
            first = line
        pieces.append(line.text)
        previous = line
    if pieces and first is not None:
        out.append((_joined(pieces, first), first))
    return out


def _joined(pieces: Sequence[str], first: _Line) -> str:
    if first.columns:
        return pieces[0]
    return join_pieces(squash_spaces(piece) for piece in pieces)


class _Reader:
    def __init__(self) -> None:
        self.items: list[tuple[int, float, _Line | _Part]] = []
        self.scanned: list[int] = []
        self.cid: list[int] = []

    def page(self, page: Any, number: int) -> None:
        chars = page.chars
        if not chars:
            if page.images:
                self.scanned.append(number)
            return
        cid = sum(1 for char in chars if _CID.match(char.get("text") or ""))
        if cid > _CID_SHARE * len(chars):
            self.cid.append(number)
            return
        tables = page.find_tables()
        boxes = [_box(table.bbox) for table in tables]
        for table in tables:
            part = _table_part(table, number, 0)
            self.items.append((number, part.top, part))
        for line in _lines(page, number, boxes):
            self.items.append((number, line.top, line))

    def blocks(self) -> list[Paragraph | Grid]:
        self.items.sort(key=lambda item: (item[0], item[1]))
        lines = [item for _, _, item in self.items if isinstance(item, _Line)]
        left = min((line.x0 for line in lines), default=0.0)
        right = max((line.x1 for line in lines), default=0.0)
        blocks: list[Paragraph | Grid] = []
        run: list[_Line] = []
        tables = 0
        paragraphs = 0

        def flush() -> None:
            nonlocal paragraphs
            for text, first in _paragraphs(run, left, right):
                paragraphs += 1
                place = Place(page=first.page, paragraph=paragraphs)
                blocks.append(Paragraph(text, place))
            run.clear()

        for _, _, item in self.items:
            if isinstance(item, _Line):
                run.append(item)
                continue
            previous = blocks[-1] if blocks and not run else None
            if (
                isinstance(previous, Grid)
                and previous.width == max(len(row) for row in item.rows)
                and _last_page(previous) == item.page - 1
            ):
                blocks[-1] = _join(previous, item)
                continue
            flush()
            tables += 1
            rows = [
                tuple(
                    attrs.evolve(cell, place=attrs.evolve(cell.place, table=tables)) for cell in row
                )
                for row in item.rows
            ]
            blocks.append(Grid(rows, Place(page=item.page, table=tables)))
        flush()
        return blocks


def _last_page(grid: Grid) -> int | None:
    return grid.rows[-1][0].place.page if grid.rows and grid.rows[-1] else None


def read_pdf(data: bytes, *, name: str | None = None) -> PdfContent:
    """The paragraphs and ruled tables of a PDF, and the pages without usable text."""
    pdfplumber = optional_module("pdfplumber", extra="pdf", what="PDF documents", path=name)
    reader = _Reader()
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = len(pdf.pages)
            for number, page in enumerate(pdf.pages, start=1):
                reader.page(page, number)
                page.close()
    except DocumentError:
        raise
    except Exception as err:  # noqa: BLE001 - pdfminer raises many types for a broken file
        msg = f"not a readable PDF: {type(err).__name__}: {err}"
        raise DocumentError(msg, path=name) from None
    content = finish(reader.blocks())
    return PdfContent(content, pages, tuple(reader.scanned), tuple(reader.cid))
