"""The unit layer: Chinese unit text, exact conversion factors, quantity arithmetic.

One project registry on pint, built from definition lines (``data/units.toml`` through the
built-in ``register_units`` plugin, plus whatever other plugins contribute), never pint's
default registry. Unit text is read by the pre-tokeniser in :mod:`._unit_tokens` with the
Chinese conventions (元/人·月 is 元/(人·月); 万人 is 万×人) and only then handed to pint, which
derives the dimension and the size of every unit as an exact :class:`fractions.Fraction`.
Conversion factors are cached per pair of unit texts, so a repeated conversion is a dict
lookup and one multiplication.

pint is imported lazily, when the first registry is built.

Definition lines (what ``register_units`` returns)::

    人 = [person] ; aliases = 名, 位 ; en = person ; group = count      a base unit
    月 = 1/12 年 ; dimension = [time] ; aliases = 个月                    a derived unit
    日 = [day] ; approximately = 1/365 年                                 an approximate bridge
    万- = 10000                                                           a scale word

Every derived unit states its ``dimension``; the registry checks it when it is built.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import ROUND_HALF_EVEN, Context, Decimal, Inexact, Rounded, localcontext
from fractions import Fraction
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, Self

import attrs

from minzheng_plans.core.errors import (
    AmbiguousUnitError,
    IncompatibleUnitsError,
    UnitError,
    UnknownUnitError,
    ValueParseError,
)
from minzheng_plans.core.quantity import Comparator, Comparison, Quantity, Range, Relative, Target
from minzheng_plans.core.values import RATIO_UNIT, ParsedValue, parse_value
from minzheng_plans.files.resources import data_file
from minzheng_plans.units._tokens import (
    AmbiguousText,
    Lexicon,
    MalformedText,
    Term,
    UnitExpr,
    UnknownToken,
    tokenise,
)

if TYPE_CHECKING:
    import pint

__all__ = [
    "DIMENSIONLESS",
    "MAX_UNIT_LENGTH",
    "RATIO_UNIT",
    "ScaleDefinition",
    "Unit",
    "UnitDefinition",
    "Units",
    "build_units",
    "bundled_definitions",
    "default_units",
    "parse_definition",
    "to_decimal",
]

#: The dimension string of a pure number (``""``, ``%``, ``‰``, ``人/万人``).
DIMENSIONLESS = "dimensionless"
#: Longer unit texts are refused before they are read.
MAX_UNIT_LENGTH = 64
#: Significant digits kept when an exact result has no finite decimal form (1/12).
SIGNIFICANT_DIGITS = 28

_CACHE_LIMIT = 4096
# Traps every rounding, so a result computed in it is exact.
_EXACT = Context(prec=60, traps=[Inexact, Rounded])


# -- definitions ---------------------------------------------------------------------------


@attrs.frozen
class UnitDefinition:
    """One unit of the registry: a base unit (``definition`` is ``None``) or a derived one."""

    name: str
    dimension: str
    definition: str | None = None
    aliases: tuple[str, ...] = ()
    approximately: str | None = None
    en: str = ""
    zh: str = ""
    group: str = ""

    @property
    def is_base(self) -> bool:
        return self.definition is None

    def line(self) -> str:
        """The one-line form that :func:`parse_definition` reads back."""
        head = f"{self.name} = {self.dimension if self.is_base else self.definition}"
        parts = [head]
        if not self.is_base:
            parts.append(f"dimension = {self.dimension}")
        if self.aliases:
            parts.append(f"aliases = {', '.join(self.aliases)}")
        for key in ("approximately", "en", "zh", "group"):
            value = getattr(self, key)
            if value:
                parts.append(f"{key} = {value}")
        return " ; ".join(parts)


@attrs.frozen
class ScaleDefinition:
    """A scale word (万 = 10000) that multiplies the name after it."""

    name: str
    factor: int

    def line(self) -> str:
        return f"{self.name}- = {self.factor}"


_KEYS = frozenset({"dimension", "aliases", "approximately", "en", "zh", "group"})


def parse_definition(line: str) -> UnitDefinition | ScaleDefinition:
    """Read one definition line; raise :class:`UnitError` naming the line when it is bad."""
    head, *options = (part.strip() for part in line.split(";"))
    name, equals, body = (part.strip() for part in head.partition("="))
    if not equals or not name or not body:
        raise UnitError(line, "a definition line reads `name = definition ; key = value`")
    if name.endswith("-"):
        factor = body.replace("_", "")
        if options or not factor.isdecimal() or int(factor) < 1:
            raise UnitError(line, "a scale word reads `万- = 10000` (a positive integer)")
        return ScaleDefinition(name[:-1], int(factor))
    fields: dict[str, str] = {}
    for option in options:
        key, eq, value = (part.strip() for part in option.partition("="))
        if not eq or key not in _KEYS or key in fields:
            raise UnitError(line, f"unknown or repeated option {key!r} in a definition line")
        fields[key] = value
    aliases = tuple(a.strip() for a in fields.pop("aliases", "").split(",") if a.strip())
    if body.startswith("["):
        if "dimension" in fields:
            raise UnitError(line, "a base unit's dimension is its definition")
        return UnitDefinition(name, body, None, aliases, **fields)
    if "dimension" not in fields:
        raise UnitError(line, "every derived unit asserts its dimension (`; dimension = …`)")
    dimension = fields.pop("dimension")
    return UnitDefinition(name, dimension, body, aliases, **fields)


@cache
def bundled_definitions() -> tuple[str, ...]:
    """The definition lines of ``data/units.toml``, in file order (scales first)."""
    data = tomllib.loads(data_file("units.toml").read_text(encoding="utf-8"))
    lines = [ScaleDefinition(s["name"], int(s["factor"])).line() for s in data.get("scale", [])]
    for unit in data.get("unit", []):
        definition = UnitDefinition(
            name=unit["name"],
            dimension=unit["dimension"],
            definition=unit.get("definition"),
            aliases=tuple(unit.get("aliases", ())),
            approximately=unit.get("approximately"),
            en=unit.get("en", ""),
            zh=unit.get("zh", ""),
            group=unit.get("group", ""),
        )
        lines.append(definition.line())
    return tuple(lines)


# -- units -----------------------------------------------------------------------------------


@attrs.frozen
class Unit:
    """A parsed unit: canonical ``text``, its ``dimension``, and ``scale``, its exact size in
    the base units of that dimension (``元/人·月`` → 12 元/(人·年))."""

    text: str
    dimension: str
    scale: Fraction = attrs.field(eq=False)
    expr: UnitExpr = attrs.field(eq=False, repr=False)

    @property
    def is_dimensionless(self) -> bool:
        return self.dimension == DIMENSIONLESS

    def __str__(self) -> str:
        return self.text


def to_decimal(value: Fraction, places: int | None = None) -> Decimal:
    """A Decimal equal to ``value`` when it has a finite decimal form.

    Otherwise (1/12, 1/3) the result is rounded half-even to :data:`SIGNIFICANT_DIGITS`
    significant digits, or to ``places`` decimal places when given. Built from integers, so
    no Decimal context can round an exact result.
    """
    value = Fraction(value)
    sign = 1 if value < 0 else 0
    if places is not None:
        return _from_digits(sign, abs(round(value * 10**places)), places)
    denominator, twos, fives = value.denominator, 0, 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    if denominator == 1:
        exponent = max(twos, fives)
        digits = abs(value.numerator) * (10**exponent // value.denominator)
        return _from_digits(sign, digits, exponent)
    with localcontext() as context:
        context.prec = SIGNIFICANT_DIGITS
        context.rounding = ROUND_HALF_EVEN
        return Decimal(value.numerator) / Decimal(value.denominator)


def _from_digits(sign: int, digits: int, places: int) -> Decimal:
    """``(-1)**sign × digits × 10**-places``, trailing fractional zeros dropped."""
    while places > 0 and digits % 10 == 0:
        digits //= 10
        places -= 1
    return Decimal((sign if digits else 0, tuple(int(d) for d in str(digits)), -places))


class _Registry:
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
                expected = _dimension_text(dict(self.ureg.get_dimensionality(expected)))
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
            if len(self._measured) >= _CACHE_LIMIT:
                self._measured.clear()
            self._measured[key] = cached
        return cached

    def dimension_of(self, unit: pint.Unit) -> str:
        return _dimension_text(dict(unit.dimensionality))

    def base_scale(self, unit: pint.Unit) -> Fraction:
        magnitude = self.ureg.Quantity(Fraction(1), unit).to_base_units().magnitude
        return Fraction(magnitude)

    def spell(self, units: Mapping[str, Any], order: Mapping[str, int]) -> str:
        """Our canonical text for pint's ``{id: power}`` container."""
        numerator = [Term(self.names[i], int(p)) for i, p in units.items() if p > 0]
        denominator = [Term(self.names[i], -int(p)) for i, p in units.items() if p < 0]
        return UnitExpr(tuple(numerator), tuple(denominator)).ordered(order).spelling()


