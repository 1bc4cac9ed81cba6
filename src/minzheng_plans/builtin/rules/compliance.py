"""MZ4xx cross-level compliance: is a plan at least as strict as the plan it is based on?

For a child plan and each parent (resolved through ``based_on`` among the plans of the run and
the bundled ones, with the jurisdiction registry as a fallback), indicators with the same
catalog code and the same target year are compared (see :mod:`minzheng_plans.core.targets`):

* counts and totals (catalog ``kind``) are reported as not comparable (MZ402, info);
* units are converted exactly; units that do not convert are a finding (MZ403);
* a child target that allows a value the parent's does not is MZ401, an error when the
  parent's indicator is binding (约束性) and a warning otherwise;
* a parent's binding indicator listed as anticipatory by the child is MZ404;
* a comparison that cannot be decided (relative against absolute, different references, an
  unknown catalog code) is said so (MZ405, info);
* a ``based_on`` reference to a civil-affairs plan (民政…规划) that matches no known plan is
  MZ406 (info);
* when the parent jurisdiction has no plan for the period and a farther ancestor's plan is
  used instead (杭州市 checked against 全国 because 浙江省's plan is not given), MZ407 (info)
  names both; when no ancestor has a plan, MZ408 (info) says so — nothing is skipped
  silently.

Ancestors come from the jurisdiction registry's parent chain (every division of China), so a
plan of any place is checked against the plans above it.

Registered through the same hook as third-party rules: one rule per code, so that each can be
selected and documented on its own, all six reading one comparison of the run's plans that the
first of them computes and the run's context keeps (:meth:`CheckContext.memo`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from minzheng_plans.builtin.rules._parents import ParentSearch, resolve_parents, search_parents
from minzheng_plans.core.direction import direction_of
from minzheng_plans.core.errors import IncompatibleUnitsError, UnitError
from minzheng_plans.core.findings import Finding, Severity, make_finding
from minzheng_plans.core.model import Attribute, Indicator, Level, Plan
from minzheng_plans.core.quantity import Comparison, Direction, Range, Relative, Target
from minzheng_plans.core.targets import (
    Undecidable,
    Verdict,
    allowed_values,
    compare_targets,
    describe_interval,
)
from minzheng_plans.plugins.hookspecs import Rule, hookimpl
from minzheng_plans.units.reading import unit_plan

if TYPE_CHECKING:
    from minzheng_plans.plugins.context import CheckContext
    from minzheng_plans.units.registry import Units

__all__ = [
    "MESSAGES",
    "RULES",
    "ParentSearch",
    "check_compliance",
    "register_rules",
    "resolve_parents",
    "search_parents",
]

LOOSER = (
    "{name}: "
    "Target {child} {child_unit} for {year} allows values that {parent_plan} does not "
    "({parent} {parent_unit}, {parent_indicator}); a plan must be at least as strict as the "
    "plan it is based on."
)
# One message per kind of extensive indicator, so that the kind reads in the report's language.
NOT_COMPARABLE = {
    "count": "{name}: "
    "{catalog_code} is a count indicator: its figures here and in {parent_plan} count "
    "different populations, so they are not compared across levels.",
    "total": "{name}: "
    "{catalog_code} is a total indicator: its figures here and in {parent_plan} count "
    "different populations, so they are not compared across levels.",
    "amount": "{name}: "
    "{catalog_code} is an amount indicator: its figures here and in {parent_plan} "
    "count different populations, so they are not compared across levels.",
}
INCOMPATIBLE_UNITS = (
    "{name}: "
    "Unit {child_unit} does not convert to {parent_unit}, the unit of {parent_plan} for "
    "{catalog_code}; the targets for {year} were not compared."
)
UNKNOWN_UNIT = (
    "{name}: "
    "Unit {unit} is not known, so the target for {year} was not compared with {parent_plan} "
    "({catalog_code})."
)
BINDING_DOWNGRADED = (
    "{name}: "
    "{parent_plan} makes {catalog_code} binding (约束性), but this plan lists it as anticipatory "
    "(预期性)."
)
MISSING_UNIT = (
    "{name}: "
    "{catalog_code} is measured in {catalog_unit}, but only one of this plan and "
    "{parent_plan} states a unit ({child_unit} here, {parent_unit} there); the targets for "
    "{year} were not compared."
)
UNDECIDABLE_RELATIVE = (
    "{name}: "
    "Target for {year} cannot be compared with {parent_plan}: one is relative to a "
    "reference and the other absolute ({catalog_code})."
)
UNDECIDABLE_REFERENCE = (
    "{name}: "
    "Target for {year} is relative to {reference}, {parent_plan}'s to {parent_reference}; "
    "whether it is as strict cannot be decided ({catalog_code})."
)
UNDECIDABLE_SHARE = (
    "{name}: "
    "Target for {year} is a share of a growth rate, which {parent_plan} states differently; "
    "whether it is as strict cannot be decided ({catalog_code})."
)
UNDECIDABLE_DIRECTION = (
    "{name}: "
    "Target {child} for {year} differs from {parent_plan}'s {parent}, but for {catalog_code} "
    "neither a higher nor a lower value is better, so neither is stricter."
)
UNDECIDABLE_BASIS = (
    "{name}: "
    "Target for {year} and {parent_plan}'s measure different things (a level, an annual "
    "growth rate or a total over the period); they were not compared ({catalog_code})."
)
UNKNOWN_CODE = (
    "{name}: "
    "{catalog_code} is not in the indicator catalog, so whether it compares across levels with "
    "{parent_plan} is unknown."
)
PARENT_NOT_FOUND = (
    "The plan this one is based on, {title}, is not among the given or bundled plans; "
    "compliance with it was not checked."
)
NEAREST_ANCESTOR = (
    "No plan of {missing} for {period} is among the given or bundled plans; this plan was "
    "checked against {used_plan} instead, the plan of {used}, the nearest jurisdiction above "
    "it that has one."
)
NO_ANCESTOR_PLAN = (
    "No plan of a jurisdiction above {jurisdiction} ({ancestors}) for {period} is among the "
    "given or bundled plans; compliance across levels was not checked."
)
NO_ANCESTOR = (
    "No jurisdiction above {jurisdiction} ({jurisdiction_code}) is known, so no plan above it "
    "could be found; compliance across levels was not checked."
)

# Every message id this module can emit, for the translation-completeness test.
MESSAGES = (
    LOOSER,
    *NOT_COMPARABLE.values(),
    INCOMPATIBLE_UNITS,
    UNKNOWN_UNIT,
    MISSING_UNIT,
    BINDING_DOWNGRADED,
    UNDECIDABLE_RELATIVE,
    UNDECIDABLE_REFERENCE,
    UNDECIDABLE_SHARE,
    UNDECIDABLE_DIRECTION,
    UNDECIDABLE_BASIS,
    UNKNOWN_CODE,
    PARENT_NOT_FOUND,
    NEAREST_ANCESTOR,
    NO_ANCESTOR_PLAN,
    NO_ANCESTOR,
)

_UNDECIDABLE_MESSAGES = {
    Undecidable.RELATIVE_VS_ABSOLUTE: UNDECIDABLE_RELATIVE,
    Undecidable.DIFFERENT_REFERENCE: UNDECIDABLE_REFERENCE,
    Undecidable.SHARE_OF_RATE: UNDECIDABLE_SHARE,
    Undecidable.NO_DIRECTION: UNDECIDABLE_DIRECTION,
    Undecidable.DIFFERENT_BASIS: UNDECIDABLE_BASIS,
}


def _target_year(indicator: Indicator) -> int | None:
    return indicator.target.year if indicator.target is not None else None


def _describe(target: Target, direction: Direction) -> str:
    from minzheng_plans.core.targets import relative_values  # noqa: PLC0415

    if isinstance(target, Relative):
        interval, share = relative_values(target, direction)
        text = describe_interval(interval)
        if share:
            # Multiples of the reference: "35%–40% × 上年度人均消费支出" reads as written.
            return f"{text} × {target.reference}"
        # Differences from the reference are ``≥0``-style: the symbol alone says it all.
        return f"{text.removesuffix('0')}{target.reference}"
    assert isinstance(target, Comparison | Range)
    return describe_interval(allowed_values(target, direction))


def _plan_label(plan: Plan) -> str:
    return f"{plan.title} ({plan.id})"


def check_compliance(plans: Sequence[Plan], context: CheckContext) -> Iterator[Finding]:
    """Every MZ4xx finding for the plans of a run against their parents."""
    for plan in plans:
        search = search_parents(plan, context)
        # Only civil-affairs plans can be checked against; a missing 国民经济…纲要 or a
        # party proposal (建议) is expected and not worth a line in every report.
        for ref in (r for r in search.missing if _is_civil_affairs(r.title)):
            yield make_finding(
                "MZ406", Severity.INFO, PARENT_NOT_FOUND, plan=plan.id, title=ref.title
            )
        yield from _search_findings(plan, search, context)
        for parent in search.parents:
            yield from _compare_plans(plan, parent, context)


def _jurisdiction_label(code: str, context: CheckContext, plan: Plan | None = None) -> str:
    if plan is not None and plan.jurisdiction.code == code:
        return f"{plan.jurisdiction.name} ({code})"
    item = context.jurisdictions().get(code)
    return f"{item.name} ({code})" if item is not None else code


def _search_findings(plan: Plan, search: ParentSearch, context: CheckContext) -> Iterator[Finding]:
    """MZ407 when a farther ancestor's plan stood in for the parent's, MZ408 when none did."""
    period = f"{plan.period.start}-{plan.period.end}"
    if search.stand_in is not None and search.parents:
        used = search.parents[0]
        yield make_finding(
            "MZ407",
            Severity.INFO,
            NEAREST_ANCESTOR,
            plan=plan.id,
            related=[p.id for p in search.parents],
            missing=_jurisdiction_label(search.stand_in, context),
            period=period,
            used_plan=_plan_label(used),
            used=_jurisdiction_label(used.jurisdiction.code, context, used),
        )
    elif not search.parents and plan.jurisdiction.level != Level.NATIONAL:
        if search.ancestors:
            yield make_finding(
                "MZ408",
                Severity.INFO,
                NO_ANCESTOR_PLAN,
                plan=plan.id,
                jurisdiction=plan.jurisdiction.name,
                ancestors=", ".join(_jurisdiction_label(c, context) for c in search.ancestors),
                period=period,
            )
        else:
            yield make_finding(
                "MZ408",
                Severity.INFO,
                NO_ANCESTOR,
                plan=plan.id,
                jurisdiction=plan.jurisdiction.name,
                jurisdiction_code=plan.jurisdiction.code,
            )


def _compare_plans(child: Plan, parent: Plan, context: CheckContext) -> Iterator[Finding]:
    by_key: dict[tuple[str, int], list[Indicator]] = {}
    for item in parent.indicators:
        year = _target_year(item)
        if item.code and year is not None:
            by_key.setdefault((item.code, year), []).append(item)
    for indicator, restated in _distinct_targets(child.indicators, context):
        year = _target_year(indicator)
        assert indicator.code is not None
        assert year is not None
        matches = by_key.get((indicator.code, year), [])
        if matches:
            yield from _compare_indicator(child, indicator, parent, matches, context, restated)


def _distinct_targets(
    indicators: Sequence[Indicator], context: CheckContext
) -> Iterator[tuple[Indicator, list[Indicator]]]:
    """Coded indicators with a target, one per (code, year, allowed values, unit), tables first.

    A plan often restates a table row in its text (≥45% in the table, 达到45% in the text:
    the same set for a higher-is-better indicator); comparing both would report one problem
    twice. The restatements ride along, named in ``related``.
    """
    groups: dict[tuple[str, int, object, str], list[Indicator]] = {}
    catalog = context.catalog()
    for item in indicators:
        if item.code and item.target is not None:
            entry = catalog.get(item.code)
            meaning: object = item.target
            if entry is not None and isinstance(item.target, Comparison | Range):
                meaning = allowed_values(item.target, direction_of(item, entry))
            groups.setdefault((item.code, item.target.year, meaning, item.unit), []).append(item)
    for members in groups.values():
        ordered = sorted(members, key=lambda m: not (m.source and m.source.kind == "table"))
        yield ordered[0], ordered[1:]


def _compare_indicator(
    child: Plan,
    indicator: Indicator,
    parent: Plan,
    matches: list[Indicator],
    context: CheckContext,
    restated: Sequence[Indicator] = (),
) -> Iterator[Finding]:
    code = indicator.code
    assert code is not None
    year = _target_year(indicator)
    assert year is not None
    assert indicator.target is not None
    # Each message names the indicator as this plan writes it (its id is the finding's).
    where: dict[str, Any] = {"plan": child.id, "indicator": indicator.id, "name": indicator.name}
    label = _plan_label(parent)
    also = [f"{child.id}/{r.id}" for r in restated]
    related = [f"{parent.id}/{m.id}" for m in matches] + also
    if indicator.attribute == Attribute.ANTICIPATORY and any(
        m.attribute == Attribute.BINDING for m in matches
    ):
        yield make_finding(
            "MZ404",
            Severity.WARNING,
            BINDING_DOWNGRADED,
            related=related,
            parent_plan=label,
            catalog_code=code,
            **where,
        )
    entry = context.catalog().get(code)
    if entry is None:
        yield make_finding(
            "MZ405",
            Severity.INFO,
            UNKNOWN_CODE,
            related=related,
            catalog_code=code,
            parent_plan=label,
            **where,
        )
        return
    if not entry.intensive:
        kind = str(getattr(entry.kind, "value", entry.kind))
        yield make_finding(
            "MZ402",
            Severity.INFO,
            NOT_COMPARABLE[kind],
            related=related,
            catalog_code=code,
            kind=kind,
            parent_plan=label,
            **where,
        )
        return
    direction = direction_of(indicator, entry)
    seen: set[tuple[Target, str]] = set()
    for other in matches:
        assert other.target is not None
        if (other.target, other.unit) in seen:
            continue
        seen.add((other.target, other.unit))
        yield from _compare_pair(
            indicator, other, label, direction, context, where, parent, entry.unit, also
        )


def _pair_factor(units: Units, child: Indicator, parent: Indicator, catalog_unit: str) -> Fraction:
    """The factor taking the child's values into the parent's unit.

    Through the catalog unit when both readings reach it, so that a unit whose base the
    indicator's name states (30 平方米 for 每百户…设施面积, in 平方米/百户) compares with one that
    writes the base out; else a plain conversion, which raises when the units do not convert.
    """
    if catalog_unit:
        into_child = unit_plan(units, child.unit, catalog_unit, child.name)
        into_parent = unit_plan(units, parent.unit, catalog_unit, parent.name)
        if into_child.factor is not None and into_parent.factor:
            return into_child.factor / into_parent.factor
    return units.factor(child.unit, parent.unit)


def _compare_pair(
    indicator: Indicator,
    other: Indicator,
    label: str,
    direction: Direction,
    context: CheckContext,
    where: dict[str, Any],
    parent: Plan,
    catalog_unit: str,
    also: Sequence[str] = (),
) -> Iterator[Finding]:
    child_target, parent_target = indicator.target, other.target
    assert child_target is not None
    assert parent_target is not None
    code, year = indicator.code or "", child_target.year
    related = [f"{parent.id}/{other.id}", *also]
    factor: Fraction | int = 1
    relative = isinstance(child_target, Relative) or isinstance(parent_target, Relative)
    if not relative and indicator.unit != other.unit:
        if catalog_unit and "" in (indicator.unit, other.unit):
            # A blank unit cell next to 60 most likely means the catalog's %, yet reading it
            # as a bare number (60 = 6000 %) would be exact and wrong: say it, compare nothing.
            yield make_finding(
                "MZ403",
                Severity.WARNING,
                MISSING_UNIT,
                related=related,
                catalog_unit=catalog_unit,
                child_unit=indicator.unit or "—",
                parent_unit=other.unit or "—",
                parent_plan=label,
                catalog_code=code,
                year=year,
                **where,
            )
            return
        try:
            factor = _pair_factor(context.units(), indicator, other, catalog_unit)
        except IncompatibleUnitsError:
            yield make_finding(
                "MZ403",
                Severity.WARNING,
                INCOMPATIBLE_UNITS,
                related=related,
                child_unit=indicator.unit or "—",
                parent_unit=other.unit or "—",
                parent_plan=label,
                catalog_code=code,
                year=year,
                **where,
            )
            return
        except UnitError as err:
            yield make_finding(
                "MZ403",
                Severity.WARNING,
                UNKNOWN_UNIT,
                related=related,
                unit=getattr(err, "text", indicator.unit),
                parent_plan=label,
                catalog_code=code,
                year=year,
                **where,
            )
            return
    result = compare_targets(child_target, parent_target, direction, factor)
    if result.verdict is Verdict.COMPLIES:
        return
    if result.verdict is Verdict.UNDECIDABLE:
        assert result.reason is not None
        extra: dict[str, Any] = {}
        if result.reason is Undecidable.DIFFERENT_REFERENCE:
            assert isinstance(child_target, Relative)
            assert isinstance(parent_target, Relative)
            extra = {
                "reference": child_target.reference,
                "parent_reference": parent_target.reference,
            }
        elif result.reason is Undecidable.NO_DIRECTION:
            extra = {
                "child": f"{_describe(child_target, direction)} {indicator.unit}".rstrip(),
                "parent": f"{_describe(parent_target, direction)} {other.unit}".rstrip(),
            }
        yield make_finding(
            "MZ405",
            Severity.INFO,
            _UNDECIDABLE_MESSAGES[result.reason],
            related=related,
            parent_plan=label,
            catalog_code=code,
            year=year,
            **extra,
            **where,
        )
        return
    severity = Severity.ERROR if other.attribute == Attribute.BINDING else Severity.WARNING
    yield make_finding(
        "MZ401",
        severity,
        LOOSER,
        related=related,
        child=_describe(child_target, direction),
        child_unit=indicator.unit,
        parent=_describe(parent_target, direction),
        parent_unit=other.unit,
        parent_plan=label,
        parent_indicator=f"{other.id} {other.name}",
        year=year,
        **where,
    )


def _is_civil_affairs(title: str) -> bool:
    return "民政" in title


def _findings_of_run(plans: Sequence[Plan], context: CheckContext) -> list[Finding]:
    # The six rules share one pass over the plans, kept for the run by its context.
    ids = tuple(plan.id for plan in plans)
    return context.memo((check_compliance, ids), lambda: list(check_compliance(plans, context)))


def _only(code: str) -> Any:
    def check(plans: Sequence[Plan], context: CheckContext) -> Iterator[Finding]:
        return (f for f in _findings_of_run(plans, context) if f.code == code)

    return check


# One rule per code, so that each can be selected, ignored and documented on its own.
RULES = (
    Rule(
        "MZ401",
        "compliance.looser-than-parent",
        Severity.ERROR,
        "A target is looser than the parent plan's target for the same indicator and year "
        "(error when the parent's indicator is binding, warning otherwise)",
        _only("MZ401"),
        scope="plans",
        divisible=True,
    ),
    Rule(
        "MZ402",
        "compliance.not-comparable",
        Severity.INFO,
        "A count or total shares its code with the parent plan but is not compared",
        _only("MZ402"),
        scope="plans",
        divisible=True,
    ),
    Rule(
        "MZ403",
        "compliance.incompatible-units",
        Severity.WARNING,
        "A unit does not convert to the parent plan's unit for the same indicator",
        _only("MZ403"),
        scope="plans",
        divisible=True,
    ),
    Rule(
        "MZ404",
        "compliance.binding-downgraded",
        Severity.WARNING,
        "The parent plan's binding indicator is listed as anticipatory",
        _only("MZ404"),
        scope="plans",
        divisible=True,
    ),
    Rule(
        "MZ405",
        "compliance.undecidable",
        Severity.INFO,
        "Whether a target is as strict as the parent's cannot be decided",
        _only("MZ405"),
        scope="plans",
        divisible=True,
    ),
    Rule(
        "MZ406",
        "compliance.parent-not-found",
        Severity.INFO,
        "A plan named in based_on is not among the given or bundled plans",
        _only("MZ406"),
        scope="plans",
        divisible=True,
    ),
    Rule(
        "MZ407",
        "compliance.nearest-ancestor-used",
        Severity.INFO,
        "The parent jurisdiction's plan is not available; a farther ancestor's plan was used",
        _only("MZ407"),
        scope="plans",
        divisible=True,
    ),
    Rule(
        "MZ408",
        "compliance.no-ancestor-plan",
        Severity.INFO,
        "No plan of any jurisdiction above the plan's is available; nothing was compared",
        _only("MZ408"),
        scope="plans",
        divisible=True,
    ),
)


@hookimpl
def register_rules() -> list[Rule]:
    return list(RULES)
