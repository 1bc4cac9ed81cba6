"""Targets and units out of a matched figure: comparators, ranges, per-unit phrasing."""

from __future__ import annotations

import re
from decimal import Decimal

from minzheng_plans.core.quantity import Comparator, Comparison, Range, Relative
from minzheng_plans.text import _prose_grammar as g
from minzheng_plans.text._prose_reader import LineReader

__all__ = ["add_relative", "comparator_in", "per_unit", "target_of", "unit_of"]


def unit_of(match: re.Match[str]) -> str:
    """The unit written after the figure (``%`` or a counting unit, 余/多 dropped)."""
    pct = match["pct"] or match["lowpct"] or ""
    if pct == "％":
        pct = "%"
    return pct or re.sub("余|多", "", match["unit"] or "")


def target_of(match: re.Match[str], comparator: Comparator, year: int) -> Comparison | Range | None:
    """The target a figure states; ``None`` for a range whose high end is below its low."""
    low = Decimal(match["low"])
    if re.search("余|多", match["unit"] or "") and comparator == Comparator.EQ:
        # 1万余幅: more than the figure.
        comparator = Comparator.GT
    if match["high"] is not None:
        high = Decimal(match["high"])
        if high < low:
            return None
        return Range(year, low, high)
    return Comparison(year, low, comparator)


def comparator_in(before: str, after: str) -> Comparator:
    """The comparator the words around a figure state (``=`` when none)."""
    for word in sorted(g.BEFORE, key=len, reverse=True):
        if before.endswith(word) and not (
            word in {"低于", "高于"} and before.endswith("不" + word)
        ):
            comparator = g.BEFORE[word]
            break
    else:
        comparator = Comparator.EQ
    for word, value in g.AFTER.items():
        if after.startswith(word):
            return value
    return comparator


def per_unit(prefix: str, unit: str) -> str:
    """``每年每户`` before ``10元`` makes the unit ``元/户·年``."""
    time = re.search(r"每(年|月|日|天)", prefix)
    per = re.search(r"每(户|人|名)", prefix)
    if unit and per:
        return f"{unit}/{per[1]}" + (f"·{time[1]}" if time else "")
    return unit


def add_relative(
    reader: LineReader,
    match: re.Match[str],
    name: str,
    span: tuple[int, int],
    year: int,
    focus: int | None = None,
) -> None:
    """A target relative to the reference ``match`` names, with its share where given."""
    relation = g.BEFORE.get(match["trigger"], Comparator.EQ)
    reference = match["reference"].strip()
    low = high = None
    if "low" in match.re.groupindex and match["low"]:
        low = Decimal(match["low"])
        high = Decimal(match["high"]) if match["high"] else low
    if low is not None and high is not None and high < low:
        reader.reject(*span, "range with its high end below its low end")
        return
    unit = unit_of(match) if low is not None else ""
    reader.add(name, Relative(year, relation, reference, low, high), unit, *span, focus=focus)
