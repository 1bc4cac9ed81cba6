"""What a target allows, and whether one target lies inside another (cross-level semantics).

A target is read as the *set of values* it allows. A document's bare number or 达到 (``=``)
means "at least" for an indicator where higher is better and "at most" where lower is better;
the catalog gives the direction. A child plan complies with its parent when every value the
child allows is allowed by the parent too: ``≥60`` inside ``≥55`` complies, ``≥45`` against
``50`` does not, ``≥30`` against ``>30`` does not (30 itself is allowed by the child only).

Units are reconciled before this module is called: the caller passes the exact factor that
turns a child value into the parent's unit (:meth:`minzheng_plans.units.registry.Units.factor`). The
comparison scales both sides by integers (child by the factor's numerator, parent by its
denominator) so that no division, and no rounding, ever happens.

Targets on different bases (a level, an annual growth rate 年均增长, a total over the period
累计) are undecidable too. Relative targets (不低于居民上年度人均消费支出增速,
上年度当地人均消费支出的25%—35%) compare only with relative targets on the same normalised
reference; anything else is *undecidable*, and said so rather than guessed. Pure: no pint, no I/O.
"""

from __future__ import annotations

import decimal
import enum
import re
import unicodedata
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from minzheng_plans.core.formatting import plain
from minzheng_plans.core.quantity import (
    Comparator,
    Comparison,
    Direction,
    Interval,
    Range,
    Relative,
    Target,
)

if TYPE_CHECKING:
    from fractions import Fraction

__all__ = [
    "TargetComparison",
    "Verdict",
    "allowed_values",
    "compare_targets",
    "describe_interval",
    "effective_comparator",
    "normalise_reference",
    "relative_values",
]

# Enough digits that multiplying two plan figures by a unit factor is always exact.
_PRECISION = 80


class Verdict(enum.StrEnum):
    """The outcome of comparing a child target with its parent's."""

    COMPLIES = "complies"
    LOOSER = "looser"
    UNDECIDABLE = "undecidable"


class Undecidable(enum.StrEnum):
    """Why a comparison cannot be decided (used as a stable reason key in findings)."""

    RELATIVE_VS_ABSOLUTE = "relative-vs-absolute"
    DIFFERENT_REFERENCE = "different-reference"
    SHARE_OF_RATE = "share-of-rate"
    NO_DIRECTION = "no-direction"
    DIFFERENT_BASIS = "different-basis"


@attrs.frozen
class TargetComparison:
    """``verdict`` plus the two allowed sets, each in its own unit (or reference) space.

    ``reason`` is set when the verdict is undecidable.
    """

    verdict: Verdict
    child: Interval | None = None
    parent: Interval | None = None
    reason: Undecidable | None = None

    @property
    def complies(self) -> bool:
        return self.verdict is Verdict.COMPLIES


def effective_comparator(comparator: Comparator, direction: Direction) -> Comparator:
    """The comparator a document's wording means: ``=`` (达到) is ``>=`` or ``<=`` by direction."""
    if comparator is not Comparator.EQ:
        return comparator
    if direction is Direction.HIGHER:
        return Comparator.GE
    if direction is Direction.LOWER:
        return Comparator.LE
    return Comparator.EQ


def allowed_values(target: Comparison | Range, direction: Direction) -> Interval:
    """The set of values an absolute target allows, given which way is better.

    A range allows exactly its closed span whatever the direction: a plan that writes
    ``35-40张`` sets a ceiling as well as a floor.
    """
    if isinstance(target, Range):
        return Interval(target.low, target.high)
    return Interval.from_comparator(
        effective_comparator(target.comparator, direction), target.value
    )


def _scale(interval: Interval, factor: Decimal) -> Interval:
    """Multiply both ends by a positive exact factor (never rounds: see ``_PRECISION``)."""
    if factor <= 0:
        msg = f"unit factors are positive, not {factor}"
        raise ValueError(msg)
    if factor == 1:
        return interval
    with decimal.localcontext() as ctx:
        ctx.prec = _PRECISION
        ctx.traps[decimal.Inexact] = True
        low = None if interval.low is None else interval.low * factor
        high = None if interval.high is None else interval.high * factor
    return Interval(low, high, interval.low_closed, interval.high_closed)


# Words that only say "of this jurisdiction": the national plan's 居民…增速 is, for a district,
# the district's own 居民…增速, so these do not make two references different.
_SCOPE_WORDS = ("当地", "本地", "本市", "本区", "本县", "全市", "全区", "全县", "全省", "全国")
_SYNONYMS = (
    (re.compile("上一年度|上一年|上年度|上年"), "上年度"),
    (re.compile("城乡居民"), "居民"),
)
_NOISE = re.compile(r"[\s\u3000，,。、；;：:“”\"'《》（）()的]")
# References that are rates of change: a share of a growth rate is not a level.
_RATE_WORDS = ("增速", "增长率", "增幅", "增长速度")


# Time qualifiers move freely in a reference's wording (上年度居民… and 居民上年度…).
_TIME_WORDS = ("上年度", "本年度", "当年")


