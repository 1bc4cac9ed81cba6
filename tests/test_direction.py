"""One direction rule: the catalog first, then the comparator, then baseline → target; the
checks, compare and evaluate read every target through it and so agree on what it allows."""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minzheng_plans import (
    CheckContext,
    Comparator,
    Comparison,
    Direction,
    Indicator,
    Interval,
    Observation,
    Range,
    Relative,
    compare_plans,
    default_catalog,
    default_jurisdictions,
    default_units,
    direction_of,
    evaluate_plan,
)
from minzheng_plans.builtin.rules._kit import allowed, catalog_entry
from minzheng_plans.core.targets import describe_interval
from minzheng_plans.testing import make_host, make_indicator, make_plan

SRC = Path(__file__).resolve().parents[1] / "src" / "minzheng_plans"
CATALOG = default_catalog()
ENTRIES = sorted(CATALOG, key=lambda entry: entry.code)
HOST = make_host()
# A name no catalog entry has, so that only the plan's own figures can tell the direction.
UNCATALOGUED = "测试用自编指标"


def _indicator(target: str | None, baseline: str | None = None, **kwargs: object) -> Indicator:
    return make_indicator(UNCATALOGUED, "%", target=target, baseline=baseline, **kwargs)


class TestTheRule:
    @pytest.mark.parametrize(
        ("target", "baseline", "expected"),
        [
            ("≥55", "60", Direction.HIGHER),  # a floor below the baseline is still a floor
            (">30", None, Direction.HIGHER),
            ("≤3", "2", Direction.LOWER),  # a ceiling above the baseline is still a ceiling
            ("<3", None, Direction.LOWER),
            ("45", "50", Direction.LOWER),
            ("55", "50", Direction.HIGHER),
            ("50", "50", Direction.NEITHER),
            ("50", None, Direction.NEITHER),
            ("50", "≥40", Direction.NEITHER),  # a bound says too little about where it was
            ("35-40", "30", Direction.HIGHER),
            ("35-40", "45", Direction.LOWER),
            ("35-40", "37", Direction.NEITHER),
            ("不低于居民上年度人均消费支出增速", None, Direction.HIGHER),
            (None, "50", Direction.NEITHER),
        ],
    )
    def test_plan_evidence_comparator_before_baseline(self, target, baseline, expected):
        """Without a catalog entry: the comparator, else the move from an exact baseline."""
        assert expected == direction_of(_indicator(target, baseline))

    @pytest.mark.parametrize("word", ["higher", "lower", "neither"])
    def test_the_catalog_wins_over_the_plan(self, word):
        """A catalog entry's direction wins, even over a comparator that says otherwise."""
        entry = next(e for e in ENTRIES if e.direction == word)
        for target, baseline in (("≥55", "60"), ("≤3", "2"), ("45", "50"), ("55", "50")):
            indicator = make_indicator(entry.name, entry.unit, target=target, baseline=baseline)
            assert Direction(word) == direction_of(indicator, entry)

    def test_a_replacement_target_is_read_instead(self):
        """``target=`` judges the indicator's baseline against another target."""
        indicator = _indicator("≥55", "60")
        assert Direction.LOWER == direction_of(indicator, None, Comparison(2025, Decimal(58)))


def _compare_allowed(plan) -> dict[str, str]:
    table = compare_plans(
        [plan], catalog=CATALOG, units=default_units(), jurisdictions=default_jurisdictions()
    )
    return {row.indicator_id: row.allowed for row in table.rows}


def _evaluate_allowed(plan) -> dict[str, str]:
    evaluation = evaluate_plan(plan, (), year=2023, catalog=CATALOG, units=default_units())
    return {item.id: item.allowed for item in evaluation.indicators if item.allowed}


def _rules_allowed(plan) -> dict[str, str | None]:
    context = CheckContext(HOST, [plan])
    found = {}
    for item in plan.indicators:
        interval = allowed(item.target, direction_of(item, catalog_entry(item, context)))
        found[item.id] = describe_interval(interval) if interval is not None else None
    return found


def _assert_agree(plan) -> None:
    """Compare, evaluate and the checks read each target as the same set of values.

    The checks leave a bare number with no better direction out (``None``) where compare and
    evaluate read the number itself; that is their policy, the direction is the same.
    """
    compared, evaluated, checked = (
        _compare_allowed(plan),
        _evaluate_allowed(plan),
        _rules_allowed(plan),
    )
    for item in plan.indicators:
        assert compared[item.id] == evaluated[item.id], item
        if checked[item.id] is None:
            target = item.target
            assert isinstance(target, Comparison)
            assert Comparator.EQ == target.comparator
            assert Direction.NEITHER == direction_of(
                item, catalog_entry(item, CheckContext(HOST, [plan]))
            )
            assert describe_interval(Interval.point(target.value)) == compared[item.id]
        else:
            assert checked[item.id] == compared[item.id], item


