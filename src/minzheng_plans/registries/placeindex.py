"""Looking places up by code, name, short form or qualified name, for a year.

The index is built once per registry, on the first lookup. A name may name several places
(鼓楼区 is a district of 南京, 福州, 徐州 and 开封): a lookup returns every match with its
parent, and a *qualified* name (南京市鼓楼区, 江苏南京鼓楼) picks the one under the named
parent. With a year, places valid in that year are preferred (崇明县 for 2015, 崇明区 for
2021); without one, current places hide historic ones of the same name. A name that matches
nothing gets suggestions (rapidfuzz, imported only then).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from minzheng_plans.registries.places import Division

__all__ = ["PlaceIndex", "PlaceLookup", "PlaceMatch", "PlaceMention", "place_key", "place_record"]

# How a name was matched, best first: a full name (current or former), a hand-kept alias
# or English name, a short form by rule.
NAME, FORMER, ALIAS, SHORT = "name", "former name", "alias", "short form"
_RANK = {NAME: 0, FORMER: 0, ALIAS: 1, SHORT: 2}
_MAX_QUALIFIED_DEPTH = 3
_SUGGESTIONS = 5
_SUGGESTION_CUTOFF = 50


def place_key(name: str) -> str:
    """The lookup key of a name: NFKC, no spaces, case-folded (Chongming District)."""
    if not unicodedata.is_normalized("NFKC", name):
        name = unicodedata.normalize("NFKC", name)
    return "".join(name.split()).casefold()


@attrs.frozen
class PlaceMatch:
    """A place a name matched, how, and until when the name was in use (former names)."""

    place: Division
    written: str
    how: str
    name_until: int | None = None

    @property
    def rank(self) -> int:
        return _RANK[self.how]

    @property
    def current(self) -> bool:
        return self.place.current and self.how != FORMER

    def valid_in(self, year: int) -> bool:
        if self.how == FORMER:
            since = self.place.since
            return (since is None or since <= year) and (
                self.name_until is None or year < self.name_until
            )
        return self.place.valid_in(year)

    def distance(self, year: int) -> int:
        """How many years ``year`` lies outside the name's validity (0 inside)."""
        until = self.name_until if self.how == FORMER else self.place.until
        since = self.place.since
        if until is not None and year >= until:
            return year - until + 1
        if since is not None and year < since:
            return since - year
        return 0


@attrs.frozen
class PlaceLookup:
    """What a query found: one place, several (ambiguous), or none (with suggestions)."""

    query: str
    year: int | None
    matches: tuple[PlaceMatch, ...] = ()
    suggestions: tuple[Division, ...] = ()
    qualified: bool = False

    @property
    def status(self) -> str:
        if not self.matches:
            return "none"
        return "found" if len(self.matches) == 1 else "ambiguous"

    @property
    def place(self) -> Division | None:
        """The place when exactly one matched, else None."""
        return self.matches[0].place if len(self.matches) == 1 else None

    @property
    def places(self) -> tuple[Division, ...]:
        return tuple(m.place for m in self.matches)


@attrs.frozen
class PlaceMention:
    """A place name found in a text at ``start:end`` and every place it may name."""

    start: int
    end: int
    written: str
    matches: tuple[PlaceMatch, ...]


