"""Fictional plans for the format readers, written for these tests, and their editions.

Two plans of provinces that do not exist (岷江省, 沅湘省), each written once as blocks
(headings, paragraphs, tables with spans) and published at test time as a text edition, a
DOCX (python-docx), a web page (GB2312 or UTF-8) and a PDF (reportlab, and LibreOffice from
the DOCX). What a reader must find is written by hand in ``*_ROWS`` and ``*_PROSE``; nothing
here is produced by the code under test.
"""

from __future__ import annotations

import html
import io
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import attrs

from minzheng_plans.core.model import Attribute, Indicator


@attrs.frozen
class C:
    """A cell as published: text ("\\n" between its paragraphs) and its spans."""

    text: str
    colspan: int = 1
    rowspan: int = 1


@attrs.frozen
class T:
    """A table: caption above, rows of cells (spans as in HTML), header rows, notes below."""

    caption: str
    rows: tuple[tuple[C, ...], ...]
    header_rows: int
    notes: tuple[str, ...] = ()


# A block is ("title" | "heading" | "para" | "box", text) or a table.
Block = tuple[str, str] | T


def _cells(*texts: str) -> tuple[C, ...]:
    return tuple(C(t) for t in texts)


# --- 岷江省: merged two-row headers (指标值 over the years), category rows, a vertical merge,
# names long enough to wrap in a PDF cell, a table long enough to cross a page break ---------

MINJIANG_TITLE = "岷江省“十四五”民政事业发展规划"
MINJIANG_T1 = T(
    "表1　岷江省“十四五”民政事业发展主要指标",
    (
        (
            C("序号", rowspan=2),
            C("指标名称", rowspan=2),
            C("单位", rowspan=2),
            C("指标值", 2),
            C("指标属性", rowspan=2),
        ),
        _cells("2020年", "2025年"),
        (C("一、社会救助", 6),),
        _cells("1", "城市最低生活保障平均标准", "元/人·月", "650", "≥800", "预期性"),
        _cells("2", "农村最低生活保障平均标准", "元/人·年", "5200", "≥6600", "预期性"),
        _cells("3", "困难群众医疗救助政策范围内住院费用救助比例", "%", "65", "≥70", "约束性"),
        (C("二、养老服务", 6),),
        _cells("4", "每千名老年人拥有养老床位数", "张", "33", "≥38", "预期性"),
        _cells("5", "养老机构护理型床位占比", "%", "45", "≥60", "约束性"),
        _cells("6", "街道综合养老服务中心覆盖率", "%", "40", "100", "预期性"),
        (C("三、社区治理与社会事务", 6),),
        _cells("7", "城乡社区综合服务设施覆盖率", "%", "92", "100", "预期性"),
        _cells("8", "每万人拥有社会组织数", "个", "7.1", "8", "预期性"),
        _cells("9", "县级以上城市公益性公墓覆盖率", "%", "70", "≥90", "约束性"),
        _cells("10", "社会工作专业人才总量", "万人", "2.6", "4", "预期性"),
    ),
    header_rows=2,
)
MINJIANG_T2 = T(
    "表2　岷江省“十四五”儿童福利和残疾人福利指标",
    (
        (
            C("指标", rowspan=2),
            C("单位", rowspan=2),
            C("2020年"),
            C("2025年"),
            C("属性", rowspan=2),
        ),
        _cells("基期值", "目标值"),
        (C("孤儿基本生活保障标准"), C("元/人·月"), C("1350"), C("1600"), C("预期性", rowspan=2)),
        _cells("儿童督导员配备率", "%", "85", "100"),
        (C("困难残疾人生活补贴标准"), C("元/人·月"), C("80"), C("100"), C("约束性", rowspan=2)),
        _cells("重度残疾人护理补贴标准", "元/人·月", "90", "120"),
    ),
    header_rows=2,
    notes=("注：补贴标准为全省最低标准，各市州可适当提高。",),
)
MINJIANG: tuple[Block, ...] = (
    ("title", MINJIANG_TITLE),
    ("para", "岷府发〔2021〕58号"),
    ("heading", "第一章　发展基础"),
    ("para", "“十三五”期间，全省累计建成社区养老服务设施3200个，城乡低保标准年均提高9%。"),
    ("para", "民政服务对象的获得感明显增强，基层社会治理能力不断提升。"),
    ("heading", "第二章　发展目标"),
    ("para", "到2025年，全省养老机构护理型床位占比达到60%，街道综合养老服务中心实现全覆盖。"),
    ("para", "到2025年，全省每千名老年人拥有养老床位数不少于38张。"),
    ("para", "到2025年，城乡社区综合服务设施覆盖率达到100%。"),
    ("para", "到2025年，全省注册志愿者人数占常住人口比例达到18%。"),
    ("para", "到2025年，县级以上城市公益性公墓覆盖率不低于90%。"),
    ("para", "到2025年，社会工作专业人才总量达到4万人。"),
    MINJIANG_T1,
    MINJIANG_T2,
    ("heading", "第三章　主要任务"),
    ("para", "健全分层分类的社会救助体系，推进救助信息共享和主动发现。"),
    ("box", "专栏1　养老服务提升工程\n1.新增养老床位1.2万张。\n2.建设县级失能照护机构60个。"),
    ("heading", "第四章　保障措施"),
    ("para", "加强组织领导，将规划确定的目标任务纳入年度考核。"),
)