OnError = Callable[[str, UnitError], None]


def _check_spellings(
    unit: UnitDefinition, names: Mapping[str, str], scales: Mapping[str, Fraction]
) -> None:
    for spelling in (unit.name, *unit.aliases):
        if spelling in scales:
            raise UnitError(unit.line(), f"{spelling!r} is a scale word, not a unit name")
        if spelling in names and names[spelling] != unit.name:
            raise UnitError(unit.line(), f"{spelling!r} already spells {names[spelling]!r}")


def _dimension_text(dimensionality: Mapping[str, Any]) -> str:
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


class Units:
    """The project unit registry. Build it with :func:`build_units` or :func:`default_units`.

    Every method that takes a unit takes its text, as written in a document or canonical.
    """

    def __init__(
        self,
        units: Sequence[UnitDefinition],
        scales: Sequence[ScaleDefinition],
        lines: Sequence[str],
        *,
        on_error: OnError | None = None,
    ) -> None:
        self.scales: tuple[ScaleDefinition, ...] = tuple(scales)
        self.lines: tuple[str, ...] = tuple(lines)
        scale_words = {scale.name: Fraction(scale.factor) for scale in scales}
        names: dict[str, str] = {}
        accepted: list[UnitDefinition] = []
        self._exact = _Registry(approximate=False)
        for unit in units:
            try:
                _check_spellings(unit, names, scale_words)
                self._exact.add(unit, Lexicon(names, scale_words, {}))
            except UnitError as err:
                if on_error is None:
                    raise
                on_error(unit.line(), err)
                continue
            names.update(dict.fromkeys((unit.name, *unit.aliases), unit.name))
            accepted.append(unit)
        order = {unit.name: index for index, unit in enumerate(accepted)}
        # Read-only views: spellings() hands the names to callers (rules among them), and one
        # caller's edit must not change how every later unit reads.
        self._lexicon = Lexicon(
            MappingProxyType(names), MappingProxyType(scale_words), MappingProxyType(order)
        )
        self.definitions: tuple[UnitDefinition, ...] = tuple(
            self._checked_approximation(unit, on_error) for unit in accepted
        )
        self._approximate: _Registry | None = None
        self._common_compounds: list[str] | None = None
        self._parsed: dict[str, Unit] = {}
        self._factors: dict[tuple[str, str, bool], Fraction] = {}

    def _checked_approximation(
        self, unit: UnitDefinition, on_error: OnError | None
    ) -> UnitDefinition:
        """An ``approximately`` text must read with the registry's names, now rather than
        at the first approximate conversion; a bad one is dropped when errors are collected."""
        if unit.approximately is None or self._parses(unit.approximately.partition(" ")[2]):
            return unit
        error = UnitError(unit.line(), f"unreadable approximation {unit.approximately!r}")
        if on_error is None:
            raise error
        on_error(unit.line(), error)
        return attrs.evolve(unit, approximately=None)

    # -- reading ---------------------------------------------------------------------------

    def spellings(self) -> Mapping[str, str]:
        """Every accepted spelling of a unit name, mapped to its canonical name."""
        return self._lexicon.names

    def parse(self, text: str) -> Unit:
        """Read unit text; raise :class:`UnknownUnitError` (with suggestions) or
        :class:`AmbiguousUnitError`, both :class:`UnitError`."""
        cached = self._parsed.get(text)
        if cached is not None:
            return cached
        unit = self._parse(text, self._exact)
        if len(self._parsed) >= _CACHE_LIMIT:
            self._parsed.clear()
        self._parsed[text] = unit
        return unit

    def _parse(self, text: str, registry: _Registry) -> Unit:
        if not isinstance(text, str):
            raise UnitError(repr(text)[:80], "unit text must be a str")
        if len(text) > MAX_UNIT_LENGTH:
            msg = f"unit text longer than {MAX_UNIT_LENGTH} characters"
            raise UnitError(text[:40] + "…", msg)
        if text.strip().replace("：", ":").replace("∶", ":") == RATIO_UNIT:
            return Unit(RATIO_UNIT, DIMENSIONLESS, Fraction(1), UnitExpr())
        try:
            expr = tokenise(text, self._lexicon).ordered(self._lexicon.order)
        except UnknownToken as err:
            raise UnknownUnitError(text, self._suggest(text, err.fragment)) from None
        except AmbiguousText as err:
            raise AmbiguousUnitError(text, err.readings) from None
        except MalformedText as err:
            raise UnitError(text, err.reason) from None
        dimension, base_scale = registry.measure(expr)
        return Unit(
            text=expr.spelling(),
            dimension=dimension,
            scale=expr.scale * base_scale,
            expr=expr,
        )

    def _suggest(self, text: str, fragment: str) -> tuple[str, ...]:
        """Up to three texts the reader may have meant, all of which parse."""
        spellings = list(self._lexicon.names)
        close = difflib.get_close_matches(fragment, spellings, n=3, cutoff=0.5)
        sharing = [s for s in spellings if set(s) & set(fragment) and s not in close]
        names = dict.fromkeys(self._lexicon.names[s] for s in [*close, *sharing])
        folded = text.strip()
        found = [folded.replace(fragment, name, 1) for name in names if fragment in folded]
        if not found:
            # Nothing like the fragment: compare the whole text with common compounds.
            found = difflib.get_close_matches(folded, self._common(), n=3, cutoff=0.4)
        return tuple(dict.fromkeys(found))[:3]

    def _common(self) -> list[str]:
        if self._common_compounds is None:
            self._common_compounds = self._compounds()
        return self._common_compounds

    def _compounds(self) -> list[str]:
        compounds = [unit.name for unit in self.definitions]
        for scale in self.scales:
            compounds.extend(f"{scale.name}{unit}" for unit in ("元", "人", "个", "人次", "张"))
        for top in ("元", "张", "个", "人", "平方米", "客", "人次"):
            compounds.extend(
                f"{top}/{bottom}"
                for bottom in (
                    "人",
                    "户",
                    "月",
                    "年",
                    "日",
                    "人·月",
                    "人·年",
                    "千人",
                    "万人",
                    "百户",
                )
            )
        return [c for c in compounds if self._parses(c)]

    def _parses(self, text: str) -> bool:
        try:
            tokenise(text, self._lexicon)
        except (UnknownToken, AmbiguousText, MalformedText):
            return False
        return True

    def normalise(self, text: str) -> str:
        """Canonical spelling: ``元/月·人`` → ``元/人·月``, ``％`` → ``%``, 千名老年人 → 千人."""
        return self.parse(text).text

    def dimension(self, text: str) -> str:
        """``[money] / [person] / [time]`` style; ``dimensionless`` for pure numbers."""
        return self.parse(text).dimension

    def compatible(self, a: str, b: str) -> bool:
        """Whether ``a`` converts to ``b`` exactly (same dimension)."""
        return self.parse(a).dimension == self.parse(b).dimension

    def is_known(self, text: str) -> bool:
        try:
            self.parse(text)
        except UnitError:
            return False
        return True

    # -- converting ------------------------------------------------------------------------

    def factor(self, src: str, dst: str, *, approximate: bool = False) -> Fraction:
        """Exact factor f with ``x src == x·f dst``; :class:`IncompatibleUnitsError` if none.

        ``approximate=True`` also bridges dimensions through the ``approximately`` definitions
        (1 日 ≈ 1/365 年); see the approximate-conversion policy in ``docs/units.md``.
        """
        key = (src, dst, approximate)
        cached = self._factors.get(key)
        if cached is not None:
            return cached
        a, b = self.parse(src), self.parse(dst)
        if a.dimension == b.dimension:
            result = a.scale / b.scale
        elif approximate:
            registry = self._approximate_registry()
            a2, b2 = self._parse(src, registry), self._parse(dst, registry)
            if a2.dimension != b2.dimension:
                raise IncompatibleUnitsError(src, dst, a.dimension, b.dimension)
            result = a2.scale / b2.scale
        else:
            raise IncompatibleUnitsError(src, dst, a.dimension, b.dimension)
        if len(self._factors) >= _CACHE_LIMIT:
            self._factors.clear()
        self._factors[key] = result
        return result

    def _approximate_registry(self) -> _Registry:
        if self._approximate is None:
            self._approximate = _Registry.of(self.definitions, self._lexicon, approximate=True)
        return self._approximate

    def convert_fraction(
        self, value: Decimal | Fraction | int, src: str, dst: str, *, approximate: bool = False
    ) -> Fraction:
        """The exact converted value as a Fraction."""
        return Fraction(value) * self.factor(src, dst, approximate=approximate)

    def convert(self, value: Decimal, src: str, dst: str, *, approximate: bool = False) -> Decimal:
        """``value`` in ``src`` expressed in ``dst``: exact whenever the result has a finite
        decimal form, otherwise rounded as :func:`to_decimal` says."""
        if not isinstance(value, Decimal | int) or isinstance(value, bool):
            msg = f"convert takes a Decimal, not {type(value).__name__}"
            raise TypeError(msg)
        factor = self.factor(src, dst, approximate=approximate)
        try:
            # Fast path: Decimal arithmetic that traps on any rounding, so it is exact or
            # falls through to the Fraction path.
            product = _EXACT.multiply(Decimal(value), factor.numerator)
            return _EXACT.divide(product, factor.denominator)
        except (Inexact, Rounded):
            return to_decimal(Fraction(value) * factor)

    def convert_target(self, target: Target, src: str, dst: str) -> Target:
        """A target with its values in ``dst``; a relative target is returned unchanged."""
        match target:
            case Comparison():
                value = self.convert(target.value, src, dst)
                return attrs.evolve(target, value=value)
            case Range():
                low = self.convert(target.low, src, dst)
                high = self.convert(target.high, src, dst)
                return attrs.evolve(target, low=low, high=high)
            case Relative():
                return target
        msg = f"not a target: {target!r}"
        raise TypeError(msg)

    # -- quantities ------------------------------------------------------------------------

    def read(self, text: str) -> ParsedValue:
        """:func:`~minzheng_plans.core.values.parse_value` plus a checked, canonical unit."""
        parsed = parse_value(text)
        if parsed.ratio and not parsed.unit:
            return attrs.evolve(parsed, unit=RATIO_UNIT)
        if parsed.unit:
            return attrs.evolve(parsed, unit=self.normalise(parsed.unit))
        return parsed

    def quantity(self, text: str) -> Quantity:
        """A plain quantity from text such as ``678 元/人·月`` (no comparator, no range)."""
        parsed = self.read(text)
        if parsed.kind != "value" or parsed.comparator not in {None, Comparator.EQ} or parsed.ratio:
            raise ValueParseError(text, "a plain quantity such as 678 元/人·月")
        assert parsed.value is not None
        return Quantity(parsed.value, parsed.unit)

    def to(self, quantity: Quantity, unit: str, *, approximate: bool = False) -> Quantity:
        """``quantity`` expressed in ``unit`` (canonical spelling)."""
        value = self.convert(quantity.value, quantity.unit, unit, approximate=approximate)
        return Quantity(value, self.normalise(unit))

    def compare(self, a: Quantity, b: Quantity) -> Literal[-1, 0, 1]:
        """-1, 0 or 1 as ``a`` is below, equal to or above ``b``, compared exactly."""
        left = Fraction(a.value)
        right = self.convert_fraction(b.value, b.unit, a.unit)
        return -1 if left < right else (1 if left > right else 0)

    def equal(self, a: Quantity, b: Quantity) -> bool:
        """Whether two quantities are the same amount; False when the units do not convert."""
        try:
            return self.compare(a, b) == 0
        except IncompatibleUnitsError:
            return False

    def multiply(self, a: Quantity, b: Quantity) -> Quantity:
        """The product, with scale words folded into the value and like units combined."""
        value, unit = self.combine_fraction(a, b, divide=False)
        return Quantity(to_decimal(value), unit)

    def divide(self, a: Quantity, b: Quantity) -> Quantity:
        """The quotient; ``5962 元/人·年 ÷ 678 元/人·月`` is dimensionless 0.7328…."""
        value, unit = self.combine_fraction(a, b, divide=True)
        return Quantity(to_decimal(value), unit)

    def combine_fraction(
        self, a: Quantity, b: Quantity, *, divide: bool = False
    ) -> tuple[Fraction, str]:
        """The exact product (or quotient) as a Fraction and its canonical unit text.

        Scale words are folded into the value (200 万人 × 2 is 4000000 人), units of one
        dimension are combined (元/人·月 × 月 is 元/人), and a dimensionless result has the
        unit ``""``.
        """
        if divide and b.value == 0:
            raise ValueParseError(str(b), "a non-zero divisor")
        left, right = self.parse(a.unit), self.parse(b.unit)
        registry = self._exact
        ureg = registry.ureg
        qa = ureg.Quantity(Fraction(a.value) * left.expr.scale, registry.pint_unit(left.expr))
        qb = ureg.Quantity(Fraction(b.value) * right.expr.scale, registry.pint_unit(right.expr))
        result = (qa / qb if divide else qa * qb).to_reduced_units()
        if not dict(result.dimensionality):
            return Fraction(result.to_base_units().magnitude), ""
        text = registry.spell(dict(result._units), self._lexicon.order)
        return Fraction(result.magnitude), text


