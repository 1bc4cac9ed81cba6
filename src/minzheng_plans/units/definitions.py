"""Unit definition lines: the syntax ``register_units`` returns and ``data/units.toml`` holds.

::

    人 = [person] ; aliases = 名, 位 ; en = person ; group = count      a base unit
    月 = 1/12 年 ; dimension = [time] ; aliases = 个月                    a derived unit
    日 = [day] ; approximately = 1/365 年                                 an approximate bridge
    万- = 10000                                                           a scale word

Every derived unit states its ``dimension``; the registry checks it when it is built.
"""

from __future__ import annotations

from functools import cache

import attrs

from minzheng_plans.core.errors import UnitError
from minzheng_plans.files.resources import data_file

__all__ = [
    "DIMENSIONLESS",
    "ScaleDefinition",
    "UnitDefinition",
    "bundled_definitions",
    "parse_definition",
]

#: The dimension string of a pure number (``""``, ``%``, ``‰``, ``人/万人``).
DIMENSIONLESS = "dimensionless"


@attrs.frozen
class UnitDefinition:
    """One unit of the registry: a base unit (``definition`` is ``None``) or a derived one."""

    name: str
    dimension: str
    definition: str | None = None
    aliases: tuple[str, ...] = ()
    approximately: str | None = None
    en: str = ""
    zh: str = ""
    group: str = ""

    @property
    def is_base(self) -> bool:
        return self.definition is None

    def line(self) -> str:
        """The one-line form that :func:`parse_definition` reads back."""
        head = f"{self.name} = {self.dimension if self.is_base else self.definition}"
        parts = [head]
        if not self.is_base:
            parts.append(f"dimension = {self.dimension}")
        if self.aliases:
            parts.append(f"aliases = {', '.join(self.aliases)}")
        for key in ("approximately", "en", "zh", "group"):
            value = getattr(self, key)
            if value:
                parts.append(f"{key} = {value}")
        return " ; ".join(parts)


@attrs.frozen
class ScaleDefinition:
    """A scale word (万 = 10000) that multiplies the name after it."""

    name: str
    factor: int

    def line(self) -> str:
        return f"{self.name}- = {self.factor}"


_KEYS = frozenset({"dimension", "aliases", "approximately", "en", "zh", "group"})


def parse_definition(line: str) -> UnitDefinition | ScaleDefinition:
    """Read one definition line; raise :class:`UnitError` naming the line when it is bad."""
    head, *options = (part.strip() for part in line.split(";"))
    name, equals, body = (part.strip() for part in head.partition("="))
    if not equals or not name or not body:
        raise UnitError(line, "a definition line reads `name = definition ; key = value`")
    if name.endswith("-"):
        factor = body.replace("_", "")
        if options or not factor.isdecimal() or int(factor) < 1:
            raise UnitError(line, "a scale word reads `万- = 10000` (a positive integer)")
        return ScaleDefinition(name[:-1], int(factor))
    fields: dict[str, str] = {}
    for option in options:
        key, eq, value = (part.strip() for part in option.partition("="))
        if not eq or key not in _KEYS or key in fields:
            raise UnitError(line, f"unknown or repeated option {key!r} in a definition line")
        fields[key] = value
    aliases = tuple(a.strip() for a in fields.pop("aliases", "").split(",") if a.strip())
    if body.startswith("["):
        if "dimension" in fields:
            raise UnitError(line, "a base unit's dimension is its definition")
        return UnitDefinition(name, body, None, aliases, **fields)
    if "dimension" not in fields:
        raise UnitError(line, "every derived unit asserts its dimension (`; dimension = …`)")
    dimension = fields.pop("dimension")
    return UnitDefinition(name, dimension, body, aliases, **fields)


@cache
def bundled_definitions() -> tuple[str, ...]:
    """The definition lines of ``data/units.toml``, in file order (scales first).

    Kept in the compiled cache (:mod:`minzheng_plans.files.cache`), keyed by the file's stamp
    (:func:`~minzheng_plans.files.cache.file_stamp`).
    """
    from minzheng_plans.files.cache import cached, file_stamp  # noqa: PLC0415

    source = data_file("units.toml")
    return cached(
        "unit-lines",
        file_stamp(source),
        lambda: _definition_lines(source.read_text(encoding="utf-8")),
    )


def _definition_lines(text: str) -> tuple[str, ...]:
    import tomllib  # noqa: PLC0415 - only when the cache cannot answer

    data = tomllib.loads(text)
    lines = [ScaleDefinition(s["name"], int(s["factor"])).line() for s in data.get("scale", [])]
    for unit in data.get("unit", []):
        definition = UnitDefinition(
            name=unit["name"],
            dimension=unit["dimension"],
            definition=unit.get("definition"),
            aliases=tuple(unit.get("aliases", ())),
            approximately=unit.get("approximately"),
            en=unit.get("en", ""),
            zh=unit.get("zh", ""),
            group=unit.get("group", ""),
        )
        lines.append(definition.line())
    return tuple(lines)
