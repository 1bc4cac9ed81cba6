"""The web-page reader on fictional pages of shapes the plan editions do not have: nested and
layout tables, line breaks in cells, lists, headings, merged header cells, navigation inside
the article, noncharacters; and linear time on hostile shapes. Expected blocks are written by
hand."""

from __future__ import annotations

import pytest

from minzheng_plans.core.errors import DocumentError
from minzheng_plans.reading.formats import _html_walk
from minzheng_plans.reading.formats.html import read_html
from minzheng_plans.text.grid import Content, Grid, GridCell, Paragraph, Place
from tests._linear import assert_linear


def _read(article: str, *, head: str = "") -> Content:
    page = f"<html><head>{head}</head><body><div class='TRS_Editor'>{article}</div></body></html>"
    return read_html(page.encode("utf-8")).content


def _p(number: int, text: str, level: int | None = None) -> Paragraph:
    return Paragraph(text, Place(paragraph=number), level)


def _cells(
    table: int, rows: list[list[str | tuple[str, bool]]]
) -> tuple[tuple[GridCell, ...], ...]:
    """Grid cells from texts; ``(text, True)`` is a merged copy."""
    out = []
    for r, row in enumerate(rows, 1):
        line = []
        for c, cell in enumerate(row, 1):
            text, merged = cell if isinstance(cell, tuple) else (cell, False)
            line.append(GridCell(text, Place(table=table, row=r, column=c), merged))
        out.append(tuple(line))
    return tuple(out)


def test_headings_lists_and_paragraphs() -> None:
    """Headings keep their level, list items and paragraphs are one paragraph each."""
    content = _read(
        "<h2>第一章　发展基础</h2><p>　　全县建成养老服务设施<span>120个</span>。</p>"
        "<h3><span>（一）</span>养老服务</h3><ul><li>一、完善政策</li><li>二、建设设施</li></ul>"
    )
    assert (
        _p(1, "第一章发展基础", 2),
        _p(2, "全县建成养老服务设施120个。"),
        _p(3, "（一）养老服务", 3),
        _p(4, "一、完善政策"),
        _p(5, "二、建设设施"),
    ) == content.blocks


def test_line_breaks_inside_a_paragraph() -> None:
    """A ``<br>`` joins a wrapped line, and starts a paragraph after a sentence or before an
    opener."""
    content = _read(
        "<p>到2025年，城乡社区<br>服务设施覆盖率达到100%。<br>（一）加强领导<br>1. 落实责任</p>"
    )
    assert (
        _p(1, "到2025年，城乡社区服务设施覆盖率达到100%。"),
        _p(2, "（一）加强领导"),
        _p(3, "1.落实责任"),
    ) == content.blocks


def test_merged_header_cells_and_breaks_in_cells() -> None:
    """A two-row header (rowspan and colspan) is expanded; a ``<br>`` in a cell joins the
    name, or keeps two lines after a sentence."""
    content = _read(
        "<table><tr><th rowspan='2'>指标</th><th colspan='2'>目标值</th></tr>"
        "<tr><th>2020年</th><th>2025年</th></tr>"
        "<tr><td>养老机构<br>护理型床位占比</td><td>40%</td><td>≥55%</td></tr>"
        "<tr><td>说明。<br>见附件</td><td colspan='2'>—</td></tr></table>"
    )
    expected = Grid(
        _cells(
            1,
            [
                ["指标", "目标值", ("目标值", True)],
                [("指标", True), "2020年", "2025年"],
                ["养老机构护理型床位占比", "40%", "≥55%"],
                ["说明。\n见附件", "—", ("—", True)],
            ],
        ),
        Place(table=1),
    )
    assert (expected,) == content.blocks


def test_nested_table_is_layout_and_its_inner_table_is_read() -> None:
    """A 专栏 box drawn as a table around a table: the box's text is paragraphs, the inner
    table a grid captioned by the box's title."""
    content = _read(
        "<table><tr><td><p>专栏1　养老服务设施</p>"
        "<table><tr><td>项目</td><td>目标</td></tr><tr><td>街道综合养老服务中心</td>"
        "<td>全覆盖</td></tr></table></td></tr></table><p>加强组织领导。</p>"
    )
    grid = Grid(
        _cells(1, [["项目", "目标"], ["街道综合养老服务中心", "全覆盖"]]),
        Place(table=1),
        caption="专栏1养老服务设施",
    )
    assert (_p(1, "专栏1养老服务设施"), grid, _p(2, "加强组织领导。")) == content.blocks


