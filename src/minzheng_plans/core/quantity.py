"""Exact quantities, comparators, targets and the sets of values a target allows.

Pure and hashable: no pint, no I/O. Unit conversion lives in :mod:`minzheng_plans.units.registry`;
the
set semantics across units in :mod:`minzheng_plans.core.targets`.
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from minzheng_plans.core.enums import member_of
from minzheng_plans.core.errors import NumberBoundsError
from minzheng_plans.core.numbers import bounds_message, sketch
from minzheng_plans.core.pickling import tuple_state

__all__ = [
    "RATIO_UNIT",
    "Basis",
    "Comparator",
    "Comparison",
    "Direction",
    "Interval",
    "Quantity",
    "Range",
    "Relative",
    "Target",
    "plain_number",
]


#: The unit of a 1:x ratio cell (``1:0.8`` keeps 0.8): dimensionless, factor 1, so that 0.55
#: of ``1:x`` is 55 ``%``. The plan-file convention every loader, rule and analysis uses.
RATIO_UNIT = "1:x"


class Comparator(enum.StrEnum):
    """What a document says about a value; ``=`` for a bare number, 达到 or 提高到."""

    EQ = "="
    GE = ">="
    GT = ">"
    LE = "<="
    LT = "<"

    @property
    def sign(self) -> str:
        """How plans write it before a number: ``≥``, ``>``, ``≤``, ``<``; nothing for ``=``."""
        return _SIGNS[self]


_SIGNS = {
    Comparator.EQ: "",
    Comparator.GE: "≥",
    Comparator.GT: ">",
    Comparator.LE: "≤",
    Comparator.LT: "<",
}


def plain_number(value: Decimal) -> str:
    """Every digit, no exponent, no trailing zeros: ``41.50`` → ``41.5``, ``1E+2`` → ``100``."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


class Basis(enum.StrEnum):
    """What a target's figure measures.

    ``level``: the indicator's value in the target year (the default). ``annual-growth``:
    the average yearly growth of the indicator over the plan period, in percent
    (年均增长8%). ``cumulative``: the total over the plan period (“十四五”期间累计新增3万张).
    Targets on different bases never compare with each other.
    """

    LEVEL = "level"
    ANNUAL_GROWTH = "annual-growth"
    CUMULATIVE = "cumulative"


class Direction(enum.StrEnum):
    """Which way is better for an indicator; decides what ``达到50`` allows."""

    HIGHER = "higher"
    LOWER = "lower"
    NEITHER = "neither"


# attrs converters (named functions: mypy's attrs plugin reads no other callables).
def to_comparator(value: object) -> Comparator:
    """A :class:`Comparator`, or the value of one (:func:`~minzheng_plans.core.enums.member_of`)."""
    return member_of(Comparator, value)


def to_basis(value: object) -> Basis:
    """A :class:`Basis`, or the value of one (:func:`~minzheng_plans.core.enums.member_of`)."""
    return member_of(Basis, value)


