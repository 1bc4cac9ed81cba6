"""What each exported column means: its Chinese label, an English description and its type.

One table serves the CSV's Frictionless Table Schema (``datapackage.json``), the datasette
``metadata.json`` of the SQLite export and the docs, so a column is described once.
Types are Table Schema types: ``string``, ``number``, ``integer``, ``year``.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

__all__ = ["ENUMS", "TIDY_FIELDS", "Field"]


@attrs.frozen
class Field:
    """One column: Chinese label, English description, Table Schema type."""

    label: str
    description: str
    type: str = "string"


TIDY_FIELDS: Mapping[str, Field] = {
    "plan": Field("规划编号", "The plan's id."),
    "jurisdiction": Field("行政区域", "The jurisdiction's name."),
    "jurisdiction_code": Field(
        "行政区划代码",
        "The jurisdiction's code (GB/T 2260 where one exists): text, so 000000 keeps its zeros.",
    ),
    "indicator": Field("指标编号", "The indicator's id within its plan."),
    "name": Field("指标名称", "The indicator's name as the plan writes it."),
    "code": Field("目录代码", "The indicator catalog's code; empty when no entry matches."),
    "attribute": Field(
        "指标属性", "binding (约束性) or anticipatory (预期性); empty when the plan does not say."
    ),
    "kind": Field("数值类型", "baseline (基期值), target (目标值) or actual (实际值)."),
    "year": Field("年份", "The year the value is for.", "year"),
    "comparator": Field(
        "比较符", "=, >=, >, <=, < or range or relative, as the plan states the value."
    ),
    "value": Field(
        "数值",
        "The value as written, an exact decimal (read it as text or as a Decimal to keep "
        "every digit); empty for a range or relative target.",
        "number",
    ),
    "value_number": Field(
        "数值（浮点）", "value as a floating-point number, for sorting and charts.", "number"
    ),
    "low": Field("下限", "A range target's low end (or a relative target's), exact.", "number"),
    "low_number": Field("下限（浮点）", "low as a floating-point number.", "number"),
    "high": Field("上限", "A range target's high end (or a relative target's), exact.", "number"),
    "high_number": Field("上限（浮点）", "high as a floating-point number.", "number"),
    "reference": Field("参照", "What a relative target is relative to (不低于…增速)."),
    "unit": Field("单位", "The unit as the plan writes it."),
    "normalised_value": Field(
        "换算值",
        "value in the catalog's unit, exact; empty when the unit does not convert.",
        "number",
    ),
    "normalised_value_number": Field(
        "换算值（浮点）", "normalised_value as a floating-point number.", "number"
    ),
    "normalised_low": Field("换算下限", "low in the catalog's unit, exact.", "number"),
    "normalised_low_number": Field(
        "换算下限（浮点）", "normalised_low as a floating-point number.", "number"
    ),
    "normalised_high": Field("换算上限", "high in the catalog's unit, exact.", "number"),
    "normalised_high_number": Field(
        "换算上限（浮点）", "normalised_high as a floating-point number.", "number"
    ),
    "normalised_unit": Field("目录单位", "The catalog's unit of the normalised columns."),
}

#: The values a column may take, where they are a fixed set.
ENUMS: Mapping[str, tuple[str, ...]] = {
    "attribute": ("binding", "anticipatory"),
    "kind": ("baseline", "target", "actual"),
    "comparator": ("=", ">=", ">", "<=", "<", "range", "relative"),
}
