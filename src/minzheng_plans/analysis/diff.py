"""Semantic diff of two plans: a draft and its final text, or two successive plans.

Indicators are paired by catalog code (so a renamed indicator is *renamed*, not removed and
added), then by normalised name. For each pair the diff reports, in this order: a new name,
a new unit, baseline and target changes compared in the catalog unit (so 0.35 张/人 and
350 张/千人 are the same), binding ↔ anticipatory flips and a changed formula
(``Indicator.definition``). Unpaired indicators are *added* or *removed*.

:func:`diff_plans` returns a :class:`PlanDiff`; :mod:`minzheng_plans.output.diff` renders it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from minzheng_plans.analysis.normal import code_for, entry_for, scale, scale_target, target_text
from minzheng_plans.core.formatting import plain
from minzheng_plans.core.model import Indicator, Observation, Plan
from minzheng_plans.core.names import normalise_name
from minzheng_plans.units.reading import unit_plan

if TYPE_CHECKING:
    from minzheng_plans.registries.catalog import Catalog
    from minzheng_plans.units.registry import Units

__all__ = ["Change", "PlanDiff", "diff_plans"]


@attrs.frozen
class Change:
    """One difference. ``kind`` is added, removed, renamed, unit, baseline, target,
    attribute or definition; ``old``/``new`` are short texts (values in ``unit``)."""

    kind: str
    code: str | None
    old_id: str | None
    new_id: str | None
    name: str
    old: str | None = None
    new: str | None = None
    unit: str = ""

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


@attrs.frozen
class PlanDiff:
    old: str
    new: str
    old_label: str
    new_label: str
    changes: tuple[Change, ...]

    def __bool__(self) -> bool:
        return bool(self.changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "changes": [change.to_dict() for change in self.changes],
            "summary": self.counts(),
        }

    def counts(self) -> dict[str, int]:
        result: dict[str, int] = {}
        for change in self.changes:
            result[change.kind] = result.get(change.kind, 0) + 1
        return result


def diff_plans(
    old: Plan,
    new: Plan,
    *,
    catalog: Catalog | None = None,
    units: Units | None = None,
) -> PlanDiff:
    """The semantic differences from ``old`` to ``new``."""
    if catalog is None:
        from minzheng_plans.registries.catalog import default_catalog  # noqa: PLC0415

        catalog = default_catalog()
    if units is None:
        from minzheng_plans.units.registry import default_units  # noqa: PLC0415

        units = default_units()
    pairs, removed, added = _pair(old.indicators, new.indicators, catalog)
    changes: list[Change] = []
    for before, after in pairs:
        changes.extend(_changes(before, after, catalog, units))
    changes.extend(
        Change("removed", code_for(i, catalog), i.id, None, i.name, unit=i.unit) for i in removed
    )
    changes.extend(
        Change("added", code_for(i, catalog), None, i.id, i.name, unit=i.unit) for i in added
    )
    return PlanDiff(old.id, new.id, old.title, new.title, tuple(changes))


def _pair(
    old: Sequence[Indicator], new: Sequence[Indicator], catalog: Catalog
) -> tuple[list[tuple[Indicator, Indicator]], list[Indicator], list[Indicator]]:
    left = list(old)
    right = list(new)
    pairs: list[tuple[Indicator, Indicator]] = []

    def by_code(item: Indicator) -> str | None:
        return code_for(item, catalog)

    def by_name(item: Indicator) -> str | None:
        return normalise_name(item.name) or None

    for key in (by_code, by_name):
        index: dict[str, Indicator] = {}
        for item in right:
            value = key(item)
            if value is not None:
                index.setdefault(value, item)
        for item in list(left):
            value = key(item)
            match = index.get(value) if value is not None else None
            if match is not None and match in right:
                pairs.append((item, match))
                left.remove(item)
                right.remove(match)
    pairs.sort(key=lambda pair: list(new).index(pair[1]))
    return pairs, left, right


def _changes(old: Indicator, new: Indicator, catalog: Catalog, units: Units) -> list[Change]:
    code = code_for(new, catalog) or code_for(old, catalog)
    entry = entry_for(new, catalog) or entry_for(old, catalog)
    ids = (old.id, new.id)
    out: list[Change] = []
    if old.name != new.name:
        out.append(Change("renamed", code, *ids, new.name, old.name, new.name))
    # Values compare in one unit: the catalog's, else the new plan's.
    unit = entry.unit if entry is not None else new.unit
    old_how = unit_plan(units, old.unit, unit, old.name)
    new_how = unit_plan(units, new.unit, unit, new.name)
    if old.unit != new.unit:
        out.append(Change("unit", code, *ids, new.name, old.unit or "-", new.unit or "-"))
    if old_how.factor is None or new_how.factor is None:
        # A unit that does not convert: compare as written and say so through the unit change.
        old_how = new_how = unit_plan(units, "", "")
        unit = ""
    old_factor, new_factor = old_how.factor, new_how.factor
    assert old_factor is not None
    assert new_factor is not None

    def observation(value: Observation | None, factor: Any) -> str | None:
        if value is None:
            return None
        return f"{plain(scale(value.value, factor))} ({value.year})"

    before = observation(old.baseline, old_factor)
    after = observation(new.baseline, new_factor)
    if before != after:
        out.append(Change("baseline", code, *ids, new.name, before, after, unit))

    def target(indicator: Indicator, factor: Any) -> str | None:
        if indicator.target is None:
            return None
        return f"{target_text(scale_target(indicator.target, factor))} ({indicator.target.year})"

    before, after = target(old, old_factor), target(new, new_factor)
    if before != after:
        out.append(Change("target", code, *ids, new.name, before, after, unit))
    if old.attribute != new.attribute:
        out.append(
            Change(
                "attribute",
                code,
                *ids,
                new.name,
                str(old.attribute) if old.attribute else None,
                str(new.attribute) if new.attribute else None,
            )
        )
    if (old.definition or "") != (new.definition or ""):
        out.append(Change("definition", code, *ids, new.name, old.definition, new.definition))
    return out