# (name, unit, baseline value, target comparator, target value, attribute): baselines are
# 2020 and targets 2025 throughout.
Row = tuple[str, str, str, str, str, Attribute]
B, A = Attribute.BINDING, Attribute.ANTICIPATORY
MINJIANG_ROWS: tuple[Row, ...] = (
    ("城市最低生活保障平均标准", "元/人·月", "650", ">=", "800", A),
    ("农村最低生活保障平均标准", "元/人·年", "5200", ">=", "6600", A),
    ("困难群众医疗救助政策范围内住院费用救助比例", "%", "65", ">=", "70", B),
    ("每千名老年人拥有养老床位数", "张", "33", ">=", "38", A),
    ("养老机构护理型床位占比", "%", "45", ">=", "60", B),
    ("街道综合养老服务中心覆盖率", "%", "40", "=", "100", A),
    ("城乡社区综合服务设施覆盖率", "%", "92", "=", "100", A),
    ("每万人拥有社会组织数", "个", "7.1", "=", "8", A),
    ("县级以上城市公益性公墓覆盖率", "%", "70", ">=", "90", B),
    ("社会工作专业人才总量", "万人", "2.6", "=", "4", A),
    ("孤儿基本生活保障标准", "元/人·月", "1350", "=", "1600", A),
    ("儿童督导员配备率", "%", "85", "=", "100", A),
    ("困难残疾人生活补贴标准", "元/人·月", "80", "=", "100", B),
    ("重度残疾人护理补贴标准", "元/人·月", "90", "=", "120", B),
)
# (words the name holds, comparator, value, year): prose targets and 专栏 figures.
Prose = tuple[str, str, str, int]
MINJIANG_PROSE: tuple[Prose, ...] = (
    ("护理型床位占比", "=", "60", 2025),
    ("街道综合养老服务中心", "=", "100", 2025),
    ("每千名老年人拥有养老床位数", ">=", "38", 2025),
    ("城乡社区综合服务设施覆盖率", "=", "100", 2025),
    ("注册志愿者", "=", "18", 2025),
    ("公益性公墓覆盖率", ">=", "90", 2025),
    ("社会工作专业人才", "=", "4", 2025),
    ("新增养老床位", "=", "1.2", 2025),
    ("失能照护机构", "=", "60", 2025),
)

# --- 沅湘省: a web page; rowspan/colspan headers, a category row, a rowspan in the body,
# names split over <span>s and <br>, &nbsp; and full-width spaces, a GB18030-only character --

