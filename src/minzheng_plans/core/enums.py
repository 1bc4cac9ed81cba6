"""Enumeration members from what files and callers give: a member, or the value of one.

Every comparator, basis, level and attribute of every plan read passes through here, so a
member or a member's value is found without calling the enumeration (whose lookup runs
Python code); anything else goes through ``cls(value)`` and raises its ``ValueError``.
"""

from __future__ import annotations

import enum
from typing import TypeVar

__all__ = ["member_of"]

E = TypeVar("E", bound=enum.Enum)


def member_of(cls: type[E], value: object) -> E:
    """``cls(value)``: ``value`` itself when it is a member, else the member it is the value of."""
    if type(value) is cls:
        return value
    if type(value) is str:
        member = cls._value2member_map_.get(value)
        if member is not None:
            return member  # type: ignore[return-value]
    return cls(value)
