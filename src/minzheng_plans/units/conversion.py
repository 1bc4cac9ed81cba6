"""Converting a written quantity to another unit, exactly: what ``minzheng-plans convert`` does.

The quantity is read like a cell (``678 元/人·月``, ``≥55%``, ``35-40张``), or is an exact
product or quotient of two (``5962 元/人·年 ÷ 678 元/人·月``), then multiplied by the exact
factor between the units. Results are exact decimals unless ``places`` rounds them (half-even)
or they have no finite decimal form.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

import attrs

from minzheng_plans.core.errors import IncompatibleUnitsError, UnitError, UsageError
from minzheng_plans.core.quantity import Comparator
from minzheng_plans.units.exact import to_decimal
from minzheng_plans.units.registry import Units

__all__ = [
    "Conversion",
    "convert_quantity",
    "convert_value",
    "converts_approximately",
    "split_operation",
]


@attrs.frozen
class Conversion:
    """A converted value (``kind="value"``) or range (``values`` holds low and high)."""

    input: str
    source: str  # the canonical unit of the input
    dimension: str
    unit: str  # the target unit as the caller wrote it (张/百名老年人)
    factor: Fraction
    kind: Literal["value", "range"]
    comparator: Comparator
    values: tuple[Decimal, ...]
    exact: bool
    approximate: bool
    canonical: str = ""  # the target unit's canonical spelling (张/百人)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``convert --format json``."""
        tree: dict[str, Any] = {
            "input": self.input,
            "from": {"unit": self.source, "dimension": self.dimension},
            "unit": self.unit,
            "canonical_unit": self.canonical or self.unit,
            "factor": str(self.factor),
            "exact": self.exact,
            "approximate": self.approximate,
        }
        if self.kind == "value":
            tree.update(value=self.values[0], comparator=str(self.comparator))
        else:
            tree.update(low=self.values[0], high=self.values[1])
        return tree


def split_operation(text: str) -> tuple[str, str, str] | None:
    """``a ÷ b`` or ``a × b`` (spaces around × and *, which also occur inside units)."""
    for operator in ("÷", " × ", " * "):
        if operator in text:
            left, _, right = text.partition(operator)
            return left.strip(), operator.strip().replace("*", "×"), right.strip()
    return None


def convert_value(units: Units, value: Decimal, source: str, target: str) -> Decimal | None:
    """``value`` in ``source`` expressed in ``target``, exactly; ``None`` when the units do not
    convert (or one of them is unknown)."""
    if source == target:
        return value
    try:
        factor = units.factor(source, target)
    except UnitError:
        return None
    return to_decimal(Fraction(value) * factor)


def converts_approximately(units: Units, source: str, target: str) -> bool:
    """Whether ``source`` converts to ``target`` through the approximate bridges only."""
    try:
        units.factor(source, target, approximate=True)
    except IncompatibleUnitsError:
        return False
    return True


def convert_quantity(
    units: Units,
    quantity: str,
    unit: str,
    *,
    approximate: bool = False,
    places: int | None = None,
) -> Conversion:
    """``quantity`` (a value, range, product or quotient) in ``unit``.

    Raises :class:`UsageError` when ``quantity`` is no number with a unit (a relative target),
    and :class:`IncompatibleUnitsError` when the units do not convert (with ``approximate``,
    through the registry's approximate bridges too: a year of 365 days).
    """
    ends: list[Fraction]
    operation = split_operation(quantity)
    if operation is not None:
        left, operator, right = operation
        product, source = units.combine_fraction(
            units.quantity(left), units.quantity(right), divide=operator == "÷"
        )
        kind: Literal["value", "range"] = "value"
        comparator = Comparator.EQ
        ends = [product]
    else:
        parsed = units.read(quantity)
        if parsed.kind not in {"value", "range"}:
            msg = (
                f"{quantity!r} is not a quantity to convert: give a number with a unit "
                "(678 元/人·月), or two joined by ÷ or ×"
            )
            raise UsageError(msg)
        kind = "value" if parsed.kind == "value" else "range"
        source = parsed.unit
        comparator = (
            Comparator(parsed.comparator)
            if kind == "value" and parsed.comparator
            else Comparator.EQ
        )
        written = [parsed.value] if kind == "value" else [parsed.low, parsed.high]
        ends = [Fraction(end) for end in written if end is not None]
    target = units.normalise(unit)
    factor = units.factor(source, target, approximate=approximate)
    results: list[Decimal] = []
    exact = True
    for end in ends:
        fraction = end * factor
        value = to_decimal(fraction, places)
        exact = exact and Fraction(value) == fraction
        results.append(value)
    return Conversion(
        input=quantity,
        source=source,
        dimension=units.dimension(source),
        unit=unit.strip(),
        factor=factor,
        kind=kind,
        comparator=comparator,
        values=tuple(results),
        exact=exact,
        approximate=approximate,
        canonical=target,
    )
