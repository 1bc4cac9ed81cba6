"""How a unit as a plan writes it reads in another unit, for one indicator.

Plans write units loosely: a blank unit cell beside 60 in a table whose catalog unit is %, a
``1:0.8`` ratio, 张 for an indicator named 每千名老年人拥有养老床位数 (whose base the name states).
:func:`unit_plan` says whether and how values in the written unit reach a target unit, and
notes every reading that is inferred rather than converted; compare, diff, export, evaluate and
the cross-level rules all read units this one way.
"""

from __future__ import annotations

from fractions import Fraction

import attrs

from minzheng_plans.core.errors import IncompatibleUnitsError, UnitError
from minzheng_plans.core.messages import Message
from minzheng_plans.core.quantity import RATIO_UNIT
from minzheng_plans.units.registry import Units

__all__ = ["MAX_BASE_LENGTH", "UnitPlan", "stated_base", "unit_plan"]


@attrs.frozen
class UnitPlan:
    """How one indicator's values reach a target unit: ``reason`` is set when they cannot.

    ``note`` says when a reading was inferred rather than converted (no unit stated, a 1:x
    ratio, a base the indicator's name states).
    """

    unit: str
    factor: Fraction | None
    reason: str | None = None  # "unknown-unit" | "incompatible-units"
    note: Message | None = None

    @property
    def assumed(self) -> bool:
        return self.note is not None


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
        note = Message("unit not stated; {unit} assumed", {"unit": dst or "—"})
        return UnitPlan(dst, Fraction(1), note=note)
    if text == RATIO_UNIT:
        try:
            factor = units.factor("", dst)
        except UnitError:
            return UnitPlan(dst, None, "incompatible-units")
        note = Message("a 1:x ratio read as the number x, in {unit}", {"unit": dst or "—"})
        return UnitPlan(dst, factor, note=note)
    base = dst[len(text) + 1 :] if dst.startswith(f"{text}/") else ""
    stated = stated_base(units, name, base) if base else None
    if stated is not None:
        note = Message(
            "{written} read as {unit}: the name states {per}",
            {"written": text, "unit": dst, "per": f"每{stated}"},
        )
        return UnitPlan(dst, Fraction(1), note=note)
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
