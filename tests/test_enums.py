"""``member_of``: an enumeration member from a member or the value of one."""

from __future__ import annotations

import pytest

from minzheng_plans.core.enums import member_of
from minzheng_plans.core.model import Jurisdiction, Level
from minzheng_plans.core.quantity import Comparator, Comparison


def test_a_member_and_its_value_give_the_member() -> None:
    """The member itself and its value's text both give the same member object."""
    assert Level.COUNTY is member_of(Level, Level.COUNTY)
    assert Level.COUNTY is member_of(Level, "county")
    assert Comparator.GE is member_of(Comparator, ">=")


def test_anything_else_is_refused_as_the_enumeration_refuses_it() -> None:
    """A text that is no member's value raises the enumeration's own ValueError."""
    with pytest.raises(ValueError, match="'township' is not a valid Level"):
        member_of(Level, "township")
    with pytest.raises(ValueError, match="is not a valid Comparator"):
        member_of(Comparator, 55)


def test_the_model_converts_values_through_it() -> None:
    """Model fields take a member's value and hold the member."""
    assert Level.PROVINCIAL is Jurisdiction("990000", "测试省", "provincial").level
    assert Comparator.LE is Comparison(2025, 3, "<=").comparator
