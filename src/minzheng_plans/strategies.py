"""Hypothesis strategies for every model class, for this package's tests and for plugin authors.

Everything drawn is a plan the plan-file loader accepts: numbers are exact, finite decimals
within the converter's size bound, years lie in the windows the loader allows around the plan
period, ids follow the project conventions (``t1.2``, ``p14.1``, ``k3.1``) and are unique within
a plan. ``loads_plan(dumps_plan(plan)) == plan`` holds for every drawn plan.

Factories are cached (strategies are immutable, and building them costs more than drawing
from them), so their arguments must be hashable. Only this module imports hypothesis (a test
dependency): importing :mod:`minzheng_plans` does not. Use it in a plugin's tests like::

    from hypothesis import given
    from minzheng_plans import strategies as mzst

    @given(mzst.plans())
    def test_my_rule_never_raises(plan): ...
"""

from __future__ import annotations

import datetime as dt
import string
from decimal import Decimal
from functools import cache

import attrs
from hypothesis import strategies as st

from minzheng_plans.core.findings import ArgValue, Finding, Location, Severity, Waiver
from minzheng_plans.core.model import (
    Attribute,
    Indicator,
    Jurisdiction,
    Level,
    Observation,
    Period,
    Plan,
    PlanRef,
    Project,
    Section,
    Source,
    SourceKind,
)
from minzheng_plans.core.quantity import (
    MAX_YEAR,
    MIN_YEAR,
    Basis,
    Comparator,
    Comparison,
    Range,
    Relative,
)
from minzheng_plans.files.planfile import YEARS_AFTER_PERIOD, YEARS_BEFORE_PERIOD

__all__ = [
    "HOSTILE_DECIMALS",
    "HOSTILE_TEXTS",
    "comparisons",
    "decimals",
    "finding_codes",
    "findings",
    "indicator_ids",
    "indicators",
    "jurisdictions",
    "locations",
    "observations",
    "periods",
    "plan_refs",
    "plans",
    "projects",
    "ranges",
    "relatives",
    "sections",
    "sources",
    "suppressions",
    "target_years",
    "targets",
    "texts",
    "waivers",
]

# A plan figure needs a dozen significant digits and a few decimals at most (32.63, 0.8, 678);
# wider draws only slow the search without reaching new code.
_MAX_DIGITS = 12
_MAX_PLACES = 6
_CODES = string.digits

#: Crafted numbers that broke runs after parsing (#17), at the bounds of
#: :mod:`minzheng_plans.core.numbers`: drawn now and then by :func:`decimals`.
HOSTILE_DECIMALS: tuple[Decimal, ...] = (
    Decimal("1E-28"),  # more digits than babel's default context formats
    Decimal("1E-30"),  # the smallest magnitude accepted
    Decimal("5.5E-29"),
    Decimal(999999999999999999),  # the largest integer accepted
    Decimal("999999999999999999.9999999999"),
    Decimal("1.000000000000000000000000000000000000001E-30"),  # 40 digits at the bottom
    Decimal("-0.000"),
)
#: Crafted texts that drove terminals, forged report lines, went through ``str.format`` or
#: matplotlib's maths text (#17): drawn now and then by :func:`texts` when they fit.
HOSTILE_TEXTS: tuple[str, ...] = (
    "{nothere}",
    "{a:>300000000}",
    "{a.__class__.__mro__}",
    "{0}{{}}{",
    "$\\undefinedcmd$",
    "$\\frac{a}{$",
    "\x1b]0;owned\x07",
    "\x1b[2J",
    "\x9b31m",
    "名\u202e称",
    "a\nb",
    "\r== forged",
    "\u2028",
)


@cache
def decimals(*, places: int = _MAX_PLACES, digits: int = _MAX_DIGITS) -> st.SearchStrategy[Decimal]:
    """Exact, finite decimals written as a document would: ``32.63``, ``-4``, ``0.050``.

    Trailing zeros are kept (``32.60`` has two places), so round trips must keep them too.
    With the default bounds, the crafted :data:`HOSTILE_DECIMALS` are drawn too.
    """
    plain = st.builds(
        lambda mantissa, exponent: Decimal(mantissa).scaleb(-exponent),
        st.integers(-(10**digits) + 1, 10**digits - 1),
        st.integers(0, places),
    )
    # The crafted edges come with the default (widest) draw; a caller narrowing the digits
    # or places asked for ordinary figures only.
    if places < _MAX_PLACES or digits < _MAX_DIGITS:
        return plain
    return st.one_of(plain, st.sampled_from(HOSTILE_DECIMALS))


@cache
def texts(*, min_size: int = 0, max_size: int = 24) -> st.SearchStrategy[str]:
    """Names and titles: Chinese and Latin letters, digits, punctuation (full-width too), and
    the crafted :data:`HOSTILE_TEXTS` that fit the size."""
    alphabet = st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")),
        st.sampled_from("“”（）〔〕·、，。％‰～—\"'\\=[]{}#\t"),
    )
    plain = st.text(alphabet, min_size=min_size, max_size=max_size)
    crafted = [t for t in HOSTILE_TEXTS if min_size <= len(t) <= max_size]
    return st.one_of(plain, st.sampled_from(crafted)) if crafted else plain


