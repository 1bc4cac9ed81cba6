"""The jurisdiction registry: codes, names, levels and parent links up to the national level.

Codes are GB/T 2260 administrative-division codes where one exists (重庆市 500000, 崇明区
310151) and ``000000`` for the country as a whole. Zones without a code of their own
(development zones such as 万盛经开区) get a *local code*: the code of the jurisdiction that
administers them, a hyphen and two to eight capital letters from the pinyin initials of the
zone's name, ``500000-WS``. Local codes match :data:`LOCAL_CODE` and never collide with
GB/T 2260 codes, which are six digits.

The bundled jurisdictions are every division of China (``data/divisions.tsv``, generated, with
history) and the hand-kept overlay ``data/jurisdictions.toml`` (the country, zones, English
names, aliases, dated changes): see :mod:`minzheng_plans.registries.places`. They reach the
plugin host through the built-in plugin :mod:`minzheng_plans.builtin.jurisdictions`; plugins add
more through the same hook. Names are looked up through
:class:`~minzheng_plans.registries.placeindex.PlaceIndex`, built on the first lookup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from minzheng_plans.core.model import Jurisdiction, Level

if TYPE_CHECKING:
    from minzheng_plans.registries.placeindex import PlaceIndex, PlaceLookup
    from minzheng_plans.registries.places import Division, PlaceCode

__all__ = [
    "GB_CODE",
    "JURISDICTIONS_SCHEMA_ID",
    "LOCAL_CODE",
    "NATIONAL_CODE",
    "JurisdictionRegistry",
    "Overlay",
    "bundled_jurisdictions",
    "default_jurisdictions",
    "load_overlay",
    "loads_jurisdictions",
    "lookup_places",
]

JURISDICTIONS_SCHEMA_ID = "minzheng-plans-jurisdictions/1"
NATIONAL_CODE = "000000"
GB_CODE = re.compile(r"^\d{6}$")
LOCAL_CODE = re.compile(r"^\d{6}-[A-Z]{2,8}$")


class JurisdictionRegistry:
    """Jurisdictions by code, with name lookup (every division of China) and the parent chain.

    Contributions come from several plugins: a repeated code keeps the first one, and
    ``conflicts`` records what was left out. ``aliases`` maps other names (万盛经济技术开发区)
    to codes; by default (None) the bundled places' aliases, short forms, former names and
    years apply to the codes present. The name index is built on the first lookup.
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
        conflicts.extend(
            f"{item.code} names parent {item.parent}, which is unknown"
            for item in by_code.values()
            if item.parent is not None and item.parent not in by_code
        )
        # Read-only views: rules share one registry (see Catalog).
        self._by_code: Mapping[str, Jurisdiction] = MappingProxyType(by_code)
        self._aliases = aliases
        self._index: PlaceIndex | None = None
        self.conflicts: tuple[str, ...] = tuple(conflicts)

    @classmethod
    def over_bundled(cls, jurisdictions: Iterable[Jurisdiction] = ()) -> JurisdictionRegistry:
        """The registry of the bundled places followed by ``jurisdictions`` (none of them a
        bundled code): what ``JurisdictionRegistry([*bundled, *jurisdictions])`` holds, with
        each bundled place made a :class:`Jurisdiction` only when asked for. A check asks for
        the few places above its plans, not for every division of China.
        """
        rows, _repeats, orphans = _bundled_rows()
        extra: dict[str, Jurisdiction] = {}
        conflicts: list[str] = []
        for item in jurisdictions:
            if item.code in rows or item.code in extra:
                conflicts.append(f"code {item.code} repeated; the first one is kept")
                continue
            extra[item.code] = item
        by_code = _OnDemand(rows, extra)
        conflicts.extend(
            f"{code} names parent {parent}, which is unknown"
            for code, parent in orphans
            if parent not in extra
        )
        conflicts.extend(
            f"{item.code} names parent {item.parent}, which is unknown"
            for item in extra.values()
            if item.parent is not None and item.parent not in by_code
        )
        registry = cls()
        registry._by_code = by_code
        registry.conflicts = tuple(conflicts)
        return registry

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

    def national_code(self) -> str | None:
        """The country's code (GB/T 2260 ``000000``) when this registry holds it."""
        return NATIONAL_CODE if NATIONAL_CODE in self._by_code else None

    def places(self) -> PlaceIndex:
        """The place index (names, years, history), built on first use."""
        if self._index is None:
            from minzheng_plans.registries.placeindex import PlaceIndex  # noqa: PLC0415
            from minzheng_plans.registries.places import place_of  # noqa: PLC0415

            by_code = self._by_code
            if self._aliases is None and isinstance(by_code, _OnDemand) and by_code.bundled_only:
                self._index = _bundled_index()
                return self._index

            bundled = _bundled_by_code() if self._aliases is None else {}
            as_bundled = _bundled_jurisdiction_by_code() if bundled else {}
            if len(bundled) == len(self._by_code) and all(
                as_bundled.get(code) == item for code, item in self._by_code.items()
            ):
                # Every host without jurisdiction plugins has exactly the bundled places:
                # they share one index.
                self._index = _bundled_index()
                return self._index
            names: dict[str, list[str]] = {}
            for name, code in (self._aliases or {}).items():
                names.setdefault(code, []).append(name)
            places: list[Division] = []
            for item in self._by_code.values():
                known = bundled.get(item.code)
                if known is not None and known.jurisdiction() == item:
                    places.append(known)
                elif known is not None and known.name == item.name:
                    # A plugin's copy of a bundled division: its fields, the bundled names.
                    places.append(
                        attrs.evolve(
                            known, level=item.level, parent=item.parent, name_en=item.name_en
                        )
                    )
                else:
                    places.append(place_of(item, names.get(item.code, ())))
            self._index = PlaceIndex(places)
        return self._index

    def place(self, code: str) -> Division | None:
        """The place of ``code`` with its kind, years, successors and names."""
        return self.places().get(code)

    def lookup(self, query: str, *, year: int | None = None) -> PlaceLookup:
        """Every jurisdiction ``query`` names (see :class:`~.placeindex.PlaceIndex`)."""
        return self.places().lookup(query, year=year)

    def find(self, name: str, *, year: int | None = None) -> Jurisdiction | None:
        """The one jurisdiction a name, alias, short or qualified name stands for (重庆 →
        重庆市); None when it names none or several (鼓楼区)."""
        place = self.lookup(name, year=year).place
        return self._by_code.get(place.code) if place is not None else None

    def known(self, jurisdiction: Jurisdiction) -> Jurisdiction:
        """``jurisdiction`` with the registry's level and parent for its code, names kept.

        Loader plugins name their place as a constant; this makes the registry's facts win
        (a plugin's constant cannot make a county-level city a prefecture).
        """
        item = self._by_code.get(jurisdiction.code)
        if item is None:
            return jurisdiction
        return attrs.evolve(jurisdiction, level=item.level, parent=item.parent)

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
_CHANGE_FIELDS = frozenset({"code", "name", "since", "until", "successors"})
_OVERLAY_KEYS = frozenset({"change", "abbreviations", "national_prefixes"})
_YEARS = range(1949, 2101)


