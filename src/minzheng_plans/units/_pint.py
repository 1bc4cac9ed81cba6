"""pint's side of the unit registry: each of our units under an ASCII id, dimensions checked.

Private to :mod:`minzheng_plans.units`; pint is imported when the first registry is built.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Self

from minzheng_plans.core.errors import UnitError
from minzheng_plans.units._table import Dimensions, UnitTable, dimension_text
from minzheng_plans.units._tokens import (
    AmbiguousText,
    Lexicon,
    MalformedText,
    Term,
    UnitExpr,
    UnknownToken,
    tokenise,
)
from minzheng_plans.units.definitions import DIMENSIONLESS, UnitDefinition

if TYPE_CHECKING:
    import pint

__all__ = ["CACHE_LIMIT", "PintRegistry"]

#: Entries a cache holds before it is emptied (parsed units, factors, pint measurements).
CACHE_LIMIT = 4096


class PintRegistry:
    """pint's side: each of our units under an ASCII id, dimensions checked on definition."""

    def __init__(self, *, approximate: bool) -> None:
        import pint  # noqa: PLC0415 - pint loads only when a registry is built

        # pint's registry class is generic over its quantity types; we use it untyped.
        self.ureg: Any = pint.UnitRegistry(
            None, non_int_type=Fraction, cache_folder=None, on_redefinition="raise"
        )
        self.approximate = approximate
        self._attempts = 0
        self.ids: dict[str, str] = {}
        self.names: dict[str, str] = {}
        self._measured: dict[object, tuple[str, Fraction]] = {}

    @classmethod
    def of(cls, units: Sequence[UnitDefinition], lexicon: Lexicon, *, approximate: bool) -> Self:
        registry = cls(approximate=approximate)
        for unit in units:
            registry.add(unit, lexicon)
        return registry

    def add(self, unit: UnitDefinition, lexicon: Lexicon) -> None:
        """Define ``unit`` in pint; raise :class:`UnitError` (and define nothing reachable)
        when pint refuses it or its dimension is not the asserted one."""
        # A fresh id for every attempt, so that a refused definition never blocks its name.
        ident = f"u{self._attempts}"
        self._attempts += 1
        body = unit.definition
        if self.approximate and unit.approximately:
            body = unit.approximately
        if body is None:
            pint_line = f"{ident} = {unit.dimension}"
        else:
            pint_line = f"{ident} = {self._expression(unit.name, body, lexicon)}"
        try:
            self.ureg.define(pint_line)
        except Exception as err:  # pint raises several unrelated types here
            msg = f"pint refused the definition of {unit.name!r}: {err}"
            raise UnitError(unit.line(), msg) from err
        if not self.approximate:
            # The approximate registry merges dimensions on purpose (日 becomes [time]).
            self._assert_dimension(unit, ident)
        self.ids[unit.name] = ident
        self.names[ident] = unit.name

    def _expression(self, name: str, body: str, lexicon: Lexicon) -> str:
        """pint's form of ``<rational> <unit expression>`` (``1/12 年`` → ``1/12 * u7 ** 1``)."""
        rational, _, rest = body.strip().partition(" ")
        try:
            factor = Fraction(rational)
        except (ValueError, ZeroDivisionError):
            factor, rest = Fraction(1), body
        try:
            expr = tokenise(rest, lexicon)
        except (UnknownToken, AmbiguousText, MalformedText) as err:
            msg = f"the definition of {name!r} uses an unknown or ambiguous unit"
            raise UnitError(body, msg) from err
        factor *= expr.scale
        expression = f"{factor.numerator}/{factor.denominator}"
        for term in expr.numerator:
            if term.name:
                expression += f" * {self.ids[term.name]} ** {term.power}"
        for term in expr.denominator:
            if term.name:
                expression += f" / {self.ids[term.name]} ** {term.power}"
        return expression

    def _assert_dimension(self, unit: UnitDefinition, ident: str) -> None:
        actual = self.dimension_of(self.ureg.Unit(ident))
        expected = unit.dimension
        if expected != DIMENSIONLESS:
            try:
                expected = _dimension(self.ureg.get_dimensionality(expected))
            except Exception as err:  # pint's parser raises several types on a bad dimension
                msg = f"no unit has dimension {unit.dimension!r} (or it is unreadable)"
                raise UnitError(unit.line(), msg) from err
        if actual != expected:
            msg = f"{unit.name!r} has dimension {actual}, but its definition asserts {expected}"
            raise UnitError(unit.line(), msg)

    def pint_unit(self, expr: UnitExpr) -> pint.Unit:
        result: pint.Unit = self.ureg.Unit("")
        for term in expr.numerator:
            if term.name:
                result *= self.ureg.Unit(self.ids[term.name]) ** term.power
        for term in expr.denominator:
            if term.name:
                result /= self.ureg.Unit(self.ids[term.name]) ** term.power
        return result

    def measure(self, expr: UnitExpr) -> tuple[str, Fraction]:
        """Dimension and base-unit size of the named terms (scale words excluded), cached by
        the names and powers alone: 元/3万人·月 and 元/人·月 ask pint once."""
        key = (
            tuple((t.name, t.power) for t in expr.numerator if t.name),
            tuple((t.name, t.power) for t in expr.denominator if t.name),
        )
        cached = self._measured.get(key)
        if cached is None:
            unit = self.pint_unit(expr)
            cached = (self.dimension_of(unit), self.base_scale(unit))
            if len(self._measured) >= CACHE_LIMIT:
                self._measured.clear()
            self._measured[key] = cached
        return cached

    def dimension_of(self, unit: pint.Unit) -> str:
        return _dimension(unit.dimensionality)

    def base_scale(self, unit: pint.Unit) -> Fraction:
        magnitude = self.ureg.Quantity(Fraction(1), unit).to_base_units().magnitude
        return Fraction(magnitude)

    def table(self) -> UnitTable:
        """Every unit defined so far: its dimension and size in base units, as pint says."""
        entries: dict[str, tuple[Dimensions, Fraction]] = {}
        for name, ident in self.ids.items():
            unit = self.ureg.Unit(ident)
            dims = tuple(sorted((d, int(p)) for d, p in dict(unit.dimensionality).items() if p))
            entries[name] = (dims, self.base_scale(unit))
        return UnitTable(entries)

    def spell(self, units: Mapping[str, Any], order: Mapping[str, int]) -> str:
        """Our canonical text for pint's ``{id: power}`` container."""
        numerator = [Term(self.names[i], int(p)) for i, p in units.items() if p > 0]
        denominator = [Term(self.names[i], -int(p)) for i, p in units.items() if p < 0]
        return UnitExpr(tuple(numerator), tuple(denominator)).ordered(order).spelling()


def _dimension(dimensionality: Mapping[str, Any]) -> str:
    return dimension_text({name: int(power) for name, power in dimensionality.items()})
