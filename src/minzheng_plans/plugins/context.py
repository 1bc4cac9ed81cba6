"""What plugin code receives: a :class:`LoadContext` for loaders and sniffers, a
:class:`CheckContext` for rules.

Both live here, in the plugin layer, below the loading and checking machinery that builds
them: a loader or rule imports its context without importing the runner. Both give the
registries *with every plugin's contributions* (units, catalog entries, jurisdictions), built
lazily by the host, so that nothing in a loader or rule reaches for a global default.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, TypeVar

import attrs

from minzheng_plans.core.findings import ArgValue, Finding, Severity, make_finding
from minzheng_plans.core.model import Level, Plan

if TYPE_CHECKING:
    # Monitoring values are rare in a check: their module loads with the files that hold them.
    from minzheng_plans.core.progress import Actual
    from minzheng_plans.plugins.hookspecs import Rule
    from minzheng_plans.plugins.host import PluginHost
    from minzheng_plans.registries.catalog import Catalog
    from minzheng_plans.registries.jurisdictions import JurisdictionRegistry
    from minzheng_plans.units.registry import Units

__all__ = ["DEFAULT_PROGRESS_MARGIN", "CheckContext", "LoadContext"]

#: How far behind its path an actual may be, as a share of the change the plan sets out from
#: baseline to target, before the evaluation rules call it behind (MZ603): a tenth.
DEFAULT_PROGRESS_MARGIN = Decimal("0.1")

T = TypeVar("T")


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


def _frozen_map(value: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(value))


def _plan_tuple(plans: Iterable[Plan]) -> tuple[Plan, ...]:
    return tuple(plans)


class _RunState:
    """What every rule of one run shares through its context: the plan index and the memo.

    One object per run, held by reference, so the per-rule views of a context
    (:meth:`CheckContext.for_rule`) share it.
    """

    __slots__ = ("index", "memo")

    def __init__(self) -> None:
        self.index: _PlanIndex | None = None
        self.memo: dict[Hashable, object] = {}


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

    Every rule of a run gets a view of one context, so it is frozen and holds tuples: a rule
    that tries to replace or edit ``plans`` fails (MZ005) instead of changing what the rules
    after it see. The runner binds each view to the rule it calls (``rule``), so that
    :meth:`finding` knows the rule's code and severity; :meth:`memo` keeps what several rules
    compute alike for the length of the run.

    The evaluation rules (MZ6xx) also read the run's monitoring values, already matched to
    indicators (:meth:`actuals`); ``as_of`` is the evaluation year (``None``: every value
    counts, as in ``check``) and ``progress_margin`` how far behind its path an actual may be
    (a share of the planned change) before it is reported.

    ``twins`` maps the ids of plans that came in under one id (renamed ``{id}#2`` … for the
    run, MZ107) to that id: such a plan is never another's parent.
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
    rule: Rule | None = attrs.field(default=None, eq=False)
    twins: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen_map)
    _run: _RunState = attrs.field(factory=_RunState, init=False, repr=False, eq=False)

    def units(self) -> Units:
        return self.host.units()

    def catalog(self) -> Catalog:
        return self.host.catalog()

    def jurisdictions(self) -> JurisdictionRegistry:
        return self.host.jurisdictions()

    def for_rule(self, rule: Rule) -> CheckContext:
        """This context for ``rule``: the same run (plans, plan index, memo), bound to it."""
        bound = copy.copy(self)
        object.__setattr__(bound, "rule", rule)
        return bound

    def finding(
        self,
        message: str,
        *,
        code: str | None = None,
        severity: Severity | None = None,
        plan: str | None = None,
        indicator: str | None = None,
        file: str | None = None,
        line: int | None = None,
        related: Iterable[str] = (),
        **args: ArgValue,
    ) -> Finding:
        """A finding of the rule this context is bound to: its code and default severity.

        ``message`` is an English message id with ``{name}`` placeholders that ``args``
        fill (as for :func:`~minzheng_plans.core.findings.make_finding`). ``code`` picks
        another of the codes the rule declares (``Rule.codes``); ``severity`` overrides the
        rule's default for this finding (MZ401 is an error or a warning by the parent's
        attribute).
        """
        rule = self.rule
        if rule is None and (code is None or severity is None):
            msg = "this context is bound to no rule: pass code= and severity="
            raise TypeError(msg)
        return make_finding(
            code or str(rule.code),  # type: ignore[union-attr]
            severity or Severity(rule.severity),  # type: ignore[union-attr]
            message,
            plan=plan,
            indicator=indicator,
            file=file,
            line=line,
            related=related,
            **args,
        )

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()`` once per run and ``key``; later calls with ``key`` get the same value.

        For work several rules share (the six MZ4xx rules read one comparison of every plan
        with its parents). Use a key your plugin owns, such as ``(my_function, plan.id)``:
        the memo is shared by every rule of the run and dropped with it.
        """
        memo = self._run.memo
        if key not in memo:
            memo[key] = compute()
        return memo[key]  # type: ignore[return-value]

    def _plan_index(self) -> _PlanIndex:
        run = self._run
        if run.index is None:
            run.index = _PlanIndex.build(self.plans, self.bundled)
        return run.index

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

    def ancestor_codes(self, plan: Plan) -> tuple[str, ...]:
        """Jurisdiction codes above ``plan``'s, nearest first, up to the national level.

        The registry's parent chain where it knows the code (every division of China); for a
        code it does not know (a test place, an unresolved ``X-…`` stand-in) the plan's own
        parent and then that one's chain. The parents the known plans record fill what the
        registry leaves open.
        """
        registry = self.jurisdictions()
        recorded = self.jurisdiction_parents()
        own = plan.jurisdiction.code
        chain: list[str] = []
        current: str | None
        if own in registry:
            chain = [item.code for item in registry.ancestors(own)]
            current = recorded.get(chain[-1]) if chain else None
            if not chain:
                current = plan.jurisdiction.parent
        else:
            current = plan.jurisdiction.parent
        while current and current != own and current not in chain:
            chain.append(current)
            if current in registry:
                chain.extend(i.code for i in registry.ancestors(current) if i.code not in chain)
                current = recorded.get(chain[-1])
                continue
            current = recorded.get(current)
        # Every place of China lies under the country: a chain that ends below it (places
        # the registry does not know, whose plans record no further parent) still reaches
        # the national plan, and a provincial-level place's parent is the country by
        # definition. A place with no known parent at all stays without one (MZ408 says so).
        national = registry.national_code()
        if (
            national is not None
            and own != national
            and national not in chain
            and (chain or plan.jurisdiction.level is Level.PROVINCIAL)
        ):
            chain.append(national)
        return tuple(chain)

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
            own = self.twins.get(plan.id, plan.id)
            for other in sorted(matches, key=lambda p: order.get(id(p), 0)):
                if self.twins.get(other.id, other.id) != own and other not in found:
                    found.append(other)
        return found


def _title_key(title: str) -> str:
    return "".join(ch for ch in title if ch not in "《》“”\"' \u3000")
