"""The indicator catalog: canonical civil-affairs indicators and the names plans give them.

Plans at different levels name one indicator differently (乡镇(街道)… and 镇(街)…,
护理型床位占比 and 养老机构护理型床位占比). Each :class:`CatalogEntry` gives one indicator a
stable code, its Chinese and English names, the aliases used at each level, its canonical unit,
its kind (which decides whether it compares across levels), which direction is better, and its
domain. :meth:`Catalog.match` resolves a name as written in three steps:

1. the exact name or an alias (``how="exact"`` / ``"alias"``);
2. the normalised name (:func:`normalise_name`: width, brackets, quotes, spaces, township
   wording, a trailing unit in brackets) against every normalised name and alias
   (``how="normalised"``);
3. otherwise no entry (``how="none"``) and fuzzy *candidates* ranked by rapidfuzz, offered as
   suggestions and never accepted silently: a loader records them in an MZ504 finding.

The bundled entries live in ``data/catalog.toml`` and reach the plugin host through the
built-in plugin :mod:`minzheng_plans.builtin.catalog`, like any plugin's entries.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

import attrs

from minzheng_plans.core.names import normalise_name
from minzheng_plans.core.quantity import Direction

if TYPE_CHECKING:
    from minzheng_plans.files.datafile import DataFile

__all__ = [
    "CATALOG_SCHEMA_ID",
    "DOMAINS",
    "Candidate",
    "Catalog",
    "CatalogEntry",
    "IndicatorKind",
    "Match",
    "bundled_entries",
    "default_catalog",
    "load_catalog",
    "loads_catalog",
    "normalise_name",
]

CATALOG_SCHEMA_ID = "minzheng-plans-catalog/1"


class IndicatorKind(enum.StrEnum):
    """What an indicator measures; intensive kinds compare across levels, extensive never."""

    SHARE = "share"  # a part of a whole: 护理型床位占比
    COVERAGE = "coverage"  # units covered by a service: 覆盖率
    RATE = "rate"  # events per base: 火化率, 返回率, 持证率
    PER_CAPITA = "per_capita"  # per person or per population: 每千名老年人…床位数
    RATIO = "ratio"  # one quantity against another: 城市与农村低保标准比
    GROWTH = "growth"  # change over a period: 年度增速, 五年增长
    COUNT = "count"  # how many: 社会工作专业人才数
    TOTAL = "total"  # a stock or sum: 养老床位总数
    AMOUNT = "amount"  # money: 慈善组织接受社会捐赠总额

    @property
    def intensive(self) -> bool:
        return self not in _EXTENSIVE


_EXTENSIVE = frozenset({IndicatorKind.COUNT, IndicatorKind.TOTAL, IndicatorKind.AMOUNT})

# Domain slugs with their Chinese and English labels; codes start with the prefix.
DOMAINS: Mapping[str, tuple[str, str, str]] = {
    "social-assistance": ("SA", "社会救助", "social assistance"),
    "elderly-care": ("EC", "养老服务", "elderly care services"),
    "child-welfare": ("CW", "儿童福利和未成年人保护", "child welfare and protection of minors"),
    "disability": ("DW", "残疾人福利", "welfare for persons with disabilities"),
    "community-governance": ("CG", "基层政权和社区治理", "community-level governance"),
    "social-organisations": ("SO", "社会组织", "social organisations"),
    "social-work": ("SW", "社会工作", "social work"),
    "volunteering": ("VS", "志愿服务", "volunteer services"),
    "charity": ("CH", "慈善事业", "charity"),
    "welfare-lottery": ("WL", "福利彩票", "welfare lottery"),
    "marriage": ("MR", "婚姻登记", "marriage registration"),
    "funeral": ("FS", "殡葬服务", "funeral and interment services"),
    "place-names": ("PN", "区划地名", "administrative divisions and place names"),
    "disaster-relief": ("DR", "减灾救灾", "disaster reduction and relief"),
    "special-care": ("PC", "优抚安置", "special care for entitled groups"),
    "general": ("GN", "综合", "general"),
}

_CODE = re.compile(r"^[A-Z]{2}-[A-Z0-9]+(?:-[A-Z0-9]+)*$")


def _tuple_of_str(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class CatalogEntry:
    """One canonical indicator.

    ``code`` reads ``{domain prefix}-{MNEMONIC}`` (``EC-NURSING-BED-SHARE``); ``unit`` is the
    canonical unit spelling (``""`` for a pure number); ``aliases`` are the other names plans
    use, as written.
    """

    code: str = attrs.field()
    name: str
    name_en: str
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    unit: str = ""
    kind: IndicatorKind = attrs.field(default=IndicatorKind.SHARE, converter=IndicatorKind)
    direction: Direction = attrs.field(default=Direction.HIGHER, converter=Direction)
    domain: str = "general"
    definition: str = ""

    @code.validator
    def _check_code(self, _attribute: attrs.Attribute[str], code: str) -> None:
        if not _CODE.match(code):
            msg = f"catalog code {code!r} must read like EC-NURSING-BED-SHARE"
            raise ValueError(msg)

    @property
    def intensive(self) -> bool:
        """Rates, shares, coverage, per-capita figures, ratios and growth compare across levels."""
        return self.kind.intensive

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class Candidate(NamedTuple):
    """A fuzzy suggestion: catalog code, canonical name and a similarity score 0–100."""

    code: str
    name: str
    score: int


HowMatched = Literal["exact", "alias", "normalised", "none"]


@attrs.frozen
class Match:
    """The result of :meth:`Catalog.match`: an entry, or candidates to propose."""

    entry: CatalogEntry | None
    how: HowMatched
    candidates: tuple[Candidate, ...] = ()

    @property
    def code(self) -> str | None:
        return self.entry.code if self.entry is not None else None

    def __bool__(self) -> bool:
        return self.entry is not None


# Below this score a fuzzy candidate is noise (unrelated indicators share many characters).
FUZZY_CUTOFF = 60
FUZZY_LIMIT = 5
_PERCENT_UNITS = frozenset({"%", "‰", "％"})
# Names whose candidates a catalog remembers: more than any run's distinct names (a plan holds
# at most 10 000 indicators), few enough to stay a few megabytes.
_CANDIDATE_CACHE = 100_000


# The normalised names of the bundled entries, read from the compiled cache with them: a
# catalog's index would otherwise normalise some 500 names on every start.
_KNOWN_KEYS: dict[str, str] = {}


def _key(name: str) -> str:
    return _KNOWN_KEYS.get(name) or normalise_name(name)


class Catalog:
    """Entries indexed by code, by every name and alias, and by their normalised forms.

    Entries come from several plugins, so conflicts are recorded, not raised: a repeated code
    or a name already claimed by another entry keeps the first claim, and ``conflicts`` says
    what was left out (the built-in data is tested to have none).
    """

    def __init__(self, entries: Iterable[CatalogEntry] = ()) -> None:
        by_code: dict[str, CatalogEntry] = {}
        by_name: dict[str, tuple[CatalogEntry, bool]] = {}  # name -> (entry, is_alias)
        normalised: dict[str, CatalogEntry] = {}
        conflicts: list[str] = []
        for entry in entries:
            if entry.code in by_code:
                conflicts.append(f"code {entry.code} repeated; the first entry is kept")
                continue
            by_code[entry.code] = entry
            for position, name in enumerate(entry.names):
                owner = by_name.setdefault(name, (entry, position > 0))[0]
                if owner is not entry:
                    conflicts.append(f"name {name!r} of {entry.code} belongs to {owner.code}")
                    continue
                key = _key(name)
                owner = normalised.setdefault(key, entry)
                if owner is not entry:
                    conflicts.append(
                        f"name {name!r} of {entry.code} normalises like a name of {owner.code}"
                    )
        # Read-only views: rules share one catalog, and one rule's edit must not change
        # what the next rule finds.
        self._entries: Mapping[str, CatalogEntry] = MappingProxyType(by_code)
        self._names: Mapping[str, tuple[CatalogEntry, bool]] = MappingProxyType(by_name)
        self._normalised: Mapping[str, CatalogEntry] = MappingProxyType(normalised)
        self.conflicts: tuple[str, ...] = tuple(conflicts)
        # Fuzzy candidates cost about a millisecond a name, and loaders and several rules ask
        # about every indicator: each answer is kept (the entries never change), up to a bound.
        self._candidates: dict[tuple[str, bool | None, int], tuple[Candidate, ...]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[CatalogEntry]:
        return iter(self._entries.values())

    def __contains__(self, code: object) -> bool:
        return code in self._entries

    def __repr__(self) -> str:
        return f"<Catalog of {len(self)} indicators>"

    @property
    def entries(self) -> tuple[CatalogEntry, ...]:
        return tuple(self._entries.values())

    def get(self, code: str) -> CatalogEntry | None:
        return self._entries.get(code)

    def match(self, name: str, unit: str = "", *, suggest: bool = True) -> Match:
        """Resolve a name as written; fuzzy results are only ever candidates.

        ``unit`` (as written) breaks ties between candidates: an entry whose unit is of the
        same family (% or ‰ against a counting unit) ranks first. ``suggest=False`` leaves the
        candidates out, for callers that need the entry only (rules, comparisons): without a
        fuzzy search, a name the catalog lacks costs microseconds.
        """
        found = self._names.get(name)
        if found is not None:
            entry, is_alias = found
            return Match(entry, "alias" if is_alias else "exact")
        key = normalise_name(name)
        if not key:
            return Match(None, "none")
        similar = self._normalised.get(key)
        if similar is not None:
            return Match(similar, "normalised")
        return Match(None, "none", self.candidates(name, unit) if suggest else ())

    def candidates(
        self, name: str, unit: str = "", limit: int = FUZZY_LIMIT
    ) -> tuple[Candidate, ...]:
        """Entries whose names resemble ``name``, best first (rapidfuzz, loaded lazily).

        Remembered per catalog: asking again about a name costs a dictionary lookup.
        """
        key = normalise_name(name)
        if not key or not self._normalised:
            return ()
        percent = unit.strip() in _PERCENT_UNITS if unit.strip() else None
        cached = self._candidates.get((key, percent, limit))
        if cached is not None:
            return cached
        found = self._fuzzy(key, percent, limit)
        if len(self._candidates) < _CANDIDATE_CACHE:
            self._candidates[key, percent, limit] = found
        return found

    def _fuzzy(self, key: str, percent: bool | None, limit: int) -> tuple[Candidate, ...]:
        from rapidfuzz import fuzz, process  # noqa: PLC0415 - rapidfuzz loads lazily

        choices = list(self._normalised)
        best: dict[str, int] = {}
        for choice, score, _index in process.extract(
            key, choices, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=FUZZY_CUTOFF
        ):
            code = self._normalised[choice].code
            best[code] = max(best.get(code, 0), round(score))

        def rank(code: str) -> tuple[bool, int, str]:
            same_family = percent is None or (self._entries[code].unit in _PERCENT_UNITS) == percent
            return (not same_family, -best[code], code)

        ordered = sorted(best, key=rank)[:limit]
        return tuple(Candidate(code, self._entries[code].name, best[code]) for code in ordered)

    def search(self, query: str) -> list[CatalogEntry]:
        """Entries whose code, names or aliases contain ``query`` (Chinese or English).

        A Chinese query is compared after normalisation as a substring; an English query
        matches when every word starts a word of the English name (``nursing beds`` finds
        "nursing-care beds"). An empty query lists every entry.
        """
        text = query.strip()
        if not text:
            return list(self._entries.values())
        exact = self._entries.get(text.upper())
        key = normalise_name(text)
        words = _words(text)
        hits: list[tuple[int, str, CatalogEntry]] = []
        for entry in self._entries.values():
            if entry is exact:
                hits.append((0, entry.code, entry))
                continue
            normalised = [_key(name) for name in entry.names]
            if key in normalised:
                hits.append((1, entry.code, entry))
            elif key and any(key in name for name in normalised):
                hits.append((2, entry.code, entry))
            elif words and _all_words_start(words, _words(entry.name_en)):
                hits.append((3, entry.code, entry))
            elif key and key in entry.code.casefold():
                hits.append((4, entry.code, entry))
        hits.sort(key=lambda hit: (hit[0], hit[1]))
        return [entry for _rank, _code, entry in hits]


_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _all_words_start(query: Sequence[str], words: Sequence[str]) -> bool:
    # Plural and singular ("bed", "beds") and prefixes ("institution") all find the word.
    stems = [word.rstrip("s") or word for word in query]
    return all(any(word.startswith(stem) for word in words) for stem in stems)


# ---------------------------------------------------------------- the TOML catalog format

_FIELDS = frozenset(
    {"code", "name", "name_en", "aliases", "unit", "kind", "direction", "domain", "definition"}
)
_REQUIRED = ("code", "name", "name_en", "unit", "kind", "direction", "domain")


def loads_catalog(text: str, *, path: str | None = None) -> list[CatalogEntry]:
    """Read catalog entries from TOML text (``schema = "minzheng-plans-catalog/1"``).

    Raises :class:`~minzheng_plans.core.errors.PlanFileError` naming the file, line and key of the
    first problem: syntax, an unknown schema, a missing or unknown field, a bad value.
    """
    from minzheng_plans.files.datafile import DataFile  # noqa: PLC0415 - tomli loads lazily

    data = DataFile(text, path=path, schema=CATALOG_SCHEMA_ID)
    return [_entry(data, where, item) for where, item in data.tables("indicator", frozenset())]


def _entry(data: DataFile, where: str, item: dict[str, Any]) -> CatalogEntry:
    data.check_fields(where, item, _FIELDS, _REQUIRED)
    if item["domain"] not in DOMAINS:
        data.fail(f"unknown domain; known: {', '.join(DOMAINS)}", f"{where}.domain")
    prefix = DOMAINS[item["domain"]][0]
    if not item["code"].startswith(f"{prefix}-"):
        data.fail(f"a {item['domain']} code starts with {prefix}-", f"{where}.code")
    for key, enum_type in (("kind", IndicatorKind), ("direction", Direction)):
        allowed = [member.value for member in enum_type]
        if item[key] not in allowed:
            data.fail(f"expected one of {', '.join(allowed)}", f"{where}.{key}")
    try:
        return CatalogEntry(**item)
    except ValueError as err:
        data.fail(str(err), f"{where}.code")


def load_catalog(path: str) -> list[CatalogEntry]:
    """Read catalog entries from a TOML file (for plugins shipping their own catalog)."""
    with open(path, encoding="utf-8") as handle:  # noqa: PTH123
        return loads_catalog(handle.read(), path=path)


@cache
def bundled_entries() -> tuple[CatalogEntry, ...]:
    """The entries of ``data/catalog.toml`` (what the built-in catalog plugin registers).

    Kept in the compiled cache (:mod:`minzheng_plans.files.cache`) as plain fields with
    their names normalised, keyed by the file's stamp
    (:func:`~minzheng_plans.files.cache.file_stamp`).
    """
    from minzheng_plans.files.cache import cached, file_stamp  # noqa: PLC0415
    from minzheng_plans.files.resources import data_file  # noqa: PLC0415

    source = data_file("catalog.toml")

    def read() -> tuple[list[dict[str, Any]], dict[str, str]]:
        entries = loads_catalog(source.read_text(encoding="utf-8"), path="catalog.toml")
        fields = [
            {
                key: value.value if isinstance(value, enum.Enum) else value
                for key, value in attrs.asdict(entry, recurse=False).items()
            }
            for entry in entries
        ]
        return fields, {name: normalise_name(name) for entry in entries for name in entry.names}

    fields, keys = cached("catalog", file_stamp(source), read)
    _KNOWN_KEYS.update(keys)
    return tuple(CatalogEntry(**each) for each in fields)


@cache
def default_catalog() -> Catalog:
    """The bundled catalog only, built once; a plugin host's ``catalog()`` adds plugins'."""
    return Catalog(bundled_entries())