def normalise_reference(text: str) -> str:
    """A reference name reduced to what identifies it.

    Scope words, punctuation and 的 are dropped, synonyms unified, and time qualifiers moved
    to the end, so that 上年度居民人均消费支出增速 and 居民上年度人均消费支出增速 are one reference.
    """
    value = unicodedata.normalize("NFKC", text)
    value = _NOISE.sub("", value)
    for word in _SCOPE_WORDS:
        value = value.replace(word, "")
    for pattern, canonical in _SYNONYMS:
        value = pattern.sub(canonical, value)
    found = sorted(word for word in _TIME_WORDS if word in value)
    for word in found:
        value = value.replace(word, "")
    return value + "".join(f"@{word}" for word in found)


def _is_rate(reference: str) -> bool:
    return any(word in reference for word in _RATE_WORDS)


def relative_values(target: Relative, direction: Direction) -> tuple[Interval, bool]:
    """The set a relative target allows, and whether it is a share of the reference.

    With a share (``25%—35%`` of the reference) the set is of multiples of the reference
    (0.25–0.35); without one, of differences from it (``不低于…`` is ``[0, +∞)``), which is
    right whatever the reference's sign.
    """
    relation = effective_comparator(target.relation, direction)
    if target.low is None and target.high is None:
        return Interval.from_comparator(relation, Decimal(0)), False
    low = None if target.low is None else target.low / 100
    high = None if target.high is None else target.high / 100
    if low is not None and high is not None:
        return Interval(low, high), True
    single = low if low is not None else high
    assert single is not None
    return Interval.from_comparator(relation, single), True


def _as_multiples(interval: Interval, is_share: bool) -> Interval:
    # A difference set [d, …) around a positive reference r is the multiple set [1 + d/r, …);
    # only d = 0 is used by documents (不低于/不高于 the reference), so the shift is by one.
    if is_share:
        return interval
    low = None if interval.low is None else interval.low + 1
    high = None if interval.high is None else interval.high + 1
    return Interval(low, high, interval.low_closed, interval.high_closed)


def compare_targets(
    child: Target,
    parent: Target,
    direction: Direction,
    factor: Fraction | int = 1,
) -> TargetComparison:
    """Whether ``child`` lies inside ``parent``; ``factor`` turns a child value into parent units.

    Relative targets ignore ``factor``: both are stated against a reference, not in a unit.
    """
    if isinstance(child, Relative) or isinstance(parent, Relative):
        if not (isinstance(child, Relative) and isinstance(parent, Relative)):
            return TargetComparison(Verdict.UNDECIDABLE, reason=Undecidable.RELATIVE_VS_ABSOLUTE)
        return _compare_relative(child, parent, direction)
    if child.basis is not parent.basis:
        # An annual growth rate, a total over the period and a level are different figures.
        return TargetComparison(Verdict.UNDECIDABLE, reason=Undecidable.DIFFERENT_BASIS)
    # An int and a Fraction both carry numerator and denominator (in lowest terms).
    child_set = allowed_values(child, direction)
    parent_set = allowed_values(parent, direction)
    scaled_child = _scale(child_set, Decimal(factor.numerator))
    scaled_parent = _scale(parent_set, Decimal(factor.denominator))
    if scaled_child.is_subset(scaled_parent):
        return TargetComparison(Verdict.COMPLIES, child_set, parent_set)
    if direction is Direction.NEITHER and _bare(child) and _bare(parent):
        # Two plain figures for an indicator with no better direction (a recipients' share):
        # they differ, but neither is stricter.
        return TargetComparison(
            Verdict.UNDECIDABLE, child_set, parent_set, reason=Undecidable.NO_DIRECTION
        )
    return TargetComparison(Verdict.LOOSER, child_set, parent_set)


def _bare(target: Comparison | Range) -> bool:
    return isinstance(target, Comparison) and target.comparator is Comparator.EQ


def _compare_relative(child: Relative, parent: Relative, direction: Direction) -> TargetComparison:
    reference = normalise_reference(child.reference)
    if reference != normalise_reference(parent.reference):
        return TargetComparison(Verdict.UNDECIDABLE, reason=Undecidable.DIFFERENT_REFERENCE)
    child_set, child_share = relative_values(child, direction)
    parent_set, parent_share = relative_values(parent, direction)
    if child_share != parent_share:
        if _is_rate(reference):
            # A share of a growth rate flips meaning when the rate is negative.
            return TargetComparison(Verdict.UNDECIDABLE, reason=Undecidable.SHARE_OF_RATE)
        child_set = _as_multiples(child_set, child_share)
        parent_set = _as_multiples(parent_set, parent_share)
    verdict = Verdict.COMPLIES if child_set.is_subset(parent_set) else Verdict.LOOSER
    return TargetComparison(verdict, child_set, parent_set)


def describe_interval(interval: Interval) -> str:
    """A short, language-neutral rendering: ``≥60``, ``>30``, ``≤40``, ``=50``, ``35–40``."""
    low, high = interval.low, interval.high
    if low is None and high is None:
        return "any"
    if high is None:
        return ("≥" if interval.low_closed else ">") + _plain(low)
    if low is None:
        return ("≤" if interval.high_closed else "<") + _plain(high)
    if low == high and interval.low_closed and interval.high_closed:
        return "=" + _plain(low)
    left = "" if interval.low_closed else ">"
    right = "" if interval.high_closed else "<"
    return f"{left}{_plain(low)}–{right}{_plain(high)}"


def _plain(value: Decimal | None) -> str:
    assert value is not None
    return plain(value)
