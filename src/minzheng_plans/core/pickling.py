"""Pickling the model's frozen attrs classes as tuples of their field values.

``check -j`` sends every plan a worker reads back to the parent, about 65 model objects per
plan. attrs pickles a slotted instance as a dict of its fields and restores it with a Python
loop over them. :func:`tuple_state` registers a reducer instead (``copyreg``, so that ``copy``
uses it too): an object is pickled as its class's restorer called with the tuple of its field
values (taken by ``operator.attrgetter``). The restorer is a function written for the class,
which fills each slot through the slot's own descriptor: no Python loop, and no attribute
lookup, per field. The model's classes are frozen, so the restoring must go around their
``__setattr__``, as attrs' own ``__setstate__`` does.

``__getstate__`` and ``__setstate__`` stay, so that a pickle written before (with attrs' dict
state, or with the tuple as state) still loads.
"""

from __future__ import annotations

import copyreg
import operator
from collections import deque
from collections.abc import Callable
from itertools import repeat
from types import MemberDescriptorType
from typing import Any, TypeVar

import attrs

__all__ = ["tuple_state"]

C = TypeVar("C", bound=type)

_SET = object.__setattr__

# The class attribute holding the restorer: pickle refers to it as ``Class._restore``.
_RESTORER = "_restore"


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

    restore = _restorer(cls, names)

    def reduce(self: Any) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return restore, __getstate__(self)

    # setattr: mypy would read these as assignments to ``object``'s own methods.
    setattr(cls, "__getstate__", __getstate__)  # noqa: B010
    setattr(cls, "__setstate__", __setstate__)  # noqa: B010
    setattr(cls, _RESTORER, staticmethod(restore))
    copyreg.pickle(cls, reduce)
    return cls


def _restorer(cls: type, names: tuple[str, ...]) -> Callable[..., Any]:
    """A function of the field values (in field order) that makes an instance of ``cls``.

    It is written out for the class (as attrs writes ``__init__``): one call of a slot's
    ``__set__`` per field, each on its own line, is about half the cost of a ``__setstate__``
    mapped over the fields, the restoring pickle spends most of its time in. The names are
    attrs field names, so identifiers; a class without slots is filled through
    ``object.__setattr__``.
    """
    if not all(name.isidentifier() for name in names):  # never true for attrs fields
        msg = f"{cls.__qualname__}: field names must be identifiers"
        raise TypeError(msg)
    scope: dict[str, Any] = {"_new": object.__new__, "_cls": cls, "_set": _SET}
    values = ", ".join(f"v{n}" for n in range(len(names)))
    lines = [f"def restore({values}):", "    self = _new(_cls)"]
    for n, name in enumerate(names):
        slot = _slot(cls, name)
        if slot is None:
            lines.append(f"    _set(self, {name!r}, v{n})")
        else:
            scope[f"_s{n}"] = slot
            lines.append(f"    _s{n}(self, v{n})")
    lines.append("    return self")
    exec("\n".join(lines), scope)  # noqa: S102 - our own text, made of field names only
    restore: Callable[..., Any] = scope["restore"]
    restore.__module__ = cls.__module__
    restore.__qualname__ = f"{cls.__qualname__}.{_RESTORER}"
    return restore


def _slot(cls: type, name: str) -> Callable[[Any, Any], None] | None:
    """The ``__set__`` of the slot ``name`` of ``cls`` (None when the field is not a slot)."""
    for klass in cls.__mro__:
        if name in vars(klass):
            member = vars(klass)[name]
            return member.__set__ if isinstance(member, MemberDescriptorType) else None
    return None
