"""Indicator names out of the words around a figure: fillers, scope words and verbs go."""

from __future__ import annotations

import re

from minzheng_plans.text import _prose_grammar as g

__all__ = ["clean_name", "open_tail"]

_ITEM_NUMBER = re.compile(r"^(?:\d{1,2}[.．、]|[(（]\d{1,2}[)）])")


def clean_name(text: str) -> str:
    """``text`` without list numbers, leading fillers (到2025年, 全市, 力争 …) and trailing
    adverbs (均, 基本 …): the indicator's name as the document words it."""
    name = text.strip(' \u3000\t“”"、').lstrip(".．)）|")
    # Item numbers of a list: 1. / 2、 / (3) / 01.
    name = _ITEM_NUMBER.sub("", name)
    # 上浮一定比例确定供养标准: the level is for what is determined.
    head, _, determined = name.rpartition("确定")
    if head and len(determined) >= 2:
        name = determined
    previous = None
    while previous != name:
        previous = name
        name = g.LEAD.sub("", name).strip(" \u3000\t、")
        name = g.TRAIL.sub("", name).strip(" \u3000\t、")
    return name


def open_tail(text: str) -> tuple[str, str]:
    """``(facility, text)`` after a colon or an unclosed bracket.

    ``东林项目(计划床位`` gives ``("东林项目", "计划床位")``; without a bracket the facility is
    empty.
    """
    text = re.split(r"[:：]", text)[-1]
    for opening, closing in (("(", ")"), ("（", "）")):
        at = text.rfind(opening)
        if at >= 0 and closing not in text[at:]:
            facility = re.split(r"以及|和|等|[)）]", text[:at])[-1]
            facility = re.sub(r"^(?:建成|建设|新建|改建|扩建|推进|完成)", "", facility.strip())
            return facility, text[at + 1 :]
    return "", text
