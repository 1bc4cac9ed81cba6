"""The jurisdiction registry: codes, names, levels and parent links up to the national level.

Codes are GB/T 2260 administrative-division codes where one exists (重庆市 500000, 崇明区
310151) and ``000000`` for the country as a whole. Zones without a code of their own
(development zones such as 万盛经开区) get a *local code*: the code of the jurisdiction that
administers them, a hyphen and two to eight capital letters from the pinyin initials of the
zone's name, ``500000-WS``. Local codes match :data:`LOCAL_CODE` and never collide with
GB/T 2260 codes, which are six digits.

The bundled jurisdictions live in ``data/jurisdictions.toml`` and reach the plugin host through
the built-in plugin :mod:`minzheng_plans.builtin.jurisdictions`; plugins add more through the
same hook.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from types import MappingProxyType

from minzheng_plans.core.model import Jurisdiction, Level
from minzheng_plans.core.names import normalise_name

__all__ = [
    "GB_CODE",
    "JURISDICTIONS_SCHEMA_ID",
    "LOCAL_CODE",
    "NATIONAL_CODE",
    "JurisdictionRegistry",
    "bundled_jurisdictions",
    "default_jurisdictions",
    "loads_jurisdictions",
]

JURISDICTIONS_SCHEMA_ID = "minzheng-plans-jurisdictions/1"
NATIONAL_CODE = "000000"
GB_CODE = re.compile(r"^\d{6}$")
LOCAL_CODE = re.compile(r"^\d{6}-[A-Z]{2,8}$")

# Suffixes a name is often written without: 重庆 for 重庆市, 崇明 for 崇明区.
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "经开区", "省", "市", "区", "县", "旗")


def _short(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


class JurisdictionRegistry:
    """Jurisdictions by code, with name lookup and the parent chain.

    Contributions come from several plugins: a repeated code keeps the first one, and
    ``conflicts`` records what was left out. ``aliases`` maps other names (万盛经济技术开发区)
    to codes; by default the bundled aliases of the jurisdictions present.
    """

    def __init__(
        self, jurisdictions: Iterable[Jurisdiction] = (), aliases: Mapping[str, str] | None = None
    ) -> None:
        by_code: dict[str, Jurisdiction] = {}
        conflicts: list[str] = []
        for item in jurisdictions:
            if item.code in by_code:
                conflicts.append(f"code {item.code} repeated; the first one is kept")
                continue
            by_code[item.code] = item
        by_name: dict[str, str] = {}
        for item in by_code.values():
            for name in (item.name, item.name_en or ""):
                if name:
                    by_name.setdefault(normalise_name(name), item.code)
        if aliases is None:
            # The host builds a registry from hook contributions, which carry no aliases.
            aliases = bundled_jurisdictions()[1]
        for name, code in aliases.items():
            if code not in by_code:
                continue
            by_name.setdefault(normalise_name(name), code)
        for item in by_code.values():
            by_name.setdefault(normalise_name(_short(item.name)), item.code)
        conflicts.extend(
            f"{item.code} names parent {item.parent}, which is unknown"
            for item in by_code.values()
            if item.parent is not None and item.parent not in by_code
        )
        # Read-only views: rules share one registry (see Catalog).
        self._by_code: Mapping[str, Jurisdiction] = MappingProxyType(by_code)
        self._by_name: Mapping[str, str] = MappingProxyType(by_name)
        self.conflicts: tuple[str, ...] = tuple(conflicts)

    def __len__(self) -> int:
        return len(self._by_code)

    def __iter__(self) -> Iterator[Jurisdiction]:
        return iter(self._by_code.values())

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __repr__(self) -> str:
        return f"<JurisdictionRegistry of {len(self)} jurisdictions>"

    def get(self, code: str) -> Jurisdiction | None:
        return self._by_code.get(code)

    def find(self, name: str) -> Jurisdiction | None:
        """A jurisdiction by Chinese or English name, alias or short name (重庆 → 重庆市)."""
        key = normalise_name(name)
        code = self._by_name.get(key)
        if code is None:
            code = self._by_name.get(normalise_name(_short(name.strip())))
        return self._by_code.get(code) if code is not None else None

    def parent(self, code: str) -> Jurisdiction | None:
        """The parent of ``code``; None at the national level or for an unknown code."""
        item = self._by_code.get(code)
        if item is None or item.parent is None:
            return None
        return self._by_code.get(item.parent)

    def ancestors(self, code: str) -> tuple[Jurisdiction, ...]:
        """Parents of ``code``, nearest first, up to the national level (a cycle stops it)."""
        chain: list[Jurisdiction] = []
        seen = {code}
        current = self.parent(code)
        while current is not None and current.code not in seen:
            chain.append(current)
            seen.add(current.code)
            current = self.parent(current.code)
        return tuple(chain)

    def is_within(self, code: str, other: str) -> bool:
        """True when ``other`` is ``code`` itself or one of its ancestors."""
        return code == other or any(item.code == other for item in self.ancestors(code))


_FIELDS = frozenset({"code", "name", "name_en", "level", "parent", "aliases"})


def loads_jurisdictions(
    text: str, *, path: str | None = None
) -> tuple[list[Jurisdiction], dict[str, str]]:
    """Jurisdictions and their alias names from TOML (``[[jurisdiction]]`` tables).

    Raises :class:`~minzheng_plans.core.errors.PlanFileError` with file, line and key on bad input.
    """
    from minzheng_plans.files.datafile import DataFile  # noqa: PLC0415 - tomli loads lazily

    data = DataFile(text, path=path, schema=JURISDICTIONS_SCHEMA_ID)
    items: list[Jurisdiction] = []
    aliases: dict[str, str] = {}
    levels = [level.value for level in Level]
    for where, entry in data.tables("jurisdiction", frozenset()):
        data.check_fields(where, entry, _FIELDS, ("code", "name", "level"))
        code = entry["code"]
        if not (GB_CODE.match(code) or LOCAL_CODE.match(code)):
            data.fail(_BAD_CODE, f"{where}.code")
        if entry["level"] not in levels:
            data.fail(f"expected one of {', '.join(levels)}", f"{where}.level")
        items.append(
            Jurisdiction(
                code=code,
                name=entry["name"],
                level=Level(entry["level"]),
                name_en=entry.get("name_en"),
                parent=entry.get("parent"),
            )
        )
        aliases.update(dict.fromkeys(entry.get("aliases", []), code))
    return items, aliases


_BAD_CODE = "expected a GB/T 2260 code (6 digits) or a local code like 500000-WS"


@cache
def bundled_jurisdictions() -> tuple[tuple[Jurisdiction, ...], Mapping[str, str]]:
    """The jurisdictions and aliases of ``data/jurisdictions.toml``."""
    from minzheng_plans.files.resources import data_file  # noqa: PLC0415

    node = data_file("jurisdictions.toml")
    items, aliases = loads_jurisdictions(
        node.read_text(encoding="utf-8"), path="jurisdictions.toml"
    )
    return tuple(items), aliases


@cache
def default_jurisdictions() -> JurisdictionRegistry:
    """The bundled jurisdictions only, built once."""
    items, aliases = bundled_jurisdictions()
    return JurisdictionRegistry(items, aliases)
