"""The unit layer: Chinese unit text, exact conversion factors, quantity arithmetic.

One project registry on pint, built from definition lines (``data/units.toml`` through the
built-in ``register_units`` plugin, plus whatever other plugins contribute), never pint's
default registry. Unit text is read by the pre-tokeniser in :mod:`._unit_tokens` with the
Chinese conventions (元/人·月 is 元/(人·月); 万人 is 万×人) and only then handed to pint, which
derives the dimension and the size of every unit as an exact :class:`fractions.Fraction`.
Conversion factors are cached per pair of unit texts, so a repeated conversion is a dict
lookup and one multiplication.

pint is imported lazily, when the first registry is built.

Definition lines are read by :mod:`minzheng_plans.units.definitions`; pint's side of the
registry is the private :mod:`minzheng_plans.units._pint`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal, Inexact, Rounded
from fractions import Fraction
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

import attrs

from minzheng_plans.core.errors import (
    AmbiguousUnitError,
    IncompatibleUnitsError,
    UnitError,
    UnknownUnitError,
    ValueParseError,
)
from minzheng_plans.core.numbers import check_number
from minzheng_plans.core.quantity import (
    RATIO_UNIT,
    Comparator,
    Comparison,
    Quantity,
    Range,
    Relative,
    Target,
)
from minzheng_plans.units._pint import CACHE_LIMIT, PintRegistry
from minzheng_plans.units._table import Dimensions, UnitTable
from minzheng_plans.units._tokens import (
    AmbiguousText,
    Lexicon,
    MalformedText,
    UnitExpr,
    UnknownToken,
    tokenise,
)
from minzheng_plans.units.definitions import (
    DIMENSIONLESS,
    ScaleDefinition,
    UnitDefinition,
    bundled_definitions,
    parse_definition,
)
from minzheng_plans.units.exact import EXACT, exact_number, to_decimal

if TYPE_CHECKING:
    from minzheng_plans.core.values import ParsedValue

__all__ = [
    "MAX_UNIT_LENGTH",
    "RATIO_UNIT",
    "Unit",
    "Units",
    "build_units",
    "default_units",
    "to_decimal",
]

#: Longer unit texts are refused before they are read.
MAX_UNIT_LENGTH = 64


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


OnError = Callable[[str, UnitError], None]


def _check_spellings(
    unit: UnitDefinition, names: Mapping[str, str], scales: Mapping[str, Fraction]
) -> None:
    for spelling in (unit.name, *unit.aliases):
        if spelling in scales:
            raise UnitError(unit.line(), f"{spelling!r} is a scale word, not a unit name")
        if spelling in names and names[spelling] != unit.name:
            raise UnitError(unit.line(), f"{spelling!r} already spells {names[spelling]!r}")


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
        table: UnitTable | None = None,
    ) -> None:
        self.scales: tuple[ScaleDefinition, ...] = tuple(scales)
        self.lines: tuple[str, ...] = tuple(lines)
        scale_words = {scale.name: Fraction(scale.factor) for scale in scales}
        names: dict[str, str] = {}
        accepted: list[UnitDefinition] = []
        # Given a table (measured by pint in an earlier run of the same lines, which had no
        # error), the units are taken as pint accepted them then, and pint is not loaded.
        pint_registry = PintRegistry(approximate=False) if table is None else None
        for unit in units:
            try:
                _check_spellings(unit, names, scale_words)
                if pint_registry is not None:
                    pint_registry.add(unit, Lexicon(names, scale_words, {}))
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
        self._pint: PintRegistry | None = pint_registry
        # Every exact measurement goes through the table, built or cached alike.
        self._exact: UnitTable = table if table is not None else pint_registry.table()  # type: ignore[union-attr]
        self._approximate: PintRegistry | None = None
        self._common_compounds: list[str] | None = None
        self._parsed: dict[str, Unit] = {}
        self._refused: dict[str, UnitError] = {}
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
        refused = self._refused.get(text)
        if refused is not None:
            # The same text is refused the same way: the suggestions (a fuzzy search over every
            # spelling) are not searched again for each rule and plan that asks.
            raise refused.with_traceback(None)
        try:
            unit = self._parse(text, self._exact)
        except UnitError as err:
            if isinstance(text, str):
                if len(self._refused) >= CACHE_LIMIT:
                    self._refused.clear()
                self._refused[text] = err
            raise
        if len(self._parsed) >= CACHE_LIMIT:
            self._parsed.clear()
        self._parsed[text] = unit
        return unit

    def _parse(self, text: str, registry: PintRegistry | UnitTable) -> Unit:
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
        """Up to three texts the reader may have meant, all of which parse, likeliest first.

        每 ("per") becomes ``/`` (``元每人`` → ``元/人``); the unreadable fragment is replaced
        by a separator, by nothing (``元/人民`` → ``元/人``) or by a unit spelled like it.
        Candidates that read as a unit people write (a single unit or a common compound such
        as 元/人·月) come first; a product of one unit with itself (``元元``) is never
        suggested.
        """
        import difflib  # noqa: PLC0415 - only for a unit that cannot be read

        folded = text.strip()
        spellings = list(self._lexicon.names)
        close = difflib.get_close_matches(fragment, spellings, n=3, cutoff=0.5)
        sharing = [s for s in spellings if set(s) & set(fragment) and s not in close]
        names = dict.fromkeys(self._lexicon.names[s] for s in [*close, *sharing])
        found: list[str] = []
        # 每 is "per" in running text (每千名老年人…张): as a unit it is written with "/".
        per = folded.replace("每", "/")
        if per != folded and self._plausible(per):
            found.append(per)
        if fragment in folded:
            for replacement in ("/", "·", "", *names):
                candidate = folded.replace(fragment, replacement, 1)
                if candidate and candidate != folded and self._plausible(candidate):
                    found.append(candidate)
        if not found:
            # Nothing like the fragment: compare the whole text with common compounds.
            found = difflib.get_close_matches(folded, self._common(), n=3, cutoff=0.4)
        common = self._common_spellings()

        def rank(candidate: str) -> tuple[bool, float]:
            usual = self.parse(candidate).text in common
            return (not usual, -difflib.SequenceMatcher(None, folded, candidate).ratio())

        return tuple(dict.fromkeys(sorted(found, key=rank)))[:3]

    def _plausible(self, text: str) -> bool:
        """Whether ``text`` parses to a unit that names no unit twice (``元元`` does)."""
        if not self._parses(text):
            return False
        try:
            spelling = self.parse(text).text
        except UnitError:
            return False
        parts = [p for p in re.split(r"[·/]", spelling) if p]
        return len(parts) == len(set(parts)) and not any(c in spelling for c in "²³^")

    def _common_spellings(self) -> set[str]:
        return {self.parse(c).text for c in self._common()} | {
            unit.name for unit in self.definitions
        }

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
        if len(self._factors) >= CACHE_LIMIT:
            self._factors.clear()
        self._factors[key] = result
        return result

    def _exact_registry(self) -> PintRegistry:
        """pint's registry of the accepted units, for quantity arithmetic (built on first use
        when the table came from the cache)."""
        if self._pint is None:
            self._pint = PintRegistry.of(self.definitions, self._lexicon, approximate=False)
        return self._pint

    def _approximate_registry(self) -> PintRegistry:
        if self._approximate is None:
            self._approximate = PintRegistry.of(self.definitions, self._lexicon, approximate=True)
        return self._approximate

    def convert_fraction(
        self, value: Decimal | Fraction | int, src: str, dst: str, *, approximate: bool = False
    ) -> Fraction:
        """The exact converted value as a Fraction."""
        if not isinstance(value, Fraction):
            check_number(Decimal(value))
        return Fraction(value) * self.factor(src, dst, approximate=approximate)

    def convert(
        self, value: Decimal | int | str, src: str, dst: str, *, approximate: bool = False
    ) -> Decimal:
        """``value`` in ``src`` expressed in ``dst``: exact whenever the result has a finite
        decimal form, otherwise rounded as :func:`to_decimal` says.

        ``value`` is a :class:`~decimal.Decimal`, an ``int`` or a ``str`` read exactly
        (``"678.5"``). A ``float`` is refused: it is already inexact (``0.1`` is stored as
        0.1000000000000000055…); pass ``str(x)`` to mean the digits it prints.
        """
        value = exact_number(value)
        # Bounded first: Fraction(Decimal("1E-999999")) alone builds a million-digit integer.
        check_number(Decimal(value))
        factor = self.factor(src, dst, approximate=approximate)
        try:
            # Fast path: Decimal arithmetic that traps on any rounding, so it is exact or
            # falls through to the Fraction path.
            product = EXACT.multiply(Decimal(value), factor.numerator)
            return EXACT.divide(product, factor.denominator)
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
        # The value parser only when a value is read: a check of plan files reads none.
        from minzheng_plans.core.values import parse_value  # noqa: PLC0415

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
        registry = self._exact_registry()
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
    clean = True
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
            clean = False
            continue
        if key in seen:
            continue
        seen[key] = line
        kept.append(line)
        if isinstance(parsed, ScaleDefinition):
            scales.append(parsed)
        else:
            units.append(parsed)
    table = _measured(units, scales, kept) if clean else None
    return Units(units, scales, kept, on_error=on_error, table=table)


def _measured(
    units: Sequence[UnitDefinition], scales: Sequence[ScaleDefinition], lines: Sequence[str]
) -> UnitTable | None:
    """The unit table of ``lines`` from the compiled cache, measured by pint on a miss.

    None when pint refuses a line: such a registry is built through pint every time, so that
    each refusal is reported where it happens.
    """
    from minzheng_plans.files.cache import cached  # noqa: PLC0415

    def measure() -> dict[str, tuple[Dimensions, int, int]] | None:
        try:
            return Units(units, scales, lines)._exact.plain()
        except UnitError:
            return None

    plain = cached("units", lines, measure)
    return None if plain is None else UnitTable.from_plain(plain)


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
