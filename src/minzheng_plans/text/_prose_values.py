"""Targets and units out of a matched figure: comparators, ranges, per-unit phrasing."""

from __future__ import annotations

import re
from decimal import Decimal

from minzheng_plans.core.messages import N_
from minzheng_plans.core.quantity import Basis, Comparator, Comparison, Range, Relative
from minzheng_plans.text import _prose_grammar as g
from minzheng_plans.text._prose_reader import LineReader

__all__ = [
    "add_relative",
    "comparator_in",
    "is_approximate",
    "per_base",
    "per_unit",
    "target_of",
    "unit_of",
    "with_base",
]

# Units that are shares, not counts: a per-capita base never divides them.
_SHARES = frozenset({"", "%", "‰", "倍"})


def unit_of(match: re.Match[str]) -> str:
    """The unit written after the figure (``%`` or a counting unit, 余/多 dropped)."""
    pct = match["pct"] or match["lowpct"] or ""
    if pct == "％":
        pct = "%"
    return pct or re.sub("余|多", "", match["unit"] or "")


def target_of(
    match: re.Match[str],
    comparator: Comparator,
    year: int,
    *,
    approximate: bool = False,
    basis: Basis = Basis.LEVEL,
) -> Comparison | Range | None:
    """The target a figure states; ``None`` for a range whose high end is below its low."""
    low = Decimal(match["low"])
    if re.search("余|多", match["unit"] or "") and comparator == Comparator.EQ:
        # 1万余幅: more than the figure.
        comparator = Comparator.GT
    if match["high"] is not None:
        high = Decimal(match["high"])
        if high < low:
            return None
        return Range(year, low, high, basis)
    return Comparison(year, low, comparator, approximate, basis)


def is_approximate(match: re.Match[str]) -> bool:
    """Whether 约 before or 左右 after the figure makes it approximate."""
    names = match.re.groupindex
    before = any(name in names and match[name] in g.APPROX_BEFORE for name in ("trigger", "approx"))
    return before or ("after" in names and match["after"] == g.APPROX_AFTER)


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
    """``每年每户`` before ``10元`` makes the unit ``元/户·年``; ``每人每月`` ``元/人·月``."""
    time = re.search(r"每(年|月|日|天|周)", prefix)
    per = re.search(r"每(户|人|名)", prefix)
    if unit in _SHARES:
        return unit
    if per:
        who = "人" if per[1] == "名" else per[1]
        return f"{unit}/{who}" + (f"·{time[1]}" if time else "")
    if time:
        return f"{unit}/{time[1]}"
    return unit


def per_base(name: str) -> str | None:
    """The denominator a per-capita name states, in units the registry reads.

    ``每千名老年人拥有养老床位`` gives ``千名老年人``, ``每百户居民拥有…`` ``百户``,
    ``每万名城镇常住人口拥有…`` ``万人``, ``每百张护理型床位配备…`` ``百张``.
    """
    bases = list(g.PER_BASE.finditer(name))
    if not bases:
        return None
    found = bases[-1]
    scale, counter, noun = found["scale"], found["counter"] or "", found["noun"]
    if counter == "户" or noun.startswith("户"):
        return f"{scale}户"
    if counter == "张":
        return f"{scale}张"
    if "老年人" in noun:
        return f"{scale}名老年人"
    if "老人" in noun:
        return f"{scale}名老人"
    if counter in {"名", "位"} or "人" in noun:
        return f"{scale}人"
    return None


def with_base(name: str, unit: str) -> str:
    """``unit`` divided by the per-capita base ``name`` states (张 → 张/千名老年人)."""
    base = per_base(name)
    if base is None or unit in _SHARES or "/" in unit:
        return unit
    return f"{unit}/{base}"


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
        reader.reject(*span, N_("range with its high end below its low end"))
        return
    unit = unit_of(match) if low is not None else ""
    reader.add(name, Relative(year, relation, reference, low, high), unit, *span, focus=focus)
