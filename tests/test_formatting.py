"""Locale formatting: exact digits, scale words, percentages, and reading back."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minzheng_plans.core.errors import UsageError
from minzheng_plans.core.formatting import (
    format_number,
    format_percent,
    format_quantity,
    round_places,
)
from minzheng_plans.core.quantity import Quantity
from minzheng_plans.units.registry import default_units

D = Decimal


class TestNumbers:
    @pytest.mark.parametrize(
        ("value", "locale", "expected"),
        [
            (D("2000000.125"), "zh_CN", "2,000,000.125"),
            (D("2000000.125"), "en", "2,000,000.125"),
            (D("1234567.5"), "de", "1.234.567,5"),
            (D("0.000001"), "en", "0.000001"),
            (D("-8"), "zh", "-8"),
        ],
    )
    def test_every_digit_is_kept(self, value, locale, expected):
        """Without places, formatting writes the Decimal's digits in the locale's symbols."""
        assert expected == format_number(value, locale)

    @pytest.mark.parametrize(
        ("value", "locale", "expected"),
        [
            (D("2000000"), "zh_CN", "200万"),
            (D("12345"), "zh_CN", "1.2345万"),
            (D("250000000"), "zh_CN", "2.5亿"),
            (D("9999"), "zh_CN", "9,999"),
            (D("2000000"), "en", "2 million"),
            (D("1250000000"), "en", "1.25 billion"),
            (D("12345"), "en", "12,345"),
        ],
    )
    def test_scale_words(self, value, locale, expected):
        """万/亿 in Chinese, million/billion in English, dividing exactly."""
        assert expected == format_number(value, locale, scale_words=True)

    def test_places_round_half_even(self):
        """places= rounds half-even: 0.125 → 0.12, 0.135 → 0.14."""
        assert "0.12" == format_number(D("0.125"), "en", places=2)
        assert "0.14" == format_number(D("0.135"), "en", places=2)
        assert D("123456789012345678901234567890.12") == round_places(
            D("123456789012345678901234567890.123"), 2
        )

    def test_unknown_locale(self):
        """A locale babel does not know is a usage error naming it."""
        with pytest.raises(UsageError, match="xx_YY"):
            format_number(D(1), "xx_YY")

    def test_float_is_refused(self):
        """Floats are not exact and are refused."""
        with pytest.raises(TypeError):
            format_number(0.1)  # type: ignore[arg-type]


class TestPercentAndQuantities:
    def test_ratio_shown_as_percent(self):
        """5962 元/人·年 ÷ 678 元/人·月 is shown as 73.28%."""
        reg = default_units()
        ratio = reg.divide(reg.quantity("5962 元/人·年"), reg.quantity("678 元/人·月"))
        assert "73.28%" == format_percent(ratio.value)
        assert "73.28%" == format_percent(ratio.value, "en")

    @pytest.mark.parametrize(
        ("quantity", "locale", "expected"),
        [
            (Quantity(D(678), "元/人·月"), "zh_CN", "678元/人·月"),
            (Quantity(D(678), "元/人·月"), "en", "678 元/人·月"),
            (Quantity(D(55), "%"), "en", "55%"),
            (Quantity(D(75), ""), "en", "75"),
            (Quantity(D(2000000), "人"), "en", "2,000,000 人"),
        ],
    )
    def test_quantities(self, quantity, locale, expected):
        """Chinese writes number and unit together; other locales put a space between."""
        assert expected == format_quantity(quantity, locale, group=locale != "zh_CN")

    def test_scale_words_with_units(self):
        """2000000 人 reads 200万人 in Chinese and 2 million 人 in English."""
        assert "200万人" == format_quantity(Quantity(D(2000000), "人"), scale_words=True)
        assert "2 million 人" == format_quantity(Quantity(D(2000000), "人"), "en", scale_words=True)


UNITS = ["", "%", "‰", "人", "万人", "元/人·月", "张/千人", "平方米/百户", "客/日", "亿元"]


@settings(max_examples=200, deadline=None)
@given(
    st.decimals(min_value=-(10**12), max_value=10**12, places=4, allow_nan=False),
    st.sampled_from(UNITS),
    st.booleans(),
)
def test_parse_format_parse_is_stable(value, unit, scale_words):
    """A formatted quantity reads back as the same amount (scale words included)."""
    reg = default_units()
    quantity = Quantity(value, unit)
    text = format_quantity(quantity, "zh_CN", scale_words=scale_words)
    again = reg.quantity(text)
    assert reg.equal(quantity, again)
    assert text == format_quantity(again, "zh_CN", scale_words=False) or scale_words