YUANXIANG_TITLE = "沅湘省“十四五”民政事业发展规划"
YUANXIANG_T1 = T(
    "表1　沅湘省“十四五”民政事业发展主要指标",
    (
        (
            C("序号", rowspan=2),
            C("主要指标", rowspan=2),
            C("单位", rowspan=2),
            C("2020年基数"),
            C("2025年目标"),
            C("属性", rowspan=2),
        ),
        (C("现状值"), C("目标值")),
        (C("（一）基本民生保障", 6),),
        _cells("1", "城市低保\n平均标准", "元/人·月", "620", "≥760", "预期性"),
        (C("2"), C("特困人员集中供养率"), C("%"), C("38"), C("≥45"), C("约束性", rowspan=2)),
        _cells("3", "生活不能自理特困人员集中供养率", "%", "55", "≥65"),
        (C("（二）基本社会服务", 6),),
        _cells("4", "养老机构护理型床位占比", "%", "42", "≥55", "约束性"),
        _cells("5", "每百户居民拥有社区综合服务设施面积", "平方米", "26", "≥30", "预期性"),
        _cells("6", "婚姻登记机构等级评定达标率", "%", "80", "100", "预期性"),
    ),
    header_rows=2,
)
YUANXIANG: tuple[Block, ...] = (
    ("title", YUANXIANG_TITLE),
    ("para", "湘民发〔2021〕12号"),
    ("heading", "一、发展环境"),
    ("para", "“十三五”时期，全省城乡低保对象应保尽保，堃山等地率先建成区域养老服务中心。"),
    ("heading", "二、主要目标"),
    ("para", "到2025年，全省特困人员集中供养率达到45%以上。"),
    ("para", "到2025年，乡镇（街道）社会工作服务站覆盖率达到100%。"),
    ("para", "到2025年，每百户居民拥有社区综合服务设施面积不低于30平方米。"),
    ("para", "到2025年，全省社会组织数量达到3.5万个。"),
    YUANXIANG_T1,
    ("heading", "三、重点任务"),
    ("para", "完善基本养老服务清单，推动居家社区机构养老融合发展。"),
)
YUANXIANG_ROWS: tuple[Row, ...] = (
    ("城市低保平均标准", "元/人·月", "620", ">=", "760", A),
    ("特困人员集中供养率", "%", "38", ">=", "45", B),
    ("生活不能自理特困人员集中供养率", "%", "55", ">=", "65", B),
    ("养老机构护理型床位占比", "%", "42", ">=", "55", B),
    ("每百户居民拥有社区综合服务设施面积", "平方米", "26", ">=", "30", A),
    ("婚姻登记机构等级评定达标率", "%", "80", "=", "100", A),
)
YUANXIANG_PROSE: tuple[Prose, ...] = (
    ("特困人员集中供养率", ">=", "45", 2025),
    ("社会工作服务站覆盖率", "=", "100", 2025),
    ("社区综合服务设施面积", ">=", "30", 2025),
    ("社会组织数量", "=", "3.5", 2025),
)


# --- scoring -----------------------------------------------------------------------------


def row_exact(indicator: Indicator, row: Row) -> bool:
    """Name, unit, 2020 baseline, 2025 target and attribute all as the table states them."""
    name, unit, baseline, comparator, target, attribute = row
    got = indicator.target
    return (
        indicator.name == name
        and indicator.unit == unit
        and indicator.baseline is not None
        and (indicator.baseline.year, indicator.baseline.value) == (2020, Decimal(baseline))
        and got is not None
        and (got.year, str(got.comparator), getattr(got, "value", None))
        == (2025, comparator, Decimal(target))
        and indicator.attribute == attribute
    )


def table_score(indicators: Sequence[Indicator], rows: Sequence[Row]) -> float:
    """Share of expected rows that some table indicator reads exactly."""
    table = [i for i in indicators if i.source is not None and i.source.kind == "table"]
    return sum(any(row_exact(i, row) for i in table) for row in rows) / len(rows)


