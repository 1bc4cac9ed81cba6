"""Shared by compare, evaluate, export and diff: an indicator's catalog entry, values in the
catalog unit, and short renderings of numbers and targets. Private: no public names."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs

from minzheng_plans.core.formatting import plain
from minzheng_plans.core.model import Indicator, Plan
from minzheng_plans.core.quantity import Comparator, Comparison, Range, Relative, Target
from minzheng_plans.registries.catalog import Catalog, CatalogEntry
from minzheng_plans.units.exact import to_decimal

#: How a comparator is written before a number: ≥55, <3; nothing for ``=``.
SIGNS = {
    Comparator.EQ: "",
    Comparator.GE: "≥",
    Comparator.GT: ">",
    Comparator.LE: "≤",
    Comparator.LT: "<",
}


def entry_for(indicator: Indicator, catalog: Catalog) -> CatalogEntry | None:
    """The indicator's catalog entry: by its code, else by its name (exact/alias/normalised)."""
    if indicator.code:
        return catalog.get(indicator.code)
    return catalog.match(indicator.name, indicator.unit, suggest=False).entry


def code_for(indicator: Indicator, catalog: Catalog) -> str | None:
    """The catalog code, also when the code is written but not (yet) in this catalog."""
    if indicator.code:
        return indicator.code
    entry = catalog.match(indicator.name, indicator.unit, suggest=False).entry
    return entry.code if entry is not None else None


def scale(value: Decimal | None, factor: Fraction | None) -> Decimal | None:
    """``value`` times an exact unit factor (exact whenever the result has a finite decimal)."""
    if value is None or factor is None:
        return None
    return value if factor == 1 else to_decimal(Fraction(value) * factor)


def scale_target(target: Target, factor: Fraction) -> Target:
    if factor == 1:
        return target
    match target:
        case Comparison():
            return attrs.evolve(target, value=scale(target.value, factor))
        case Range():
            return attrs.evolve(
                target, low=scale(target.low, factor), high=scale(target.high, factor)
            )
    return target


def target_text(target: Target | None) -> str:
    """The target as the document states it: ``≥55``, ``50``, ``35–40``, ``≥居民…增速``."""
    match target:
        case None:
            return ""
        case Comparison():
            return SIGNS[target.comparator] + plain(target.value)
        case Range():
            return f"{plain(target.low)}–{plain(target.high)}"
        case Relative():
            share = ""
            if target.low is not None or target.high is not None:
                share = "–".join(plain(v) for v in (target.low, target.high) if v is not None)
                share = f"{share}% × "
            return f"{SIGNS[target.relation] or '='}{share}{target.reference}"
    return ""


def plan_label(plan: Plan) -> str:
    return f"{plan.jurisdiction.name} {plan.period.start}-{plan.period.end}"