class PlaceIndex:
    """Places by code and by every name they are written by."""

    def __init__(self, places: Iterable[Division]) -> None:
        self._by_code: dict[str, Division] = {}
        for place in places:
            self._by_code.setdefault(place.code, place)
        names: dict[str, list[PlaceMatch]] = {}
        seen: set[tuple[str, str, str]] = set()
        for place in self._by_code.values():
            for match in _names_of(place):
                key = place_key(match.written)
                if (key, place.code, match.how) not in seen:
                    seen.add((key, place.code, match.how))
                    names.setdefault(key, []).append(match)
        self._names: Mapping[str, tuple[PlaceMatch, ...]] = {k: tuple(v) for k, v in names.items()}
        self._longest = max((len(k) for k in self._names), default=0)
        self._choices: list[str] | None = None

    def __len__(self) -> int:
        return len(self._by_code)

    def __iter__(self) -> Iterator[Division]:
        return iter(self._by_code.values())

    def get(self, code: str) -> Division | None:
        return self._by_code.get(code)

    def ancestors(self, code: str) -> tuple[Division, ...]:
        """Parents of ``code``, nearest first (a cycle stops the chain)."""
        chain: list[Division] = []
        seen = {code}
        place = self._by_code.get(code)
        while place is not None and place.parent is not None and place.parent not in seen:
            seen.add(place.parent)
            place = self._by_code.get(place.parent)
            if place is not None:
                chain.append(place)
        return tuple(chain)

    def is_under(self, code: str, ancestor: str) -> bool:
        return any(p.code == ancestor for p in self.ancestors(code))

    # -- lookups ------------------------------------------------------------------------------

    def candidates(self, name: str) -> tuple[PlaceMatch, ...]:
        """Every place ``name`` is written for, any year, any way (no qualified names)."""
        return self._names.get(place_key(name), ())

    def lookup(self, query: str, *, year: int | None = None) -> PlaceLookup:
        """The places ``query`` names (a code, a name, a short form or a qualified name)."""
        text = query.strip()
        if text in self._by_code:
            return PlaceLookup(query, year, (PlaceMatch(self._by_code[text], text, NAME),))
        matches = _choose(self.candidates(text), year)
        if matches:
            return PlaceLookup(query, year, matches)
        qualified = _choose(self._qualified(place_key(text), 1), year)
        if qualified:
            return PlaceLookup(query, year, qualified, qualified=True)
        return PlaceLookup(query, year, suggestions=self.suggest(text))

    def _qualified(self, key: str, depth: int) -> list[PlaceMatch]:
        """Matches of ``key`` read as parent name + child name (南京市鼓楼区)."""
        if depth > _MAX_QUALIFIED_DEPTH:
            return []
        found: dict[str, PlaceMatch] = {}
        for cut in range(2, len(key) - 1):
            heads = self._names.get(key[:cut], ())
            if not heads:
                continue
            rest = key[cut:]
            tails = list(self._names.get(rest, ())) or self._qualified(rest, depth + 1)
            for tail in tails:
                if any(self.is_under(tail.place.code, h.place.code) for h in heads):
                    found.setdefault(f"{tail.place.code}/{tail.how}", tail)
        return list(found.values())

    def suggest(self, query: str) -> tuple[Division, ...]:
        """Places whose names are closest to ``query`` (for a misspelt name)."""
        from rapidfuzz import fuzz, process  # noqa: PLC0415 - only when a lookup fails

        if self._choices is None:
            self._choices = sorted(self._names)
        found = process.extract(
            place_key(query),
            self._choices,
            scorer=fuzz.ratio,
            limit=_SUGGESTIONS * 3,
            score_cutoff=_SUGGESTION_CUTOFF,
        )
        places: dict[str, Division] = {}
        for choice, _score, _index in found:
            for match in sorted(self._names[choice], key=lambda m: (not m.current, m.rank)):
                places.setdefault(match.place.code, match.place)
        return tuple(list(places.values())[:_SUGGESTIONS])

    def mentions(self, text: str, *, full_names_only: bool = False) -> list[PlaceMention]:
        """Division names in ``text``, longest first at each position, left to right.

        ``full_names_only`` leaves out short forms (杭州, 朝阳): in running text they are
        too often ordinary words (和平, 新华, 长安).
        """
        found: list[PlaceMention] = []
        key = place_key(text)
        position = 0
        while position < len(key):
            hit: PlaceMention | None = None
            for end in range(min(len(key), position + self._longest), position + 1, -1):
                matches = self._names.get(key[position:end])
                if matches and full_names_only:
                    matches = tuple(m for m in matches if m.how != SHORT)
                if matches:
                    hit = PlaceMention(position, end, key[position:end], matches)
                    break
            if hit is None:
                position += 1
                continue
            found.append(hit)
            position = hit.end
        return found


def _names_of(place: Division) -> Iterator[PlaceMatch]:
    yield PlaceMatch(place, place.name, NAME)
    for old, until in place.former:
        yield PlaceMatch(place, old, FORMER, until)
    for alias in (*place.aliases, *((place.name_en,) if place.name_en else ())):
        yield PlaceMatch(place, alias, ALIAS)
    for short in place.short:
        yield PlaceMatch(place, short, SHORT)


def _choose(matches: Sequence[PlaceMatch], year: int | None) -> tuple[PlaceMatch, ...]:
    """The best matches: valid in ``year`` (else the nearest in time), or current ones, at
    the best rank, one per place."""
    if not matches:
        return ()
    pool = list(matches)
    if year is not None:
        valid = [m for m in pool if m.valid_in(year)]
        if valid:
            pool = valid
        else:
            nearest = min(m.distance(year) for m in pool)
            pool = [m for m in pool if m.distance(year) == nearest]
    else:
        current = [m for m in pool if m.current]
        pool = current or pool
    best = min(m.rank for m in pool)
    chosen: dict[str, PlaceMatch] = {}
    for match in sorted(pool, key=lambda m: (m.rank, m.place.code)):
        if match.rank == best:
            chosen.setdefault(match.place.code, match)
    return tuple(chosen.values())


def place_record(place: Division, index: PlaceIndex) -> dict[str, Any]:
    """A place as plain data (for JSON and the ``places`` command): code, name, level, kind,
    parent (code and name), validity years, successors and every name it is written by."""
    parent = index.get(place.parent) if place.parent else None
    successors = [index.get(code) for code in place.successors]
    return {
        "code": place.code,
        "name": place.name,
        "name_en": place.name_en,
        "level": place.level.value,
        "kind": place.kind or None,
        "parent": (
            {"code": place.parent, "name": parent.name if parent is not None else None}
            if place.parent
            else None
        ),
        "since": place.since,
        "until": place.until,
        "current": place.current,
        "successors": [
            {"code": code, "name": found.name if found is not None else None}
            for code, found in zip(place.successors, successors, strict=True)
        ],
        "short_forms": list(place.short),
        "aliases": list(place.aliases),
        "former_names": [{"name": name, "until": until} for name, until in place.former],
    }
