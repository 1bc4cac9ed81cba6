"""Units and formulas of one plan (MZ3xx): unknown units, units of another dimension than the
catalog's, units contradicting the indicator's own formula, formulas naming nothing measurable.

Formulas go through :mod:`minzheng_plans.units.formula` (parsed, never evaluated); units through the
project unit registry of the run (:meth:`CheckContext.units`).
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from typing import TYPE_CHECKING

from minzheng_plans.builtin.rules._kit import at, catalog_entry, rule
from minzheng_plans.core.errors import FormulaError, LimitError, UnitError, UnknownUnitError
from minzheng_plans.core.findings import Finding, Severity
from minzheng_plans.core.model import Indicator, Plan
from minzheng_plans.core.quantity import RATIO_UNIT
from minzheng_plans.plugins.hookspecs import Rule, hookimpl

if TYPE_CHECKING:
    from minzheng_plans.plugins.context import CheckContext
    from minzheng_plans.units.dimensions import Dimension
    from minzheng_plans.units.formula import Formula
    from minzheng_plans.units.registry import Units

__all__ = ["RATIO_UNIT", "RULES", "register_rules"]


def _readable(units: Units, text: str) -> bool:
    if text.strip() == RATIO_UNIT:
        return False
    try:
        units.parse(text)
    except UnitError:
        return False
    return True


_UNKNOWN_MESSAGES = {
    True: "Unit {unit} of {name} is not known; did you mean {suggestions}?",
    False: "Unit {unit} of {name} is not known.",
}


@rule("MZ301", "units.unknown-unit", Severity.WARNING, "A unit the unit registry does not know")
def unknown_unit(plan: Plan, context: CheckContext) -> Iterator[Finding]:
    units = context.units()
    for item in plan.indicators:
        text = item.unit.strip()
        if not text or text == RATIO_UNIT:
            continue
        try:
            units.parse(text)
        except UnknownUnitError as err:
            yield context.finding(
                _UNKNOWN_MESSAGES[bool(err.suggestions)],
                **at(plan, item),
                name=item.name,
                unit=text,
                suggestions=", ".join(err.suggestions),
            )
        except UnitError as err:
            yield context.finding(
                "Unit {unit} of {name} cannot be read: {reason}.",
                **at(plan, item),
                name=item.name,
                unit=text,
                reason=err.reason,
            )


_PURE = "dimensionless"
_DIMENSION_MESSAGES = {
    (False, False): "Unit {unit} of {name} measures {dimension}, but the catalog's {catalog_code} "
    "is in {catalog_unit} ({catalog_dimension}).",
    (False, True): "Unit {unit} of {name} measures {dimension}, but the catalog's {catalog_code} "
    "is in {catalog_unit}, a pure number.",
    (True, False): "Unit {unit} of {name} is a pure number, but the catalog's {catalog_code} is "
    "in {catalog_unit} ({catalog_dimension}).",
}


def _per_base_in_name(item: Indicator, unit: str, catalog_unit: str, units: Units) -> bool:
    """Whether the name carries the per-population base the unit column leaves out.

    Tables write 每千名老年人拥有养老床位数 with the unit 张: the column names what is counted,
    the name says per how many. That is how the indicator is written, not a contradiction.
    """
    if not item.name.strip().startswith("每") or "/" in unit or "/" not in catalog_unit:
        return False
    counted = catalog_unit.split("/", 1)[0]
    return _readable(units, counted) and units.compatible(unit, counted)


@rule(
    "MZ302",
    "units.catalog-dimension",
    Severity.WARNING,
    "A unit whose dimension differs from the catalog's unit for the indicator",
)
def catalog_dimension(plan: Plan, context: CheckContext) -> Iterator[Finding]:
    units = context.units()
    for item in plan.indicators:
        text = item.unit.strip()
        entry = catalog_entry(item, context) if text else None
        if entry is None or not entry.unit.strip() or not _readable(units, text):
            continue
        if not _readable(units, entry.unit) or units.compatible(text, entry.unit):
            continue
        if _per_base_in_name(item, text, entry.unit, units):
            continue
        dimension, catalog_dimension = units.dimension(text), units.dimension(entry.unit)
        # "dimensionless" is a word, not notation: a pure number gets a sentence of its own.
        shape = (dimension == _PURE, catalog_dimension == _PURE)
        yield context.finding(
            _DIMENSION_MESSAGES[shape],
            **at(plan, item),
            name=item.name,
            unit=text,
            dimension=dimension,
            catalog_code=entry.code,
            catalog_unit=entry.unit,
            catalog_dimension=catalog_dimension,
        )


def _formula(item: Indicator) -> Formula | None:
    """The indicator's own formula when its definition is one (a lone name is prose)."""
    if not item.definition or not item.definition.strip():
        return None
    # The formula reader is imported for the first definition: most plans state none.
    from minzheng_plans.units.formula import parse_formula  # noqa: PLC0415

    try:
        formula = parse_formula(item.definition.strip())
    except (FormulaError, LimitError):  # prose, or too long to be a formula
        return None
    return formula if formula.has_operator else None