@cache
def periods() -> st.SearchStrategy[Period]:
    """Five-year plan periods (1953-1957 … 2196-2200), and now and then a shorter or longer one."""
    five_year = st.integers(0, (MAX_YEAR - 4 - 1953) // 5).map(lambda k: 1953 + 5 * k)
    return st.one_of(
        five_year.map(lambda start: Period(start, start + 4)),
        st.integers(MIN_YEAR, MAX_YEAR).flatmap(
            lambda start: st.integers(start, min(MAX_YEAR, start + 15)).map(
                lambda end: Period(start, end)
            )
        ),
    )


@cache
def target_years(period: Period) -> st.SearchStrategy[int]:
    """Years a target may name in a plan of ``period`` (the loader's window around it)."""
    return st.integers(
        max(MIN_YEAR, period.start - YEARS_BEFORE_PERIOD),
        min(MAX_YEAR, period.end + YEARS_AFTER_PERIOD),
    )


@cache
def _codes() -> st.SearchStrategy[str]:
    return st.text(_CODES, min_size=6, max_size=6)


@cache
def jurisdictions() -> st.SearchStrategy[Jurisdiction]:
    """Jurisdictions with six-digit codes (GB/T 2260 shape), any level."""
    return st.builds(
        Jurisdiction,
        code=_codes(),
        name=texts(min_size=1),
        level=st.sampled_from(Level),
        name_en=st.none() | texts(min_size=1),
        parent=st.none() | _codes(),
    )


@cache
def plan_refs() -> st.SearchStrategy[PlanRef]:
    """``based_on`` entries: a title, and an id where the plan is known."""
    plan_id = st.builds(
        lambda code, period: f"{code}-{period.start}-{period.end}", _codes(), periods()
    )
    return st.builds(PlanRef, title=texts(min_size=1), id=st.none() | plan_id)


@cache
def _positive() -> st.SearchStrategy[int]:
    return st.integers(1, 9999)


@cache
def sources() -> st.SearchStrategy[Source]:
    """Provenance records; quotes stay short, as committed data requires (< 40 characters)."""
    return st.builds(
        Source,
        kind=st.sampled_from(SourceKind),
        table=st.none() | texts(min_size=1),
        row=st.none() | _positive(),
        line=st.none() | _positive(),
        quote=st.none() | texts(min_size=1, max_size=39),
        raw=st.none() | texts(min_size=1),
        page=st.none() | _positive(),
        table_index=st.none() | _positive(),
        row_index=st.none() | _positive(),
        paragraph=st.none() | _positive(),
    )


@cache
def observations(period: Period | None = None) -> st.SearchStrategy[Observation]:
    """Baselines and actuals; with ``period``, in a year a plan of that period would name."""
    years = target_years(period) if period is not None else st.integers(MIN_YEAR, MAX_YEAR)
    return st.builds(
        Observation, year=years, value=decimals(), comparator=st.sampled_from(Comparator)
    )


@cache
def _years(period: Period | None) -> st.SearchStrategy[int]:
    return target_years(period) if period is not None else st.integers(MIN_YEAR, MAX_YEAR)


@cache
def comparisons(period: Period | None = None) -> st.SearchStrategy[Comparison]:
    """``≥55`` by a year: one comparator and one value."""
    return st.builds(
        Comparison,
        year=_years(period),
        value=decimals(),
        comparator=st.sampled_from(Comparator),
        approximate=st.booleans(),
        basis=st.sampled_from(Basis),
    )


@cache
def ranges(period: Period | None = None) -> st.SearchStrategy[Range]:
    """``35-40`` by a year, low never above high."""
    return st.builds(
        lambda year, a, b, basis: Range(year, min(a, b), max(a, b), basis),
        _years(period),
        decimals(),
        decimals(),
        st.sampled_from(Basis),
    )


@cache
def relatives(period: Period | None = None) -> st.SearchStrategy[Relative]:
    """Targets relative to a named reference, with an optional share of it."""
    return st.builds(
        Relative,
        year=_years(period),
        relation=st.sampled_from(Comparator),
        reference=texts(min_size=1),
        low=st.none() | decimals(),
        high=st.none() | decimals(),
    )


@cache
def targets(period: Period | None = None) -> st.SearchStrategy[Comparison | Range | Relative]:
    """Any target kind; with ``period``, in a year the loader accepts for that plan."""
    return st.one_of(comparisons(period), ranges(period), relatives(period))


@cache
def indicator_ids() -> st.SearchStrategy[str]:
    """Ids by the project convention: ``t{table}.{row}``, ``p{line}.{k}``, ``k{project}.{k}``."""
    return st.builds(
        lambda prefix, a, b: f"{prefix}{a}.{b}",
        st.sampled_from("tpk"),
        st.integers(1, 999),
        st.integers(1, 99),
    )


@cache
def indicators(
    period: Period | None = None, *, ids: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Indicator]:
    """Indicator rows; with ``period``, their years fall in the plan's windows."""
    optional_decimal = st.none() | decimals()
    return st.builds(
        Indicator,
        id=ids if ids is not None else indicator_ids(),
        name=texts(min_size=1),
        unit=st.sampled_from(["", "%", "‰", "张", "张/千名老年人", "元/人·月", "人", "万元"]),
        code=st.none() | st.from_regex(r"[a-z]{2,8}(_[a-z]{2,8}){0,2}", fullmatch=True),
        attribute=st.none() | st.sampled_from(Attribute),
        baseline=st.none() | observations(period),
        target=st.none() | targets(period),
        actual=st.none() | observations(period),
        growth=optional_decimal,
        status=st.none() | texts(min_size=1),
        definition=st.none() | texts(min_size=1),
        project=st.none() | st.integers(1, 99).map(lambda k: f"k{k}"),
        source=st.none() | sources(),
    )


@cache
def projects() -> st.SearchStrategy[Project]:
    """Boxed projects (专栏) with ids ``k1``, ``k2`` …"""
    return st.builds(
        Project,
        id=st.integers(1, 99).map(lambda k: f"k{k}"),
        title=texts(min_size=1),
        number=st.none() | st.integers(1, 30).map(lambda k: f"专栏{k}"),
        line=st.none() | _positive(),
    )


@cache
def sections(max_depth: int = 3) -> st.SearchStrategy[Section]:
    """Headings with their children, at most ``max_depth`` levels."""
    children: st.SearchStrategy[tuple[Section, ...]] = (
        st.lists(sections(max_depth - 1), max_size=2).map(tuple) if max_depth > 1 else st.just(())
    )
    return st.builds(
        Section,
        number=st.sampled_from(["第一章", "第二节", "一、", "（一）", "1.", "(1)"]),
        title=texts(min_size=1),
        level=st.integers(1, 6),
        line=st.none() | _positive(),
        sections=children,
    )


@cache
def finding_codes() -> st.SearchStrategy[str]:
    """Codes of the ``MZ`` and three digits form."""
    return st.integers(0, 999).map(lambda n: f"MZ{n:03d}")


@cache
def locations() -> st.SearchStrategy[Location]:
    """Where a finding points; any part may be unknown."""
    return st.builds(
        Location,
        file=st.none() | texts(min_size=1),
        line=st.none() | _positive(),
        column=st.none() | _positive(),
    )


@cache
def _arg_values() -> st.SearchStrategy[ArgValue]:
    return st.one_of(texts(), st.integers(-(10**15), 10**15), decimals())


@cache
def findings() -> st.SearchStrategy[Finding]:
    """Findings as stored in a plan file, message arguments included."""
    return st.builds(
        Finding,
        code=finding_codes(),
        severity=st.sampled_from(Severity),
        message=texts(min_size=1),
        args=st.dictionaries(st.from_regex(r"[a-z_]{1,10}", fullmatch=True), _arg_values()),
        plan=st.none() | texts(min_size=1),
        indicator=st.none() | indicator_ids(),
        location=st.none() | locations(),
        related=st.lists(indicator_ids(), max_size=3).map(tuple),
    )


@cache
def waivers() -> st.SearchStrategy[Waiver]:
    """``[[waivers]]`` entries of a plan file, each with a reason that is not blank."""
    return st.builds(
        Waiver,
        code=finding_codes(),
        reason=texts(min_size=1).filter(str.strip),
        plan=st.none(),
        indicator=st.none() | indicator_ids(),
        approved_by=st.none() | texts(min_size=1),
        document=st.none() | texts(min_size=1),
        expires=st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31)),
    )


