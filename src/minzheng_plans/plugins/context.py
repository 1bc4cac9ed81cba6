"""What plugin code receives: a :class:`LoadContext` for loaders and sniffers, a
:class:`CheckContext` for rules.

Both live here, in the plugin layer, below the loading and checking machinery that builds
them: a loader or rule imports its context without importing the runner. Both give the
registries *with every plugin's contributions* (units, catalog entries, jurisdictions), built
lazily by the host, so that nothing in a loader or rule reaches for a global default.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from minzheng_plans.core.model import Plan
from minzheng_plans.core.progress import Actual

if TYPE_CHECKING:
    from minzheng_plans.plugins.host import PluginHost
    from minzheng_plans.registries.catalog import Catalog
    from minzheng_plans.registries.jurisdictions import JurisdictionRegistry
    from minzheng_plans.units.registry import Units

__all__ = ["DEFAULT_PROGRESS_MARGIN", "CheckContext", "LoadContext"]

#: How far behind its path an actual may be, as a share of the change the plan sets out from
#: baseline to target, before the evaluation rules call it behind (MZ603): a tenth.
DEFAULT_PROGRESS_MARGIN = Decimal("0.1")


@attrs.frozen
class LoadContext:
    """What a loader or sniffer may consult: the registries of the run's plugin host.

    Each registry is built on first use, so a sniffer that never asks for the catalog does
    not pay for it. Plugin-contributed catalog entries and jurisdictions are included.
    """

    host: PluginHost = attrs.field(repr=False)

    def units(self) -> Units:
        return self.host.units()

    def catalog(self) -> Catalog:
        return self.host.catalog()

    def jurisdictions(self) -> JurisdictionRegistry:
        return self.host.jurisdictions()


@attrs.frozen
class _PlanIndex:
    """Lookups over the known plans, built once per check: rules ask per plan, and scanning
    every plan for each of thousands of plans made a national check quadratic."""

    known: tuple[Plan, ...]
    by_id: Mapping[str, Plan]
    by_title: Mapping[str, tuple[Plan, ...]]
    by_jurisdiction: Mapping[str, tuple[Plan, ...]]
    jurisdiction_parents: Mapping[str, str | None]

    @classmethod
    def build(cls, plans: Sequence[Plan], bundled: Sequence[Plan]) -> _PlanIndex:
        given = {plan.id for plan in plans}
        known = (*plans, *(p for p in bundled if p.id not in given))
        by_id: dict[str, Plan] = {}
        by_title: dict[str, list[Plan]] = {}
        by_jurisdiction: dict[str, list[Plan]] = {}
        parents: dict[str, str | None] = {}
        for plan in known:
            by_id.setdefault(plan.id, plan)
            by_title.setdefault(_title_key(plan.title), []).append(plan)
            by_jurisdiction.setdefault(plan.jurisdiction.code, []).append(plan)
            parents[plan.jurisdiction.code] = plan.jurisdiction.parent
        return cls(
            known,
            MappingProxyType(by_id),
            MappingProxyType({k: tuple(v) for k, v in by_title.items()}),
            MappingProxyType({k: tuple(v) for k, v in by_jurisdiction.items()}),
            MappingProxyType(parents),
        )


def _plan_tuple(plans: Iterable[Plan]) -> tuple[Plan, ...]:
    return tuple(plans)


def _actuals_map(
    actuals: Mapping[str, Mapping[str, Iterable[Actual]]],
) -> Mapping[str, Mapping[str, tuple[Actual, ...]]]:
    return MappingProxyType(
        {
            plan: MappingProxyType({key: tuple(values) for key, values in by_indicator.items()})
            for plan, by_indicator in actuals.items()
        }
    )


@attrs.frozen
class CheckContext:
    """What a rule may consult: the plans of the run, bundled plans and the registries.

    Every rule of a run gets this one context, so it is frozen and holds tuples: a rule that
    tries to replace or edit ``plans`` fails (MZ005) instead of changing what the rules after
    it see.

    The evaluation rules (MZ6xx) also read the run's monitoring values, already matched to
    indicators (:meth:`actuals`); ``as_of`` is the evaluation year (``None``: every value
    counts, as in ``check``) and ``progress_margin`` how far behind its path an actual may be
    (a share of the planned change) before it is reported.
    """

    host: PluginHost
    plans: Sequence[Plan] = attrs.field(converter=_plan_tuple)
    bundled: Sequence[Plan] = attrs.field(default=(), converter=_plan_tuple)
    today: dt.date = attrs.Factory(dt.date.today)
    monitoring: Mapping[str, Mapping[str, tuple[Actual, ...]]] = attrs.field(
        factory=dict, converter=_actuals_map
    )
    as_of: int | None = None
    progress_margin: Decimal = DEFAULT_PROGRESS_MARGIN
    _index: _PlanIndex | None = attrs.field(default=None, init=False, repr=False, eq=False)

    def units(self) -> Units:
        return self.host.units()

    def catalog(self) -> Catalog:
        return self.host.catalog()

    def jurisdictions(self) -> JurisdictionRegistry:
        return self.host.jurisdictions()

    def _plan_index(self) -> _PlanIndex:
        if self._index is None:
            # Frozen for rules; the index is a cache of the frozen fields, built on first use.
            object.__setattr__(self, "_index", _PlanIndex.build(self.plans, self.bundled))
        assert self._index is not None
        return self._index

    def actuals(self, plan: Plan, indicator_id: str) -> tuple[Actual, ...]:
        """The monitoring values given for one indicator of ``plan`` (by id or catalog code).

        The plan's own ``actual`` is not among them: it is on the indicator.
        """
        return self.monitoring.get(plan.id, {}).get(indicator_id, ())

    def known_plans(self) -> Sequence[Plan]:
        """The run's plans, then bundled plans not given in the run (by id)."""
        return self._plan_index().known

    def plans_of(self, jurisdiction_code: str) -> Sequence[Plan]:
        """The known plans of one jurisdiction, in known-plan order."""
        return self._plan_index().by_jurisdiction.get(jurisdiction_code, ())

    def jurisdiction_parents(self) -> Mapping[str, str | None]:
        """Jurisdiction code -> parent code, as the known plans record them."""
        return self._plan_index().jurisdiction_parents

    def parents(self, plan: Plan) -> list[Plan]:
        """The plans ``plan`` is based on, found by id or by exact title among known plans."""
        index = self._plan_index()
        found: list[Plan] = []
        for ref in plan.based_on:
            matches = list(index.by_title.get(_title_key(ref.title), ())) if ref.title else []
            by_id = index.by_id.get(ref.id) if ref.id is not None else None
            if by_id is not None and by_id not in matches:
                matches.append(by_id)
            order = {id(p): n for n, p in enumerate(index.known)} if len(matches) > 1 else {}
            for other in sorted(matches, key=lambda p: order.get(id(p), 0)):
                if other.id != plan.id and other not in found:
                    found.append(other)
        return found


def _title_key(title: str) -> str:
    return "".join(ch for ch in title if ch not in "《》“”\"' \u3000")