@attrs.frozen
class Overlay:
    """The hand-kept ``data/jurisdictions.toml``: places, aliases, dated changes, abbreviations."""

    jurisdictions: tuple[Jurisdiction, ...]
    aliases: Mapping[str, str]
    changes: tuple[Mapping[str, Any], ...] = ()
    abbreviations: Mapping[str, str] = attrs.Factory(dict)
    national_prefixes: tuple[str, ...] = ()


def loads_jurisdictions(
    text: str, *, path: str | None = None
) -> tuple[list[Jurisdiction], dict[str, str]]:
    """Jurisdictions and their alias names from TOML (``[[jurisdiction]]`` tables).

    Raises :class:`~minzheng_plans.core.errors.PlanFileError` with file, line and key on bad input.
    """
    overlay = load_overlay(text, path=path)
    return list(overlay.jurisdictions), dict(overlay.aliases)


def load_overlay(text: str, *, path: str | None = None) -> Overlay:
    """The whole overlay file: ``[[jurisdiction]]``, ``[[change]]``, ``[abbreviations]`` and
    ``national_prefixes``, each checked (a PlanFileError names file, line and key)."""
    from minzheng_plans.files.datafile import DataFile  # noqa: PLC0415 - tomli loads lazily

    data = DataFile(text, path=path, schema=JURISDICTIONS_SCHEMA_ID)
    items: list[Jurisdiction] = []
    aliases: dict[str, str] = {}
    levels = [level.value for level in Level]
    for where, entry in data.tables("jurisdiction", _OVERLAY_KEYS):
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
    changes = [_check_change(data, where, entry) for where, entry in data.tables("change", _ALL)]
    abbreviations = data.tree.get("abbreviations", {})
    if not isinstance(abbreviations, dict) or not all(
        isinstance(k, str) and len(k) == 1 and isinstance(v, str) and GB_CODE.match(v)
        for k, v in abbreviations.items()
    ):
        data.fail("expected one-character names mapped to GB/T 2260 codes", "abbreviations")
    prefixes = data.tree.get("national_prefixes", [])
    if not isinstance(prefixes, list) or not all(isinstance(p, str) and p for p in prefixes):
        data.fail("expected a list of non-empty strings", "national_prefixes")
    return Overlay(
        tuple(items), MappingProxyType(aliases), tuple(changes), abbreviations, tuple(prefixes)
    )


_ALL = frozenset({"jurisdiction", *_OVERLAY_KEYS})


