"""Interim stand-ins for the catalog and unit registries until their branches are merged."""

from __future__ import annotations

import types
from fractions import Fraction

from minzheng_plans.errors import IncompatibleUnitsError, UnknownUnitError

from ._compliance_support import CATALOG

# unit -> (dimension, factor to the dimension's base unit)
_UNITS = {
    "%": ("dimensionless", Fraction(1, 100)),
    "": ("dimensionless", Fraction(1)),
    "元/人·月": ("money/person/time", Fraction(12)),
    "元/人·年": ("money/person/time", Fraction(1)),
    "张": ("bed", Fraction(1)),
    "人": ("person", Fraction(1)),
}


class _Units:
    def factor(self, src: str, dst: str) -> Fraction:
        for unit in (src, dst):
            if unit not in _UNITS:
                raise UnknownUnitError(unit)
        (a_dim, a), (b_dim, b) = _UNITS[src], _UNITS[dst]
        if a_dim != b_dim:
            raise IncompatibleUnitsError(src, dst, a_dim, b_dim)
        return a / b


class _Catalog:
    def get(self, code: str) -> object | None:
        if code not in CATALOG:
            return None
        kind, intensive, direction = CATALOG[code]
        return types.SimpleNamespace(code=code, kind=kind, intensive=intensive, direction=direction)


class _Jurisdictions:
    def ancestors(self, code: str) -> list[str]:
        return []


class _Host:
    def units(self) -> _Units:
        return _Units()

    def catalog(self) -> _Catalog:
        return _Catalog()

    def jurisdictions(self) -> _Jurisdictions:
        return _Jurisdictions()


def host_with_test_catalog() -> object:
    return _Host()