def prose_found(indicators: Sequence[Indicator], target: Prose) -> bool:
    words, comparator, value, year = target
    for item in indicators:
        got = item.target
        if item.source is None or item.source.kind == "table" or got is None:
            continue
        if (
            words in item.name
            and got.year == year
            and str(got.comparator) == comparator
            and getattr(got, "value", None) == Decimal(value)
        ):
            return True
    return False


def prose_score(indicators: Sequence[Indicator], targets: Sequence[Prose]) -> float:
    """Share of expected prose targets (and 专栏 figures) found."""
    return sum(prose_found(indicators, t) for t in targets) / len(targets)


# --- editions ----------------------------------------------------------------------------


def _flat_header(table: T) -> list[str]:
    """The header rows as one row: each column's texts top to bottom (a typist's header)."""
    width = sum(c.colspan for c in table.rows[0])
    grid: dict[tuple[int, int], str] = {}
    for r, row in enumerate(table.rows[: table.header_rows]):
        c = 0
        for cell in row:
            while (r, c) in grid:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    grid[(r + dr, c + dc)] = cell.text if dr == 0 else ""
            c += cell.colspan
    out = []
    for c in range(width):
        parts = [grid.get((r, c), "") for r in range(table.header_rows)]
        out.append("".join(p for i, p in enumerate(parts) if p and p not in parts[:i]))
    return out


def _body(table: T) -> list[list[str]]:
    """Body rows with rowspans written out, category rows as one cell."""
    width = sum(c.colspan for c in table.rows[0])
    pending: dict[int, tuple[str, int]] = {}
    rows: list[list[str]] = []
    for row in table.rows[table.header_rows :]:
        if len(row) == 1 and row[0].colspan == width:
            rows.append([row[0].text])
            continue
        out: list[str] = []
        cells = list(row)
        for c in range(width):
            if c in pending:
                text, left = pending[c]
                out.append(text)
                if left > 1:
                    pending[c] = (text, left - 1)
                else:
                    del pending[c]
                continue
            cell = cells.pop(0)
            out.append(cell.text.replace("\n", ""))
            if cell.rowspan > 1:
                pending[c] = (cell.text, cell.rowspan - 1)
        rows.append(out)
    return rows


