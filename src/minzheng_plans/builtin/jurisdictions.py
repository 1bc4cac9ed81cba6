"""The bundled jurisdictions (``data/jurisdictions.toml``), registered like any plugin's."""

from __future__ import annotations

from minzheng_plans.core.model import Jurisdiction
from minzheng_plans.plugins.hookspecs import hookimpl
from minzheng_plans.registries.jurisdictions import bundled_jurisdictions

__all__ = ["register_jurisdictions"]


@hookimpl
def register_jurisdictions() -> list[Jurisdiction]:
    return list(bundled_jurisdictions()[0])
