"""Which way is better for an indicator: the one rule the checks, compare and evaluate share.

The direction decides what a bare target means: ``达到50`` allows ``≥50`` where higher is
better, ``≤50`` where lower is better, and only 50 where neither is. Three kinds of evidence
can say which way is better; the first that speaks wins:

1. **The catalog entry** (``higher``, ``lower`` or ``neither``). It is curated domain knowledge
   that holds for every plan (政府运营床位占比 is to fall wherever it is written), so no wording
   of one plan overrides it. ``neither`` is a statement too, not a gap: the catalog uses it
   where plans set a level rather than a floor or a ceiling (低保人数占户籍人口数比重).
2. **The target's comparator**: ``≥55``, 不低于, 以上 say that the plan wants at least 55, so
   more is better; ``≤``, 不超过, 以下 that less is. A relative target's relation counts the
   same way. This is what the document itself says about this target.
3. **The way the target moves from the baseline**: a target above an exactly stated
   baseline means higher is better, below it lower; a range above or below the baseline
   likewise. This is only a guess from two figures (a plan may let a share fall while still
   setting a floor: baseline 60, target ≥55 is a floor, so higher is better), which is why it
   comes last; a baseline stated as a bound (``≥95``) says too little to use.

Nothing else tells: :attr:`Direction.NEITHER`. What a caller does with ``NEITHER`` for a bare
target is its own policy (the checks leave such a target out rather than read it as a point);
the direction itself is the same everywhere.
"""

from __future__ import annotations

from typing import Protocol

from minzheng_plans.core.model import Indicator, Observation
from minzheng_plans.core.quantity import (
    Comparator,
    Comparison,
    Direction,
    Range,
    Relative,
    Target,
)

__all__ = ["Directed", "direction_from_plan", "direction_of"]

_UP = frozenset({Comparator.GE, Comparator.GT})
_DOWN = frozenset({Comparator.LE, Comparator.LT})


class Directed(Protocol):
    """Anything that states a direction: a catalog entry (``CatalogEntry``) is one."""

    @property
    def direction(self) -> Direction: ...


def direction_of(
    indicator: Indicator, catalog: Directed | None = None, target: Target | None = None
) -> Direction:
    """Which way is better for ``indicator``: its catalog entry's word, else the plan's.

    ``catalog`` is the indicator's catalog entry (or ``None`` when it has none); ``target``
    replaces the indicator's own target (a completion table's row judged against another
    target). The order of evidence is explained in the module's documentation.
    """
    if catalog is not None:
        return Direction(catalog.direction)
    return direction_from_plan(
        target if target is not None else indicator.target, indicator.baseline
    )


def direction_from_plan(target: Target | None, baseline: Observation | None = None) -> Direction:
    """The direction a plan's own figures imply: the comparator, else baseline → target."""
    match target:
        case Comparison(comparator=comparator) if comparator in _UP:
            return Direction.HIGHER
        case Comparison(comparator=comparator) if comparator in _DOWN:
            return Direction.LOWER
        case Relative(relation=relation) if relation in _UP:
            return Direction.HIGHER
        case Relative(relation=relation) if relation in _DOWN:
            return Direction.LOWER
    if baseline is None or baseline.comparator is not Comparator.EQ:
        return Direction.NEITHER
    start = baseline.value
    match target:
        case Comparison(value=value) if value != start:
            return Direction.HIGHER if value > start else Direction.LOWER
        case Range(low=low, high=high) if not low <= start <= high:
            return Direction.HIGHER if low > start else Direction.LOWER
    return Direction.NEITHER
