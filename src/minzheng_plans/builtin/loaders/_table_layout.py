"""The indicator-table layout of the CSV and XLSX loaders: rows, header names, the header row.

A table is a list of rows of text cells. Rows above the header row form the *header block*
(``title,…``, ``jurisdiction,990101,澜溪县,county``, ``period,2021,2025``); the header row names
the columns (English names or Chinese aliases); every later row is an indicator. The layout is
documented for users in ``docs/reference/indicator-table.md``; keep the two in step.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import attrs

from minzheng_plans.core.model import Attribute, Level
from minzheng_plans.text.classify import ColumnRole, classify_header
from minzheng_plans.text.normalise import normalise_string
from minzheng_plans.text.vocabulary import (
    ATTRIBUTE_HEADERS,
    ATTRIBUTE_WORDS,
    CATEGORY_HEADERS,
    DEFINITION_HEADERS,
    NAME_HEADERS,
    NUMBER_HEADERS,
    STATUS_HEADERS,
    TRUNCATED_ATTRIBUTES,
    UNIT_HEADERS,
)

__all__ = [
    "ATTRIBUTES",
    "CODE_LIKE",
    "COLUMN_ALIASES",
    "HEADER_SEARCH_ROWS",
    "LEVELS",
    "META_ALIASES",
    "PERIOD",
    "YEAR",
    "Column",
    "RawTable",
    "Row",
    "find_header",
    "lookup_meta",
    "norm",
]

# The header must sit near the top: a table whose header is further down is not this layout.
HEADER_SEARCH_ROWS = 30

# Longest row quote kept in a finding: enough to find the row, short enough to read.
_QUOTE_CHARS = 160

# The layout's own column names (English field names, ids, years, codes, projects) and the
# exact names of the shared vocabulary; any other header (2020年基期值, 目标值(2025年)) is read
# by the classifier the text and document readers use, see :func:`_header_cell`.
COLUMN_ALIASES: Mapping[str, tuple[str, ...]] = {
    "id": ("id", "编号", "指标编号"),
    "number": ("number", "no", "no.", *sorted(NUMBER_HEADERS - {"编号"})),
    "name": ("name", *sorted(NAME_HEADERS)),
    "unit": ("unit", *sorted(UNIT_HEADERS)),
    "attribute": ("attribute", *sorted(ATTRIBUTE_HEADERS)),
    "baseline_year": ("baseline_year", "基期年份", "基期年", "基准年份", "基准年"),
    "baseline": ("baseline",),
    "target_year": ("target_year", "目标年份", "目标年", "规划年份"),
    "target": ("target",),
    "actual_year": ("actual_year", "实际年份", "完成年份"),
    "actual": ("actual",),
    "growth": ("growth",),
    "status": ("status", *sorted(STATUS_HEADERS)),
    "code": ("code", "代码", "指标代码", "目录代码"),
    "definition": ("definition", *sorted(DEFINITION_HEADERS)),
    "project": ("project", "专栏", "所属专栏"),
    "category": ("category", *sorted(CATEGORY_HEADERS)),
}

META_ALIASES: Mapping[str, tuple[str, ...]] = {
    "title": ("title", "标题", "规划名称"),
    "jurisdiction": ("jurisdiction", "行政区", "地区", "行政区划"),
    "period": ("period", "规划期", "规划期限"),
    "issuer": ("issuer", "issuers", "发布机关", "印发单位"),
    "document_number": ("document_number", "文号"),
    "issued": ("issued", "印发日期", "发布日期"),
    "based_on": ("based_on", "依据"),
    "table": ("table", "表名"),
    "baseline_year": COLUMN_ALIASES["baseline_year"],
    "target_year": COLUMN_ALIASES["target_year"],
}

LEVELS: Mapping[str, Level] = {
    **dict.fromkeys(("national", "全国", "国家", "国家级"), Level.NATIONAL),
    **dict.fromkeys(("provincial", "省", "省级", "直辖市"), Level.PROVINCIAL),
    **dict.fromkeys(("prefecture", "市", "地级", "地级市", "设区市"), Level.PREFECTURE),
    **dict.fromkeys(("county", "县", "区", "县级", "县区", "县级市"), Level.COUNTY),
    **dict.fromkeys(("zone", "开发区", "经开区", "功能区", "新区"), Level.ZONE),
}

ATTRIBUTES: Mapping[str, Attribute] = {
    "binding": Attribute.BINDING,
    "anticipatory": Attribute.ANTICIPATORY,
    **ATTRIBUTE_WORDS,
    **TRUNCATED_ATTRIBUTES,
}
YEAR = re.compile(r"(\d{4})\s*年?\s*(?:底|末)?")
PERIOD = re.compile(r"^(\d{4})\s*年?\s*(?:[-–—~～至到]+|\s)\s*(\d{4})\s*年?$")
_SPACES = re.compile(r"[\s\u3000]+")
CODE_LIKE = re.compile(r"^\d{6}(?:-[A-Za-z0-9]+)?$")

# A column of the shared vocabulary, as a field of this layout.
_ROLE_FIELDS = {
    ColumnRole.NUMBER: "number",
    ColumnRole.NAME: "name",
    ColumnRole.UNIT: "unit",
    ColumnRole.ATTRIBUTE: "attribute",
    ColumnRole.STATUS: "status",
    ColumnRole.DEFINITION: "definition",
    ColumnRole.GROWTH: "growth",
    ColumnRole.CATEGORY: "category",
}
# English year headers (baseline 2020, 2025 target) beside the Chinese vocabulary.
_ENGLISH_ROLES = ("baseline", "actual", "target")


@attrs.frozen
class Row:
    """One row of text cells and where it starts (a line of a CSV, a row of a sheet)."""

    line: int
    cells: tuple[str, ...]

    def cell(self, index: int) -> str:
        return self.cells[index] if index < len(self.cells) else ""

    def is_blank(self) -> bool:
        return not any(self.cells)

    def quote(self) -> str:
        cells = list(self.cells)
        while cells and not cells[-1]:
            cells.pop()
        text = " | ".join(cells)
        return text if len(text) <= _QUOTE_CHARS else text[: _QUOTE_CHARS - 1] + "…"


@attrs.frozen
class RawTable:
    """The rows of one table; ``label`` names it in messages (a file or sheet name).

    ``lines`` says that a row's ``line`` is a line of the document (CSV), which then goes into
    each indicator's ``source.line``; a sheet's row numbers are not lines.
    """

    rows: tuple[Row, ...]
    label: str | None = None
    lines: bool = False
    caption: str | None = None  # when the header block gives none (a sheet's title)


@attrs.frozen
class Column:
    """What a header cell means: a field, and a year when the header states one."""

    field: str
    year: int | None = None


def _by_name(aliases: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    return {name: field for field, names in aliases.items() for name in names}


_COLUMN_BY_NAME = _by_name(COLUMN_ALIASES)
_META_BY_NAME = _by_name(META_ALIASES)


def norm(text: str) -> str:
    """A header or keyword cell as looked up: no spaces, no trailing colon, lower case."""
    return _SPACES.sub("", text).strip().rstrip(":：").lower()


def _lookup(by_name: Mapping[str, str], text: str) -> str | None:
    return by_name.get(norm(text))


def lookup_meta(text: str) -> str | None:
    """The header-block key a first cell names (``title``, ``jurisdiction`` …), or None."""
    return _lookup(_META_BY_NAME, text)


def _header_cell(text: str) -> Column | int | None:
    """A :class:`Column`, a bare year (a column whose role depends on the others), or None."""
    field = _lookup(_COLUMN_BY_NAME, text)
    if field is not None:
        return Column(field)
    column = classify_header(normalise_string(text).strip())
    if column is None:
        key = norm(text)
        match = YEAR.search(key)
        role = next((r for r in _ENGLISH_ROLES if r in key), None)
        return Column(role, int(match.group(1))) if match and role else None
    if column.role in _ROLE_FIELDS:
        return Column(_ROLE_FIELDS[column.role], column.year)
    if column.role != ColumnRole.VALUE:
        return None
    if column.value_kind is None:
        return column.year
    return Column(column.value_kind, column.year)


def find_header(rows: Sequence[Row]) -> tuple[int, dict[int, Column]] | None:
    """The position of the header row among the first rows, and its columns by index."""
    for position, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns = _header_columns(row)
        if columns is not None:
            return position, columns
    return None


def _header_columns(row: Row) -> dict[int, Column] | None:
    columns: dict[int, Column] = {}
    bare_years: dict[int, int] = {}
    for index, text in enumerate(row.cells):
        found = _header_cell(text) if text else None
        if isinstance(found, Column) and found.field not in {c.field for c in columns.values()}:
            columns[index] = found
        elif isinstance(found, int):
            bare_years[index] = found
    fields = {column.field for column in columns.values()}
    if "name" not in fields or len(fields) + len(bare_years) < 2:
        return None
    # Columns headed by a bare year (2020年, 2025年): the earliest is the baseline, the latest
    # the target, unless the table already has those columns.
    ordered = sorted(bare_years.items(), key=lambda item: item[1])
    roles = [r for r in ("baseline", "target") if r not in fields]
    if len(ordered) == 1 and roles:
        index, year = ordered[0]
        columns[index] = Column(roles[-1], year)
    elif len(ordered) >= 2:
        ends = ((ordered[0], "baseline"), (ordered[-1], "target"))
        for (index, year), role in ends:
            if role in roles:
                columns[index] = Column(role, year)
    return dict(sorted(columns.items()))
