"""What a table's headers and cells say: header classification, in one place for every source.

:func:`classify_header` reads one header (``2020年基期值``, ``指标属性``); headers written over
two or three lines or rows are combined first — by :func:`combine_fragments` for a sequence
of header texts (one cell per line, or a header line followed by ``基期值 目标值``) and by
the grid reader for rows of a structured table — and then classified as one text, so that
``2020年`` over ``基期值`` and ``指标值`` over ``2025年`` mean the same in every format.

:func:`cell_kind` tells what a cell holds (a row number, a value, an attribute, a unit, a
status, text): the table readers use it to recover a scrambled header order and to tell
data rows from text. Every word comes from :mod:`minzheng_plans.text.vocabulary`.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Sequence

import attrs

from minzheng_plans.text.metadata import period_from_title
from minzheng_plans.text.sections import HeadingKind, parse_heading
from minzheng_plans.text.vocabulary import (
    ACTUAL_WORDS,
    ATTRIBUTE_HEADERS,
    ATTRIBUTE_WORDS,
    BASELINE_WORDS,
    CATEGORY_HEADERS,
    CATEGORY_SUFFIXES,
    DEFINITION_HEADERS,
    DEFINITION_WORDS,
    GROUP_HEADERS,
    GROWTH_WORDS,
    NAME_HEADERS,
    NOTE_HEADERS,
    NUMBER_HEADERS,
    STATUS_HEADERS,
    STATUS_WORDS,
    TARGET_WORDS,
    TRUNCATED_ATTRIBUTES,
    UNIT_HEADERS,
    header_key,
    is_no_value,
)

__all__ = [
    "CAPTION_START",
    "MAX_HEADER",
    "CellKind",
    "Column",
    "ColumnRole",
    "category_title",
    "cell_kind",
    "classify_header",
    "combine_fragments",
    "is_category_text",
    "is_group",
    "is_header_fragment",
]

#: Longest header text (spaces removed); captions are longer. A header combined from two or
#: three fragments may be up to three times as long.
MAX_HEADER = 14


class ColumnRole(enum.StrEnum):
    """What a column holds, read from its header."""

    NUMBER = "number"  # 序号
    NAME = "name"  # 指标, 主要指标, 指标名称
    DEFINITION = "definition"  # 指标定义 (计算公式)
    UNIT = "unit"  # 单位
    VALUE = "value"  # 2015, 2020年目标值, 2020年基准值, 2020情况
    GROWTH = "growth"  # “十二五”期间增长(%)
    ATTRIBUTE = "attribute"  # 属性, 指标属性, 指标类型
    STATUS = "status"  # 完成情况
    NOTE = "note"  # 备注
    CATEGORY = "category"  # 类别, 领域: the rows' section, written beside them
    OTHER = "other"  # a header no reader knows (责任单位): kept, not read, reported


@attrs.frozen
class Column:
    """A column in logical order: its header as written (fragments joined) and its role.

    For value columns, ``year`` is the year the header names (``十三五期末`` → 2020) and
    ``value_kind`` is ``"target"``, ``"baseline"`` or ``"actual"`` where the header says so.
    """

    header: str
    role: ColumnRole
    year: int | None = None
    value_kind: str | None = None
    line: int | None = None


_YEAR = re.compile(r"((?:19|20)\d{2})")
#: How a table's caption starts: 表1, 专栏2, 附表.
CAPTION_START = re.compile(r"^(专栏\s*\d+|表\s*\d+|附表\s*\d*)")
_UNIT_IN_BRACKETS = re.compile(r"\([^()]{0,8}\)?$")


def _kind(key: str) -> str | None:
    if any(word in key for word in TARGET_WORDS):
        return "target"
    if any(word in key for word in BASELINE_WORDS):
        return "baseline"
    if any(word in key for word in ACTUAL_WORDS):
        return "actual"
    return None


def _header_year(key: str) -> int | None:
    match = _YEAR.search(key)
    if match:
        return int(match.group(1))
    period = period_from_title(key)
    # A bare "“十二五”" is a fragment of a split header ("“十二五”" / "期间增长(%").
    words = ("期末", "期初", "末", *TARGET_WORDS, *BASELINE_WORDS, *ACTUAL_WORDS)
    if period is None or not any(w in key for w in words):
        return None
    # "十三五期末" is the period's last year; "十三五期初" its first.
    return period.start if "期初" in key else period.end


# Header words repeat on every line a reader tries: classify each text once.
@functools.lru_cache(maxsize=4096)
def classify_header(text: str, *, limit: int = MAX_HEADER) -> Column | None:
    """The column a header text names, or ``None`` for text that is no header (alone)."""
    key = header_key(text)
    # Captions (表2 …主要发展指标) are longer than any header and name the table.
    if not key or len(key) > limit or CAPTION_START.match(key):
        return None
    # A unit in brackets after a header (目标值(%)) says nothing about the role.
    bare = _UNIT_IN_BRACKETS.sub("", key) or key
    for words, role in (
        (NUMBER_HEADERS, ColumnRole.NUMBER),
        (NAME_HEADERS, ColumnRole.NAME),
        (UNIT_HEADERS, ColumnRole.UNIT),
        (ATTRIBUTE_HEADERS, ColumnRole.ATTRIBUTE),
        (STATUS_HEADERS, ColumnRole.STATUS),
        (NOTE_HEADERS, ColumnRole.NOTE),
        (CATEGORY_HEADERS, ColumnRole.CATEGORY),
    ):
        if key in words or bare in words:
            return Column(text, role)
    if bare in DEFINITION_HEADERS or any(w in key for w in DEFINITION_WORDS):
        return Column(text, ColumnRole.DEFINITION)
    year = _header_year(key)
    if any(w in key for w in GROWTH_WORDS):
        return Column(text, ColumnRole.GROWTH, year)
    kind = _kind(key)
    if year is None and kind is None:
        return None
    return Column(text, ColumnRole.VALUE, year, kind)


@functools.lru_cache(maxsize=4096)
def is_header_fragment(text: str) -> bool:
    """A piece of a header that means nothing alone: ``指标值``, ``“十二五”``, ``(%)``."""
    key = header_key(text)
    if not key or len(key) > MAX_HEADER:
        return False
    if key in GROUP_HEADERS or key.strip("()%‰") == "":
        return True
    # A period name, alone or with 期间 (the head of “十二五”期间增长).
    return period_from_title(key) is not None and len(key) <= 8


def is_group(text: str) -> bool:
    """A header written once over several value columns (``指标值``)."""
    return header_key(text) in GROUP_HEADERS


def combine_fragments(texts: Sequence[str]) -> list[tuple[int, ...]] | None:
    """Header texts in written order, grouped into columns; ``None`` if some never classify.

    Fragments are joined until they classify (``“十二五”`` + ``期间增长(%``); a year followed
    by the kind of value it heads (``2020年`` + ``基期值``), or a block of years followed by
    as many kinds (``2020年 2025年`` + ``基期值 目标值``), pair up; a group header (``指标值``)
    followed by value columns heads them and is no column of its own.
    """
    groups: list[tuple[int, ...]] = []
    pending: list[int] = []
    for index in range(len(texts)):
        pending.append(index)
        joined = "".join(texts[i] for i in pending)
        if classify_header(joined, limit=2 * MAX_HEADER) is not None or is_group(joined):
            groups.append(tuple(pending))
            pending = []
    if pending:
        return None
    columns = [classify_header("".join(texts[i] for i in g), limit=2 * MAX_HEADER) for g in groups]
    groups = _pair_years_and_kinds(groups, columns)
    # A group header over the value columns after it: it names no column itself.
    kept = []
    for position, group in enumerate(groups):
        text = "".join(texts[i] for i in group)
        following = groups[position + 1] if position + 1 < len(groups) else None
        if is_group(text) and following is not None:
            after = classify_header("".join(texts[i] for i in following), limit=2 * MAX_HEADER)
            if after is not None and after.role in {ColumnRole.VALUE, ColumnRole.GROWTH}:
                continue
        kept.append(group)
    return kept


def _year_only(column: Column | None) -> bool:
    return (
        column is not None
        and column.role == ColumnRole.VALUE
        and column.year is not None
        and column.value_kind is None
    )


def _kind_only(column: Column | None) -> bool:
    return (
        column is not None
        and column.role == ColumnRole.VALUE
        and column.year is None
        and column.value_kind is not None
    )


def _pair_years_and_kinds(
    groups: list[tuple[int, ...]], columns: list[Column | None]
) -> list[tuple[int, ...]]:
    result: list[tuple[int, ...]] = []
    position = 0
    while position < len(groups):
        years = position
        while years < len(groups) and _year_only(columns[years]):
            years += 1
        count = years - position
        kinds = years
        while kinds < len(groups) and kinds - years < count and _kind_only(columns[kinds]):
            kinds += 1
        if count and kinds - years == count:
            # Y K or Y Y K K: each year heads the kind in the same place of its block.
            result.extend(groups[position + k] + groups[years + k] for k in range(count))
            position = kinds
            continue
        result.append(groups[position])
        position += 1
    return result


# --- category rows ---------------------------------------------------------------------------

_CATEGORY_KINDS = {HeadingKind.CN_ENUM, HeadingKind.CN_PAREN}


def is_category_text(text: str) -> bool:
    """A row that only names a group of rows: ``一、社会救助``, ``(一)养老服务``, ``兜底保障类``."""
    key = text.strip()
    if not key or len(key) > 20 or "。" in key or classify_header(key) is not None:
        return False
    heading = parse_heading(key, 0)
    if heading is not None:
        return heading.kind in _CATEGORY_KINDS and bool(heading.title)
    return key.endswith(CATEGORY_SUFFIXES) and not any(c.isdigit() for c in key)


def category_title(text: str) -> str:
    """The section a category row names: ``一、社会救助`` → ``社会救助``."""
    heading = parse_heading(text, 0)
    return heading.title if heading is not None and heading.title else text


# --- cells ---------------------------------------------------------------------------------


class CellKind(enum.Enum):
    """What a cell holds, judged from its text alone."""

    INT = "int"
    VALUE = "value"
    ATTRIBUTE = "attribute"
    STATUS = "status"
    UNIT = "unit"
    TEXT = "text"


_VALUE_CELL = re.compile(
    r"^(?:[≥≤><=]|不低于|不高于|不少于|不超过|不多于|高于|低于|超过|达到|约)?\s*"
    r"[-+]?\d[\d.,:%‰~～\-—]*\s*[%‰]?\s*[\u4e00-\u9fff/·]{0,6}$"
)
_RELATIVE = re.compile(r"^(不低于|不高于|不少于|不超过|高于|低于|略高于|快于|同步于|与)")
_UNIT_CELL = re.compile(r"^(?:[%‰]|[万亿千百]?[\u4e00-\u9fff]{1,3}(?:/[\u4e00-\u9fff·]{1,5})?)$")


@functools.lru_cache(maxsize=4096)
def cell_kind(text: str) -> CellKind:
    """What ``text`` (a normalised cell) holds."""
    key = text.strip()
    if key.isdigit():
        return CellKind.INT
    if key in ATTRIBUTE_WORDS or key in TRUNCATED_ATTRIBUTES:
        return CellKind.ATTRIBUTE
    if key in STATUS_WORDS:
        return CellKind.STATUS
    if is_no_value(key) or _VALUE_CELL.match(key) or _RELATIVE.match(key):
        return CellKind.VALUE
    if _UNIT_CELL.match(key):
        return CellKind.UNIT
    return CellKind.TEXT


#: What a column of each role holds, for recovering a scrambled header order.
ROLE_KINDS = {
    ColumnRole.NUMBER: CellKind.INT,
    ColumnRole.NAME: CellKind.TEXT,
    ColumnRole.DEFINITION: CellKind.TEXT,
    ColumnRole.UNIT: CellKind.UNIT,
    ColumnRole.VALUE: CellKind.VALUE,
    ColumnRole.GROWTH: CellKind.VALUE,
    ColumnRole.ATTRIBUTE: CellKind.ATTRIBUTE,
    ColumnRole.STATUS: CellKind.STATUS,
    ColumnRole.NOTE: CellKind.TEXT,
    ColumnRole.CATEGORY: CellKind.TEXT,
    ColumnRole.OTHER: CellKind.TEXT,
}