def text_edition(blocks: Sequence[Block]) -> str:
    """The plan as text: a row per line, cells between " | ", category rows as lines."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, T):
            lines.append(block.caption)
            lines.append(" | ".join(_flat_header(block)))
            lines.extend(" | ".join(row) for row in _body(block))
            lines.extend(block.notes)
        else:
            lines.extend(block[1].split("\n"))
    return "\n".join(lines) + "\n"


def docx_edition(blocks: Sequence[Block], *, small_pages: bool = False) -> bytes:
    """The plan as a DOCX: heading styles, merged cells, repeated header rows, a boxed 专栏."""
    import docx  # noqa: PLC0415 - a test-extra dependency
    from docx.enum.text import WD_BREAK  # noqa: F401, PLC0415
    from docx.oxml import OxmlElement  # noqa: PLC0415
    from docx.shared import Cm  # noqa: PLC0415

    document = docx.Document()
    if small_pages:
        section = document.sections[0]
        section.page_width, section.page_height = Cm(14.8), Cm(21.0)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(1.8))
    for block in blocks:
        if isinstance(block, T):
            document.add_paragraph(block.caption)
            _docx_table(document, block, OxmlElement, Cm)
            for note in block.notes:
                document.add_paragraph(note)
        elif block[0] == "title":
            document.add_heading(block[1], level=0)
        elif block[0] == "heading":
            document.add_heading(block[1], level=1)
        elif block[0] == "box":
            box = document.add_table(rows=1, cols=1)
            box.style = "Table Grid"
            cell = box.cell(0, 0)
            first, *rest = block[1].split("\n")
            cell.text = first
            for line in rest:
                cell.add_paragraph(line)
        else:
            document.add_paragraph(block[1])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_table(document: object, table: T, oxml_element: object, cm: object) -> None:
    width = sum(c.colspan for c in table.rows[0])
    grid = document.add_table(rows=len(table.rows), cols=width)  # type: ignore[attr-defined]
    grid.style = "Table Grid"
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            target = grid.cell(r, c)
            if cell.colspan > 1 or cell.rowspan > 1:
                target = target.merge(grid.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
            first, *rest = cell.text.split("\n")
            target.text = first
            for line in rest:
                target.add_paragraph(line)
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
    for r in range(table.header_rows):
        properties = grid.rows[r]._tr.get_or_add_trPr()
        properties.append(oxml_element("w:tblHeader"))  # type: ignore[operator]
    if width >= 5:
        name_column = 1 if table.rows[0][0].text == "序号" else 0
        for row in grid.rows:
            row.cells[name_column].width = cm(3.2)  # type: ignore[operator]


def html_edition(blocks: Sequence[Block], *, encoding: str) -> bytes:
    """The plan as a government web page: navigation, breadcrumbs, script, footer around a
    ``TRS_Editor`` article; the title in an ``<h1>`` outside it."""
    charset = "gb2312" if encoding == "gb18030" else encoding
    body: list[str] = []
    title = ""
    for block in blocks:
        if isinstance(block, T):
            body.append(f"<p style='text-align:center'><b>{html.escape(block.caption)}</b></p>")
            body.append('<table border="1" cellspacing="0">')
            for row in block.rows:
                cells = "".join(_html_cell(cell) for cell in row)
                body.append(f"<tr>{cells}</tr>")
            body.append("</table>")
            body.extend(f"<p>{html.escape(note)}</p>" for note in block.notes)
        elif block[0] == "title":
            title = block[1]
        elif block[0] == "heading":
            body.append(f"<p><strong>{html.escape(block[1])}</strong></p>")
        elif block[0] == "box":
            lines = "<br>".join(html.escape(line) for line in block[1].split("\n"))
            body.append(f'<table border="1"><tr><td>{lines}</td></tr></table>')
        else:
            text = html.escape(block[1])
            # Editors split a sentence over <span>s and indent with full-width spaces.
            middle = len(text) // 2
            body.append(
                f"<p>\u3000\u3000<span>{text[:middle]}</span><span>{text[middle:]}</span></p>"
            )
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{html.escape(title)}_省民政厅网站</title>
<style>.nav {{ color: red }}</style>
<script>var notice = "到2030年，养老床位达到99万张";</script>
</head><body>
<div class="header"><a href="/">首页</a><a href="/zwgk">政务公开</a>
<a href="/bsfw">办事服务</a></div>
<div class="nav"><a href="/">网站首页</a> <a href="/xwdt">新闻动态</a>
<a href="/ghjh">规划计划</a></div>
<div class="position">当前位置：<a href="/">首页</a> &gt;
<a href="/zwgk">政务公开</a> &gt; 规划计划</div>
<h1>{html.escape(title)}</h1>
<div class="info">发布时间：2021-12-30&nbsp;&nbsp;来源：省民政厅</div>
<div class="TRS_Editor">
{chr(10).join(body)}
</div>
<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a></div>
<div class="related"><a href="/a1">关于做好冬季救助工作的通知</a>
<a href="/a2">养老服务条例解读</a></div>
<div class="footer">版权所有：省民政厅&nbsp;地址：省府路1号&nbsp;网站标识码：0000000000</div>
<script>document.write("访问量统计");</script>
</body></html>
"""
    return page.encode(encoding)


def _html_cell(cell: C) -> str:
    spans = ""
    if cell.colspan > 1:
        spans += f' colspan="{cell.colspan}"'
    if cell.rowspan > 1:
        spans += f' rowspan="{cell.rowspan}"'
    parts = [html.escape(part) for part in cell.text.split("\n")]
    inner = "<br>".join(f"<span>{p}</span>" for p in parts)
    return f"<td{spans}><p>{inner}&nbsp;</p></td>"


