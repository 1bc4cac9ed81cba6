"""The words of plan tables, defined once: headers by role, value kinds, attributes, notes.

Every reader of indicator tables — the text layouts, structured documents (DOCX, HTML, PDF)
and the hand-kept CSV/XLSX layout — classifies what it reads with these words, so a header
that one reader knows every reader knows. The lists are data: add a word here and every
reader learns it. Headers are compared after removing spaces (``指标 类型`` is ``指标类型``).

Exact header names (``…_HEADERS``) name a column by themselves; word lists (``…_WORDS``) are
looked for *inside* a header, next to a year (``2020年基期值``, ``“十四五”规划目标``).

The value-cell concepts (which cells state no value, the unit of a ``1:x`` ratio) live in
:mod:`minzheng_plans.core.values`, below this module, because the value parser needs them;
they are re-exported here so that a table reader has one place to look.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from minzheng_plans.core.model import Attribute
from minzheng_plans.core.values import NO_VALUE_TEXTS, RATIO_UNIT, is_no_value

__all__ = [
    "ACTUAL_WORDS",
    "ATTRIBUTE_HEADERS",
    "ATTRIBUTE_WORDS",
    "BASELINE_WORDS",
    "CATEGORY_HEADERS",
    "CATEGORY_SUFFIXES",
    "COMBINED_PREFIXES",
    "DEFINITION_HEADERS",
    "DEFINITION_WORDS",
    "GROUP_HEADERS",
    "GROWTH_WORDS",
    "MAX_QUOTE",
    "NAME_HEADERS",
    "NOTES_STARTS",
    "NOTE_HEADERS",
    "NO_VALUE_TEXTS",
    "NUMBER_HEADERS",
    "RATIO_UNIT",
    "STATUS_HEADERS",
    "STATUS_WORDS",
    "SUB_ROW_MARKERS",
    "TARGET_WORDS",
    "TRUNCATED_ATTRIBUTES",
    "UNIT_HEADERS",
    "header_key",
    "is_no_value",
]

#: Quotes of the document kept in provenance (``source.quote``) stay under 40 characters, so
#: that committed data never copies a passage of a published plan.
MAX_QUOTE = 39

# --- headers that name a column by themselves ----------------------------------------------

NUMBER_HEADERS = frozenset({"序号", "编号", "序", "No", "NO", "No."})
NAME_HEADERS = frozenset(
    {
        "指标",
        "主要指标",
        "指标名称",
        "指标名",
        "指标内容",
        "指标项",
        "具体指标",
        "二级指标",
        "项目",
        "名称",
    }
)
UNIT_HEADERS = frozenset({"单位", "计量单位", "指标单位"})
DEFINITION_HEADERS = frozenset({"定义", "指标定义", "计算方法", "计算公式", "指标解释", "口径"})
ATTRIBUTE_HEADERS = frozenset({"属性", "指标属性", "指标类型", "类型", "性质", "指标性质"})
STATUS_HEADERS = frozenset(
    {"完成情况", "完成状态", "进展情况", "是否完成", "实现情况", "状态", "进展"}
)
NOTE_HEADERS = frozenset({"备注", "说明", "注"})
#: A column that groups rows (``社会救助`` written once beside its rows): the rows' section.
CATEGORY_HEADERS = frozenset({"类别", "领域", "分类", "指标类别", "一级指标", "方面"})
#: A header written once over several value columns (``指标值`` over ``2020年 | 2025年``).
GROUP_HEADERS = frozenset({"指标值", "数值", "指标数值", "规划指标值", "指标值(目标值)"})

# --- words inside a header -----------------------------------------------------------------

#: A definition or formula column: ``指标定义(计算公式)``, ``统计口径``.
DEFINITION_WORDS = ("定义", "计算公式", "口径", "计算方法")
#: Growth over a period: ``“十二五”期间增长(%)``, ``年均增速``.
GROWTH_WORDS = ("增长", "增幅", "增速", "变化")
#: A target column: ``2025年目标值``, ``规划目标``, ``“十四五”预期值``.
TARGET_WORDS = ("目标", "规划值", "预期值", "计划值")
#: A baseline column: ``2020年基期值``, ``基数``, ``现状值``.
BASELINE_WORDS = ("基准", "基期", "基数", "现状", "起始", "基础值")
#: What was achieved: ``2020年完成``, ``2020情况``, ``实际值``.
ACTUAL_WORDS = ("实际", "完成", "实现", "达到值", "情况")

# --- cells -----------------------------------------------------------------------------------

#: The two attributes a plan gives its indicators, and the words that state them.
ATTRIBUTE_WORDS: Mapping[str, Attribute] = MappingProxyType(
    {
        "约束性": Attribute.BINDING,
        "预期性": Attribute.ANTICIPATORY,
        "约束性指标": Attribute.BINDING,
        "预期性指标": Attribute.ANTICIPATORY,
    }
)
#: Attribute words cut short by extraction: unambiguous, since only two attributes exist.
TRUNCATED_ATTRIBUTES: Mapping[str, Attribute] = MappingProxyType(
    {"约束": Attribute.BINDING, "预期": Attribute.ANTICIPATORY}
)
#: What a completion table's status column says.
STATUS_WORDS = frozenset(
    {
        "已完成",
        "未完成",
        "基本完成",
        "超额完成",
        "完成",
        "部分完成",
        "未达到",
        "达到",
        "已达到",
        "超额达到",
        "提前完成",
    }
)

# --- rows and lines around a table -----------------------------------------------------------

#: A category row's name may end so: ``兜底保障类``.
CATEGORY_SUFFIXES = ("类",)
#: A sub-row names its parent's parts: ``其中：城市``, ``其中:农村``.
SUB_ROW_MARKERS = ("其中",)
#: A parent name starting with a key covers the parts listed (``城乡低保标准`` over 城市 and
#: 农村): a sub-row of one part is named by putting the part in place of the key.
COMBINED_PREFIXES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {"城乡": ("城市", "城镇", "农村", "乡村")}
)
#: Lines after a table that are its notes, not rows.
NOTES_STARTS = ("注:", "注 ", "注1", "注①", "说明:", "备注:", "资料来源", "数据来源", "注释")


def header_key(text: str) -> str:
    """A header as the vocabulary compares it: without spaces or a trailing colon."""
    return "".join(text.split()).rstrip(":：")
