"""The municipal plan of 重庆市: 重庆市民政事业发展“十三五”规划 (渝府办发〔2016〕261号).

Two tables, one cell per line, header order scrambled by text extraction: 专栏1 reports the
12th plan (2010 baseline, 2015 actual, growth over the period, attribute) and 专栏2 sets the
13th plan's targets (2015 baseline, 2020 target). Extraction damaged several cells; each is
repaired only on evidence found in the document itself, with an MZ502 finding and the damaged
text kept in ``source.raw``, and otherwise kept as written with an MZ503 warning:

- a ``)`` lost after every ``(%`` unit (generic, see :mod:`minzheng_plans.text.rows`);
- ``10.55`` and ``10.8`` in a ratio row (name ending in 比) for ``1:0.55`` and ``1:0.8``;
- ``90147`` for ``90%~147%``, which the prose states with the same digits and percent signs;
- ``元/·人`` for ``元/人·月``, the prose giving the same standards ``每人每月…元``;
- an empty ``(`` for ``‰``: the share's baseline and target match the prose's head counts
  (1万 and 2万 social workers) only as per-mille of the city's population.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from decimal import ROUND_DOWN, Decimal

from minzheng_plans import (
    Document,
    Jurisdiction,
    Level,
    LoadContext,
    LoadResult,
    Message,
    assemble_plan,
    open_document,
)
from minzheng_plans.text.layouts import find_grids
from minzheng_plans.text.normalise import NormalisedText, normalise
from minzheng_plans.text.reader import read_grids
from minzheng_plans.text.rows import Fix
from minzheng_plans.text.tables import ColumnRole, Table, TableRow, split_name_unit
from minzheng_plans_chongqing import MUNICIPAL_LOADER_NAME

__all__ = ["CHONGQING", "LOADER_NAME", "load", "repairs", "sniff"]

LOADER_NAME = MUNICIPAL_LOADER_NAME

CHONGQING = Jurisdiction(
    code="500000",
    name="重庆市",
    level=Level.PROVINCIAL,
    name_en="Chongqing Municipality",
    parent="000000",
)

# Plans named in the 依据 sentence whose ids follow from the id convention.
KNOWN_PLANS = {"民政事业发展第十三个五年规划": "000000-2016-2020"}

# Resident population of 重庆市 at the end of 2015 (statistical bulletin), in 万人: the
# denominator that tells a per-mille share from a percentage.
POPULATION_2015_WAN = Decimal(3017)

_HEAD = 3000
_MUNICIPAL_TITLE = re.compile(r"重庆市民政事业发展\s*“?十[一二三四五六七八九]?五”?规划")
_RATIO_CELL = re.compile(r"^1(0\.\d+)$")
_LOST_TIME_BASE = re.compile(r"^元/·?人·?$")


def _reason(english: str, chinese: str, **args: str) -> Message:
    """A repair's evidence in the report's language: the library's catalogs do not hold a
    plugin's sentences, so the message carries its Chinese translation with it."""
    return Message(english, args, translations={"zh_CN": chinese})


def sniff(document: Document, _context: LoadContext) -> float:
    """0.95 for the municipal plan of 重庆市; 万盛 and other places' plans score low."""
    if document.text is None:
        return 0.0
    head = normalise(document.text[:_HEAD]).text
    if "万盛" in head:
        return 0.1
    titled = bool(_MUNICIPAL_TITLE.search(head))
    numbered = "渝府" in head
    if titled and numbered:
        return 0.95
    if titled:
        return 0.7
    return 0.1 if "重庆" in head else 0.0


def _value_cells(table: Table, row: TableRow) -> Iterator[tuple[int, str]]:
    values = [c for c in table.columns if c.role == ColumnRole.VALUE]
    for index in range(len(values)):
        cell = row.cell(table.columns, ColumnRole.VALUE, index)
        if cell is not None:
            yield index, cell.text


def _ratio_fixes(table: Table, row: TableRow, name: str) -> list[Fix]:
    """``10.55`` in a row whose name is a ratio (…比): the colon of ``1:0.55`` was lost."""
    if not name.endswith("比"):
        return []
    fixes = []
    for index, text in _value_cells(table, row):
        match = _RATIO_CELL.match(text)
        if match:
            reason = _reason(
                "the row is a ratio (its name ends in 比) and no ratio of two standards "
                "reads {text}; the colon of 1:{value} was lost",
                "该行是比值（名称以“比”结尾），两个标准之比不会写作{text}；1:{value}的冒号在提取时丢失",
                text=text,
                value=match.group(1),
            )
            fixes.append(Fix(row.number, reason, ColumnRole.VALUE, index, f"1:{match.group(1)}"))
    return fixes