def pdf_edition(blocks: Sequence[Block]) -> bytes:
    """The plan as a PDF made with reportlab: A5 pages, so that table 1 crosses a page break
    (its two header rows repeated), and a narrow name column, so that names wrap.

    The Chinese text uses reportlab's built-in Adobe CID font (STSong-Light, UniGB-UCS2-H):
    no font file is needed, and pdfminer maps the glyphs back to Unicode through the
    encoding's CMap, so the text layer is real text.
    """
    from reportlab.lib.pagesizes import A5  # noqa: PLC0415
    from reportlab.lib.styles import ParagraphStyle  # noqa: PLC0415
    from reportlab.lib.units import mm  # noqa: PLC0415
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: PLC0415
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle  # noqa: PLC0415

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle(
        "body", fontName="STSong-Light", fontSize=10, leading=14, wordWrap="CJK", firstLineIndent=20
    )
    cell_style = ParagraphStyle(
        "cell", fontName="STSong-Light", fontSize=9, leading=11, wordWrap="CJK"
    )
    heading = ParagraphStyle(
        "heading",
        parent=body,
        fontSize=13,
        leading=18,
        firstLineIndent=0,
        spaceBefore=6,
        spaceAfter=4,
    )
    title = ParagraphStyle("title", parent=heading, fontSize=15, leading=22, alignment=1)
    story: list[object] = []
    for block in blocks:
        if isinstance(block, T):
            story.append(Paragraph(block.caption, heading))
            story.append(_pdf_table(block, cell_style, Table, TableStyle, Paragraph, mm))
            story.extend(Paragraph(note, body) for note in block.notes)
            story.append(Spacer(1, 6))
        elif block[0] == "title":
            story.append(Paragraph(block[1], title))
        elif block[0] == "heading":
            story.append(Paragraph(block[1], heading))
        elif block[0] == "box":
            lines = [[Paragraph(line, cell_style)] for line in block[1].split("\n")]
            box = Table(lines, colWidths=[110 * mm])
            box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, "black")]))
            story.append(box)
        else:
            story.append(Paragraph(block[1], body))
    out = io.BytesIO()
    SimpleDocTemplate(
        out,
        pagesize=A5,
        leftMargin=14 * mm,
        rightMargin=14 * mm,
        topMargin=14 * mm,
        bottomMargin=14 * mm,
    ).build(story)  # type: ignore[arg-type]
    return out.getvalue()


def _pdf_table(
    table: T, style: object, table_cls: type, style_cls: type, para: type, mm: float
) -> object:
    width = sum(c.colspan for c in table.rows[0])
    data = [["" for _ in range(width)] for _ in table.rows]
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            # STSong-Light has no glyph for U+00B7; its katakana middle dot reads back as "·".
            text = cell.text.replace("\n", "").replace("\u00b7", "\u30fb")
            data[r][c] = para(text, style)
            if cell.colspan > 1 or cell.rowspan > 1:
                commands.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
    numbered = table.rows[0][0].text == "序号"
    name_width = 34 * mm
    rest = (118 * mm - name_width - (9 * mm if numbered else 0)) / (width - 1 - numbered)
    widths = ([9 * mm] if numbered else []) + [name_width] + [rest] * (width - 1 - numbered)
    grid = table_cls(data, colWidths=widths, repeatRows=table.header_rows)
    grid.setStyle(style_cls(commands))
    return grid


def soffice() -> str | None:
    """LibreOffice's program, when installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_convert(data: bytes, suffix: str, target: str) -> bytes:
    """``data`` (a file ending in ``suffix``) converted by LibreOffice to ``target``."""
    program = soffice()
    assert program is not None, "LibreOffice is not installed (.ci/run installs it)"
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"plan{suffix}"
        source.write_bytes(data)
        profile = (Path(folder) / "profile").as_uri()
        subprocess.run(
            [
                program,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                folder,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        return source.with_suffix("." + target.split(":", maxsplit=1)[0]).read_bytes()
