"""The steps every format reader shares: merged cells expanded, blocks numbered in order, and
a web page's text-only cells, each against results written by hand."""

from __future__ import annotations

from minzheng_plans.reading.formats._blocks import attach_captions, finish
from minzheng_plans.reading.formats._spans import SpanCell, expand_spans
from minzheng_plans.reading.formats.html import read_html
from minzheng_plans.text.grid import Grid, GridCell, Paragraph, Place


def _texts(grid: list[list[GridCell]]) -> list[list[tuple[str, bool]]]:
    return [[(cell.text, cell.merged) for cell in row] for row in grid]


def test_unmerged_table_padded_and_placed() -> None:
    """A table without merged cells keeps its cells in place and pads short rows."""
    rows = [[SpanCell("a"), SpanCell("b")], [SpanCell("c")]]
    grid = expand_spans(rows, table=3, page=2)
    assert [[("a", False), ("b", False)], [("c", False), ("", False)]] == _texts(grid)
    assert Place(page=2, table=3, row=2, column=2) == grid[1][1].place


def test_zero_span_read_as_one() -> None:
    """A colspan or rowspan of 0 covers one slot, like 1."""
    rows = [[SpanCell("a", colspan=0), SpanCell("b", rowspan=0)], [SpanCell("c"), SpanCell("d")]]
    assert [[("a", False), ("b", False)], [("c", False), ("d", False)]] == _texts(
        expand_spans(rows, table=1)
    )


def test_merged_cell_copied_into_its_slots() -> None:
    """A cell spanning two rows is copied below, marked merged, and pushes the next cell on."""
    rows = [[SpanCell("a", rowspan=2), SpanCell("b")], [SpanCell("c")]]
    assert [[("a", False), ("b", False)], [("a", True), ("c", False)]] == _texts(
        expand_spans(rows, table=1)
    )


def test_blocks_numbered_in_document_order() -> None:
    """Paragraphs and tables are renumbered from 1 whatever numbers the reader gave them."""
    cell = GridCell("x", Place(table=7, row=1, column=1))
    blocks = [
        Paragraph("标题", Place(paragraph=1), heading_level=0),
        Paragraph("正文", Place(paragraph=1)),
        Grid([[cell, cell]], Place(table=7)),
        Grid([[GridCell("y", Place(table=2)), cell]], Place(table=2)),
    ]
    content = finish(blocks)
    assert [1, 2] == [p.place.paragraph for p in content.paragraphs]
    assert [1, 2] == [g.place.table for g in content.grids]
    assert [[1, 1], [2, 2]] == [[c.place.table for c in g.rows[0]] for g in content.grids]


def test_numbered_blocks_kept_as_they_are() -> None:
    """Blocks the reader already numbered come out equal, headings and pages kept."""
    blocks = [
        Paragraph("一、总体要求", Place(page=1, paragraph=1), heading_level=1),
        Grid([[GridCell("a", Place(table=1, row=1, column=1))] * 2], Place(table=1)),
    ]
    assert tuple(blocks) == finish(blocks).blocks


def test_web_page_cells_with_and_without_markup() -> None:
    """A cell of bare text reads like one of paragraphs and spans; a ``<br>`` after a sentence
    breaks the line, another one joins it."""
    page = (
        "<html><body><div class='TRS_Editor'><p>某县民政事业发展规划正文段落。</p>"
        "<table><tr><td> 养老\u3000床位 </td><td><p><span>养老</span>床位</p>&nbsp;</td></tr>"
        "<tr><td>1<br>2。<br>3</td><td><p>甲</p><p>乙</p></td></tr></table></div></body></html>"
    ).encode()
    grid = read_html(page).content.grids[0]
    assert [["养老床位", "养老床位"], ["1 2。\n3", "甲\n乙"]] == [
        [cell.text for cell in row] for row in grid.rows
    ]


def test_a_caption_keeps_what_else_the_grid_says():
    """Attaching a caption and notes keeps the grid's script, layout and extent."""
    grid = Grid(
        ((GridCell("指標"), GridCell("單位")),),
        Place(table=1),
        layout="row-per-line",
        end=Place(table=1, row=3),
        traditional=True,
    )
    blocks = [
        Paragraph("表1 主要指標", Place(paragraph=1)),
        grid,
        Paragraph("注：說明", Place(paragraph=2)),
    ]
    attached = attach_captions(blocks)[1]
    assert isinstance(attached, Grid)
    assert ("表1 主要指標", ("注：說明",)) == (attached.caption, attached.notes)
    assert (True, "row-per-line", Place(table=1, row=3)) == (
        attached.traditional,
        attached.layout,
        attached.end,
    )