#: The name the strategy had before waivers replaced ``[[suppress]]`` (#20).
suppressions = waivers


@st.composite
def plans(draw: st.DrawFn, *, max_indicators: int = 4) -> Plan:
    """Whole plans the loader accepts: unique indicator ids, target years in the window."""
    period = draw(periods())
    jurisdiction = draw(jurisdictions())
    ids = draw(st.lists(indicator_ids(), max_size=max_indicators, unique=True))
    rows = tuple(attrs.evolve(draw(indicators(period)), id=i) for i in ids)
    return Plan(
        id=f"{jurisdiction.code}-{period.start}-{period.end}",
        title=draw(texts(min_size=1)),
        jurisdiction=jurisdiction,
        period=period,
        issuers=tuple(draw(st.lists(texts(min_size=1), max_size=2))),
        document_number=draw(st.none() | texts(min_size=1)),
        issued=draw(st.none() | st.dates(dt.date(MIN_YEAR, 1, 1), dt.date(MAX_YEAR, 12, 31))),
        based_on=tuple(draw(st.lists(plan_refs(), max_size=2))),
        source=draw(st.none() | texts(min_size=1)),
        indicators=rows,
        projects=tuple(draw(st.lists(projects(), max_size=2))),
        sections=tuple(draw(st.lists(sections(max_depth=2), max_size=2))),
        findings=tuple(draw(st.lists(findings(), max_size=2))),
        waivers=tuple(draw(st.lists(waivers(), max_size=2))),
    )
