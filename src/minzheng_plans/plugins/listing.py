"""What the plugins of a host contribute, as rows for ``minzheng-plans plugins`` and ``rules``."""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable
from typing import Any

from minzheng_plans.core.findings import CORE_CODES
from minzheng_plans.plugins.hookspecs import HOOKS, PROJECT_NAME
from minzheng_plans.plugins.host import PluginHost

__all__ = ["installed_plugins", "plugin_rows", "rule_rows"]


def installed_plugins() -> list[tuple[str, str, str]]:
    """``(name, distribution, version)`` of each installed plugin entry point, sorted by name.

    Read from the installed metadata only: nothing is imported, so a broken plugin is listed
    like a working one (``minzheng-plans plugins`` shows whether it loads).
    """
    found = {
        (
            point.name,
            point.dist.name if point.dist else "?",
            point.dist.version if point.dist else "?",
        )
        for point in importlib.metadata.entry_points(group=PROJECT_NAME)
    }
    return sorted(found)


def plugin_rows(host: PluginHost) -> list[dict[str, Any]]:
    """One row per plugin: origin, hooks, what it contributes (unit lines as a count), error.

    The registries are built too, so that the findings about contributions they refuse (MZ003,
    MZ006) are in ``host.findings`` when this returns.
    """
    contributions: dict[str, dict[str, list[str]]] = {p.name: {} for p in host.plugins}
    for kind in HOOKS:
        for item, info in host.collect(kind.hook):
            # A unit line is named by its text, without a trailing comment.
            text = (
                str(item).split("#", 1)[0].strip() if kind.key is None else getattr(item, kind.key)
            )
            if text:
                contributions[info.name].setdefault(kind.label, []).append(text)
    host.loaders(), host.rules(), host.units(), host.catalog(), host.jurisdictions()
    counted = {kind.label for kind in HOOKS if kind.key is None}
    return [
        {
            "name": p.name,
            "builtin": p.builtin,
            "distribution": p.distribution,
            "version": p.version,
            "hooks": list(p.hooks),
            "contributes": {
                k: len(v) if k in counted else v for k, v in contributions[p.name].items()
            },
            **({"error": p.error} if p.error else {}),
        }
        for p in host.plugins
    ]


def rule_rows(
    host: PluginHost, translate: Callable[[str], str] = lambda text: text
) -> list[dict[str, Any]]:
    """Every finding code, the core's and each rule's, sorted by code, summaries translated.

    ``codes`` lists what each rule may emit (its own code first, :attr:`Rule.codes`).
    """
    rows: list[dict[str, Any]] = [
        {
            "code": code,
            "codes": [code],
            "name": None,
            "severity": severity.value,
            "summary": translate(text),
            "plugin": "core",
        }
        for code, (severity, text) in CORE_CODES.items()
    ]
    rows.extend(
        {
            "code": info.rule.code,
            "codes": list(info.codes),
            "name": info.rule.name,
            "severity": str(info.rule.severity),
            "summary": translate(info.rule.summary),
            "plugin": info.plugin.name,
        }
        for info in host.rules()
    )
    rows.sort(key=lambda row: str(row["code"]))
    return rows
