"""Numbers and quantities for people: locale formatting (babel), scale words, percentages.

Formatting never changes a value silently: without ``places`` every digit of the Decimal is
written; with ``places`` the value is rounded half-even, which the caller asked for. Scale
words divide by a power of ten, which is exact: 2000000 is written 200万 in Chinese and
2 million in English, 12345 as 1.2345万.

babel is imported when a function here is first called, not with the package.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from functools import cache
from typing import TYPE_CHECKING

from minzheng_plans.core.errors import UsageError
from minzheng_plans.core.quantity import Comparison, Quantity, Range, Relative, Target, plain_number

if TYPE_CHECKING:
    from babel import Locale

__all__ = [
    "format_number",
    "format_percent",
    "format_quantity",
    "format_target",
    "plain",
    "round_places",
]

# Chinese counts in 万 (10⁴) and 亿 (10⁸); English in million and billion.
_ZH_SCALES = ((8, "亿"), (4, "万"))
_EN_SCALES = ((9, " billion"), (6, " million"))
_ALIASES = {"zh": "zh_CN", "cn": "zh_CN", "en": "en"}


@cache
def _locale(name: str) -> Locale:
    from babel import Locale, UnknownLocaleError  # noqa: PLC0415 - babel loads lazily

    try:
        return Locale.parse(_ALIASES.get(name, name).replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        msg = f"unknown locale {name!r}: use zh, zh_CN, en or another CLDR locale name"
        raise UsageError(msg) from None


def plain(value: Decimal | None) -> str:
    """:func:`~minzheng_plans.core.quantity.plain_number`, with ``None`` → ``""``: for
    messages and reports that quote a figure, language-neutral."""
    return "" if value is None else plain_number(value)


def round_places(value: Decimal, places: int) -> Decimal:
    """``value`` rounded half-even to ``places`` decimal places, at any magnitude."""
    with localcontext() as context:
        # The digits the result needs: those left of the point plus ``places``.
        context.prec = max(value.adjusted() + 1, 1) + max(places, 0) + 2
        context.Emax = max(context.Emax, value.adjusted() + 1)
        context.Emin = min(context.Emin, -places - 1)
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


def _grouped(integer: str, primary: int, secondary: int, separator: str) -> str:
    if len(integer) <= primary or primary <= 0:
        return integer
    head, tail = integer[:-primary], [integer[-primary:]]
    step = secondary if secondary > 0 else primary
    while len(head) > step:
        tail.append(head[-step:])
        head = head[:-step]
    return separator.join([head, *reversed(tail)])


def _layout(value: Decimal, locale: Locale, *, group: bool) -> str:
    """Every digit of ``value`` with the locale's symbols and grouping.

    babel's ``format_decimal`` quantizes in the current decimal context, which raises for
    numbers with more digits than its precision (``1E-28`` at the default 28); the layout
    here reads the digits themselves, exactly, at any size.
    """
    from babel.numbers import (  # noqa: PLC0415 - babel loads lazily
        get_decimal_symbol,
        get_group_symbol,
        get_minus_sign_symbol,
    )

    # Fixed-point text of the absolute value: format() with no precision never rounds.
    integer, _, fraction = format(value.copy_abs(), "f").partition(".")
    # Trailing zeros of the fraction say nothing about the value (babel drops them too).
    fraction = fraction.rstrip("0")
    if group:
        pattern = locale.decimal_formats.get(None)
        primary, secondary = pattern.grouping if pattern is not None else (3, 3)
        integer = _grouped(integer, primary, secondary, get_group_symbol(locale))
    text = f"{integer}{get_decimal_symbol(locale)}{fraction}" if fraction else integer
    negative = value.is_signed() and not value.is_zero()
    return f"{get_minus_sign_symbol(locale)}{text}" if negative else text


def _scaled(value: Decimal, locale: Locale) -> tuple[Decimal, str]:
    scales = _ZH_SCALES if locale.language == "zh" else _EN_SCALES
    for power, word in scales:
        if value.is_finite() and value.adjusted() >= power:
            # Moving the exponent is exact; scaleb would round in the current context.
            sign, digits, exponent = value.as_tuple()
            assert isinstance(exponent, int)
            return Decimal((sign, digits, exponent - power)), word
    return value, ""


def format_number(
    value: Decimal,
    locale: str = "zh_CN",
    *,
    places: int | None = None,
    group: bool = True,
    scale_words: bool = False,
) -> str:
    """``value`` in ``locale``: ``2,000,000`` (en), ``2.000.000`` (de), ``200万`` (scale words).

    Every digit is kept unless ``places`` asks for rounding; ``group=False`` drops the
    grouping separator, as Chinese plan tables usually do.
    """
    if not isinstance(value, Decimal | int) or isinstance(value, bool):
        msg = f"format_number takes a Decimal, not {type(value).__name__}"
        raise TypeError(msg)
    loc = _locale(locale)
    value = Decimal(value)
    word = ""
    if scale_words:
        value, word = _scaled(value, loc)
    if places is not None:
        value = round_places(value, places)
    return f"{_layout(value, loc, group=group)}{word}"


def format_percent(value: Decimal, locale: str = "zh_CN", *, places: int = 2) -> str:
    """A fraction of one as a percentage: ``0.7327925…`` → ``73.28%``."""
    number = format_number(Decimal(value) * 100, locale, places=places, group=True)
    return f"{number}%"


def format_quantity(
    quantity: Quantity,
    locale: str = "zh_CN",
    *,
    places: int | None = None,
    group: bool = False,
    scale_words: bool = False,
) -> str:
    """``678元/人·月`` in Chinese, ``678 元/人·月`` elsewhere; units stay as written.

    The result reads back with :meth:`minzheng_plans.units.registry.Units.quantity` when
    ``group=False`` (the default).
    """
    number = format_number(
        quantity.value, locale, places=places, group=group, scale_words=scale_words
    )
    if not quantity.unit:
        return number
    separator = "" if _locale(locale).language == "zh" or quantity.unit in {"%", "‰"} else " "
    if scale_words and not number[-1:].isdigit() and separator == " ":
        # 2 million 人: the scale word already ends in a letter.
        return f"{number} {quantity.unit}"
    return f"{number}{separator}{quantity.unit}"


def format_target(target: Target, unit: str = "", *, year: bool = False) -> str:
    """A target as plans write it, with its unit: ``≥55 %``, ``35–40 张/千名老年人``.

    ``year=True`` adds the target year (``≥55 % (2025)``). A relative target names its
    reference instead of a unit (``≥居民上年度人均消费支出增速``). Every digit is kept.
    """
    spaced = f" {unit}" if unit else ""
    match target:
        case Comparison():
            text = f"{target.comparator.sign}{plain_number(target.value)}{spaced}"
        case Range():
            text = f"{plain_number(target.low)}–{plain_number(target.high)}{spaced}"
        case Relative():
            text = target.text
    return f"{text} ({target.year})" if year else text
