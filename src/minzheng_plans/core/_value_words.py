"""The words and characters the value parser reads (:mod:`minzheng_plans.core.values`).

Its own module so that the parser stays about the reading: which characters fold to which,
which cells state no value, which words state a comparator, which brackets mark a total over
the period, which words a direction or an aspiration. The tables are read-only and shared
with the prose reader through ``values.COMPARATOR_WORDS``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from minzheng_plans.core.quantity import Comparator

__all__ = [
    "ASPIRATION",
    "COMPARATOR_WORDS",
    "CUMULATIVE",
    "DIRECTION",
    "FOLD",
    "NO_VALUE_TEXTS",
    "PREFIX_INDEX",
    "SUFFIX_INDEX",
    "WordIndex",
]

# One-to-one character folding, so that positions in the folded text are positions in the
# original one and the unit can be returned exactly as written.
FOLD = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "．": ".",
        "，": ",",
        "＞": ">",
        "＜": "<",
        "＝": "=",
        "≧": "≥",
        "≦": "≤",
        "⩾": "≥",
        "⩽": "≤",
        "％": "%",
        "～": "~",
        "〜": "~",
        "∼": "~",
        "：": ":",
        "∶": ":",
        "－": "-",
        "−": "-",
        "–": "-",
        "‐": "-",
        "‑": "-",
        "—": "-",
        "―": "-",
        "／": "/",
        "＋": "+",
        "\u3000": " ",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\t": " ",
    }
)

#: Cells that state no value, as folded by the parser (``——`` and ``—`` fold to ``--`` and
#: ``-``, full-width ``／`` to ``/``): blank, dashes, slashes, 无, an ellipsis.
NO_VALUE_TEXTS = frozenset(
    {"", "-", "--", "---", "/", "//", "无", "暂无", "n/a", "N/A", "…", "……", "--/", "/--"}
)

# The words and signs that state a comparator before a value (None: approximate), per the
# DESIGN contract; the prose reader takes its trigger words from here too.
COMPARATOR_WORDS: Mapping[str, Comparator | None] = MappingProxyType(
    {
        ">=": Comparator.GE,
        "≥": Comparator.GE,
        "不低于": Comparator.GE,
        "不少于": Comparator.GE,
        "不小于": Comparator.GE,
        "至少": Comparator.GE,
        ">": Comparator.GT,
        "超过": Comparator.GT,
        "高于": Comparator.GT,
        "大于": Comparator.GT,
        "多于": Comparator.GT,
        "<=": Comparator.LE,
        "≤": Comparator.LE,
        "不超过": Comparator.LE,
        "不高于": Comparator.LE,
        "不大于": Comparator.LE,
        "不多于": Comparator.LE,
        "至多": Comparator.LE,
        "最多": Comparator.LE,
        "控制在": Comparator.LE,
        "<": Comparator.LT,
        "低于": Comparator.LT,
        "小于": Comparator.LT,
        "少于": Comparator.LT,
        "=": Comparator.EQ,
        "达到": Comparator.EQ,
        "提高到": Comparator.EQ,
        "提高至": Comparator.EQ,
        "提升到": Comparator.EQ,
        "提升至": Comparator.EQ,
        "增加到": Comparator.EQ,
        "增加至": Comparator.EQ,
        "增长到": Comparator.EQ,
        "增长至": Comparator.EQ,
        "增至": Comparator.EQ,
        "降低到": Comparator.EQ,
        "降低至": Comparator.EQ,
        "降至": Comparator.EQ,
        "保持在": Comparator.EQ,
        "保持": Comparator.EQ,
        "稳定在": Comparator.EQ,
        "为": Comparator.EQ,
        "达": Comparator.EQ,
        "约": None,
        "大约": None,
    }
)

# Longest first so that 不低于 wins over 低于.
_PREFIXES: tuple[tuple[str, Comparator | None], ...] = tuple(
    sorted(COMPARATOR_WORDS.items(), key=lambda item: -len(item[0]))
)

_SUFFIXES: tuple[tuple[str, Comparator | None], ...] = tuple(
    sorted(
        {
            "及以上": Comparator.GE,
            "以上": Comparator.GE,
            "及以下": Comparator.LE,
            "以下": Comparator.LE,
            "以内": Comparator.LE,
            "左右": None,
        }.items(),
        key=lambda item: -len(item[0]),
    )
)

WordIndex = dict[str, tuple[tuple[str, Comparator | None], ...]]


def _index(words: tuple[tuple[str, Comparator | None], ...]) -> WordIndex:
    """Words by first character, longest first, so a lookup tries only a few."""
    index: dict[str, list[tuple[str, Comparator | None]]] = {}
    for word, comparator in words:
        index.setdefault(word[0], []).append((word, comparator))
    return {first: tuple(group) for first, group in index.items()}


PREFIX_INDEX = _index(_PREFIXES)
SUFFIX_INDEX = _index(_SUFFIXES)

# Brackets plan tables put around a total over the plan period (〔500〕 新增床位).
CUMULATIVE = {"〔": "〕", "[": "]", "【": "】", "［": "］"}
# A cell that states a direction or a policy instead of a figure (逐步提高, 动态调整): read, so
# that the row is kept, but it gives no target.
DIRECTION = re.compile(
    r"(?:逐步|稳步|持续|逐年|不断|进一步|有所|明显|大幅)?"
    r"(?:提高|提升|增加|增长|改善|下降|降低|减少)|(?:动态|适时|逐步)调整|保持稳定|只增不减"
)
# Words of an aspiration beyond the commitment: 力争60, ≥900（力争1000）.
ASPIRATION = ("力争", "争取")
