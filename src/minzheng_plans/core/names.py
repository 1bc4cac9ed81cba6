"""Indicator-name normalisation: the spellings one indicator takes at different levels.

Plans write the same name with full- or half-width characters, different bracket styles,
quotation marks, stray spaces (text extraction adds them), a unit in brackets at the end
(``每千名老人拥有养老床位数(张)``; extraction sometimes loses the closing bracket) and
township wording that varies by level (乡镇(街道), 镇(街), 乡(镇、街道)). ``normalise_name``
folds all of these into one key. It only removes *form*: words that differ in meaning
(老人 / 老年人, 区级 / 县级) are catalog aliases, never normalisation.

The function is idempotent: it repeats its steps until nothing changes.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["normalise_name", "strip_unit"]

# NFKC already maps full-width （）［］ to ASCII; these have no compatibility decomposition.
_BRACKETS = str.maketrans(
    {
        "【": "(",
        "】": ")",
        "〔": "(",
        "〕": ")",
        "〖": "(",
        "〗": ")",
        "［": "(",
        "］": ")",
        "[": "(",
        "]": ")",
        "{": "(",
        "}": ")",
        "﹙": "(",
        "﹚": ")",
        "⁽": "(",
        "⁾": ")",
    }
)

# Quotation marks around a phrase (婚姻登记“跨省通办”实施率) carry no meaning for matching.
_QUOTES = re.compile("[\"'“”‘’「」『』《》〈〉`´]")
_SPACE = re.compile(r"\s+")
# Separators extraction leaves at either end ("城乡低保标准年度增速 |", "1. ").
_EDGES = " \t|｜:：,，;；、。.·"

# The township level, written five ways; 乡镇街道 is the canonical key.
_TOWNSHIP = re.compile(r"乡\(镇、?街道\)|乡?镇\(街道?\)|乡镇、街道")

# Characters a unit in brackets may consist of: counting words, money, area, time bases,
# scale words, %/‰ and the slashes and dots of compound units. A bracket containing anything
# else (a digit, a comparator, a qualifier such as 放 in 安葬(放)) is part of the name.
_UNIT_CHARS = (
    "%‰/·•・元角张人个户支家客日月年周天次万亿千百十平方米公里亩所项座处台件套间辆名床位例"
)
_UNIT_SET = frozenset(_UNIT_CHARS)


def _unit_bracket_at(text: str, end: int) -> int | None:
    """Where a unit bracket ending at ``end`` opens, or None (``(张)`` or a lost ``)``)."""
    opening = text.rfind("(", 0, end)
    if opening <= 0:  # nothing but a unit is not a name with a unit
        return None
    inner_end = end - 1 if text[end - 1] == ")" else end
    for index in range(opening + 1, inner_end):
        if text[index] not in _UNIT_SET:
            return None
    return opening


def strip_unit(name: str) -> tuple[str, str]:
    """Split a trailing unit in brackets off ``name``: ``("每千名老人拥有养老床位数", "张")``.

    An unclosed trailing bracket counts too (``…覆盖率(%``), because PDF extraction drops the
    closing one. A bracket whose content is not unit-like stays in the name.
    """
    if not name:
        return name, ""
    opening = _unit_bracket_at(name, len(name))
    if opening is None:
        return name, ""
    return name[:opening], name[opening + 1 :].removesuffix(")")


def _trim_tail(text: str) -> str:
    # Separators and unit brackets alternate at the end ("…(%) |"); each pass of the loop
    # only moves ``end`` left over what it examined, so trimming stays linear in the length.
    end = len(text)
    while end:
        if text[end - 1] in _EDGES:
            end -= 1
            continue
        opening = _unit_bracket_at(text, end)
        if opening is None:
            break
        end = opening
    return text[:end]


def _step(name: str) -> str:
    text = unicodedata.normalize("NFKC", name)
    text = text.translate(_BRACKETS)
    text = _QUOTES.sub("", text)
    text = _SPACE.sub("", text)
    text = text.lstrip(_EDGES)
    text = _TOWNSHIP.sub("乡镇街道", text)
    return _trim_tail(text).casefold()


def normalise_name(name: str) -> str:
    """The matching key of an indicator name: same key, same spelling up to form.

    >>> normalise_name("乡镇（街道）未成年人保护工作站覆盖率（%）")
    '乡镇街道未成年人保护工作站覆盖率'
    >>> normalise_name("镇(街)未成年人保护工作站覆盖率")
    '乡镇街道未成年人保护工作站覆盖率'
    """
    # A national check asks for the same few hundred names thousands of times; names longer
    # than any indicator's are not kept, so that hostile input cannot fill the memory.
    if len(name) <= _REMEMBERED_LENGTH:
        return _remembered(name)
    return _normalised(name)


_REMEMBERED_LENGTH = 200


@functools.lru_cache(maxsize=8192)
def _remembered(name: str) -> str:
    return _normalised(name)


def _normalised(name: str) -> str:
    current = _step(name)
    # One step almost always reaches the fixed point; a second is needed only where case
    # folding yields characters that NFKC maps again.
    while (following := _step(current)) != current:
        current = following
    return current
