"""Plans as published: DOCX, web pages, PDF and the older office formats, read through one
pipeline, scored against hand-written rows and prose targets (tests/_format_plans.py)."""

from __future__ import annotations

import functools
import io
import sys
from collections.abc import Callable
from decimal import Decimal

import pytest

from minzheng_plans.builtin.loaders import office as office_loader
from minzheng_plans.core.errors import DocumentError
from minzheng_plans.files.document import Document, Format
from minzheng_plans.plugins.hookspecs import LoadResult
from minzheng_plans.plugins.host import create_plugin_host
from minzheng_plans.reading.formats import office
from minzheng_plans.reading.formats.docx import read_docx
from minzheng_plans.reading.formats.html import read_html
from minzheng_plans.reading.formats.pdf import read_pdf
from minzheng_plans.reading.loading import load_document, sniff_document
from tests import _format_plans as fp

HOST = create_plugin_host(entry_points=False)

# The share of rows read exactly and of prose targets found that every edition must reach.
TABLE_BAR = 0.95
PROSE_BAR = 0.85


def _load(name: str, data: bytes) -> LoadResult:
    return load_document(Document.from_bytes(name, data), HOST)


# LibreOffice takes a few seconds a conversion: each edition is made once per run.
@functools.cache
def _minjiang_lo_pdf() -> bytes:
    return fp.libreoffice_convert(fp.docx_edition(fp.MINJIANG, small_pages=True), ".docx", "pdf")


@functools.cache
def _minjiang_doc() -> bytes:
    return fp.libreoffice_convert(fp.docx_edition(fp.MINJIANG), ".docx", "doc")


EDITIONS: dict[str, tuple[str, Callable[[], bytes], str]] = {
    # id: (file name, maker, plan)
    "docx": ("minjiang.docx", lambda: fp.docx_edition(fp.MINJIANG), "minjiang"),
    "pdf-reportlab": ("minjiang.pdf", lambda: fp.pdf_edition(fp.MINJIANG), "minjiang"),
    "pdf-libreoffice": ("minjiang-lo.pdf", _minjiang_lo_pdf, "minjiang"),
    "doc": ("minjiang.doc", _minjiang_doc, "minjiang"),
    "wps": ("minjiang.wps", _minjiang_doc, "minjiang"),
    "html-gb2312": (
        "yuanxiang.html",
        lambda: fp.html_edition(fp.YUANXIANG, encoding="gb18030"),
        "yuanxiang",
    ),
    "html-utf8": (
        "yuanxiang.htm",
        lambda: fp.html_edition(fp.YUANXIANG, encoding="utf-8"),
        "yuanxiang",
    ),
    "html-minjiang": (
        "minjiang.html",
        lambda: fp.html_edition(fp.MINJIANG, encoding="utf-8"),
        "minjiang",
    ),
}
PLANS = {
    "minjiang": (fp.MINJIANG, fp.MINJIANG_ROWS, fp.MINJIANG_PROSE),
    "yuanxiang": (fp.YUANXIANG, fp.YUANXIANG_ROWS, fp.YUANXIANG_PROSE),
}


class TestScores:
    @pytest.mark.parametrize("edition", sorted(EDITIONS))
    def test_edition_reaches_the_bar_and_the_text_edition(self, edition: str) -> None:
        """Rows exact and prose found reach the bar, and at least the text edition's figures."""
        name, make, plan = EDITIONS[edition]
        blocks, rows, prose = PLANS[plan]
        text = _load(f"{plan}.txt", fp.text_edition(blocks).encode("utf-8")).plan.indicators
        got = _load(name, make()).plan.indicators
        tables, found = fp.table_score(got, rows), fp.prose_score(got, prose)
        assert tables >= TABLE_BAR
        assert found >= PROSE_BAR
        assert tables >= fp.table_score(text, rows)
        assert found >= fp.prose_score(text, prose)

    def test_text_editions_are_read_through_the_same_prose_reader(self) -> None:
        """The text editions' prose targets are all found: the comparison is fair."""
        for blocks, _rows, prose in PLANS.values():
            got = _load("plan.txt", fp.text_edition(blocks).encode("utf-8")).plan.indicators
            assert 1.0 == fp.prose_score(got, prose)


