"""Fitting a loaded plan to the limits of a plan file, so that what ``load`` writes reads back.

A loader reads documents, which have no limits of their own: a name can run to thousands of
characters, a document can state more targets than a plan file may hold, a table can give a
target year decades away. :func:`read_plan` refuses such files, so a plan that breaks a
limit is cut here, where every loader's result passes, and each cut is reported by the
caller: nothing is dropped silently, and nothing is written that the reader would refuse.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from minzheng_plans.core.findings import Finding
from minzheng_plans.core.model import Plan
from minzheng_plans.files.converter import MAX_TEXT_LENGTH
from minzheng_plans.files.planfile import (
    DEFAULT_MAX_INDICATORS,
    YEARS_AFTER_PERIOD,
    YEARS_BEFORE_PERIOD,
)

__all__ = ["Cut", "fit_findings", "fit_plan"]


@attrs.frozen
class Cut:
    """One change made to fit a limit: where (a key path), what was found, what was kept."""

    key: str
    found: str
    kept: str


@functools.cache
def _init_fields(cls: Any) -> tuple[tuple[str, str], ...] | None:
    """The name and ``__init__`` name of each init field of an attrs class; None otherwise."""
    if not attrs.has(cls):
        return None
    return tuple((f.name, f.alias or f.name) for f in attrs.fields(cls) if f.init)


# Values with nothing to cut inside, by exact class: most of a plan's nodes. Enumerations,
# and other classes that are neither texts, tuples nor attrs classes, join when first met.
_LEAVES: set[type] = {int, float, bool, Decimal, type(None), dt.date}


def _key(path: Sequence[str | int]) -> str:
    """``indicators[2].name``: the key path of a value, made only when something is cut."""
    key = ""
    for part in path:
        if isinstance(part, int):
            key = f"{key}[{part}]"
            continue
        key = f"{key}.{part}" if key else part
    return key


def _fit(value: Any, path: list[str | int], cuts: list[Cut]) -> Any:
    # ``path`` is the value's key path, grown and shrunk in place: most plans need no cut,
    # and building every node's key as text was most of the cost of fitting.
    if value.__class__ in _LEAVES:
        return value
    if isinstance(value, str):
        if isinstance(value, enum.Enum) and all(len(m) <= MAX_TEXT_LENGTH for m in type(value)):
            _LEAVES.add(value.__class__)  # a text enumeration: a fixed set of short texts
        if len(value) <= MAX_TEXT_LENGTH:
            return value
        cuts.append(Cut(_key(path), f"{len(value)} characters", f"the first {MAX_TEXT_LENGTH}"))
        return value[:MAX_TEXT_LENGTH]
    if isinstance(value, tuple):
        fitted: list[Any] | None = None
        for index, item in enumerate(value):
            cls = item.__class__
            if (
                cls in _LEAVES
                or (cls is str and len(item) <= MAX_TEXT_LENGTH)
                or (cls is tuple and not item)
            ):
                new = item  # nothing to cut, known without a call
            else:
                path.append(index)
                new = _fit(item, path, cuts)
                path.pop()
            if fitted is None and new is not item:
                fitted = list(value[:index])
            if fitted is not None:
                fitted.append(new)
        return tuple(fitted) if fitted is not None else value
    fields = _init_fields(value.__class__)
    if fields is None:
        _LEAVES.add(value.__class__)
        return value
    changes = {}
    for name, alias in fields:
        old = getattr(value, name)
        cls = old.__class__
        if (
            cls in _LEAVES
            or (cls is str and len(old) <= MAX_TEXT_LENGTH)
            or (cls is tuple and not old)
        ):
            continue  # nothing to cut, known without a call
        path.append(name)
        new = _fit(old, path, cuts)
        path.pop()
        if new is not old:
            changes[alias] = new
    return attrs.evolve(value, **changes) if changes else value


def fit_plan(plan: Plan, *, max_indicators: int = DEFAULT_MAX_INDICATORS) -> tuple[Plan, list[Cut]]:
    """``plan`` within the plan-file limits, and what was cut to get there.

    Texts over :data:`~minzheng_plans.files.converter.MAX_TEXT_LENGTH` keep their start;
    indicators past ``max_indicators`` are left out; a target whose year is far outside the
    period (the reader's :data:`YEARS_BEFORE_PERIOD`, :data:`YEARS_AFTER_PERIOD`) is dropped
    from its indicator, which stays.
    """
    cuts: list[Cut] = []
    if len(plan.indicators) > max_indicators:
        cuts.append(
            Cut(
                "indicators",
                f"{len(plan.indicators)} indicators",
                f"the first {max_indicators} (raise it with max_indicators)",
            )
        )
        plan = attrs.evolve(plan, indicators=plan.indicators[:max_indicators])
    earliest = plan.period.start - YEARS_BEFORE_PERIOD
    latest = plan.period.end + YEARS_AFTER_PERIOD
    indicators = list(plan.indicators)
    for position, indicator in enumerate(indicators):
        target = indicator.target
        if target is not None and not earliest <= target.year <= latest:
            cuts.append(
                Cut(
                    f"indicators[{position}].target",
                    f"target year {target.year}",
                    f"no target (years {earliest}-{latest} fit the period)",
                )
            )
            indicators[position] = attrs.evolve(indicator, target=None)
    if indicators != list(plan.indicators):
        plan = attrs.evolve(plan, indicators=tuple(indicators))
    fitted: Plan = _fit(plan, [], cuts)
    return fitted, cuts


def fit_findings(findings: Sequence[Finding]) -> tuple[list[Finding], list[Cut]]:
    """Findings to be stored with a plan, their texts within the plan-file length limit."""
    cuts: list[Cut] = []
    fitted = [_fit(finding, ["findings", i], cuts) for i, finding in enumerate(findings)]
    return fitted, cuts
