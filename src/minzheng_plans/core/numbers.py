"""The bounds of every number the library accepts: one definition, checked where numbers enter.

One definition for every place a number enters (plan files, documents, monitoring files, the
API's constructors, unit conversion): at most :data:`MAX_DIGITS` significant digits and a
leading digit between ``10**MIN_EXPONENT`` and ``10**MAX_EXPONENT``, so that the plain digits
of any accepted number take under a hundred characters. No plan figure comes near these
bounds; a number outside them is a typo or hostile input (``1E-999999`` takes megabytes to
write out, ``1E+999999999`` a gigabyte), and refusing it where it enters keeps every later
step (rules, comparison, formatting) small and exact.

Checking a number reads its digit tuple only: it needs no decimal context, cannot overflow,
and costs time linear in the digits. Inside the bounds, sums, differences and products of two
accepted numbers need at most :data:`EXACT_PRECISION` digits: :func:`exact` computes with that
precision, so they are exact (a quotient is rounded there, as it must be somewhere).
"""

from __future__ import annotations

import decimal
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

from minzheng_plans.core.errors import NumberBoundsError
from minzheng_plans.core.messages import N_, Message

__all__ = [
    "EXACT_PRECISION",
    "MAX_DIGITS",
    "MAX_EXPONENT",
    "MIN_EXPONENT",
    "NOT_FINITE",
    "TOO_LARGE",
    "TOO_MANY_DIGITS",
    "TOO_SMALL",
    "bounds_message",
    "bounds_problem",
    "check_number",
    "exact",
    "sketch",
    "too_large",
    "too_small",
]

# Significant digits of one number: more than any statistic a plan states, and more than the
# 28 of a quotient computed in Python's default decimal context, which the API must accept.
MAX_DIGITS = 40
# Adjusted exponent (the power of ten of the leading digit): below 10**18 ...
MAX_EXPONENT = 17
# ... and from 10**-30 (1E-30); a zero written with a huge exponent (0E-999999) is refused too.
MIN_EXPONENT = -30


# From the highest digit a product can have to the lowest a sum can have, plus a carry.
EXACT_PRECISION = 2 * MAX_DIGITS + MAX_EXPONENT - MIN_EXPONENT + 2


@contextmanager
def exact() -> Iterator[decimal.Context]:
    """A decimal context in which arithmetic on bounded numbers is exact (see above); the
    caller's context is restored afterwards."""
    with decimal.localcontext() as context:
        context.prec = max(context.prec, EXACT_PRECISION)
        yield context


def sketch(value: Decimal) -> str:
    """A short description of ``value`` for messages: never all of a million digits."""
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        return str(value)
    if len(digits) <= MAX_DIGITS and MIN_EXPONENT - MAX_DIGITS <= exponent <= MAX_EXPONENT:
        return str(value)
    lead = "".join(str(digit) for digit in digits[:6])
    adjusted = exponent + len(digits) - 1
    mantissa = f"{lead[:1]}.{lead[1:]}" if len(lead) > 1 else lead
    more, count = ("…", f" ({len(digits)} digits)") if len(digits) > 6 else ("", "")
    return f"{'-' if sign else ''}{mantissa}{more}E{adjusted:+d}{count}"


#: What a number past each bound should have been (message ids: shown in the report's language).
TOO_MANY_DIGITS = N_("a number of at most {limit} significant digits, not {count}")
TOO_LARGE = N_("a number below 1E+{limit} in size")
TOO_SMALL = N_("a number of at least 1E{limit} in size, or zero written plainly")
NOT_FINITE = N_("a finite number, not {value}")


def too_large() -> Message:
    """What a number over the upper bound should have been."""
    return Message(TOO_LARGE, {"limit": MAX_EXPONENT + 1})


def too_small() -> Message:
    """What a number under the lower bound (``1E-999999``) should have been."""
    return Message(TOO_SMALL, {"limit": MIN_EXPONENT})


# The numbers accepted last, by identity (held, so that no other object can take their id):
# a number read from a plan file is checked by the converter and again by the validator of
# the model class it goes into. A Decimal never changes, so an accepted one stays accepted.
_ACCEPTED: dict[int, Decimal] = {}
_MAX_ACCEPTED = 64


def bounds_message(value: Decimal) -> Message | None:
    """Why ``value`` is outside the bounds, as a message, or ``None`` when we accept it."""
    if _ACCEPTED.get(id(value)) is value:
        return None
    if not value.is_finite():
        return Message(NOT_FINITE, {"value": str(value)})
    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite
    if len(digits) > MAX_DIGITS:
        return Message(TOO_MANY_DIGITS, {"limit": MAX_DIGITS, "count": len(digits)})
    adjusted = exponent + len(digits) - 1
    if adjusted > MAX_EXPONENT:
        return too_large()
    if adjusted < MIN_EXPONENT:
        return too_small()
    if len(_ACCEPTED) >= _MAX_ACCEPTED:
        _ACCEPTED.clear()
    _ACCEPTED[id(value)] = value
    return None


def bounds_problem(value: Decimal) -> str | None:
    """Why ``value`` is outside the bounds (English), or ``None`` when it is a number we accept."""
    message = bounds_message(value)
    return None if message is None else message.text


def check_number(value: Decimal) -> Decimal:
    """``value`` when it is inside the bounds; :class:`NumberBoundsError` otherwise."""
    message = bounds_message(value)
    if message is not None:
        raise NumberBoundsError(sketch(value), message)
    return value
