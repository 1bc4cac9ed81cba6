"""Places: every division of China with its history, read from the bundled data.

``data/divisions.tsv`` is generated (``scripts/generate_divisions.py``) from openly licensed
sources: every current province-, prefecture- and county-level division with its GB/T 2260
code, level, parent, kind and short forms, and the divisions plans of 2011–2035 refer to that
no longer exist, with the years each code was valid and the codes that replaced it.
``data/jurisdictions.toml`` is the hand-kept overlay: places without a GB/T 2260 code (the
country, zones), English names and extra aliases, history the sources do not date, and the
one-character names of provinces used in document numbers. See ``docs/reference/places.md``.

A place is valid in year ``y`` when ``since <= y < until`` (``since`` None: before 2011;
``until`` None: current).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from types import MappingProxyType
from typing import Any

import attrs

from minzheng_plans.core.enums import member_of
from minzheng_plans.core.model import Jurisdiction, Level
from minzheng_plans.registries.placenames import short_forms

__all__ = [
    "DIVISION_COLUMNS",
    "BundledPlaces",
    "Division",
    "bundled_codes",
    "bundled_places",
    "bundled_rows",
    "parse_divisions",
    "place_of",
]


@attrs.frozen
class Division:
    """A division (or zone) with the names it is written by and the years it was valid."""

    code: str
    name: str
    level: Level
    parent: str | None = None
    kind: str = ""
    since: int | None = None
    until: int | None = None
    successors: tuple[str, ...] = ()
    short: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    former: tuple[tuple[str, int | None], ...] = ()
    name_en: str | None = None

    @property
    def current(self) -> bool:
        return self.until is None

    def valid_in(self, year: int) -> bool:
        """Whether the code was in force in ``year``."""
        return (self.since is None or self.since <= year) and (
            self.until is None or year < self.until
        )

    def years(self) -> str:
        """The validity as text: ``"–2016"``, ``"2016–"``, ``""`` when always valid."""
        if self.since is None and self.until is None:
            return ""
        return f"{self.since or ''}–{self.until or ''}"

    def jurisdiction(self) -> Jurisdiction:
        return Jurisdiction(self.code, self.name, self.level, self.name_en, self.parent)


def place_of(item: Jurisdiction, aliases: Iterable[str] = ()) -> Division:
    """A place for a jurisdiction the bundled data does not describe (short forms by rule)."""
    return Division(
        item.code,
        item.name,
        Level(item.level),
        item.parent,
        short=short_forms(item.name),
        aliases=tuple(aliases),
        name_en=item.name_en,
    )


# -- divisions.tsv ----------------------------------------------------------------------------

#: The columns of data/divisions.tsv, in order (scripts/generate_divisions.py writes them).
DIVISION_COLUMNS = (
    "code",
    "name",
    "level",
    "parent",
    "kind",
    "since",
    "until",
    "successors",
    "short",
    "former",
)


def _year(cell: str) -> int | None:
    return int(cell) if cell and cell.isdigit() else None


def parse_divisions(text: str) -> tuple[list[Division], set[str]]:
    """Places of a ``divisions.tsv`` text, and the codes whose ``since`` the overlay dates.

    Raises ``ValueError`` naming the line on a malformed row (the file is generated, so this
    means it was edited by hand or cut short).
    """
    places: list[Division] = []
    undated: set[str] = set()
    header_seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            if tuple(cells) != DIVISION_COLUMNS:
                msg = (
                    f"divisions.tsv line {number}: expected the header {'/'.join(DIVISION_COLUMNS)}"
                )
                raise ValueError(msg)
            header_seen = True
            continue
        if len(cells) != len(DIVISION_COLUMNS):
            expected = len(DIVISION_COLUMNS)
            msg = f"divisions.tsv line {number}: expected {expected} cells, found {len(cells)}"
            raise ValueError(msg)
        code, name, level, parent, kind, since, until, successors, short, former = cells
        if since.startswith(">"):
            undated.add(code)
        try:
            member = member_of(Level, level)
        except ValueError:
            known = "/".join(item.value for item in Level)
            msg = f"divisions.tsv line {number}: expected a level ({known}), found {level!r}"
            raise ValueError(msg) from None
        places.append(
            Division(
                code,
                name,
                member,
                parent or None,
                kind,
                _year(since),
                _year(until),
                tuple(successors.split(",")) if successors else (),
                tuple(short.split("|")) if short else (),
                former=tuple(
                    (old, _year(year))
                    for old, _sep, year in (item.partition("<") for item in former.split("|"))
                )
                if former
                else (),
            )
        )
    return places, undated


# -- the overlay ------------------------------------------------------------------------------


@attrs.frozen
class BundledPlaces:
    """The bundled places (generated data with the overlay applied) and the overlay's tables."""

    places: tuple[Division, ...]
    aliases: Mapping[str, str]
    abbreviations: Mapping[str, str]
    national_prefixes: tuple[str, ...]

    def by_code(self) -> Mapping[str, Division]:
        return {place.code: place for place in self.places}