def build_units(definitions: Sequence[str] = (), *, on_error: OnError | None = None) -> Units:
    """A registry from definition lines (identical repeated lines count once).

    :func:`default_units` passes the bundled lines; a plugin host passes every plugin's. By
    default a bad line raises :class:`UnitError`; with ``on_error(line, error)`` it is
    reported there and left out, and the registry is built from the other lines.
    """
    units: list[UnitDefinition] = []
    scales: list[ScaleDefinition] = []
    seen: dict[str, str] = {}
    kept: list[str] = []
    for line in _clean(definitions, on_error):
        try:
            parsed = parse_definition(line)
            key = parsed.name + ("-" if isinstance(parsed, ScaleDefinition) else "")
            if key in seen and seen[key] != line:
                msg = f"{parsed.name!r} is already defined as {seen[key]!r}"
                raise UnitError(line, msg)  # noqa: TRY301 - one handler for every bad line
        except UnitError as err:
            if on_error is None:
                raise
            on_error(line, err)
            continue
        if key in seen:
            continue
        seen[key] = line
        kept.append(line)
        if isinstance(parsed, ScaleDefinition):
            scales.append(parsed)
        else:
            units.append(parsed)
    return Units(units, scales, kept, on_error=on_error)


def _clean(lines: Iterable[str], on_error: OnError | None) -> Iterable[str]:
    for line in lines:
        if not isinstance(line, str):
            error = UnitError(repr(line)[:80], "a definition line must be a str")
            if on_error is None:
                raise error
            on_error(repr(line)[:80], error)
            continue
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            yield stripped


@cache
def default_units() -> Units:
    """The registry of the bundled definitions only (built once per process)."""
    return build_units(bundled_definitions())
