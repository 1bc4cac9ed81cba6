"""A plugin host whose catalog also holds the compliance tests' entries (a test plugin)."""

from __future__ import annotations

import functools
import types

from minzheng_plans.plugins.hookspecs import hookimpl
from minzheng_plans.plugins.host import PluginHost, create_plugin_host
from minzheng_plans.registries.catalog import CatalogEntry

from ._compliance_support import CATALOG


def _entries() -> list[CatalogEntry]:
    return [
        CatalogEntry(
            code=code,
            name=f"测试指标{position}",
            name_en=f"test indicator {position}",
            unit=unit,
            kind=kind,
            direction=direction,
            domain="general",
        )
        for position, (code, (kind, direction, unit)) in enumerate(CATALOG.items())
    ]


@functools.cache
def host_with_test_catalog() -> PluginHost:
    """Built-ins (real units, catalog, jurisdictions) plus the test entries, built once."""
    plugin = types.SimpleNamespace(
        __name__="compliance-test-catalog", register_catalog=hookimpl(_entries)
    )
    return create_plugin_host(entry_points=False, extra=[plugin])
