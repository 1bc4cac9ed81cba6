"""The bundled unit definitions (``data/units.toml``), registered like any plugin's units."""

from __future__ import annotations

from minzheng_plans.plugins.hookspecs import hookimpl
from minzheng_plans.units.definitions import bundled_definitions

__all__ = ["register_units"]


@hookimpl
def register_units() -> list[str]:
    return list(bundled_definitions())