def _range_fix(row: TableRow, table: Table, prose: str) -> Fix | None:
    """Digits such as ``90147`` that the prose writes as ``90%147%`` or ``90%~147%``."""
    cell = row.cell(table.columns, ColumnRole.GROWTH)
    if cell is None or not cell.text.isdigit() or len(cell.text) < 4:
        return None
    readings = []
    for cut in range(1, len(cell.text)):
        low, high = cell.text[:cut], cell.text[cut:]
        if high.startswith("0") or int(low) >= int(high):
            continue
        if re.search(rf"(?<![\d.]){low}\s*%\s*[~～至\-—]?\s*{high}\s*%", prose):
            readings.append((low, high))
    if len(readings) != 1:
        return None
    low, high = readings[0]
    reason = _reason(
        "the prose gives the same figures as {low}% and {high}%; the % and ~ were lost. "
        "The growth field holds one number, so this finding keeps the range",
        "正文以{low}%和{high}%写出相同的数字，%和~在提取时丢失；增长一栏只存一个数，"
        "范围保留在本条发现中",
        low=low,
        high=high,
    )
    return Fix(row.number, reason, ColumnRole.GROWTH, 0, f"{low}%~{high}%")


def _time_base_fix(table: Table, row: TableRow, unit: str, prose: str) -> Fix | None:
    """``元/·人``: the time base was lost; the prose states the same standards per month."""
    if not _LOST_TIME_BASE.match(unit):
        return None
    figures = [text for _index, text in _value_cells(table, row)]
    if not figures:
        return None
    for word, base in (("每人每月", "月"), ("每人每年", "年")):
        if all(re.search(rf"{word}{re.escape(f)}元", prose) for f in figures):
            reason = _reason(
                "the prose gives the same standards {quote}",
                "正文给出相同的标准：{quote}",
                quote=f"{word}{'、'.join(figures)}元",
            )
            return Fix(row.number, reason, unit=f"元/人·{base}")
    return None


def _per_mille_fix(table: Table, row: TableRow, name: str, prose: str) -> Fix | None:
    """An empty unit on a population share: ‰ if the prose's head counts say so."""
    if "人口" not in name or "比例" not in name:
        return None
    values = [Decimal(text) for _i, text in _value_cells(table, row) if _is_decimal(text)]
    counts = [Decimal(m) for m in re.findall(r"社会工作专业人才达到(\d+(?:\.\d+)?)万人", prose)]
    if not values or not counts:
        return None
    # Shares of the population in ‰ that the head counts imply, truncated to one decimal as
    # the table writes them; a percentage would be ten times smaller.
    implied = {
        (count / POPULATION_2015_WAN * 1000).quantize(Decimal("0.1"), rounding=ROUND_DOWN)
        for count in counts
    }
    if not set(values) <= implied:
        return None
    shown = "、".join(f"{c}万" for c in counts)
    reason = _reason(
        "the prose's {counts} social workers are {shares}‰ of {population}万 residents; "
        "as % they would be ten times smaller",
        "正文中的{counts}名社会工作者占{population}万常住人口的{shares}‰；按%计则小十倍",
        counts=shown,
        shares=", ".join(map(str, sorted(implied))),
        population=str(POPULATION_2015_WAN),
    )
    return Fix(row.number, reason, unit="‰")


def _is_decimal(text: str) -> bool:
    return bool(re.fullmatch(r"\d+(?:\.\d+)?", text))


def repairs(tables: Mapping[int, Table], text: NormalisedText) -> dict[int, list[Fix]]:
    """The repairs the evidence in ``text`` supports, per table number."""
    fixes: dict[int, list[Fix]] = {}
    prose = text.text
    for number, table in tables.items():
        found: list[Fix] = []
        for row in table.rows:
            name_cell = row.cell(table.columns, ColumnRole.NAME)
            if name_cell is None:
                continue
            split = split_name_unit(name_cell.text)
            found.extend(_ratio_fixes(table, row, split.name))
            growth = _range_fix(row, table, prose)
            if growth is not None:
                found.append(growth)
            unit_fix = _time_base_fix(table, row, split.unit, prose)
            if unit_fix is None and not split.unit and not split.closed:
                # Without evidence the row reader reports the lost unit (MZ503).
                unit_fix = _per_mille_fix(table, row, split.name, prose)
            if unit_fix is not None:
                found.append(unit_fix)
        fixes[number] = found
    return fixes


def load(document: Document, context: LoadContext) -> LoadResult:
    """The municipal plan with every table row, prose target and 专栏 project."""
    # Level and parent are the registry's facts; the constant gives the names.
    jurisdiction = context.jurisdictions().known(CHONGQING)
    opened = open_document(document, LOADER_NAME, jurisdiction)
    tables = read_grids(
        find_grids(opened.text),
        period=opened.period,
        plan=opened.plan_id,
        file=opened.file,
        repair=lambda found: repairs(found, opened.text),
    )
    return assemble_plan(
        document,
        context=context,
        jurisdiction=jurisdiction,
        metadata=opened.metadata,
        period=opened.period,
        table_indicators=tables.indicators,
        table_findings=tables.findings,
        table_lines=tables.lines,
        known_plans=KNOWN_PLANS,
    )
