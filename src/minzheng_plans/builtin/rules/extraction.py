"""Extraction and provenance checks of one plan (MZ510+): values that their quoted source does
not state, values of one rate a thousand times apart. Loaders report their own repairs and
doubts (MZ501-MZ506); these rules re-read what was kept, so they also catch hand-edited plan
files.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator, Sequence
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING

from minzheng_plans.builtin.rules._kit import at, catalog_entry, rule, values_of
from minzheng_plans.core.errors import UnitError
from minzheng_plans.core.findings import Finding, Severity
from minzheng_plans.core.model import Indicator, Plan
from minzheng_plans.core.quantity import RATIO_UNIT
from minzheng_plans.plugins.hookspecs import Rule, hookimpl

if TYPE_CHECKING:
    from minzheng_plans.plugins.context import CheckContext
    from minzheng_plans.units.registry import Units

__all__ = ["RULES", "register_rules"]

# A number as written, with thousands separators, and a scale word right after it.
_NUMBER = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(万|亿|千|百)?")
# Years (2025年, 2020年底) date a figure; they are not one.
_YEAR = re.compile(r"(?<!\d)(?:19|20|21)\d{2}\s*年")
_SCALES = {"万": Decimal(10000), "亿": Decimal(100000000), "千": Decimal(1000), "百": Decimal(100)}


def quoted_numbers(quote: str) -> set[Decimal]:
    """Every number a quote states, also multiplied out by a scale word (6万 → 6 and 60000);
    years (``2025年``) are left out."""
    text = _YEAR.sub(" ", unicodedata.normalize("NFKC", quote))
    found: set[Decimal] = set()
    for match in _NUMBER.finditer(text):
        whole, fraction, scale = match.groups()
        value = Decimal(whole.replace(",", "") + (f".{fraction}" if fraction else ""))
        found.add(value)
        if scale:
            found.add(value * _SCALES[scale])
    return found


@rule(
    "MZ510",
    "extraction.quote-lacks-value",
    Severity.WARNING,
    "An indicator's quoted source states none of its values",
)
def quote_lacks_value(plan: Plan, context: CheckContext) -> Iterator[Finding]:
    for item in plan.indicators:
        source = item.source
        # A repaired value differs from its text on purpose (MZ502 says so): not judged here.
        if source is None or not source.quote or source.raw is not None:
            continue
        stated = [value for _what, _year, value in values_of(item)]
        if not stated:
            continue
        numbers = quoted_numbers(source.quote)
        if not numbers:
            continue  # figures in Chinese numerals (百分之六十) are not read here
        if not any(value in numbers for value in stated):
            yield context.finding(
                "The quote {quote} for {name} states none of its values ({values}).",
                **at(plan, item),
                name=item.name,
                quote=source.quote,
                values=", ".join(str(v) for v in stated),
            )


# Values of one intensive indicator this many times apart within a row are a slip (a lost
# decimal point or ratio colon, 万 read as 1) rather than progress.
MAGNITUDE_FACTOR = Decimal(1000)


def _intensive(item: Indicator, context: CheckContext) -> bool:
    entry = catalog_entry(item, context)
    if entry is not None:
        return bool(entry.intensive)
    unit = item.unit.strip()
    return unit in ("%", "‰") or "/" in unit


def _factor(high: Decimal, low: Decimal) -> Decimal:
    """``high / low`` to six significant digits, whole (a ratio of 10²⁰ stays in E-notation)."""
    with localcontext() as ctx:
        ctx.prec = 6
        ratio = high / low
    # Written out in full up to a million; beyond, E-notation keeps the message short.
    return ratio.quantize(Decimal(1)) if ratio.adjusted() < 6 else ratio


@rule(
    "MZ511",
    "extraction.magnitude-jump",
    Severity.WARNING,
    "Values of one rate or share differ by a factor of a thousand or more within a row",
)
def magnitude_jump(plan: Plan, context: CheckContext) -> Iterator[Finding]:
    for item in plan.indicators:
        values = [(what, year, v) for what, year, v in values_of(item) if v > 0]
        if len(values) < 2 or not _intensive(item, context):
            continue
        low = min(values, key=lambda t: t[2])
        high = max(values, key=lambda t: t[2])
        if high[2] >= low[2] * MAGNITUDE_FACTOR:
            yield context.finding(
                "Values of {name} range from {low} to {high}, {factor} times apart; one of "
                "them was probably misread.",
                **at(plan, item),
                name=item.name,
                high_what=high[0],
                high=high[2],
                low_what=low[0],
                low=low[2],
                factor=_factor(high[2], low[2]),
            )


def _in_unit(value: Decimal, unit: str, wanted: str, units: Units) -> Decimal | None:
    if unit == wanted:
        return value
    try:
        return units.convert(value, unit, wanted)
    except UnitError:
        return None


class _Peers:
    """The values of one indicator across plans, in one unit, sorted, and which plan gave each."""

    def __init__(self, values: list[Decimal], by_plan: dict[str, list[Decimal]]) -> None:
        self.values = values
        self.by_plan = by_plan

    @classmethod
    def build(cls, entries: list[tuple[str, str, Decimal]], unit: str, units: Units) -> _Peers:
        by_plan: dict[str, list[Decimal]] = {}
        for plan_id, peer_unit, value in entries:
            converted = _in_unit(value, peer_unit, unit, units)
            if converted is not None:
                by_plan.setdefault(plan_id, []).append(converted)
        values = sorted(v for own in by_plan.values() for v in own)
        return cls(values, by_plan)

    def median_without(self, plan_id: str) -> tuple[int, Decimal | None]:
        """How many values the other plans give, and their median (None when there are none)."""
        removed = sorted(_positions(self.values, sorted(self.by_plan.get(plan_id, ()))))
        remaining = len(self.values) - len(removed)
        if remaining == 0:
            return 0, None
        middle = remaining // 2
        if remaining % 2:
            return remaining, self._kth(middle, removed)
        low, high = self._kth(middle - 1, removed), self._kth(middle, removed)
        return remaining, (low + high) / 2

    def _kth(self, k: int, removed: list[int]) -> Decimal:
        """The k-th (0-based) value once the positions in ``removed`` (ascending) are left out."""
        index = k
        for position in removed:
            if position <= index:
                index += 1
            else:
                break
        return self.values[index]


def _positions(values: list[Decimal], own: list[Decimal]) -> Iterator[int]:
    """Distinct positions in the sorted ``values`` holding each of ``own`` (sorted)."""
    previous: tuple[Decimal, int] | None = None
    for value in own:
        start = bisect.bisect_left(values, value)
        if previous is not None and previous[0] == value:
            start = previous[1] + 1
        previous = (value, start)
        yield start


def _peer_index(
    plans: Sequence[Plan], context: CheckContext
) -> dict[str, list[tuple[str, str, Decimal]]]:
    """For each catalog code of an intensive indicator: (plan id, unit, value) of every plan."""
    index: dict[str, list[tuple[str, str, Decimal]]] = {}
    for plan in plans:
        for item in plan.indicators:
            entry = catalog_entry(item, context)
            if entry is None or not entry.intensive:
                continue
            # A blank unit column states the catalog's unit (tables that give no unit column).
            unit = item.unit.strip() or entry.unit
            for _what, _year, value in values_of(item):
                if value > 0:
                    index.setdefault(entry.code, []).append((plan.id, unit, value))
    return index


@rule(
    "MZ512",
    "extraction.magnitude-off-peers",
    Severity.WARNING,
    "A rate or share a thousand times away from the same indicator in every other plan",
    scope="plans",
    divisible=True,
)
def magnitude_off_peers(plans: Sequence[Plan], context: CheckContext) -> Iterator[Finding]:
    known = context.known_plans()
    if len(known) < 2:
        return
    units = context.units()
    index = _peer_index(known, context)
    # Converted peer values per (code, unit), sorted once: the median of the other plans is then
    # found by rank in O(log n) per indicator, which keeps a national check linear.
    peer_sets: dict[tuple[str, str], _Peers] = {}
    for plan in plans:
        for item in plan.indicators:
            entry = catalog_entry(item, context)
            if entry is None or entry.code not in index:
                continue
            unit = item.unit.strip() or entry.unit
            key = (entry.code, unit)
            if key not in peer_sets:
                peer_sets[key] = _Peers.build(index[entry.code], unit, units)
            peers = peer_sets[key]
            count, typical = peers.median_without(plan.id)
            if typical is None:
                continue
            for _what, _year, value in values_of(item):
                if value <= 0:
                    continue
                high, low = max(value, typical), min(value, typical)
                if high >= low * MAGNITUDE_FACTOR:
                    yield context.finding(
                        "{value}{unit} for {name} is {factor} times away from the {count} "
                        "value(s) other plans give for {catalog_code} (median {typical}{unit}); "
                        "it was probably misread or is in another unit.",
                        **at(plan, item),
                        name=item.name,
                        value=value,
                        unit=unit,
                        factor=_factor(high, low),
                        count=count,
                        catalog_code=entry.code,
                        typical=typical,
                    )
                    break


# 1:x ratios of one table live in a narrow band (城乡低保 1:0.55 to 1:0.8); an x ten times
# away from its neighbours is a lost colon ("10.55") or a shifted decimal point.
RATIO_FACTOR = Decimal(10)


def _ratio_values(plan: Plan) -> dict[str | None, list[tuple[Indicator, str, Decimal]]]:
    """The 1:x values of each table (or of the prose, under None): indicator, what, x."""
    columns: dict[str | None, list[tuple[Indicator, str, Decimal]]] = {}
    for item in plan.indicators:
        if item.unit.strip() != RATIO_UNIT:
            continue
        table = item.source.table if item.source is not None else None
        for what, _year, value in values_of(item):
            if value > 0:
                columns.setdefault(table, []).append((item, what, value))
    return columns


@rule(
    "MZ513",
    "extraction.ratio-off-column",
    Severity.WARNING,
    "A 1:x ratio ten times away from the other ratios of its table",
)
def ratio_off_column(plan: Plan, context: CheckContext) -> Iterator[Finding]:
    for values in _ratio_values(plan).values():
        if len(values) < 2:
            continue
        ordered = sorted(v for _item, _what, v in values)
        reported: set[str] = set()
        for item, what, value in values:
            # Two values: each is judged against the other. More: against the median of all,
            # which one stray value cannot move far.
            if len(ordered) == 2:
                typical = ordered[0] if value == ordered[1] else ordered[1]
            else:
                typical = ordered[len(ordered) // 2]
            high, low = max(value, typical), min(value, typical)
            if high < low * RATIO_FACTOR or item.id in reported:
                continue
            reported.add(item.id)
            yield context.finding(
                "The {what} of {name} reads 1:{value}, {factor} times away from the other 1:x "
                "ratios of its table (typically 1:{typical}); a colon or decimal point was "
                "probably lost.",
                **at(plan, item),
                name=item.name,
                what=what,
                value=value,
                typical=typical,
                factor=_factor(high, low),
            )


RULES: tuple[Rule, ...] = (
    quote_lacks_value,
    magnitude_jump,
    magnitude_off_peers,
    ratio_off_column,
)


@hookimpl
def register_rules() -> list[Rule]:
    return list(RULES)
