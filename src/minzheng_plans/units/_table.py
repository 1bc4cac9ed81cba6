"""The unit table: every unit's dimension and exact size in base units, measured once by pint.

Every unit of the registry is a product of powers of base units times an exact rational (pint
reads our definitions that way), so the dimension and size of any expression of named units
follow from those of its terms: dimensions add their powers, sizes multiply. The table answers
exactly what pint would (a test compares the two on every unit and on compounds), without
pint: it is plain data, kept in the compiled cache (:mod:`minzheng_plans.files.cache`), so a
run that only reads units never imports pint.

Private to :mod:`minzheng_plans.units`.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from minzheng_plans.units._tokens import UnitExpr
from minzheng_plans.units.definitions import DIMENSIONLESS

__all__ = ["Dimensions", "UnitTable", "dimension_text"]

#: A dimension as sorted ``(base dimension, power)`` pairs, ``[("[money]", 1), ("[person]", -1)]``.
Dimensions = tuple[tuple[str, int], ...]

# Entries a table's memo of measured expressions holds before it is emptied.
_MEMO_LIMIT = 4096


class UnitTable:
    """Each unit name's dimension and size in base units; measures expressions of them."""

    def __init__(self, entries: Mapping[str, tuple[Dimensions, Fraction]]) -> None:
        self.entries: dict[str, tuple[Dimensions, Fraction]] = dict(entries)
        self._measured: dict[object, tuple[str, Fraction]] = {}

    def plain(self) -> dict[str, tuple[Dimensions, int, int]]:
        """The table as plain data (for the cache): sizes as numerator and denominator."""
        return {
            name: (dims, size.numerator, size.denominator)
            for name, (dims, size) in self.entries.items()
        }

    @classmethod
    def from_plain(cls, plain: Mapping[str, tuple[Dimensions, int, int]]) -> UnitTable:
        return cls({name: (dims, Fraction(n, d)) for name, (dims, n, d) in plain.items()})

    def measure(self, expr: UnitExpr) -> tuple[str, Fraction]:
        """Dimension text and base-unit size of the named terms (scale words excluded),
        remembered by names and powers alone: 元/3万人·月 and 元/人·月 are measured once."""
        key = (
            tuple((t.name, t.power) for t in expr.numerator if t.name),
            tuple((t.name, t.power) for t in expr.denominator if t.name),
        )
        found = self._measured.get(key)
        if found is None:
            powers: dict[str, int] = {}
            size = Fraction(1)
            for terms, sign in ((key[0], 1), (key[1], -1)):
                for name, power in terms:
                    dims, unit_size = self.entries[name]
                    for dimension, exponent in dims:
                        powers[dimension] = powers.get(dimension, 0) + sign * power * exponent
                    size *= unit_size ** (sign * power)
            found = (dimension_text({d: p for d, p in powers.items() if p}), size)
            if len(self._measured) >= _MEMO_LIMIT:
                self._measured.clear()
            self._measured[key] = found
        return found


def dimension_text(dimensionality: Mapping[str, int]) -> str:
    """``[money] / [person] / [time]``; pint's own formatter trips over Fraction exponents."""
    if not dimensionality:
        return DIMENSIONLESS
    top = [(d, int(p)) for d, p in sorted(dimensionality.items()) if p > 0]
    bottom = [(d, -int(p)) for d, p in sorted(dimensionality.items()) if p < 0]

    def power(item: tuple[str, int]) -> str:
        return item[0] if item[1] == 1 else f"{item[0]} ** {item[1]}"

    text = " * ".join(power(item) for item in top) or "1"
    for item in bottom:
        text += f" / {power(item)}"
    return text
