"""The 崇明区 14th five-year plan layout: metadata block, one table row per line, prose.

The indicator table is written one row per line with `` | `` between cells and a closing
``|``; its columns (序号, 指标名称, 指标定义(计算公式), 2020年基准值, 2025年目标值, 单位, 指标类型)
are found from the header line, not assumed, so that a reordered table still loads. Every
row becomes an indicator or an MZ501 finding quoting it.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs

from minzheng_plans.document import Document
from minzheng_plans.errors import DocumentError, ValueParseError
from minzheng_plans.findings import Finding, Severity, make_finding
from minzheng_plans.hookspecs import LoadResult
from minzheng_plans.model import (
    Attribute,
    Indicator,
    Jurisdiction,
    Level,
    Period,
    Source,
    SourceKind,
)
from minzheng_plans.text.assemble import assemble_plan, document_text, plan_id
from minzheng_plans.text.metadata import read_metadata
from minzheng_plans.values import ParsedValue, parse_value

__all__ = ["LOADER_NAME", "load", "sniff"]

LOADER_NAME = "shanghai.chongming-table"

CHONGMING = Jurisdiction(
    code="310151",
    name="崇明区",
    level=Level.COUNTY,
    name_en="Chongming District",
    parent="310000",
)
# Plans this one names as its basis, by title as written; ids where the project has them.
_KNOWN_PLANS = {"上海市民政事业发展“十四五”规划": "310000-2021-2025"}

_HEADER_KEYS = (
    ("number", re.compile(r"序号")),
    ("name", re.compile(r"指标名称|名称")),
    ("definition", re.compile(r"定义|公式")),
    ("baseline", re.compile(r"基准|基期|现状")),
    ("target", re.compile(r"目标")),
    ("unit", re.compile(r"单位")),
    ("attribute", re.compile(r"类型|属性")),
)
_YEAR = re.compile(r"(\d{4})年")
_ATTRIBUTES = {"约束性": Attribute.BINDING, "预期性": Attribute.ANTICIPATORY}
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{2,8}〔\d{4}〕\d+号")
_BASED_ON = re.compile(r"《([^》]+)》")
_PERIOD_WORD = re.compile(r"“十([一二三四五六七八九])五”")
_CN = "一二三四五六七八九"


def sniff(document: Document) -> float:
    """0.95 for the 崇明 plan, 0 for anything else."""
    text = document.text
    if text is None:
        return 0.0
    head = text[:6000]
    if "崇明" not in head or "民政事业发展" not in head:
        return 0.0
    table = "指标名称 |" in text or "| 指标名称" in text
    return 0.95 if table else 0.5


@attrs.frozen
class _Column:
    key: str
    index: int
    year: int | None


def _columns(header: str) -> dict[str, _Column]:
    cells = _cells(header)
    columns: dict[str, _Column] = {}
    for index, cell in enumerate(cells):
        compact = cell.replace(" ", "")
        for key, pattern in _HEADER_KEYS:
            if key not in columns and pattern.search(compact):
                year = _YEAR.search(compact)
                columns[key] = _Column(key, index, int(year[1]) if year else None)
                break
    return columns


def _cells(line: str) -> list[str]:
    cells = [cell.strip() for cell in line.strip().split("|")]
    if cells and cells[-1] == "":
        cells.pop()
    return cells


def _parse(text: str) -> ParsedValue | None:
    try:
        return parse_value(text)
    except ValueParseError:
        return None


def _quote(line: str, cells: list[str], columns: dict[str, _Column]) -> str:
    """``baseline | target | unit`` as it stands in the row: the clause with the figures."""
    first = cells[columns["baseline"].index]
    start = line.find(f" {first} |")
    start = start + 1 if start >= 0 else 0
    quote = line[start:].rstrip().rstrip("|").rstrip()
    unit = columns.get("unit")
    if unit is not None:
        end = quote.find(cells[unit.index], len(first))
        if end >= 0:
            quote = quote[: end + len(cells[unit.index])]
    return quote[:39]


def _read_table(
    lines: list[str], *, plan: str, file: str, period: Period
) -> tuple[list[Indicator], list[Finding], set[int]]:
    indicators: list[Indicator] = []
    findings: list[Finding] = []
    used: set[int] = set()
    header_at = next(
        (i for i, line in enumerate(lines) if "指标名称" in line and line.count("|") >= 3), None
    )
    if header_at is None:
        return indicators, findings, used
    columns = _columns(lines[header_at])
    used.add(header_at + 1)
    caption = re.sub(r"^[(（][一二三四五六七八九十]+[)）]", "", lines[header_at - 1].strip())
    missing = {"name", "target"} - set(columns)
    for index in range(header_at + 1, len(lines)):
        line = lines[index]
        if line.count("|") < 3:
            break
        number = index + 1
        used.add(number)
        cells = _cells(line)
        problem = None
        if missing:
            problem = f"the table header has no {'/'.join(sorted(missing))} column"
        elif len(cells) != len(_cells(lines[header_at])):
            problem = f"{len(cells)} cells where the header has {len(_cells(lines[header_at]))}"
        if problem is not None:
            findings.append(_unreadable(plan, file, number, line, problem))
            continue
        indicator, problem = _row(line, number, cells, columns, caption, period)
        if indicator is None:
            findings.append(_unreadable(plan, file, number, line, problem or "unreadable"))
        else:
            indicators.append(indicator)
    return indicators, findings, used


def _row(
    line: str,
    number: int,
    cells: list[str],
    columns: dict[str, _Column],
    caption: str,
    period: Period,
) -> tuple[Indicator | None, str | None]:
    def cell(key: str) -> str | None:
        column = columns.get(key)
        return cells[column.index] if column is not None else None

    row_number = cell("number")
    target_column = columns["target"]
    target_text = cell("target") or ""
    parsed = _parse(target_text)
    target = parsed.to_target(target_column.year or period.end) if parsed else None
    if target is None:
        return None, f"target {target_text!r} is not a value"
    baseline = None
    baseline_text = cell("baseline")
    if baseline_text:
        parsed_baseline = _parse(baseline_text)
        if parsed_baseline is None:
            return None, f"baseline {baseline_text!r} is not a value"
        # A dash or slash states no baseline: the row keeps its target.
        baseline = parsed_baseline.to_observation(columns["baseline"].year or period.start - 1)
    attribute_text = (cell("attribute") or "").replace(" ", "")
    row = int(row_number) if row_number and row_number.isdigit() else None
    indicator = Indicator(
        id=f"t1.{row if row is not None else number}",
        name=cell("name") or "",
        unit=cell("unit") or "",
        attribute=_ATTRIBUTES.get(attribute_text),
        baseline=baseline,
        target=target,
        definition=cell("definition") or None,
        source=Source(
            SourceKind.TABLE,
            table=caption or None,
            row=row,
            line=number,
            quote=_quote(line, cells, columns) if "baseline" in columns else None,
        ),
    )
    return indicator, None


def _unreadable(plan: str, file: str, line: int, text: str, reason: str) -> Finding:
    return make_finding(
        "MZ501",
        Severity.WARNING,
        "Table row not readable ({reason}): {row}",
        plan=plan,
        file=file,
        line=line,
        reason=reason,
        row=text.strip()[:80],
    )


def load(document: Document) -> LoadResult:
    text = document_text(document, LOADER_NAME)
    metadata = read_metadata(text)
    period = metadata.period
    if period is None:
        msg = "cannot tell the plan period from the title"
        raise DocumentError(msg, path=document.name)
    file = Path(document.name).name
    pid = plan_id(CHONGMING, period)
    lines = text.split("\n")
    table, findings, table_lines = _read_table(lines, plan=pid, file=file, period=period)
    return assemble_plan(
        document,
        jurisdiction=CHONGMING,
        metadata=metadata,
        table_indicators=table,
        table_findings=findings,
        table_lines=table_lines,
        known_plans=_KNOWN_PLANS,
    )
