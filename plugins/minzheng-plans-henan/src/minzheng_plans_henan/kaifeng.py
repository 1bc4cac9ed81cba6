"""The 开封市 13th five-year plan layout: no indicator table, every target in prose.

Targets are read by :mod:`minzheng_plans.text.prose`: a bed ratio given as a range of
张 (35-40), the minimum living standard as a share (25%—35%) of the previous year's
consumption spending (a relative target). The review chapter of the 12th plan is skipped so
that its achievements are not read as targets. The document number stands in brackets at
the end of the text.
"""

from __future__ import annotations

import re

import attrs

from minzheng_plans import (
    Document,
    Jurisdiction,
    Level,
    LoadContext,
    LoadResult,
    assemble_plan,
    document_text,
)
from minzheng_plans.text.metadata import read_metadata
from minzheng_plans_henan import LOADER_NAME

__all__ = ["KAIFENG", "LOADER_NAME", "load", "sniff"]

KAIFENG = Jurisdiction(
    code="410200",
    name="开封市",
    level=Level.PREFECTURE,
    name_en="Kaifeng",
    parent="410000",
)

_KNOWN_PLANS = {"河南省民政事业发展第十三个五年规划": "410000-2016-2020"}
# 汴 is 开封's short name: a 汴民文 number is issued by the city's civil-affairs bureau.
_ISSUERS = {"汴民": "开封市民政局"}
_TRAILING_NUMBER = re.compile(r"[(（](?P<number>[\u4e00-\u9fff]{2,8}〔\d{4}〕\d+号)[)）]")


def sniff(document: Document, _context: LoadContext) -> float:
    """0.95 for the 开封 plan, 0 for anything else."""
    text = document.text
    if text is None:
        return 0.0
    head = text[:2000]
    if "开封" not in head or "民政事业发展" not in head:
        return 0.0
    # A prose-only layout: a table row would mean another document of the city.
    return 0.5 if " | " in text else 0.95


def load(document: Document, context: LoadContext) -> LoadResult:
    text = document_text(document, LOADER_NAME)
    metadata = read_metadata(text)
    if metadata.document_number is None:
        # Web pages append navigation ("To Top") after it: look at the last lines only.
        match = _TRAILING_NUMBER.search(text[-400:])
        if match is not None:
            metadata = attrs.evolve(metadata, document_number=match["number"])
    number = metadata.document_number
    if not metadata.issuers and number is not None:
        issuers = tuple(name for prefix, name in _ISSUERS.items() if number.startswith(prefix))
        metadata = attrs.evolve(metadata, issuers=issuers)
    return assemble_plan(
        document,
        context=context,
        # Level and parent are the registry's facts; the constant gives the names.
        jurisdiction=context.jurisdictions().known(KAIFENG),
        metadata=metadata,
        known_plans=_KNOWN_PLANS,
    )