class TestSniffing:
    @pytest.mark.parametrize(
        ("edition", "expected", "loader"),
        [
            ("docx", Format.DOCX, "format.docx"),
            ("pdf-reportlab", Format.PDF, "format.pdf"),
            ("html-gb2312", Format.HTML, "format.html"),
            ("doc", Format.OLE, "format.office"),
        ],
    )
    def test_format_by_content_not_name(self, edition: str, expected: Format, loader: str) -> None:
        """A document named .bin is recognised by its bytes, and its format loader wins."""
        _name, make, _plan = EDITIONS[edition]
        document = Document.from_bytes("download.bin", make())
        assert expected == document.format
        assert loader == sniff_document(document, HOST, [])[0].loader

    def test_binary_formats_have_no_text(self) -> None:
        """A PDF or DOCX is never decoded as GB18030 text for the text loaders."""
        assert None is Document.from_bytes("a.pdf", fp.pdf_edition(fp.YUANXIANG)).text
        assert None is Document.from_bytes("a.docx", fp.docx_edition(fp.YUANXIANG)).text

    def test_plan_file_declares_its_schema(self) -> None:
        """A plan file is known by its declared schema."""
        document = Document.from_text("x.txt", 'schema = "minzheng-plans/1"\n')
        assert Format.PLAN == document.format


class TestDocx:
    @pytest.fixture(name="content")
    def _content(self):
        return read_docx(fp.docx_edition(fp.MINJIANG))

    def test_headings_and_title(self, content) -> None:
        """Heading styles give levels; the title style is level 0."""
        levels = {
            p.text: p.heading_level for p in content.paragraphs if p.heading_level is not None
        }
        assert 0 == levels[fp.MINJIANG_TITLE]
        assert 1 == levels["第一章发展基础"]  # a full-width space beside Chinese is layout

    def test_merged_header_expanded_and_marked(self, content) -> None:
        """指标值 spans two columns, 序号 two rows: copies carry the text and are marked."""
        grid = content.grids[0]
        top, second = grid.rows[0], grid.rows[1]
        assert [("指标值", False), ("指标值", True)] == [(c.text, c.merged) for c in top[3:5]]
        assert ("序号", True) == (second[0].text, second[0].merged)
        assert "表1岷江省“十四五”民政事业发展主要指标" == grid.caption

    def test_vertical_merge_in_the_body(self, content) -> None:
        """An attribute merged over two rows is read in both, marked in the second."""
        grid = content.grids[1]
        assert [("预期性", False), ("预期性", True)] == [
            (row[4].text, row[4].merged) for row in grid.rows[2:4]
        ]
        assert ("注：补贴标准为全省最低标准，各市州可适当提高。",) == grid.notes

    def test_box_table_is_text(self, content) -> None:
        """A one-cell 专栏 table becomes paragraphs, so the project reader sees it."""
        texts = [p.text for p in content.paragraphs]
        assert "1.新增养老床位1.2万张。" in texts
        assert 2 == len(content.grids)

    def test_nested_table_read_after_its_parent(self) -> None:
        """A table inside a cell is read as a table of its own."""
        import docx  # noqa: PLC0415

        document = docx.Document()
        outer = document.add_table(rows=2, cols=2)
        outer.cell(0, 0).text = "外层"
        inner = outer.cell(1, 1).add_table(rows=2, cols=2)
        inner.cell(0, 0).text = "内层"
        data = io.BytesIO()
        document.save(data)
        grids = read_docx(data.getvalue()).grids
        assert ["外层", "内层"] == [grid.rows[0][0].text for grid in grids]
        assert [1, 2] == [grid.place.table for grid in grids]


