"""Progress toward a target: monitoring values and the judgement of one indicator's progress.

One judgement serves both the ``evaluate`` report (met, on track, off track) and the evaluation
rules (MZ6xx), so that a report and a finding never disagree. It is pure: the caller supplies
the set of values the target allows (direction already applied), and the latest actual already
in the indicator's unit (:func:`latest_actual`).

For one indicator the latest actual up to the evaluation year is judged by the first rule that
applies:

1. no numeric target (none, or relative to a named reference), or a target for a year before
   the plan's period (a completion table of the previous plan) → *not assessable*;
2. no actual up to the evaluation year, or a unit that does not convert → *not assessable*;
3. the actual lies in the set of values the target allows → *met*;
4. the actual's year has reached the target year and it lies outside → *off track*;
5. the evaluation year has reached the target year but the latest actual is older → *not
   assessable*: a final evaluation does not project old values forward;
6. no baseline → *not assessable*;
7. the actual has gone past the far end of a range (or an exact target) → *off track*;
8. the actual is at or beyond the value expected on the path from the baseline to the target
   → *on track*, otherwise *off track*. The path is linear for percentages and per-mille
   (percentage points) and compound for levels (counts, money, per-capita figures).

The annual change still needed to reach the nearest allowed value by the target year is
linear (percentage points a year) or compound (per cent a year) on the same distinction;
``gap`` is that nearest allowed value minus the actual, in the indicator's unit.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Literal

import attrs

from minzheng_plans.core.formatting import plain
from minzheng_plans.core.model import Indicator, Observation, Plan
from minzheng_plans.core.numbers import exact
from minzheng_plans.core.quantity import Comparison, Interval, Range, Target, check_year
from minzheng_plans.core.targets import describe_interval

__all__ = [
    "PERCENT_UNITS",
    "Actual",
    "Monitoring",
    "PathKind",
    "Progress",
    "Status",
    "judge_progress",
    "latest_actual",
    "match_actuals",
    "path_kind",
]

#: Units whose path is counted in points (linear), not as growth (compound).
PERCENT_UNITS = frozenset({"%", "‰", "％"})

PathKind = Literal["linear", "compound"]


@attrs.frozen
class Actual:
    """A monitoring value: indicator id or catalog code, year, exact value, unit if stated.

    ``line`` is where it was read in its monitoring file, for messages.
    """

    indicator: str
    year: int = attrs.field(validator=check_year)
    value: Decimal
    unit: str | None = None
    line: int | None = None


@attrs.frozen
class Monitoring:
    """The monitoring values of one file; ``plan`` is the plan id it names, if it names one."""

    actuals: tuple[Actual, ...] = ()
    plan: str | None = None
    path: str | None = None


class Status(enum.StrEnum):
    MET = "met"
    ON_TRACK = "on-track"
    OFF_TRACK = "off-track"
    NOT_ASSESSABLE = "not-assessable"


@attrs.frozen
class Progress:
    """The verdict on one indicator: the status, the rule that gave it and its numbers.

    Numbers are in the indicator's unit. ``threshold`` is the allowed value nearest to the
    actual; ``annual_change`` is in percentage points a year on a linear path and in per cent a
    year on a compound one; ``behind`` is, for an actual behind its path, the shortfall as a
    share of the change the plan sets out (baseline to threshold).
    """

    status: Status
    rule: str
    rule_values: tuple[tuple[str, str], ...] = ()
    allowed: Interval | None = None
    actual_year: int | None = None
    actual: Decimal | None = None
    threshold: Decimal | None = None
    gap: Decimal | None = None
    path: PathKind | None = None
    expected: Decimal | None = None
    annual_change: Decimal | None = None
    behind: Decimal | None = None


def path_kind(unit: str) -> PathKind:
    """``linear`` for percentages and per-mille, ``compound`` for levels."""
    return "linear" if unit.strip() in PERCENT_UNITS else "compound"


#: The latest actual in the indicator's unit, ``(year, value)``; or the unit text of one that
#: does not convert; or ``None`` when there is none.
Latest = tuple[int, Decimal] | str | None
#: Converts a value written in a unit to the indicator's unit; ``None`` when it does not.
Convert = Callable[[Decimal, str], Decimal | None]


def match_actuals(
    plan: Plan, actuals: Iterable[Actual], code_of: Callable[[Indicator], str | None]
) -> tuple[Mapping[str, tuple[Actual, ...]], tuple[Actual, ...]]:
    """The actuals of each indicator (by id) and those naming no indicator of ``plan``.

    An actual names an indicator by its id or by its catalog code (``code_of``); a code shared
    by several indicators gives the value to each.
    """
    by_id = {item.id: item for item in plan.indicators}
    by_code: dict[str, list[str]] = {}
    for item in plan.indicators:
        code = code_of(item)
        if code:
            by_code.setdefault(code, []).append(item.id)
    found: dict[str, list[Actual]] = {}
    unknown: list[Actual] = []
    for actual in actuals:
        owners = [actual.indicator] if actual.indicator in by_id else by_code.get(actual.indicator)
        if not owners:
            unknown.append(actual)
            continue
        for owner in owners:
            found.setdefault(owner, []).append(actual)
    return {key: tuple(value) for key, value in found.items()}, tuple(unknown)


def latest_actual(
    indicator: Indicator, actuals: Sequence[Actual], as_of: int | None, convert: Convert
) -> Latest:
    """The latest actual up to ``as_of`` (``None``: any year): the plan's own ``actual`` and
    the monitoring values, in the indicator's unit."""
    found: list[tuple[int, Decimal, str | None]] = []
    if indicator.actual is not None:
        found.append((indicator.actual.year, indicator.actual.value, None))
    found.extend((a.year, a.value, a.unit) for a in actuals)
    usable = [item for item in found if as_of is None or item[0] <= as_of]
    if not usable:
        return None
    year, value, unit = max(usable, key=lambda item: item[0])
    if unit is None or unit == indicator.unit:
        return year, value
    converted = convert(value, unit)
    return unit if converted is None else (year, converted)