def _apply_changes(
    places: dict[str, Division], changes: Iterable[Mapping[str, Any]], undated: set[str]
) -> None:
    for change in changes:
        code = change["code"]
        place = places.get(code)
        if place is None:
            msg = f"jurisdictions.toml: [[change]] names {code}, which is not in divisions.tsv"
            raise ValueError(msg)
        updates: dict[str, Any] = {}
        if "name" in change:
            # A former name's last year: 桥东区 until 2020 on the code now called 襄都区.
            updates["former"] = tuple(
                (old, change["until"] if old == change["name"] else year)
                for old, year in place.former
            )
        elif "until" in change:
            updates["until"] = change["until"]
        if "since" in change:
            updates["since"] = change["since"]
            undated.discard(code)
        if "successors" in change:
            updates["successors"] = tuple(dict.fromkeys((*place.successors, *change["successors"])))
        places[code] = attrs.evolve(place, **updates)
    # A code first listed after the last dated table began when the codes it replaced ended.
    began: dict[str, int] = {}
    for place in places.values():
        if place.until is not None:
            for successor in place.successors:
                began[successor] = max(began.get(successor, 0), place.until)
    for code in sorted(undated):
        if code in began:
            places[code] = attrs.evolve(places[code], since=began[code])


# A place as plain data for the compiled cache: Division's fields in order, the level by value.
_PlainPlace = tuple[Any, ...]
_PlainPlaces = tuple[tuple[_PlainPlace, ...], dict[str, str], dict[str, str], tuple[str, ...]]


@cache
def bundled_rows() -> _PlainPlaces:
    """The bundled places as plain data: a tuple of :class:`Division` fields per place (the
    level by value), the overlay's aliases, abbreviations and national prefixes.

    Every check needs the places, and reading both files costs more than the rest of a small
    check: the result is kept in the compiled cache (:mod:`minzheng_plans.files.cache`),
    keyed by both files' stamps (:func:`~minzheng_plans.files.cache.file_stamp`). A registry
    of codes builds its jurisdictions from the rows without building every
    :class:`Division`.
    """
    from minzheng_plans.files.cache import cached  # noqa: PLC0415

    return cached("places", _bundled_stamps(), lambda: _plain(_read_places(*_bundled_texts())))


#: A place as a registry of codes needs it: code, name, level value, English name, parent.
PlaceCode = tuple[str, str, str, str | None, str | None]


@cache
def bundled_codes() -> tuple[tuple[PlaceCode, ...], Mapping[str, str]]:
    """Each bundled place as ``(code, name, level value, English name, parent)`` (what
    :meth:`Division.jurisdiction` gives) and the overlay's aliases: what a registry of codes
    needs, kept in the compiled cache apart from the places' names and history."""
    from minzheng_plans.files.cache import cached  # noqa: PLC0415

    def read() -> tuple[tuple[PlaceCode, ...], dict[str, str]]:
        places, aliases, _abbreviations, _prefixes = bundled_rows()
        fields = [field.name for field in attrs.fields(Division)]
        at = [fields.index(name) for name in ("code", "name", "level", "name_en", "parent")]
        codes: tuple[PlaceCode, ...] = tuple(
            (row[at[0]], row[at[1]], row[at[2]], row[at[3]], row[at[4]]) for row in places
        )
        return codes, dict(aliases)

    rows, aliases = cached("place-codes", _bundled_stamps(), read)
    return rows, MappingProxyType(aliases)


_BUNDLED_FILES = ("divisions.tsv", "jurisdictions.toml")


def _bundled_stamps() -> tuple[tuple[object, ...], ...]:
    from minzheng_plans.files.cache import file_stamp  # noqa: PLC0415
    from minzheng_plans.files.resources import data_file  # noqa: PLC0415

    return tuple(file_stamp(data_file(name)) for name in _BUNDLED_FILES)


def _bundled_texts() -> tuple[str, str]:
    from minzheng_plans.files.resources import data_file  # noqa: PLC0415

    table, overlay = (data_file(name).read_text(encoding="utf-8") for name in _BUNDLED_FILES)
    return table, overlay


@cache
def bundled_places() -> BundledPlaces:
    """``data/divisions.tsv`` with ``data/jurisdictions.toml`` applied (read once)."""
    places, aliases, abbreviations, prefixes = bundled_rows()
    return BundledPlaces(
        tuple(Division(row[0], row[1], member_of(Level, row[2]), *row[3:]) for row in places),
        MappingProxyType(aliases),
        MappingProxyType(abbreviations),
        prefixes,
    )


def _plain(places: BundledPlaces) -> _PlainPlaces:
    fields = [field.name for field in attrs.fields(Division)]
    return (
        tuple(
            tuple(
                getattr(place, name).value if name == "level" else getattr(place, name)
                for name in fields
            )
            for place in places.places
        ),
        dict(places.aliases),
        dict(places.abbreviations),
        places.national_prefixes,
    )


def _read_places(table: str, overlay_text: str) -> BundledPlaces:
    from minzheng_plans.registries.jurisdictions import load_overlay  # noqa: PLC0415 - a cycle

    generated, undated = parse_divisions(table)
    overlay = load_overlay(overlay_text, path="jurisdictions.toml")
    places = {place.code: place for place in generated}
    _apply_changes(places, overlay.changes, undated)
    extra_aliases: dict[str, list[str]] = {}
    for name, code in overlay.aliases.items():
        extra_aliases.setdefault(code, []).append(name)
    for item in overlay.jurisdictions:
        known = places.get(item.code)
        aliases = tuple(extra_aliases.get(item.code, ()))
        if known is None:
            places[item.code] = place_of(item, aliases)
        else:
            places[item.code] = attrs.evolve(
                known, aliases=aliases, name_en=item.name_en or known.name_en
            )
    return BundledPlaces(
        tuple(places.values()),
        MappingProxyType(dict(overlay.aliases)),
        MappingProxyType(dict(overlay.abbreviations)),
        overlay.national_prefixes,
    )
