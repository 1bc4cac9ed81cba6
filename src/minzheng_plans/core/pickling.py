"""Pickling the model's frozen attrs classes as tuples of their field values.

``check -j`` sends every plan a worker reads back to the parent, about 65 model objects per
plan. attrs pickles a slotted instance as a dict of its fields and restores it with a Python
loop over them; :func:`tuple_state` makes the state a tuple (taken by ``operator.attrgetter``)
and restores it with ``object.__setattr__`` mapped over the fields, so that no Python code runs
per field on either side. The model's classes are frozen, so the restoring must go around
their ``__setattr__``, as attrs' own ``__setstate__`` does.

A pickle written with attrs' dict state still loads (``__setstate__`` accepts both).
"""

from __future__ import annotations

import operator
from collections import deque
from itertools import repeat
from typing import Any, TypeVar

import attrs

__all__ = ["tuple_state"]

C = TypeVar("C", bound=type)

_SET = object.__setattr__


def tuple_state(cls: C) -> C:
    """``cls`` (an attrs class) pickled and copied as the tuple of its field values."""
    names = tuple(field.name for field in attrs.fields(cls))
    if not names:
        return cls
    get = operator.attrgetter(*names)
    count = len(names)

    def __getstate__(self: Any) -> tuple[Any, ...]:  # noqa: N807 - the pickle protocol's name
        state = get(self)
        return state if count > 1 else (state,)

    def __setstate__(self: Any, state: tuple[Any, ...] | dict[str, Any]) -> None:  # noqa: N807
        if isinstance(state, dict):  # attrs' own format (a pickle from before tuple_state)
            state = tuple(state[name] for name in names)
        elif len(state) != count:  # map() would stop at the shorter and leave fields unset
            msg = f"{type(self).__qualname__}: {len(state)} values pickled for {count} fields"
            raise TypeError(msg)
        # Consumed by a zero-length deque: the loop over the fields runs in C.
        deque(map(_SET, repeat(self, count), names, state), maxlen=0)

    # setattr: mypy would read these as assignments to ``object``'s own methods.
    setattr(cls, "__getstate__", __getstate__)  # noqa: B010
    setattr(cls, "__setstate__", __setstate__)  # noqa: B010
    return cls
