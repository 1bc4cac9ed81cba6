"""The bundled indicator catalog (``data/catalog.toml``), registered like any plugin's."""

from __future__ import annotations

from minzheng_plans.catalog import CatalogEntry, bundled_entries
from minzheng_plans.hookspecs import hookimpl

__all__ = ["register_catalog"]


@hookimpl
def register_catalog() -> list[CatalogEntry]:
    return list(bundled_entries())
