"""The bundled jurisdictions (``data/jurisdictions.toml``), registered like any plugin's."""

from __future__ import annotations

from minzheng_plans.hookspecs import hookimpl
from minzheng_plans.jurisdictions import bundled_jurisdictions
from minzheng_plans.model import Jurisdiction

__all__ = ["register_jurisdictions"]


@hookimpl
def register_jurisdictions() -> list[Jurisdiction]:
    return list(bundled_jurisdictions()[0])