# The exact context is entered per call (a contextmanager decorates as a fresh context).
@exact()
def judge_progress(
    target: Target | None,
    allowed: Interval | None,
    baseline: Observation | None,
    latest: Latest,
    *,
    as_of: int,
    period_start: int,
    unit: str,
) -> Progress:
    """Judge one indicator by the rules of the module docstring.

    ``allowed`` is the set of values ``target`` allows; ``None`` for a relative target or
    none, and where nothing tells which way is better (then: *not assessable*). ``unit`` is
    the indicator's unit, which decides the kind of path. Gaps and paths are computed
    exactly (:func:`~minzheng_plans.core.numbers.exact`): a difference of two bounded numbers
    has up to 88 digits.
    """
    unassessable = Status.NOT_ASSESSABLE
    if target is None:
        return Progress(unassessable, "no-target")
    if not isinstance(target, Comparison | Range):
        reference = getattr(target, "reference", "")
        return Progress(unassessable, "relative-target", (("reference", str(reference)),))
    if target.year < period_start:
        # A completion table (完成情况) of the previous plan: history, not this plan's target.
        return Progress(unassessable, "previous-period", (("target_year", str(target.year)),))
    if allowed is None:
        return Progress(unassessable, "no-direction")
    if latest is None:
        return Progress(unassessable, "no-actual", (("year", str(as_of)),), allowed=allowed)
    if isinstance(latest, str):
        values = (("unit", latest), ("indicator_unit", unit or "-"))
        return Progress(unassessable, "unit", values, allowed=allowed)
    year, value = latest
    shown = (("year", str(year)), ("actual", plain(value)), ("allowed", describe_interval(allowed)))
    if allowed.contains(value):
        return Progress(Status.MET, "within-target", shown, allowed, year, value, gap=Decimal(0))
    threshold = allowed.low if allowed.low is not None and value < allowed.low else allowed.high
    assert threshold is not None
    path = path_kind(unit)
    far = Progress(
        Status.OFF_TRACK,
        "",
        (),
        allowed,
        year,
        value,
        threshold=threshold,
        gap=threshold - value,
        path=path,
        annual_change=_annual_change(value, threshold, target.year - year, path),
    )
    if year >= target.year:
        passed = (("target_year", str(target.year)), ("actual", plain(value)), shown[2])
        return attrs.evolve(far, rule="deadline-passed", rule_values=passed)
    if as_of >= target.year:
        # The target year has come but its value has not: projecting an older value (and the
        # change still "needed from now on") would answer a question about the past.
        stale = (("target_year", str(target.year)), shown[0], shown[1])
        return Progress(unassessable, "no-final-actual", stale, allowed, year, value)
    if baseline is None or baseline.year >= year or baseline.year >= target.year:
        return attrs.evolve(far, status=unassessable, rule="no-baseline")
    if path == "compound" and (baseline.value <= 0 or threshold <= 0):
        path = "linear"  # growth rates need positive ends; points always work
        change = _annual_change(value, threshold, target.year - year, path)
        far = attrs.evolve(far, path=path, annual_change=change)
    rising = threshold >= baseline.value
    if (value > threshold) if rising else (value < threshold):
        # Past the far end of a range (or of an exact target): moving on is moving away.
        return attrs.evolve(far, rule="overshoot", rule_values=shown)
    share = Fraction(year - baseline.year, target.year - baseline.year)
    expected = _on_path(baseline.value, threshold, share, path)
    ahead = value >= expected if rising else value <= expected
    on_path = (*shown[:2], ("expected", plain(expected)), ("path", path))
    behind = None
    if not ahead and threshold != baseline.value:
        with exact():
            behind = ((expected - value) / (threshold - baseline.value)).quantize(_PLACES)
    return attrs.evolve(
        far,
        status=Status.ON_TRACK if ahead else Status.OFF_TRACK,
        rule="ahead-of-path" if ahead else "behind-path",
        rule_values=on_path,
        expected=expected,
        behind=behind,
    )


_PLACES = Decimal("0.0001")


def _on_path(start: Decimal, end: Decimal, share: Fraction, path: PathKind) -> Decimal:
    """The value a share of the way from ``start`` to ``end`` (rounded to 4 places)."""
    with exact():
        part = Decimal(share.numerator) / Decimal(share.denominator)
        if path == "linear":
            return (start + (end - start) * part).quantize(_PLACES).normalize()
        return (start * (end / start) ** part).quantize(_PLACES).normalize()


def _annual_change(
    value: Decimal, threshold: Decimal, years: int, path: PathKind
) -> Decimal | None:
    """Points a year (linear) or per cent a year (compound) from ``value`` to ``threshold``."""
    if years <= 0:
        return None
    with exact():
        if path == "linear":
            return ((threshold - value) / years).quantize(Decimal("0.01")).normalize()
        if value <= 0 or threshold <= 0:
            return None
        rate = (threshold / value) ** (Decimal(1) / years) - 1
        return (rate * 100).quantize(Decimal("0.01")).normalize()
