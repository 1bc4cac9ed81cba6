"""The bundled indicator catalog (``data/catalog.toml``), registered like any plugin's."""

from __future__ import annotations

from minzheng_plans.plugins.hookspecs import hookimpl
from minzheng_plans.registries.catalog import CatalogEntry, bundled_entries

__all__ = ["register_catalog"]


@hookimpl
def register_catalog() -> list[CatalogEntry]:
    return list(bundled_entries())
