"""Side-by-side comparison of the same catalog indicators across plans.

:func:`compare_plans` gives one :class:`ComparisonRow` per (catalog indicator, plan): the
jurisdiction, its level, the period, the baseline and target converted to the catalog unit,
the set of values the target allows (the catalog's direction turns 达到50 into ≥50), and the
attribute. Rows that must not be set side by side say why in ``reason``:

``no-code``
    the indicator matches no catalog entry;
``extensive``
    a count, total or amount: 200 万人 nationally and 200 人 in a district count different
    populations (the values are still shown);
``incompatible-units`` / ``unknown-unit``
    the unit does not convert to the catalog unit (values are shown as written);
``relative``
    the target is relative to a named reference (不低于…增速) and has no number;
``no-target``
    the plan gives only a baseline.

The result is a plain structure (:class:`ComparisonTable` of attrs rows, ``to_dicts()``), with
``to_dataframe()`` when pandas is installed; pandas is never required. Text, CSV and JSON
renderings are in :mod:`minzheng_plans.output.comparison`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from minzheng_plans.analysis.normal import code_for, scale, scale_target, target_text
from minzheng_plans.core.direction import direction_of
from minzheng_plans.core.messages import N_, Message
from minzheng_plans.core.model import Indicator, Plan
from minzheng_plans.core.quantity import Comparison, Interval, Range, Relative
from minzheng_plans.core.targets import allowed_values, describe_interval
from minzheng_plans.units.reading import unit_plan

if TYPE_CHECKING:
    from minzheng_plans.registries.catalog import Catalog, CatalogEntry
    from minzheng_plans.registries.jurisdictions import JurisdictionRegistry
    from minzheng_plans.units.registry import Units

__all__ = [
    "COLUMNS",
    "EXTENSIVE_REASONS",
    "REASONS",
    "ComparisonRow",
    "ComparisonTable",
    "compare_plans",
    "parent_plans",
]


@attrs.frozen
class ComparisonRow:
    """One plan's figures for one catalog indicator, in the catalog unit where they convert.

    ``target_low``/``target_high`` bound the set of values the target allows (``None`` is
    unbounded; both ``None`` when there is no numeric target); ``parent`` is the id of the
    plan, among those compared, that this plan's jurisdiction sits under.
    """

    code: str | None
    indicator: str  # the catalog name, or the name as written when there is no entry
    plan: str
    jurisdiction: str
    jurisdiction_code: str
    jurisdiction_en: str | None
    level: str
    period: str
    indicator_id: str
    name: str  # as written in the plan
    attribute: str | None
    unit: str  # as written
    normalised_unit: str
    baseline_year: int | None
    baseline: Decimal | None
    target_year: int | None
    target: str  # as stated, in the normalised unit: ≥55, 35–40, ≥居民…增速
    allowed: str  # the set it allows, direction applied: ≥55
    target_low: Decimal | None
    target_high: Decimal | None
    comparable: bool
    reason: str | None = None
    note: str = ""  # ``notes`` in English, for CSV and JSON
    parent: str | None = None
    # The reason in words and any unit assumed, as messages a report renders in its language.
    notes: tuple[Message, ...] = attrs.field(default=(), metadata={"column": False})

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self, filter=lambda field, _value: field.name in COLUMNS)


COLUMNS: tuple[str, ...] = tuple(
    field.name for field in attrs.fields(ComparisonRow) if field.metadata.get("column", True)
)
#: Why a row is not compared, in words, by ``ComparisonRow.reason``. ``extensive`` has one
#: message per kind of indicator (:data:`EXTENSIVE_REASONS`).
REASONS: Mapping[str, str] = {
    "no-code": N_("no catalog code, so not comparable"),
    "incompatible-units": N_("unit {unit} does not convert to the catalog unit {catalog_unit}"),
    "unknown-unit": N_("unit {unit} is not known"),
    "relative": N_("relative target ({reference}), not converted"),
    "no-target": N_("no target"),
}
EXTENSIVE_REASONS: Mapping[str, str] = {
    "count": N_("a count indicator differs in scope between places"),
    "total": N_("a total indicator differs in scope between places"),
    "amount": N_("an amount indicator differs in scope between places"),
}
_EXTENSIVE_OTHER = N_("a {kind} indicator (count or total) differs in scope between places")
_AS_WRITTEN = N_("compared as written in {unit}, which does not convert to the catalog unit")


@attrs.frozen
class ComparisonTable:
    """Rows ordered by catalog code (rows with no code last), then by the plans' order."""

    rows: tuple[ComparisonRow, ...]

    def __iter__(self) -> Any:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def codes(self) -> list[str]:
        return list(dict.fromkeys(row.code for row in self.rows if row.code))

    def for_code(self, code: str) -> list[ComparisonRow]:
        return [row for row in self.rows if row.code == code]

    def to_dicts(self) -> list[dict[str, Any]]:
        return [row.to_dict() for row in self.rows]

    def to_dataframe(self) -> Any:
        """A pandas DataFrame of the rows (exact ``Decimal`` objects kept in object columns).

        Raises :class:`ImportError` with an install hint when pandas is not installed.
        """
        try:
            import pandas as pd  # noqa: PLC0415 - optional
        except ImportError as err:
            msg = "to_dataframe() needs pandas: pip install pandas"
            raise ImportError(msg) from err
        return pd.DataFrame(self.to_dicts(), columns=list(COLUMNS))


