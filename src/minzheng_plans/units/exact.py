"""Exact decimals from the unit layer's fractions: conversion factors are exact
:class:`fractions.Fraction` values, and what a conversion returns is a :class:`~decimal.Decimal`
that equals the exact result whenever it has a finite decimal form."""

from __future__ import annotations

from decimal import (
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    Inexact,
    InvalidOperation,
    Rounded,
    localcontext,
)
from fractions import Fraction

__all__ = ["EXACT", "SIGNIFICANT_DIGITS", "exact_number", "to_decimal"]

#: Significant digits kept when an exact result has no finite decimal form (1/12).
SIGNIFICANT_DIGITS = 28

#: Traps every rounding, so a result computed in it is exact.
EXACT = Context(prec=60, traps=[Inexact, Rounded])


def to_decimal(value: Fraction, places: int | None = None) -> Decimal:
    """A Decimal equal to ``value`` when it has a finite decimal form.

    Otherwise (1/12, 1/3) the result is rounded half-even to :data:`SIGNIFICANT_DIGITS`
    significant digits, or to ``places`` decimal places when given. Built from integers, so
    no Decimal context can round an exact result.
    """
    value = Fraction(value)
    sign = 1 if value < 0 else 0
    if places is not None:
        return _from_digits(sign, abs(round(value * 10**places)), places)
    denominator, twos, fives = value.denominator, 0, 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    if denominator == 1:
        exponent = max(twos, fives)
        digits = abs(value.numerator) * (10**exponent // value.denominator)
        return _from_digits(sign, digits, exponent)
    with localcontext() as context:
        context.prec = SIGNIFICANT_DIGITS
        context.rounding = ROUND_HALF_EVEN
        return Decimal(value.numerator) / Decimal(value.denominator)


def _from_digits(sign: int, digits: int, places: int) -> Decimal:
    """``(-1)**sign × digits × 10**-places``, trailing fractional zeros dropped."""
    while places > 0 and digits % 10 == 0:
        digits //= 10
        places -= 1
    return Decimal((sign if digits else 0, tuple(int(d) for d in str(digits)), -places))


def exact_number(value: object) -> Decimal | int:
    """A number to convert exactly: Decimal and int as given, str read as a Decimal."""
    if isinstance(value, float):
        msg = (
            f"convert takes a Decimal, int or str, not {type(value).__name__}: a float is "
            f"inexact; pass str({value!r}) or Decimal(str({value!r})) to convert the digits "
            "it prints"
        )
        raise TypeError(msg)
    if isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            msg = f"convert takes a number, not {value!r}"
            raise ValueError(msg) from None
        if not number.is_finite():
            msg = f"convert takes a finite number, not {value!r}"
            raise ValueError(msg)
        return number
    if not isinstance(value, Decimal | int) or isinstance(value, bool):
        msg = f"convert takes a Decimal, int or str, not {type(value).__name__}"
        raise TypeError(msg)
    return value
