"""Traditional characters read as simplified, character for character.

Plans are reposted in traditional characters (``到2025年農村社區綜合服務設施覆蓋率為100%``);
every reader's patterns are written in simplified ones. Conversion is OpenCC's (``t2s``, the
reference implementation, Apache-2.0; the optional extra ``minzheng-plans[traditional]``),
never a table of our own. Only conversions that keep the length are used, so that the
normalised text still maps back to the text as written one character for one character.

Whether a text *is* in traditional characters is decided without the converter, from
characters that exist only in traditional writing, so that a document in traditional
characters is reported (MZ521) when the converter is missing rather than read as nothing.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Protocol

__all__ = ["converter_available", "is_traditional", "simplify"]

# Frequent characters of plan texts that only traditional writing uses: detection only,
# never conversion (a simplified text contains none of them).
_TRADITIONAL_ONLY = re.compile(
    "[們這個來為會發國與對說時後經過還關學開動頭長門問間當體點無實現產業區縣鄉鎮規劃標準務設"
    "達蓋養護機構貼農並應從總計歲員億萬樣條級殯齡據輔導療衛險資戶層環較將報約議權類認證況]"
)


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@cache
def _converter() -> _Converter | None:
    try:
        import opencc  # noqa: PLC0415 - optional, and slow to import for simplified texts
    except ImportError:
        return None
    converter: _Converter = opencc.OpenCC("t2s")
    return converter


def converter_available() -> bool:
    """Whether the traditional-to-simplified converter (OpenCC) is installed."""
    return _converter() is not None


def is_traditional(text: str) -> bool:
    """Whether ``text`` contains characters only traditional writing uses."""
    return _TRADITIONAL_ONLY.search(text) is not None


def simplify(text: str) -> str | None:
    """``text`` in simplified characters, of the same length; ``None`` without a converter.

    A phrase whose conversion changes its length (rare) is converted character by
    character instead, and a character that would still change length is kept as written.
    """
    converter = _converter()
    if converter is None:
        return None
    whole = converter.convert(text)
    if len(whole) == len(text):
        return whole
    lines = []
    for line in text.split("\n"):
        converted = converter.convert(line)
        if len(converted) != len(line):
            converted = "".join(_one(converter, char) for char in line)
        lines.append(converted)
    return "\n".join(lines)


def _one(converter: _Converter, char: str) -> str:
    converted = converter.convert(char)
    return converted if len(converted) == 1 else char