def _english_name(code: str) -> str | None:
    from minzheng_plans.registries.jurisdictions import default_jurisdictions  # noqa: PLC0415

    item = default_jurisdictions().get(code)
    return item.name_en if item is not None else None


def parent_plans(
    plans: Sequence[Plan], jurisdictions: JurisdictionRegistry | None = None
) -> dict[str, str]:
    """Plan id → id of the nearest plan among ``plans`` it sits under.

    A ``based_on`` reference by id wins; otherwise the nearest ancestor jurisdiction (from the
    registry, else the plans' own ``parent`` codes) with a plan whose period overlaps.
    """
    by_id = {plan.id: plan for plan in plans}
    own_parents = {p.jurisdiction.code: p.jurisdiction.parent for p in plans}
    result: dict[str, str] = {}
    for plan in plans:
        ids = [ref.id for ref in plan.based_on if ref.id in by_id and ref.id != plan.id]
        if ids:
            result[plan.id] = str(ids[0])
            continue
        for code in _ancestors(plan, own_parents, jurisdictions):
            hits = [
                other
                for other in plans
                if other.jurisdiction.code == code
                and other.period.start <= plan.period.end
                and plan.period.start <= other.period.end
            ]
            if hits:
                result[plan.id] = hits[0].id
                break
    return result


def _ancestors(
    plan: Plan, own: dict[str, str | None], registry: JurisdictionRegistry | None
) -> list[str]:
    codes: list[str] = []
    if registry is not None:
        codes = [item.code for item in registry.ancestors(plan.jurisdiction.code)]
    current = plan.jurisdiction.parent
    while current and current not in codes:
        codes.append(current)
        current = own.get(current)
    return codes


def compare_plans(
    plans: Sequence[Plan],
    codes: Iterable[str] = (),
    *,
    catalog: Catalog | None = None,
    units: Units | None = None,
    jurisdictions: JurisdictionRegistry | None = None,
    include_uncoded: bool | None = None,
) -> ComparisonTable:
    """The comparison table of ``plans`` for ``codes`` (every catalog indicator if empty).

    Indicators with no catalog code are listed (with reason ``no-code``) only when no codes
    are asked for, unless ``include_uncoded`` says otherwise. The defaults are the bundled
    catalog, units and jurisdictions.
    """
    if catalog is None:
        from minzheng_plans.registries.catalog import default_catalog  # noqa: PLC0415

        catalog = default_catalog()
    if units is None:
        from minzheng_plans.units.registry import default_units  # noqa: PLC0415

        units = default_units()
    if jurisdictions is None:
        from minzheng_plans.registries.jurisdictions import default_jurisdictions  # noqa: PLC0415

        jurisdictions = default_jurisdictions()
    wanted = [code.strip() for code in codes if code.strip()]
    if include_uncoded is None:
        include_uncoded = not wanted
    parents = parent_plans(plans, jurisdictions)
    coded: list[tuple[str, int, ComparisonRow]] = []
    uncoded: list[ComparisonRow] = []
    for position, plan in enumerate(plans):
        for indicator in plan.indicators:
            code = code_for(indicator, catalog)
            if code is None:
                if include_uncoded:
                    uncoded.append(_row(plan, indicator, None, None, units, parents))
                continue
            if wanted and code not in wanted:
                continue
            entry = catalog.get(code)
            coded.append((code, position, _row(plan, indicator, code, entry, units, parents)))
    order = {code: index for index, code in enumerate(wanted)}
    coded.sort(key=lambda item: (order.get(item[0], len(order)), item[0], item[1]))
    rows = _same_written_unit([row for _c, _p, row in coded])
    return ComparisonTable((*rows, *uncoded))