_SCALE_WORDS = {1: "", 10: "十", 100: "百", 1000: "千", 10000: "万", 100000: "十万"}


def _implied_unit(formula: Formula, dimension: Dimension) -> str | None:
    """The unit a formula's result is stated in, naming what cancels (人/万人, not 1/10⁴)."""
    from minzheng_plans.units.dimensions import guess_dimension  # noqa: PLC0415
    from minzheng_plans.units.formula import Name, Number, Product  # noqa: PLC0415

    text = dimension.unit_text()
    if text is not None:
        return text
    root = formula.root
    if not isinstance(root, Product):
        return None
    top = [f for op, f in root.factors if op == "*" and isinstance(f, Name)]
    bottom = [f for op, f in root.factors if op == "/" and isinstance(f, Name)]
    numbers = [(op, f) for op, f in root.factors if isinstance(f, Number)]
    if len(top) != 1 or len(bottom) != 1 or len(numbers) + 2 != len(root.factors):
        return None
    scale = Fraction(1)
    for op, number in numbers:
        value = Fraction(number.value)
        scale = scale * value if op == "*" else scale / value
    word = _SCALE_WORDS.get(int(scale)) if scale.denominator == 1 else None
    upper, lower = guess_dimension(top[0].text), guess_dimension(bottom[0].text)
    if word is None or upper is None or lower is None:
        return None
    return f"{upper.unit_text()}/{word}{lower.unit_text()}"


@rule(
    "MZ303",
    "units.formula-contradiction",
    Severity.WARNING,
    "A unit that contradicts the indicator's own formula",
)
def formula_contradiction(plan: Plan, context: CheckContext) -> Iterator[Finding]:
    units = context.units()
    for item in plan.indicators:
        text = item.unit.strip()
        formula = _formula(item)
        if formula is None or not text or not _readable(units, text):
            continue
        from minzheng_plans.units.dimensions import Dimension, infer_dimension  # noqa: PLC0415

        try:
            dimension = infer_dimension(formula)
        except FormulaError:
            continue  # adding people to beds: MZ304's concern is meaning, this one units
        if dimension is None:
            continue
        base = Dimension(dimension.exponents).unit_text()
        if base is None or not _readable(units, base):
            continue
        implied = _implied_unit(formula, dimension)
        if "[time]" in units.dimension(text) and "[time]" not in units.dimension(base):
            # Names carry no time (低保金支出/低保人数/12 is per month only by its ÷12): a time
            # base in the unit cannot be checked against the formula.
            continue
        if not units.compatible(base, text):
            yield context.finding(
                "Unit {unit} of {name} contradicts its formula {formula}, which gives {implied}.",
                **at(plan, item),
                name=item.name,
                unit=text,
                formula=formula.text,
                implied=implied or str(dimension),
            )
            continue
        # Same dimension: a formula that states its scale (×10000, ×100) must also agree on
        # it (万 vs 千, % vs ‰); a bare ratio shown in % is the usual convention.
        if (
            implied
            and dimension.scale != 1
            and _readable(units, implied)
            and units.factor(implied, text) != 1
        ):
            yield context.finding(
                "Unit {unit} of {name} is on another scale than its formula {formula}, "
                "which gives {implied}.",
                **at(plan, item),
                name=item.name,
                unit=text,
                formula=formula.text,
                implied=implied,
            )


_UNMEASURABLE_MESSAGES = {
    "numbers": "The formula {formula} of {name} names no quantity, only numbers.",
    "names": "The formula {formula} of {name} refers to nothing measurable: none of {names} "
    "is a count, amount or rate.",
}


@rule(
    "MZ304",
    "units.formula-unmeasurable",
    Severity.WARNING,
    "A formula that refers to nothing measurable",
)
def formula_unmeasurable(plan: Plan, context: CheckContext) -> Iterator[Finding]:
    for item in plan.indicators:
        formula = _formula(item)
        if formula is None:
            continue
        from minzheng_plans.units.dimensions import is_measurable_name  # noqa: PLC0415

        if not formula.names:
            reason = "numbers"
        elif not any(is_measurable_name(name) for name in formula.names):
            reason = "names"
        else:
            continue
        yield context.finding(
            _UNMEASURABLE_MESSAGES[reason],
            **at(plan, item),
            name=item.name,
            formula=formula.text,
            names="、".join(formula.names),
        )


RULES: tuple[Rule, ...] = (
    unknown_unit,
    catalog_dimension,
    formula_contradiction,
    formula_unmeasurable,
)


@hookimpl
def register_rules() -> list[Rule]:
    return list(RULES)
