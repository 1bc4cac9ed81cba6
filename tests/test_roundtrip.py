"""Plan files round-trip: ``load(dump(p)) == p`` in TOML and JSON, and dumping is stable."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given

from minzheng_plans import strategies as mzst
from minzheng_plans.core.model import Plan
from minzheng_plans.core.quantity import Comparison
from minzheng_plans.files.planfile import dumps_plan, loads_plan

from .conftest_plans import MINIMAL_PLAN

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.toml"))
FORMATS = ("toml", "json")


@given(plan=mzst.plans())
def test_plans_round_trip(plan: Plan):
    """One property, three laws (kept in one test so that CI's 500 examples stay affordable).

    For TOML and JSON: ``load(dump(p)) == p`` and ``dump(load(dump(p))) == dump(p)``; and the
    two formats hold the same tree, so a trip through JSON gives the same TOML text.
    """
    texts = {}
    for fmt in FORMATS:
        text = dumps_plan(plan, fmt)
        loaded = loads_plan(text, fmt=fmt)
        assert plan == loaded
        assert text == dumps_plan(loaded, fmt)
        texts[fmt] = text
    assert texts["toml"] == dumps_plan(loads_plan(texts["json"], fmt="json"), "toml")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_round_trip_stably(path: Path):
    """The shipped examples read and write back to a fixed point after one normalising pass."""
    plan = loads_plan(path.read_text(encoding="utf-8"), path=str(path))
    for fmt in FORMATS:
        text = dumps_plan(plan, fmt)
        assert plan == loads_plan(text, fmt=fmt)
        assert text == dumps_plan(loads_plan(text, fmt=fmt), fmt)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("written", ["32.63", "32.60", "0.05", "1000", "0.0000001", "-4.5"])
def test_decimals_keep_their_digits(fmt, written):
    """32.63 stays 32.63 (and 32.60 keeps its zero): no binary float on the way."""
    text = MINIMAL_PLAN.replace("value = 55", f"value = {written}")
    plan = loads_plan(text)
    target = plan.indicators[0].target
    assert isinstance(target, Comparison)
    assert str(target.value) in {written, str(Decimal(written))}
    again = loads_plan(dumps_plan(plan, fmt), fmt=fmt).indicators[0].target
    assert isinstance(again, Comparison)
    assert str(target.value) == str(again.value)
    if "E" not in str(target.value):
        assert f"value = {written}" in dumps_plan(plan, "toml")


def test_32_63_is_written_as_32_63():
    """The number from the issue, in both formats, as text."""
    plan = loads_plan(MINIMAL_PLAN.replace("value = 55", "value = 32.63"))
    assert "\nvalue = 32.63\n" in dumps_plan(plan, "toml")
    assert '"value": 32.63' in dumps_plan(plan, "json")


def test_tiny_numbers_stay_short_in_json():
    """The smallest number a plan may hold (1E-30) is written and read back exactly."""
    plan = loads_plan(MINIMAL_PLAN.replace("value = 55", "value = 1e-30"))
    text = dumps_plan(plan, "json")
    assert len(text) < 2000
    assert plan == loads_plan(text, fmt="json")