_UNIT_REASONS = frozenset({"incompatible-units", "unknown-unit"})


def _same_written_unit(rows: list[ComparisonRow]) -> list[ComparisonRow]:
    """Rows of one code that all fail the catalog unit in the *same* written unit still compare
    with each other (每百户…面积 written in 平方米 by every plan), and say so."""
    groups: dict[str | None, list[ComparisonRow]] = {}
    for row in rows:
        groups.setdefault(row.code, []).append(row)
    same: set[str | None] = set()
    for code, group in groups.items():
        units = {row.unit for row in group}
        if len(group) > 1 and len(units) == 1 and all(r.reason in _UNIT_REASONS for r in group):
            same.add(code)
    result = []
    for row in rows:
        if row.code in same:
            note = Message(_AS_WRITTEN, {"unit": row.unit})
            row = attrs.evolve(  # noqa: PLW2901
                row, comparable=True, reason=None, note=note.text, notes=(note,)
            )
        result.append(row)
    return result


def _row(
    plan: Plan,
    indicator: Indicator,
    code: str | None,
    entry: CatalogEntry | None,
    units: Units,
    parents: dict[str, str],
) -> ComparisonRow:
    target = indicator.target
    reason: str | None = None
    notes: list[Message] = []
    unit = entry.unit if entry is not None else indicator.unit
    factor = None
    if entry is None:
        reason = "no-code"
        notes.append(Message(REASONS[reason]))
    else:
        how = unit_plan(units, indicator.unit, entry.unit, indicator.name)
        factor = how.factor
        if how.note is not None:
            notes.append(how.note)
        if how.reason is not None:
            reason = how.reason
            unit = indicator.unit
            factor = None
            values = {"unit": indicator.unit or "—", "catalog_unit": entry.unit or "—"}
            notes.append(Message(REASONS[reason], values))
        elif not entry.intensive:
            reason = "extensive"
            kind = str(entry.kind)
            notes.append(
                Message(EXTENSIVE_REASONS[kind])
                if kind in EXTENSIVE_REASONS
                else Message(_EXTENSIVE_OTHER, {"kind": kind})
            )
    shown = factor if factor is not None else Fraction(1)
    baseline = indicator.baseline
    target_in_unit = scale_target(target, shown) if target is not None else None
    low = high = None
    allowed = ""
    direction = direction_of(indicator, entry)
    if isinstance(target_in_unit, Comparison | Range):
        interval: Interval = allowed_values(target_in_unit, direction)
        low, high, allowed = interval.low, interval.high, describe_interval(interval)
    elif isinstance(target_in_unit, Relative):
        reason = reason or "relative"
        notes.append(Message(REASONS["relative"], {"reference": target_in_unit.reference}))
    else:
        reason = reason or "no-target"
        notes.append(Message(REASONS["no-target"]))
    return ComparisonRow(
        code=code,
        indicator=entry.name if entry is not None else indicator.name,
        plan=plan.id,
        jurisdiction=plan.jurisdiction.name,
        jurisdiction_code=plan.jurisdiction.code,
        jurisdiction_en=plan.jurisdiction.name_en or _english_name(plan.jurisdiction.code),
        level=str(plan.jurisdiction.level),
        period=f"{plan.period.start}-{plan.period.end}",
        indicator_id=indicator.id,
        name=indicator.name,
        attribute=str(indicator.attribute) if indicator.attribute is not None else None,
        unit=indicator.unit,
        normalised_unit=unit,
        baseline_year=baseline.year if baseline is not None else None,
        baseline=scale(baseline.value, shown) if baseline is not None else None,
        target_year=target.year if target is not None else None,
        target=target_text(target_in_unit),
        allowed=allowed,
        target_low=low,
        target_high=high,
        comparable=reason is None,
        reason=reason,
        note="; ".join(note.text for note in notes),
        parent=parents.get(plan.id),
        notes=tuple(notes),
    )
