"""What every reader does once its blocks are in order: captions and notes for each table."""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from minzheng_plans.text.grid import Content, Grid, Paragraph

__all__ = ["MAX_CAPTION", "attach_captions", "finish", "is_caption", "is_note"]

# Longer than this, a paragraph above a table is body text, not the table's title.
MAX_CAPTION = 60
_CAPTION = re.compile(r"^(?:附?表\s*[0-9０-９一二三四五六七八九十]+|专栏\s*\d+)")
_CAPTION_WORDS = ("指标", "目标", "情况表", "一览表")
_NOTE = re.compile(r"^(?:注|说明|备注)\s*[0-9０-９]*\s*[:：.、]")


def is_caption(text: str) -> bool:
    """``表1 …主要指标`` or a short line naming indicators: the title of the table below."""
    key = text.strip()
    if not key or len(key) > MAX_CAPTION or key.endswith(("。", "；", ";")):
        return False
    return bool(_CAPTION.match(key)) or any(word in key for word in _CAPTION_WORDS)


def is_note(text: str) -> bool:
    """``注：…``, ``说明：…``: a note under a table."""
    return bool(_NOTE.match(text.strip()))


def attach_captions(blocks: Sequence[Paragraph | Grid]) -> list[Paragraph | Grid]:
    """Each grid with the caption paragraph just above it and the note paragraphs below.

    The paragraphs stay in place: metadata and prose readers see the document as published.
    A grid that already has a caption (an HTML ``<caption>``) keeps it.
    """
    out = list(blocks)
    for index, block in enumerate(out):
        if not isinstance(block, Grid):
            continue
        caption = block.caption
        before = out[index - 1] if index > 0 else None
        if caption is None and isinstance(before, Paragraph) and is_caption(before.text):
            caption = before.text
        notes = list(block.notes)
        for after in out[index + 1 :]:
            if not isinstance(after, Paragraph) or not is_note(after.text):
                break
            notes.append(after.text)
        # evolve: whatever else the reader set on the grid (its script, its extent) is kept.
        out[index] = attrs.evolve(block, caption=caption, notes=tuple(notes))
    return out


def _unboxed(grid: Grid) -> list[Paragraph]:
    """A one-column table's text as paragraphs: a 专栏 box drawn as a table is text."""
    out: list[Paragraph] = []
    for row in grid.rows:
        for cell in row:
            if cell.merged:
                continue
            out.extend(
                Paragraph(line.strip(), cell.place)
                for line in cell.text.split("\n")
                if line.strip()
            )
    return out


def _renumbered(blocks: Sequence[Paragraph | Grid]) -> list[Paragraph | Grid]:
    """Paragraphs and tables numbered 1, 2, 3 … in order, pages kept.

    A block already numbered so (most of them: readers count as they go) is kept as it is.
    """
    out: list[Paragraph | Grid] = []
    paragraphs = tables = 0
    for block in blocks:
        if isinstance(block, Paragraph):
            paragraphs += 1
            at = block.place
            if at.paragraph == paragraphs and at.table is at.row is at.column is None:
                out.append(block)
                continue
            place = attrs.evolve(at, paragraph=paragraphs, table=None, row=None, column=None)
            out.append(attrs.evolve(block, place=place))
            continue
        tables += 1
        if block.place.table == tables and all(
            cell.place.table == tables for row in block.rows for cell in row
        ):
            out.append(block)
            continue
        rows = [
            [attrs.evolve(cell, place=attrs.evolve(cell.place, table=tables)) for cell in row]
            for row in block.rows
        ]
        out.append(attrs.evolve(block, rows=rows, place=attrs.evolve(block.place, table=tables)))
    return out


def finish(blocks: Sequence[Paragraph | Grid]) -> Content:
    """What every reader ends with: one-column tables read as paragraphs, paragraphs and
    tables numbered in document order, captions and notes attached."""
    flat: list[Paragraph | Grid] = []
    for block in blocks:
        if isinstance(block, Grid) and block.width <= 1:
            flat.extend(_unboxed(block))
        else:
            flat.append(block)
    return Content(attach_captions(_renumbered(flat)))
