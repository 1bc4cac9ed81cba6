"""Model objects pickle and copy as tuples of their fields, and come back equal."""

from __future__ import annotations

import copy
import io
import pickle
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings

from minzheng_plans import strategies as mzst
from minzheng_plans.checking.inputs import InputRecord, Read
from minzheng_plans.core.findings import Finding, Location, Severity
from minzheng_plans.core.model import Observation, Period, Plan
from minzheng_plans.core.pickling import tuple_state
from minzheng_plans.core.quantity import Comparator, Comparison


@settings(max_examples=60, deadline=None)
@given(mzst.plans())
def test_a_plan_pickles_back_equal(plan: Plan) -> None:
    """Any plan pickled and unpickled is equal to itself, field by field."""
    back = pickle.loads(pickle.dumps(plan, protocol=pickle.HIGHEST_PROTOCOL))  # noqa: S301
    assert plan == back
    assert attrs.asdict(plan, recurse=False) == attrs.asdict(back, recurse=False)


@settings(max_examples=30, deadline=None)
@given(mzst.findings())
def test_a_finding_pickles_back_equal(finding: Finding) -> None:
    """A finding comes back with the same fields, ``literal`` (left out of equality) too."""
    back = pickle.loads(pickle.dumps(finding))  # noqa: S301
    assert finding == back
    assert finding.literal == back.literal


def test_the_state_is_the_tuple_of_fields() -> None:
    """The pickled state is the fields' values in order, not a dict of them."""
    observation = Observation(2020, Decimal("30.4"), Comparator.GE)
    assert (2020, Decimal("30.4"), Comparator.GE) == observation.__getstate__()  # type: ignore[attr-defined]


@tuple_state
@attrs.frozen
class One:
    """A class of one field (module level, so that pickle finds it)."""

    value: str


def test_a_one_field_class_has_a_one_value_tuple() -> None:
    """A class of one field still pickles its value in a tuple (attrgetter gives it bare)."""
    assert ("x",) == One("x").__getstate__()  # type: ignore[attr-defined]
    assert One("x") == pickle.loads(pickle.dumps(One("x")))  # noqa: S301


@tuple_state
@attrs.frozen(slots=False)
class Unslotted:
    """A class whose fields live in the instance's dict, not in slots."""

    name: str
    size: int


def test_a_pickle_names_the_class_restorer_not_its_state() -> None:
    """A model object pickles as a call of its class's restorer with its fields' values."""
    data = pickle.dumps(Period(2021, 2025), protocol=pickle.HIGHEST_PROTOCOL)
    assert b"Period._restore" in data
    assert b"__setstate__" not in data
    assert Period(2021, 2025) == Period._restore(2021, 2025)  # type: ignore[attr-defined]


def test_a_class_without_slots_pickles_back_equal_and_frozen() -> None:
    """Fields kept in the instance dict are restored too, and stay frozen."""
    back = pickle.loads(pickle.dumps(Unslotted("x", 3)))  # noqa: S301
    assert Unslotted("x", 3) == back
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        back.size = 4  # type: ignore[misc]


def test_a_pickle_with_the_tuple_as_state_still_loads() -> None:
    """A pickle written with the field tuple as state (this module's earlier format) loads."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {}  # not copyreg's: the object's own __reduce_ex__ and state
    pickler.dump(Observation(2020, Decimal("30.4"), Comparator.GE))
    assert b"_restore" not in buffer.getvalue()
    back = pickle.loads(buffer.getvalue())  # noqa: S301
    assert Observation(2020, Decimal("30.4"), Comparator.GE) == back


def test_attrs_dict_state_still_loads() -> None:
    """State in attrs' own format (a dict, from a pickle made before) restores the object."""
    period = Period(2021, 2025)
    restored = object.__new__(Period)
    restored.__setstate__({"start": 2021, "end": 2025})  # type: ignore[attr-defined]
    assert period == restored


def test_a_state_of_another_length_is_refused() -> None:
    """A tuple with fewer values than fields (another version's pickle) raises, naming both."""
    restored = object.__new__(Period)
    with pytest.raises(TypeError, match="Period: 1 values pickled for 2 fields"):
        restored.__setstate__((2021,))  # type: ignore[attr-defined]


def test_unpickled_objects_stay_frozen() -> None:
    """Restoring goes around ``__setattr__`` once; the object is frozen afterwards."""
    back = pickle.loads(pickle.dumps(Period(2021, 2025)))  # noqa: S301
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        back.start = 2020  # type: ignore[misc]


def test_copies_are_equal_and_deep_copies_are_new() -> None:
    """``copy.copy`` and ``copy.deepcopy`` go through the same state and give equal objects."""
    comparison = Comparison(2025, Decimal(55), Comparator.GE)
    read = Read(
        None,
        (Finding("MZ101", Severity.ERROR, "x", location=Location("a.toml", 3)),),
        InputRecord("a.toml", "0" * 64, None),
    )
    assert comparison == copy.copy(comparison)
    deep = copy.deepcopy(read)
    assert read == deep
    assert read.findings[0] is not deep.findings[0]
