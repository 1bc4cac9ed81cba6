"""Names of the rows of a table: the parts of a row (``其中：城市``), and the marks that a
table's notes give a meaning (``带*的为约束性指标``)."""

from __future__ import annotations

import re

from minzheng_plans.text.normalise import normalise_string
from minzheng_plans.text.tables import Table
from minzheng_plans.text.vocabulary import COMBINED_PREFIXES

__all__ = ["MARKS", "binding_marks", "part_name"]

_INDICATOR_END = re.compile(r"(率|数|比例|占比|比重|标准|面积|量|人次|额|水平|指数|床位|覆盖)$")


def part_name(parent: str, label: str) -> str:
    """The name of a part of an indicator: ``城乡低保标准`` with ``城市`` → ``城市低保标准``.

    A label that names an indicator itself (it ends like one: ``…率``, ``…数``, ``…标准``)
    is kept as written; a label that is one part of a combined prefix of the parent
    (``城乡`` covers 城市, 城镇, 农村, 乡村) takes the prefix's place; any other label goes
    before the parent's name (``集中供养`` + ``特困人员供养标准``).
    """
    label = label.strip()
    if not parent or _INDICATOR_END.search(label):
        return label
    for prefix, parts in COMBINED_PREFIXES.items():
        if parent.startswith(prefix) and label in parts:
            return label + parent[len(prefix) :]
    if parent.startswith(label):
        return parent
    return label + parent


# Marks that notes give a meaning (带*的为约束性指标), written before or after a name.
_MARK_CHARS = "*★☆▲△#"
MARKS = re.compile(rf"^[{re.escape(_MARK_CHARS)}]+|[{re.escape(_MARK_CHARS)}]+$")
_BINDING_MARK = re.compile(rf"([{re.escape(_MARK_CHARS)}])[^。;]{{0,12}}?约束性")
_REST = re.compile(r"(其余|其他|其它|未标|不带)[^。;]{0,12}?预期性")


def binding_marks(table: Table) -> tuple[str | None, bool]:
    """The mark the table's notes give binding indicators, and whether the rest are
    anticipatory: ``注：带*的为约束性指标，其余为预期性指标`` → ``("*", True)``."""
    notes = normalise_string(" ".join(table.notes))
    match = _BINDING_MARK.search(notes)
    if match is None:
        return None, False
    return match.group(1), bool(_REST.search(notes))