def to_decimal(value: object) -> Decimal:
    """Exact conversion to Decimal; floats are refused because they are not exact."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        msg = f"floats are not exact: pass Decimal({str(value)!r}) instead of {value!r}"
        raise TypeError(msg)
    return Decimal(str(value))


def check_finite(_instance: object, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    """attrs validator: a finite number inside the bounds of :mod:`minzheng_plans.core.numbers`."""
    problem = bounds_message(value)
    if problem is not None:
        what = f"{attribute.name} {sketch(value)}"
        raise NumberBoundsError(what, problem)


@tuple_state
@attrs.frozen
class Quantity:
    """An exact decimal with a unit written as the document writes it (``元/人·月``)."""

    value: Decimal = attrs.field(converter=to_decimal, validator=check_finite)
    unit: str = ""

    def __str__(self) -> str:
        """``678 元/人·月``: the value with every digit, then the unit as written."""
        return f"{plain_number(self.value)} {self.unit}".rstrip()


def check_year(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    """attrs validator: plans are written from 1949 on; a year outside 1949-2200 is a slip."""
    if isinstance(value, bool) or not MIN_YEAR <= value <= MAX_YEAR:
        msg = f"{attribute.name} {value} is not a plausible plan year ({MIN_YEAR}-{MAX_YEAR})"
        raise ValueError(msg)


MIN_YEAR = 1949
MAX_YEAR = 2200


@tuple_state
@attrs.frozen
class Comparison:
    """``year`` target with one comparator and one value: ``≥55`` by 2025.

    ``approximate`` marks a figure the document gives as approximate (约60亿元, 85%左右):
    the comparator stays what the words say (``=`` for 达到约…), and comparisons read the
    figure as written. ``basis`` says what the figure measures (see :class:`Basis`).
    """

    year: int = attrs.field(validator=check_year)
    value: Decimal = attrs.field(converter=to_decimal, validator=check_finite)
    comparator: Comparator = attrs.field(default=Comparator.EQ, converter=to_comparator)
    approximate: bool = False
    basis: Basis = attrs.field(default=Basis.LEVEL, converter=to_basis)

    def __str__(self) -> str:
        """``≥55 (2025)``; :func:`~minzheng_plans.core.formatting.format_target` adds a unit."""
        return f"{self.comparator.sign}{plain_number(self.value)} ({self.year})"


@tuple_state
@attrs.frozen
class Range:
    """A target between two values, both allowed: ``35-40`` by 2020 (``basis`` as for
    :class:`Comparison`: 年均增长5%—8% is a range of annual growth)."""

    year: int = attrs.field(validator=check_year)
    low: Decimal = attrs.field(converter=to_decimal, validator=check_finite)
    high: Decimal = attrs.field(converter=to_decimal, validator=check_finite)
    basis: Basis = attrs.field(default=Basis.LEVEL, converter=to_basis)

    @high.validator
    def _ordered(self, _attribute: attrs.Attribute[Decimal], high: Decimal) -> None:
        if high < self.low:
            msg = f"range high {high} is below its low {self.low}"
            raise ValueError(msg)

    def __str__(self) -> str:
        """``35–40 (2020)``."""
        return f"{plain_number(self.low)}–{plain_number(self.high)} ({self.year})"


@tuple_state
@attrs.frozen
class Relative:
    """A target relative to a named reference: ``不低于居民上年度人均消费支出增速``.

    ``relation`` is the comparator against the reference; ``reference`` names it as written.
    ``low`` and ``high`` hold a share of the reference where the text gives one (25%—35%).
    """

    year: int = attrs.field(validator=check_year)
    relation: Comparator = attrs.field(converter=to_comparator)
    reference: str
    low: Decimal | None = attrs.field(default=None, converter=attrs.converters.optional(to_decimal))
    high: Decimal | None = attrs.field(
        default=None, converter=attrs.converters.optional(to_decimal)
    )

    def __str__(self) -> str:
        """``≥居民上年度人均消费支出增速 (2025)``, ``=25–35% × 上年度…支出 (2020)``."""
        return f"{self.text} ({self.year})"

    @property
    def text(self) -> str:
        """The relation, the share where one is given, and the reference, without the year."""
        shares = [plain_number(v) for v in (self.low, self.high) if v is not None]
        share = f"{'–'.join(shares)}% × " if shares else ""
        return f"{self.relation.sign or '='}{share}{self.reference}"


Target = Comparison | Range | Relative


@tuple_state
@attrs.frozen
class Interval:
    """A set of allowed values on the number line, ends open or closed; ``None`` is unbounded."""

    low: Decimal | None = None
    high: Decimal | None = None
    low_closed: bool = True
    high_closed: bool = True

    @classmethod
    def point(cls, value: Decimal) -> Interval:
        return cls(value, value)

    @classmethod
    def from_comparator(cls, comparator: Comparator, value: Decimal) -> Interval:
        """The set a comparator allows, read literally (``=`` is one point)."""
        match comparator:
            case Comparator.EQ:
                return cls(value, value)
            case Comparator.GE:
                return cls(value, None)
            case Comparator.GT:
                return cls(value, None, low_closed=False)
            case Comparator.LE:
                return cls(None, value)
            case Comparator.LT:
                return cls(None, value, high_closed=False)

    def is_empty(self) -> bool:
        if self.low is None or self.high is None:
            return False
        if self.low == self.high:
            return not (self.low_closed and self.high_closed)
        return self.low > self.high

    def contains(self, value: Decimal) -> bool:
        if self.low is not None and (
            value < self.low or (value == self.low and not self.low_closed)
        ):
            return False
        return not (
            self.high is not None
            and (value > self.high or (value == self.high and not self.high_closed))
        )

    def is_subset(self, other: Interval) -> bool:
        """Whether every value this set allows is allowed by ``other`` too."""
        if self.is_empty():
            return True
        if other.low is not None:
            if self.low is None or self.low < other.low:
                return False
            if self.low == other.low and self.low_closed and not other.low_closed:
                return False
        if other.high is not None:
            if self.high is None or self.high > other.high:
                return False
            if self.high == other.high and self.high_closed and not other.high_closed:
                return False
        return True

    def intersection(self, other: Interval) -> Interval:
        low, low_closed = _tighter_low(self, other)
        high, high_closed = _tighter_high(self, other)
        return Interval(low, high, low_closed, high_closed)

    def __str__(self) -> str:
        left = "(-∞" if self.low is None else ("[" if self.low_closed else "(") + str(self.low)
        right = "+∞)" if self.high is None else str(self.high) + ("]" if self.high_closed else ")")
        return f"{left}, {right}"


def _tighter_low(a: Interval, b: Interval) -> tuple[Decimal | None, bool]:
    if a.low is None:
        return b.low, b.low_closed
    if b.low is None or a.low > b.low:
        return a.low, a.low_closed
    if b.low > a.low:
        return b.low, b.low_closed
    return a.low, a.low_closed and b.low_closed


def _tighter_high(a: Interval, b: Interval) -> tuple[Decimal | None, bool]:
    if a.high is None:
        return b.high, b.high_closed
    if b.high is None or a.high < b.high:
        return a.high, a.high_closed
    if b.high < a.high:
        return b.high, b.high_closed
    return a.high, a.high_closed and b.high_closed
