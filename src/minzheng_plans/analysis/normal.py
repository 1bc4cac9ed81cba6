"""Shared by compare, evaluate, export and diff: an indicator's catalog entry, values in the
catalog unit, and short renderings of numbers and targets. Private: no public names."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs

from minzheng_plans.core.errors import IncompatibleUnitsError, UnitError
from minzheng_plans.core.model import Indicator, Plan
from minzheng_plans.core.quantity import Comparator, Comparison, Direction, Range, Relative, Target
from minzheng_plans.registries.catalog import Catalog, CatalogEntry
from minzheng_plans.units.registry import Units, to_decimal

PERCENT_UNITS = frozenset({"%", "‰", "％"})

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
    return catalog.match(indicator.name, indicator.unit).entry


def code_for(indicator: Indicator, catalog: Catalog) -> str | None:
    """The catalog code, also when the code is written but not (yet) in this catalog."""
    if indicator.code:
        return indicator.code
    entry = catalog.match(indicator.name, indicator.unit).entry
    return entry.code if entry is not None else None


@attrs.frozen
class UnitPlan:
    """How one indicator's values reach a target unit: ``reason`` is set when they cannot.

    ``note`` says when a reading was inferred rather than converted (no unit stated, a 1:x
    ratio, a base the indicator's name states).
    """

    unit: str
    factor: Fraction | None
    reason: str | None = None  # "unknown-unit" | "incompatible-units"
    note: str = ""

    @property
    def assumed(self) -> bool:
        return bool(self.note)


# The plan-file marker for a "1:0.8" cell (value 0.8): a pure number, x of 1:x.
RATIO_UNIT = "1:x"


def unit_plan(units: Units, src: str, dst: str, name: str = "") -> UnitPlan:
    """Whether and how values in ``src`` convert to ``dst``.

    Three readings are inferred, each with a note: an empty ``src`` is taken as ``dst``
    (loaders leave the unit empty when a table has no unit column); a ``1:x`` ratio is the
    pure number x; and a count unit whose base the indicator's ``name`` states (个 for
    每万人…社会组织数, catalog unit 个/万人) is read in ``dst``.
    """
    if src == dst:
        return UnitPlan(dst, Fraction(1))
    text = src.strip()
    if not text:
        return UnitPlan(dst, Fraction(1), note=f"unit not stated; {dst or '(none)'} assumed")
    if text == RATIO_UNIT:
        try:
            factor = units.factor("", dst)
        except UnitError:
            return UnitPlan(dst, None, "incompatible-units")
        return UnitPlan(dst, factor, note=f"a 1:x ratio read as the number x, in {dst}")
    base = dst[len(text) + 1 :] if dst.startswith(f"{text}/") else ""
    stated = stated_base(units, name, base) if base else None
    if stated is not None:
        return UnitPlan(dst, Fraction(1), note=f"{text} read as {dst}: the name states 每{stated}")
    try:
        factor = units.factor(src, dst)
    except IncompatibleUnitsError:
        return UnitPlan(dst, None, "incompatible-units")
    except UnitError:
        return UnitPlan(dst, None, "unknown-unit")
    return UnitPlan(dst, factor)


# A per-population base in a name is short (千名老年人口, 百户居民): bound the search.
MAX_BASE_LENGTH = 12


def stated_base(units: Units, name: str, base: str) -> str | None:
    """The words after a 每 in ``name`` that read as the unit ``base``, however spelled.

    每千名老人, 每千名老年人口 and 每千名老年人 all state the base 千名老年人: each reads as the
    same unit (千人), so an indicator written in 张 with any of these names is in 张/千名老年人.
    ``None`` when the name states no such base.
    """
    try:
        wanted = units.normalise(base)
    except UnitError:
        return None
    start = name.find("每")
    while start != -1:
        rest = name[start + 1 :]
        # Longest first: 每千名老年人口… must not stop at 千名老年人 when 老年人口 is a spelling.
        for end in range(min(len(rest), MAX_BASE_LENGTH), 0, -1):
            try:
                if units.normalise(rest[:end]) == wanted:
                    return rest[:end]
            except UnitError:
                continue
        start = name.find("每", start + 1)
    return None


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


def plain(value: Decimal | None) -> str:
    """``41.50`` → ``41.5``, ``1E+2`` → ``100``; ``None`` → ``""``."""
    if value is None:
        return ""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


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


def infer_direction(indicator: Indicator, entry: CatalogEntry | None) -> Direction:
    """The catalog's direction; without an entry, the way the target moves from the baseline."""
    if entry is not None:
        return entry.direction
    target, baseline = indicator.target, indicator.baseline
    if isinstance(target, Comparison) and baseline is not None:
        if target.value > baseline.value:
            return Direction.HIGHER
        if target.value < baseline.value:
            return Direction.LOWER
    if isinstance(target, Comparison) and target.comparator in {Comparator.GE, Comparator.GT}:
        return Direction.HIGHER
    if isinstance(target, Comparison) and target.comparator in {Comparator.LE, Comparator.LT}:
        return Direction.LOWER
    return Direction.NEITHER


def plan_label(plan: Plan) -> str:
    return f"{plan.jurisdiction.name} {plan.period.start}-{plan.period.end}"