# Bare targets are where the direction shows: 达到50 is ≥50, ≤50 or 50 by direction alone.
SHAPES = (("50", "40"), ("50", "60"), ("50", None), ("≥50", "60"), ("≤50", "40"), ("45-50", "40"))


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.code)
def test_every_catalog_entry_reads_alike_everywhere(entry):
    """For each catalog entry and each target shape, the three consumers allow one set."""
    indicators = [
        make_indicator(
            entry.name, entry.unit, target=target, baseline=baseline, id=f"t1.{n}", code=entry.code
        )
        for n, (target, baseline) in enumerate(SHAPES, start=1)
    ]
    plan = make_plan(*indicators)
    _assert_agree(plan)
    bare = [item for item in plan.indicators if item.target == Comparison(2025, Decimal(50))]
    expected = {"higher": "≥50", "lower": "≤50", "neither": "=50"}[entry.direction.value]
    assert {expected} == {_compare_allowed(plan)[item.id] for item in bare}


def test_uncatalogued_cases_read_alike_everywhere():
    """Without a catalog entry the plan's figures decide, identically for all three."""
    cases = [("50", "40", "≥50"), ("50", "60", "≤50"), ("50", None, "=50"), ("≥50", "60", "≥50")]
    plan = make_plan(
        *(_indicator(t, b, id=f"t1.{n}") for n, (t, b, _) in enumerate(cases, start=1))
    )
    _assert_agree(plan)
    assert [want for *_, want in cases] == list(_compare_allowed(plan).values())


_values = st.integers(min_value=0, max_value=200).map(Decimal)
_comparators = st.sampled_from(list(Comparator))


@st.composite
def _targets(draw):
    kind = draw(st.sampled_from(["comparison", "range"]))
    if kind == "range":
        low = draw(_values)
        return Range(2025, low, low + draw(_values))
    return Comparison(2025, draw(_values), draw(_comparators))


@st.composite
def _baselines(draw):
    if draw(st.booleans()):
        return None
    return Observation(2020, draw(_values), draw(st.sampled_from([Comparator.EQ, Comparator.GE])))


@given(target=_targets(), baseline=_baselines(), code=st.none() | st.sampled_from(ENTRIES))
def test_drawn_indicators_read_alike_everywhere(target, baseline, code):
    """For drawn targets and baselines, catalogued or not, the three consumers agree."""
    entry = code
    indicator = Indicator(
        id="t1.1",
        name=entry.name if entry is not None else UNCATALOGUED,
        unit=entry.unit if entry is not None else "%",
        code=entry.code if entry is not None else None,
        baseline=baseline,
        target=target,
    )
    _assert_agree(make_plan(indicator))


@given(target=_targets(), baseline=_baselines())
def test_an_explicit_comparator_decides_without_a_catalog(target, baseline):
    """≥/> is higher and ≤/< lower whatever the baseline; only = and ranges look at it."""
    direction = direction_of(Indicator("t1.1", UNCATALOGUED, baseline=baseline, target=target))
    if isinstance(target, Comparison) and target.comparator in (Comparator.GE, Comparator.GT):
        assert Direction.HIGHER == direction
    elif isinstance(target, Comparison) and target.comparator in (Comparator.LE, Comparator.LT):
        assert Direction.LOWER == direction
    elif baseline is None or baseline.comparator is not Comparator.EQ:
        assert Direction.NEITHER == direction


def test_relative_targets_follow_their_relation():
    """不低于 a reference is higher-is-better, 不高于 lower; the baseline is not consulted."""
    up = Indicator("t1.1", UNCATALOGUED, target=Relative(2025, ">=", "居民消费支出增速"))
    down = Indicator("t1.2", UNCATALOGUED, target=Relative(2025, "<=", "居民消费支出增速"))
    assert (Direction.HIGHER, Direction.LOWER) == (direction_of(up), direction_of(down))


def test_no_second_direction_rule_in_the_library():
    """Only core/direction.py defines functions that return a Direction."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            returns = node.returns if isinstance(node, ast.FunctionDef) else None
            if returns is not None and "Direction" in ast.unparse(returns):
                found.append(f"{path.relative_to(SRC).as_posix()}:{node.name}")
    elsewhere = [place for place in found if not place.startswith("core/direction.py:")]
    assert ([], True) == (elsewhere, "core/direction.py:direction_of" in found)
