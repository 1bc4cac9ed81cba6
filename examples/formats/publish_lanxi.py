"""Publish the fictional 澜溪县 plan as an office would: DOCX, web page, PDF and .doc.

    python examples/formats/publish_lanxi.py [FOLDER]

writes into FOLDER (default: the working directory)

- ``规划.docx`` (python-docx): heading styles, a bordered table whose header is two rows with
  merged cells, category rows merged across;
- ``规划正文.html``: a county government's page in GB2312, the article between site navigation
  and a footer, the same table with ``rowspan``/``colspan``;
- ``规划.pdf`` and ``规划.doc``, made from the DOCX by LibreOffice
  (``soffice --headless --convert-to pdf``), as an office exports them.

docs/howto/load-other-formats.md loads all four. The plan is invented for the docs: no such
county exists. Needs the ``docx`` extra and LibreOffice on PATH.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH

TITLE = "澜溪县“十四五”民政事业发展规划"
CAPTION = "表1 澜溪县“十四五”民政事业主要指标"
BASIS = "依据《“十四五”民政事业发展规划》，结合本县实际，制定本规划。"

# A table cell as published: its text and how many columns and rows it spans.
Cell = tuple[str, int, int]
HEADER: list[list[Cell]] = [
    [("序号", 1, 2), ("指标名称", 1, 2), ("单位", 1, 2), ("指标值", 2, 1), ("指标属性", 1, 2)],
    [("2020年", 1, 1), ("2025年", 1, 1)],
]
BODY: list[list[Cell]] = [
    [("一、养老服务", 6, 1)],
    [(t, 1, 1) for t in ("1", "养老机构护理型床位占比", "%", "41.5", "≥55", "约束性")],
    [(t, 1, 1) for t in ("2", "每千名老年人拥有养老床位数", "张", "32", "35-40", "预期性")],
    [("二、社会事务", 6, 1)],
    [(t, 1, 1) for t in ("3", "社会工作专业人才数", "人", "180", "260", "预期性")],
    [(t, 1, 1) for t in ("4", "县级公益性安葬设施覆盖率", "%", "80", "100", "约束性")],
]
TASKS = (
    "到2025年，全县乡镇(街道)未成年人保护工作站覆盖率达到60%。",
    "农村低保标准每人每年不低于7800元。",
)
COLUMNS = 6


def write_docx(path: Path) -> None:
    """The plan as a DOCX, the way a word processor saves it."""
    document = docx.Document()
    document.add_heading(TITLE, level=0)
    document.add_paragraph(BASIS)
    document.add_heading("第一章 发展目标", level=1)
    document.add_paragraph(CAPTION).alignment = WD_ALIGN_PARAGRAPH.CENTER
    rows = [*HEADER, *BODY]
    table = document.add_table(rows=len(rows), cols=COLUMNS)
    table.style = "Table Grid"  # ruled lines: what the PDF reader finds tables by
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        c = 0
        for text, colspan, rowspan in row:
            while (r, c) in taken:
                c += 1
            cell = table.cell(r, c)
            if colspan > 1 or rowspan > 1:
                cell = cell.merge(table.cell(r + rowspan - 1, c + colspan - 1))
            cell.text = text
            taken.update((r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan))
            c += colspan
    document.add_heading("第二章 主要任务", level=1)
    for task in TASKS:
        document.add_paragraph(task)
    document.save(str(path))


def _html_rows(rows: list[list[Cell]], tag: str) -> str:
    out = []
    for row in rows:
        cells = "".join(
            f'<{tag} colspan="{colspan}" rowspan="{rowspan}">{html.escape(text)}</{tag}>'
            for text, colspan, rowspan in row
        )
        out.append(f"<tr>{cells}</tr>")
    return "\n".join(out)


def write_html(path: Path) -> None:
    """The plan as a county government's web page, encoded in GB2312 as many still are."""
    page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{TITLE}_澜溪县人民政府</title></head>
<body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a>
<a href="/bsfw/">办事服务</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt;
<a href="/zwgk/">政务公开</a> &gt; 规划计划</div>
<div class="TRS_Editor">
<h1>{TITLE}</h1>
<p>{BASIS}</p>
<p><strong>第一章 发展目标</strong></p>
<p style="text-align:center">{CAPTION}</p>
<table border="1">
<thead>
{_html_rows(HEADER, "th")}
</thead>
<tbody>
{_html_rows(BODY, "td")}
</tbody>
</table>
<p><strong>第二章 主要任务</strong></p>
{"".join(f"<p><span>{task}</span></p>" for task in TASKS)}
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">打印本页</a></div>
<div class="footer">主办单位：澜溪县人民政府办公室　网站标识码：0000000000</div>
</body></html>
"""
    path.write_bytes(page.encode("gb2312"))


def convert(source: Path, suffix: str) -> Path:
    """``source`` converted by LibreOffice into a ``suffix`` file beside it."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        sys.exit("LibreOffice is needed for the PDF and .doc (Debian: libreoffice-writer-nogui)")
    with tempfile.TemporaryDirectory() as profile:
        # A profile of its own, so that a LibreOffice already running does not take the job.
        subprocess.run(  # noqa: S603 - LibreOffice found on PATH, our own file
            [
                program,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                suffix,
                "--outdir",
                str(source.parent),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    return source.with_suffix("." + suffix)


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, write in (("规划.docx", write_docx), ("规划正文.html", write_html)):
        write(folder / name)
        print("wrote", folder / name)
    for suffix in ("pdf", "doc"):
        print("wrote", convert(folder / "规划.docx", suffix), "(LibreOffice, from the DOCX)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path())
