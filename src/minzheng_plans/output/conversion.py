"""A conversion in one line: ``678 元/人·月 = 8136 元/人·年``."""

from __future__ import annotations

from minzheng_plans.analysis.normal import SIGNS
from minzheng_plans.units.conversion import Conversion

__all__ = ["conversion_text"]


def conversion_text(conversion: Conversion) -> str:
    """The input, ``=``, the result in the target unit, and ``(rounded)`` when not exact."""
    spaced = f" {conversion.unit}" if conversion.unit else ""
    if conversion.kind == "value":
        shown = f"{SIGNS[conversion.comparator]}{conversion.values[0]}{spaced}"
    else:
        shown = f"{conversion.values[0]}-{conversion.values[1]}{spaced}"
    note = "" if conversion.exact else "  (rounded)"
    return f"{conversion.input.strip()} = {shown}{note}"
