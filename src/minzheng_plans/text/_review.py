"""Review sections: the parts of a plan that report on an earlier period, not targets.

A heading titled 回顾, 实施情况, 发展基础, 成就 … is a review; so is a heading whose first
paragraph opens on an earlier plan period (“十三五”时期… in a 14th plan), and a run of
paragraphs that opens on an earlier period without any heading, up to the first paragraph
that looks ahead (到2025年…).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from minzheng_plans.core.model import Period
from minzheng_plans.text import _prose_grammar as g

__all__ = ["plan_period_year", "review_lines"]


def plan_period_year(text: str) -> int | None:
    """The end year a ``“十三五”``-style period word names (十三五 → 2020)."""
    match = g.PERIOD_WORD.search(text)
    if match is None:
        return None
    return 1955 + 5 * (10 + g.CN[match["n"]])


def review_lines(lines: Sequence[str], period: Period | None = None) -> frozenset[int]:
    """1-based numbers of lines inside review sections (实施情况, 回顾, 发展基础 …).

    A heading is a review when its title says so, or when the first paragraph under it
    speaks of an earlier plan period (``“十三五”时期…`` in a 14th plan). It covers the lines
    up to the next heading of the same or a higher level.
    """
    review: set[int] = set()
    active: int | None = None  # level of the open review heading
    pending: int | None = None  # level of a heading whose first paragraph is still to come
    for number, line in enumerate(lines, start=1):
        match = g.HEADING.match(line)
        if match is not None and len(line.strip()) <= 60:
            level = 1 if match["chapter"] or match["part"] else 2
            if active is not None and level <= active:
                active = None
            pending = None
            if active is None:
                if g.REVIEW_WORDS.search(line):
                    active = level
                else:
                    pending = level
        elif line.strip() and active is None and period is not None:
            # A paragraph opening on an earlier period reviews it: the review runs to the
            # next heading (of any level when no heading introduced it).
            if _opens_review(line, period, 40 if pending is not None else 20):
                active = pending if pending is not None else _ANY_HEADING
            pending = None
        elif active == _ANY_HEADING and period is not None and _looks_ahead(line, period):
            # Without a heading, a paragraph setting targets (到2025年…) ends the review.
            active = None
        if active is not None:
            review.add(number)
    return frozenset(review)


_ANY_HEADING = 99


def _looks_ahead(line: str, period: Period) -> bool:
    ahead = [int(y) for y in re.findall(r"(?:到|至)(" + g.CENTURY + r"\d{2})年", line)]
    return any(y >= period.start for y in ahead)


def _opens_review(line: str, period: Period, width: int) -> bool:
    head = line.strip()[:width]
    earlier = [plan_period_year(m.group()) for m in g.PERIOD_WORD.finditer(head)]
    return any(y is not None and y < period.end for y in earlier) and not _looks_ahead(line, period)
