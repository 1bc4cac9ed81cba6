"""Words of the plan-file format that reports show in the report's language.

``binding``, ``county`` and ``warning`` are values in plan files, JSON and SARIF, and stay so
there; a text report in Chinese shows 约束性, 县级 and 警告 instead. Each word is a message id
of the babel catalogs (the text report of findings translates ``SEVERITIES`` with the
translator it is given); a value no table knows is shown as written.
"""

from __future__ import annotations

from collections.abc import Mapping

from minzheng_plans.core.messages import N_
from minzheng_plans.output.i18n import say

__all__ = [
    "ATTRIBUTES",
    "LEVELS",
    "SEVERITIES",
    "attribute_label",
    "level_label",
]

ATTRIBUTES: Mapping[str, str] = {"binding": N_("binding"), "anticipatory": N_("anticipatory")}
LEVELS: Mapping[str, str] = {
    "national": N_("national"),
    "provincial": N_("provincial"),
    "prefecture": N_("prefecture"),
    "county": N_("county"),
    "zone": N_("zone"),
}
SEVERITIES: Mapping[str, str] = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}


def _label(table: Mapping[str, str], value: object, language: str) -> str:
    text = str(value)
    message = table.get(text)
    return say(message, language) if message is not None else text


def attribute_label(value: object, language: str) -> str:
    """约束性 / anticipatory: an indicator's attribute in ``language``."""
    return _label(ATTRIBUTES, value, language)


def level_label(value: object, language: str) -> str:
    """县级 / national: a jurisdiction's level in ``language``."""
    return _label(LEVELS, value, language)