def _check_change(data: Any, where: str, entry: dict[str, Any]) -> Mapping[str, Any]:
    extra = sorted(set(entry) - _CHANGE_FIELDS)
    if extra:
        data.fail(f"unknown field {extra[0]!r}; known: {', '.join(sorted(_CHANGE_FIELDS))}", where)
    if not isinstance(entry.get("code"), str) or not GB_CODE.match(entry["code"]):
        data.fail("expected a GB/T 2260 code (6 digits)", f"{where}.code")
    for key in ("since", "until"):
        value = entry.get(key)
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or value not in _YEARS
        ):
            data.fail("expected a year between 1949 and 2100", f"{where}.{key}")
    if "name" in entry and ("until" not in entry or not isinstance(entry["name"], str)):
        data.fail("a former name needs its name (a string) and the year it ended", where)
    successors = entry.get("successors", [])
    if not isinstance(successors, list) or not all(
        isinstance(c, str) and GB_CODE.match(c) for c in successors
    ):
        data.fail("expected a list of GB/T 2260 codes", f"{where}.successors")
    if not ({"since", "until", "successors"} & set(entry)):
        data.fail("a change needs since, until or successors", where)
    return MappingProxyType(dict(entry))


_BAD_CODE = "expected a GB/T 2260 code (6 digits) or a local code like 500000-WS"


@cache
def bundled_jurisdictions() -> tuple[tuple[Jurisdiction, ...], Mapping[str, str]]:
    """Every bundled place (divisions and overlay) as a jurisdiction, and the overlay aliases."""
    from minzheng_plans.registries.places import bundled_codes  # noqa: PLC0415

    rows, aliases = bundled_codes()
    # Straight from the codes (what Division.jurisdiction() gives), without building a
    # Division per place: a check needs the codes, not the names' history. The level's text
    # becomes the member in Jurisdiction's converter.
    return tuple(
        Jurisdiction(code, name, level, name_en, parent)
        for code, name, level, name_en, parent in rows
    ), aliases


def lookup_places(
    query: str, *, year: int | None = None, registry: JurisdictionRegistry | None = None
) -> PlaceLookup:
    """Every division (or zone) ``query`` names: a code, a name, a short or qualified name.

    ``year`` prefers the divisions valid then. ``registry`` is a plugin host's
    (``host.jurisdictions()``, plugin places included); by default the bundled one. See
    :class:`~minzheng_plans.registries.placeindex.PlaceLookup` for the answer.
    """
    return (registry or default_jurisdictions()).lookup(query, year=year)


class _OnDemand(Mapping[str, Jurisdiction]):
    """Jurisdictions by code: the bundled places, each made when first asked for, then
    ``extra`` (codes the bundled places lack), in that order."""

    def __init__(self, rows: Mapping[str, PlaceCode], extra: Mapping[str, Jurisdiction]) -> None:
        self._rows = rows
        self._extra = extra
        self._made: dict[str, Jurisdiction] = {}

    @property
    def bundled_only(self) -> bool:
        return not self._extra

    def __getitem__(self, code: str) -> Jurisdiction:
        made = self._made.get(code)
        if made is not None:
            return made
        row = self._rows.get(code)
        if row is None:
            return self._extra[code]
        code, name, level, name_en, parent = row
        made = self._made[code] = Jurisdiction(code, name, level, name_en, parent)
        return made

    def __contains__(self, code: object) -> bool:
        return code in self._rows or code in self._extra

    def __iter__(self) -> Iterator[str]:
        yield from self._rows
        yield from self._extra

    def __len__(self) -> int:
        return len(self._rows) + len(self._extra)


@cache
def _bundled_rows() -> tuple[Mapping[str, PlaceCode], tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The bundled places' rows by code (the first of a repeated code), the codes repeated
    (in order) and the places whose parent is no bundled code, with that parent."""
    from minzheng_plans.registries.places import bundled_codes  # noqa: PLC0415

    rows, _aliases = bundled_codes()
    by_code: dict[str, PlaceCode] = {}
    repeats: list[str] = []
    for row in rows:
        if row[0] in by_code:
            repeats.append(row[0])
        else:
            by_code[row[0]] = row
    orphans = tuple(
        (code, parent)
        for code, _name, _level, _name_en, parent in by_code.values()
        if parent is not None and parent not in by_code
    )
    return MappingProxyType(by_code), tuple(repeats), orphans


def bundled_repeats() -> tuple[str, ...]:
    """The codes the bundled places repeat, in order (the first of each is kept)."""
    return _bundled_rows()[1]


def is_bundled_code(code: str) -> bool:
    """Whether ``code`` is a bundled place's, without making any :class:`Jurisdiction`."""
    return code in _bundled_rows()[0]


@cache
def _bundled_by_code() -> Mapping[str, Division]:
    from minzheng_plans.registries.places import bundled_places  # noqa: PLC0415

    return MappingProxyType(dict(bundled_places().by_code()))


@cache
def _bundled_jurisdiction_by_code() -> Mapping[str, Jurisdiction]:
    return MappingProxyType({item.code: item for item in bundled_jurisdictions()[0]})


@cache
def _bundled_index() -> PlaceIndex:
    from minzheng_plans.registries.placeindex import PlaceIndex  # noqa: PLC0415
    from minzheng_plans.registries.places import bundled_places  # noqa: PLC0415

    return PlaceIndex(bundled_places().places)


@cache
def default_jurisdictions() -> JurisdictionRegistry:
    """The bundled jurisdictions only, built once."""
    items, _aliases = bundled_jurisdictions()
    return JurisdictionRegistry(items)