class TestHtml:
    def test_declared_gb2312_reads_gb18030_characters(self) -> None:
        """A GB2312 page holding 堃 (GBK only) decodes exactly as GB18030."""
        page = read_html(fp.html_edition(fp.YUANXIANG, encoding="gb18030"))
        assert ("gb18030", True) == (page.encoding, page.exact)
        assert any("堃山" in p.text for p in page.content.paragraphs)

    def test_only_the_article(self) -> None:
        """Navigation, breadcrumbs, scripts, share links and the footer are left out."""
        page = read_html(fp.html_edition(fp.YUANXIANG, encoding="utf-8"))
        text = "\n".join(p.text for p in page.content.paragraphs)
        for word in ("网站首页", "当前位置", "99万张", "分享到", "版权所有", "冬季救助"):
            assert word not in text
        assert fp.YUANXIANG_TITLE == page.content.paragraphs[0].text

    def test_spans_and_breaks_joined(self) -> None:
        """<span> halves make one sentence; a <br> inside a name cell is joined."""
        page = read_html(fp.html_edition(fp.YUANXIANG, encoding="utf-8"))
        assert "到2025年，全省社会组织数量达到3.5万个。" in [
            p.text for p in page.content.paragraphs
        ]
        names = [row[1].text for row in page.content.grids[0].rows]
        assert "城市低保平均标准" in names

    def test_rowspan_colspan_expanded(self) -> None:
        """A category row spans the width; a body rowspan fills the next row."""
        grid = read_html(fp.html_edition(fp.YUANXIANG, encoding="utf-8")).content.grids[0]
        category = grid.rows[2]
        assert {"（一）基本民生保障"} == {c.text for c in category}
        assert ("约束性", True) == (grid.rows[5][5].text, grid.rows[5][5].merged)

    def test_traditional_page_reads_its_table(self) -> None:
        """A repost in traditional characters: the table's headers and names read as simplified."""
        page = (
            "<html><head><meta charset='utf-8'><title>規劃</title></head><body>"
            "<div class='article'><p>東江市民政事業發展“十四五”規劃</p>"
            "<p>到2025年，東江市社區綜合服務設施覆蓋率達到100%。</p>"
            "<table><tr><th>序號</th><th>指標名稱</th><th>單位</th><th>2020年基數</th>"
            "<th>2025年目標</th><th>屬性</th></tr>"
            "<tr><td>1</td><td>養老機構護理型床位佔比</td><td>%</td><td>40</td>"
            "<td>≥60</td><td>約束性</td></tr></table></div></body></html>"
        )
        plan = _load("dongjiang.html", page.encode("utf-8")).plan
        rows = [
            (i.name, i.unit, i.target.comparator.value, str(i.target.value))  # type: ignore[union-attr]
            for i in plan.indicators
            if i.id.startswith("t")
        ]
        assert [("养老机构护理型床位占比", "%", ">=", "60")] == rows
        quotes = [
            i.source.quote or "" for i in plan.indicators if i.source and i.id.startswith("t")
        ]
        assert any("養老機構" in quote for quote in quotes)

    def test_density_without_a_named_container(self) -> None:
        """With no known class, the element holding most non-link text is the article."""
        body = "".join(f"<p>到2025年，第{n}项服务覆盖率达到9{n}%。</p>" for n in range(6))
        links = "".join(f"<a href='/{n}'>栏目名称{n}</a>" for n in range(30))
        page = f"<html><body><div>{links}</div><div><h2>某规划</h2>{body}</div></body></html>"
        content = read_html(page.encode("utf-8")).content
        texts = [p.text for p in content.paragraphs]
        assert "某规划" == texts[0]
        assert not any("栏目名称" in t for t in texts)
        assert 7 == len(texts)

    def test_undecodable_page_gets_a_finding(self) -> None:
        """Bytes valid in no tried encoding are replaced, and MZ525 says so."""
        title = fp.YUANXIANG_TITLE
        page = fp.html_edition(fp.YUANXIANG, encoding="gb18030") + b"\x81\x20broken"
        result = _load("yx.html", page)
        assert title == result.plan.title
        assert ["MZ525"] == [f.code for f in result.findings if f.code == "MZ525"]


class TestPdf:
    def test_table_over_a_page_break_joined(self) -> None:
        """Table 1 goes on over a page: one grid, its header rows not repeated."""
        content = read_pdf(fp.pdf_edition(fp.MINJIANG)).content
        grid = content.grids[0]
        pages = {row[0].place.page for row in grid.rows}
        assert {1, 2} <= pages
        assert 1 == sum(1 for row in grid.rows if row[0].text == "序号" and not row[0].merged)
        assert 2 == len(content.grids)

    def test_wrapped_names_joined_without_spaces(self) -> None:
        """A long name wrapped over three lines in its cell reads as written."""
        grid = read_pdf(fp.pdf_edition(fp.MINJIANG)).content.grids[0]
        assert "困难群众医疗救助政策范围内住院费用救助比例" in [row[1].text for row in grid.rows]

    def test_row_cut_by_a_page_break_joined(self) -> None:
        """LibreOffice breaks a row over two pages: the name's two halves are one row."""
        grid = read_pdf(_minjiang_lo_pdf()).content.grids[0]
        names = [row[1].text for row in grid.rows]
        assert "城市最低生活保障平均标准" in names
        assert "" not in [row[0].text for row in grid.rows]

    def test_sources_say_page_table_row_paragraph(self) -> None:
        """A table row's source has page, table and row; a prose target's its paragraph."""
        plan = _load("minjiang.pdf", fp.pdf_edition(fp.MINJIANG)).plan
        row = next(i for i in plan.indicators if i.name == "社会工作专业人才总量")
        assert row.source is not None
        assert (2, 1, None) == (row.source.page, row.source.table_index, row.source.line)
        assert row.source.row_index is not None
        assert row.source.row_index > 10
        prose = next(i for i in plan.indicators if i.id.startswith("p") and "志愿者" in i.name)
        assert prose.source is not None
        assert (1, 10, None) == (prose.source.page, prose.source.paragraph, prose.source.line)

    def test_scanned_pdf_refused_with_the_reason(self) -> None:
        """An image-only PDF: no traceback, no empty plan, but what to do instead."""
        with pytest.raises(DocumentError, match=r"MZ523.*no text layer.*DOCX or web-page"):
            _load("scan.pdf", _image_pdf(pages=2))

    def test_scanned_page_among_text_pages(self) -> None:
        """A scanned page inside a readable PDF gets MZ523 naming it; the rest is read."""
        result = _load("mixed.pdf", _mixed_pdf())
        found = [f for f in result.findings if f.code == "MZ523"]
        assert 1 == len(found)
        assert "pages 2" in found[0].text
        assert fp.MINJIANG_TITLE == result.plan.title

    def test_cid_pdf_refused_with_the_reason(self) -> None:
        """A font without a Unicode map: the (cid:NNN) pages are named, with what to do."""
        with pytest.raises(DocumentError, match=r"MZ524.*\(cid:NNN\).*DOCX or web-page"):
            _load("cid.pdf", _cid_pdf())