def test_one_column_table_and_caption_element() -> None:
    """A one-column table is a box of paragraphs; a ``<caption>`` names its grid."""
    content = _read(
        "<table><tr><td>专栏2</td></tr><tr><td>建设社区食堂<br>50个</td></tr></table>"
        "<table><caption> 表2　社会事务指标 </caption><tr><td>殡葬</td><td>100%</td></tr></table>"
    )
    grid = Grid(
        _cells(1, [["殡葬", "100%"]]),
        Place(table=1),
        caption="表2社会事务指标",
    )
    assert (_p(1, "专栏2"), _p(2, "建设社区食堂50个"), grid) == content.blocks


def test_navigation_inside_the_article_left_out_but_not_in_a_cell() -> None:
    """A share bar inside the article is left out; a cell named like navigation is data."""
    content = _read(
        "<p>到2025年，每千名老年人拥有养老床位数达到40张。</p>"
        "<div class='share-bar'>分享到：微信</div>"
        "<table><tr><td class='position'>单位</td><td>张</td></tr></table>"
    )
    grid = Grid(_cells(1, [["单位", "张"]]), Place(table=1))
    assert (_p(1, "到2025年，每千名老年人拥有养老床位数达到40张。"), grid) == content.blocks


def test_noncharacters_are_read_as_replacement_characters() -> None:
    """U+FDD0 (a noncharacter the walk uses as a marker), raw or as a reference, is U+FFFD."""
    content = _read(
        "<p>甲\ufdd0乙&#xFDD3;丙</p><table><tr><td>床位&#64990;</td><td>张</td></tr></table>"
    )
    grid = Grid(_cells(1, [["床位\ufffd", "张"]]), Place(table=1))
    assert (_p(1, "甲\ufffd乙\ufffd丙"), grid) == content.blocks


def test_spaces_characters_are_those_str_strip_strips() -> None:
    """The reader's list of space characters is exactly what ``str.isspace`` accepts."""
    from minzheng_plans.reading.formats import html  # noqa: PLC0415

    expected = "".join(chr(c) for c in range(0x110000) if chr(c).isspace())
    assert expected + _html_walk.FLUSH[0] == html._SPACES_AND_BLOCK


def test_article_deep_in_wrappers() -> None:
    """Forty wrappers around the article, each with a short aside of its own: the article is
    the innermost one, which holds the text (past the depth where every element is counted)."""
    sentences = [f"到2025年，第{n}项基本公共服务覆盖率达到{80 + n}%。" for n in range(20)]
    page = "<div>" + "".join(f"<p>{text}</p>" for text in sentences) + "</div>"
    for _ in range(40):
        page = f"<div><span>小</span>{page}</div>"
    body = f"<html><body><div class='menu'><a>首页</a></div>{page}</body></html>"
    content = read_html(body.encode()).content
    assert tuple(_p(n, text) for n, text in enumerate(sentences, 1)) == content.blocks


def _page(body: str) -> bytes:
    return f"<html><body><div class='content'>{body}</div></body></html>".encode()


def test_linear_time_on_hostile_pages() -> None:
    """Long space runs, thousands of cells, nested containers, breaks and an article 200
    wrappers deep: linear work."""

    def make(n: int) -> str:
        cells = "".join(f"<td> {'&nbsp; ' * 3}格{i}<br>{' ' * 20}</td>" for i in range(n // 8))
        nested = "<div class='content'>正文" * 200 + "</div>" * 200
        spaces = "<p>到" + " \u3000" * n + "年</p>"
        deep = "<div><i>小</i>" * 200 + "<p>" + "正文" * n + "</p>" + "</div>" * 200
        return f"{nested}<table><tr>{cells}</tr><tr><td>x</td></tr></table>{spaces}{deep}"

    assert_linear(lambda text: read_html(_page(text)), make, 2_000)


def test_page_nested_past_the_parser_limit_is_refused_not_emptied() -> None:
    """libxml2 stops at its nesting limit without raising: the page is refused, not read
    as an empty page (the paragraph after the deep part would be lost without a word)."""
    deep = "<div>" * 300 + "<p>到2025年，床位达到100张。</p>" + "</div>" * 300
    page = f"<html><body>{deep}<p>后文</p></body></html>".encode()
    with pytest.raises(DocumentError, match="nest deeper than the HTML parser reads"):
        read_html(page, name="deep.html")


def test_page_nested_within_the_parser_limit_is_read() -> None:
    """A page nested 200 deep is within the limit and reads its paragraphs."""
    deep = "<div>" * 200 + "<p>第一段。</p>" + "</div>" * 200
    page = f"<html><body>{deep}<p>第二段。</p></body></html>".encode()
    texts = [b.text for b in read_html(page, name="deep.html").content.blocks]
    assert ["第一段。", "第二段。"] == texts
