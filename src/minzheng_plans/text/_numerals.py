"""Chinese numerals as plans write them in headings and plan names (一 … 九十九, 〇)."""

from __future__ import annotations

__all__ = ["CHINESE_DIGITS", "parse_chinese_numeral"]

CHINESE_DIGITS = "〇零一二三四五六七八九十百两"

_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def parse_chinese_numeral(text: str) -> int | None:
    """The value of a numeral up to 999 (``十三`` → 13, ``二十`` → 20); ``None`` otherwise."""
    if not text or any(c not in _DIGITS and c not in "十百" for c in text):
        return None
    total = 0
    current = 0
    for char in text:
        if char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = current * 10 + _DIGITS[char] if current else _DIGITS[char]
    return total + current