class TestOffice:
    def test_missing_libreoffice_names_the_package(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without soffice on PATH the error names the Debian package."""
        data = _minjiang_doc()
        monkeypatch.setattr(office.shutil, "which", lambda _name: None)
        with pytest.raises(DocumentError, match="libreoffice-writer"):
            _load("minjiang.doc", data)

    def test_xls_read_by_the_workbook_loader(self) -> None:
        """An .xls indicator table is converted and read by table.xlsx."""
        import openpyxl  # noqa: PLC0415

        book = openpyxl.Workbook()
        sheet = book.active
        for row in (
            ("title", "沅湘省某县民政规划"),
            ("jurisdiction", "990101", "澜溪县", "county"),
            ("period", 2021, 2025),
            (),
            ("name", "unit", "baseline_year", "baseline", "target_year", "target", "attribute"),
            ("养老机构护理型床位占比", "%", 2020, 40, 2025, "≥55", "约束性"),
        ):
            sheet.append(row)
        data = io.BytesIO()
        book.save(data)
        xls = fp.libreoffice_convert(data.getvalue(), ".xlsx", "xls")
        for name in ("plan.xls", "plan.et"):
            result = _load(name, xls)
            assert ["养老机构护理型床位占比"] == [i.name for i in result.plan.indicators]
            assert Decimal(55) == result.plan.indicators[0].target.value  # type: ignore[union-attr]

    def test_ole_kind_by_streams(self) -> None:
        """A .wps (Word binary) is a text document by its WordDocument stream."""
        assert office.OfficeKind.WRITER == office.office_kind(_minjiang_doc(), ".wps")
        assert office_loader.LOADER_NAME == "format.office"


class TestExtras:
    def test_missing_library_names_the_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without python-docx, loading a DOCX says which extra to install."""
        data = fp.docx_edition(fp.YUANXIANG)
        monkeypatch.setitem(sys.modules, "docx", None)
        with pytest.raises(DocumentError, match=r"docx extra .*pip install '\.\[docx\]'"):
            _load("a.docx", data)


# --- PDFs that give no text, made at test time ---------------------------------------------


def _image_pdf(pages: int) -> bytes:
    from PIL import Image  # noqa: PLC0415
    from reportlab.lib.utils import ImageReader  # noqa: PLC0415
    from reportlab.pdfgen import canvas  # noqa: PLC0415

    image = Image.new("RGB", (200, 100), "white")
    out = io.BytesIO()
    page = canvas.Canvas(out)
    for _ in range(pages):
        page.drawImage(ImageReader(image), 72, 500, width=400, height=200)
        page.showPage()
    page.save()
    return out.getvalue()


def _mixed_pdf() -> bytes:
    """Page 1 text (the plan's opening), page 2 a scanned image, page 3 text."""
    from PIL import Image  # noqa: PLC0415
    from reportlab.lib.utils import ImageReader  # noqa: PLC0415
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: PLC0415
    from reportlab.pdfgen import canvas  # noqa: PLC0415

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.setFont("STSong-Light", 12)
    page.drawString(72, 760, fp.MINJIANG_TITLE)
    page.drawString(72, 730, "到2025年，城乡社区综合服务设施覆盖率达到100%。")
    page.showPage()
    page.drawImage(ImageReader(Image.new("RGB", (50, 50), "gray")), 72, 500)
    page.showPage()
    page.setFont("STSong-Light", 12)
    page.drawString(72, 760, "加强组织领导。")
    page.save()
    return out.getvalue()


def _cid_pdf() -> bytes:
    """The reportlab edition with its font's encoding and character collection renamed, so
    that no reader can map glyphs to Unicode: what a PDF with a broken font gives."""
    data = fp.pdf_edition(fp.YUANXIANG)
    return data.replace(b"/UniGB-UCS2-H", b"/Identity-H  ").replace(b"(GB1)", b"(XX1)")
