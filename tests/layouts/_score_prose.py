"""Score prose targets (and document metadata) against hand-written expectations.

An expectation file is TOML::

    [document]
    title = "…"              # optional; likewise period, document_number, issuers, …
    period = [2021, 2025]
    [[prose]]
    name = "城市低保标准"
    unit = "元/人·月"
    comparator = ">="        # =, >=, >, <=, <, range, approx, relative
    year = 2025
    value = "700"            # or low/high (range, relative shares)
    basis = "annual-growth"  # optional: annual-growth | cumulative (default: a level)
    relation = ">="          # relative targets only, with reference = "…"

A target is *found* when the plan has a prose indicator stating the same figure (value, or
both ends) whose name is close to the expected one; it is *exact* when name, unit,
comparator, year, figure, basis (and relation and reference) all agree. Names compare after
:func:`~minzheng_plans.core.names.normalise_name` (form only: width, brackets, quotes) and
without a trailing 数 (``养老床位`` / ``养老床位数``); units compare by their canonical
spelling in the unit registry (``张/千名老年人`` is ``张/千人``). Only prose indicators outside
专栏 boxes count: box figures are projects, scored elsewhere.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import attrs
from rapidfuzz import fuzz

from minzheng_plans.core.errors import UnitError
from minzheng_plans.core.model import Indicator, Plan, SourceKind
from minzheng_plans.core.names import normalise_name
from minzheng_plans.core.quantity import Basis, Comparison, Range, Relative
from minzheng_plans.units.registry import Units, default_units

__all__ = [
    "DocumentScore",
    "Expected",
    "accuracy_table",
    "corpus_documents",
    "expected_targets",
    "metadata_misses",
    "observed",
    "prose_indicators_of",
    "read_expectations",
    "score_corpus",
    "score_seeds",
    "score_targets",
]

# Below this name similarity (0-100) a target with the right figure is a different one.
_NAME_SIMILARITY = 50


@attrs.frozen
class Expected:
    """One target as the expectation (or the plan) states it, in comparable form."""

    name: str
    unit: str
    comparator: str
    year: int
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    basis: str = Basis.LEVEL.value
    relation: str | None = None
    reference: str | None = None

    @property
    def figures(self) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
        return self.value, self.low, self.high

    def __str__(self) -> str:
        figure = self.value if self.value is not None else f"{self.low}–{self.high}"
        basis = "" if self.basis == Basis.LEVEL.value else f" [{self.basis}]"
        return f"{self.name} {self.comparator} {figure} {self.unit} ({self.year}){basis}"


@attrs.frozen
class DocumentScore:
    """How many expected targets a plan has, found and exactly right, with the misses."""

    name: str
    expected: int
    found: int
    exact: int
    missing: tuple[str, ...] = ()
    inexact: tuple[str, ...] = ()

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision_exact(self) -> float:
        return self.exact / self.expected if self.expected else 1.0


def _decimal(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def expected_targets(items: Iterable[Mapping[str, Any]]) -> list[Expected]:
    return [
        Expected(
            name=item["name"],
            unit=item.get("unit", ""),
            comparator=item["comparator"],
            year=int(item["year"]),
            value=_decimal(item.get("value")),
            low=_decimal(item.get("low")),
            high=_decimal(item.get("high")),
            basis=item.get("basis", Basis.LEVEL.value),
            relation=item.get("relation"),
            reference=item.get("reference"),
        )
        for item in items
    ]


def read_expectations(path: Path) -> tuple[dict[str, Any], list[Expected]]:
    """The ``[document]`` table and the ``[[prose]]`` targets of an expectation file."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return data.get("document", {}), expected_targets(data.get("prose", []))


def observed(indicator: Indicator) -> Expected | None:
    """The plan's prose target in the expectation's terms (``None`` without a target)."""
    target = indicator.target
    if isinstance(target, Comparison):
        comparator = "approx" if target.approximate else target.comparator.value
        return Expected(
            indicator.name,
            indicator.unit,
            comparator,
            target.year,
            value=target.value,
            basis=target.basis.value,
        )
    if isinstance(target, Range):
        return Expected(
            indicator.name,
            indicator.unit,
            "range",
            target.year,
            low=target.low,
            high=target.high,
            basis=target.basis.value,
        )
    if isinstance(target, Relative):
        return Expected(
            indicator.name,
            indicator.unit,
            "relative",
            target.year,
            low=target.low,
            high=target.high,
            relation=target.relation.value,
            reference=target.reference,
        )
    return None


def prose_indicators_of(plan: Plan) -> list[Indicator]:
    """The plan's prose targets outside 专栏 boxes."""
    return [
        i
        for i in plan.indicators
        if i.source is not None and i.source.kind == SourceKind.PROSE and i.project is None
    ]


def _name_key(name: str) -> str:
    return normalise_name(name).removesuffix("数")


@cache
def _units() -> Units:
    return default_units()


def _unit_key(unit: str) -> str:
    if not unit:
        return ""
    try:
        return _units().normalise(unit)
    except UnitError:
        return unit


def _same_figure(a: Expected, b: Expected) -> bool:
    if a.value is not None:
        return a.value in (b.value, b.low if b.low == b.high else None)
    return (a.low, a.high) == (b.low, b.high)


def _exact(expected: Expected, actual: Expected) -> bool:
    return (
        _name_key(expected.name) == _name_key(actual.name)
        and _unit_key(expected.unit) == _unit_key(actual.unit)
        and expected.comparator == actual.comparator
        and expected.year == actual.year
        and expected.figures == actual.figures
        and expected.basis == actual.basis
        and expected.relation == actual.relation
        and expected.reference == actual.reference
    )


def score_targets(name: str, expected: Sequence[Expected], plan: Plan) -> DocumentScore:
    """Pair each expected target with the closest unused prose target of the same figure."""
    actual = [o for o in map(observed, prose_indicators_of(plan)) if o is not None]
    pairs: list[tuple[float, int, int]] = []
    for e_index, wanted in enumerate(expected):
        for a_index, got in enumerate(actual):
            if not _same_figure(wanted, got):
                continue
            similarity = fuzz.ratio(_name_key(wanted.name), _name_key(got.name))
            if similarity >= _NAME_SIMILARITY:
                bonus = 1000 if _exact(wanted, got) else 0
                pairs.append((bonus + similarity, e_index, a_index))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _score, e_index, a_index in sorted(pairs, reverse=True):
        if e_index not in matched and a_index not in used:
            matched[e_index] = a_index
            used.add(a_index)
    missing = tuple(str(e) for i, e in enumerate(expected) if i not in matched)
    inexact = tuple(
        f"{expected[e]}  ≠  {actual[a]}"
        for e, a in sorted(matched.items())
        if not _exact(expected[e], actual[a])
    )
    exact = sum(1 for e, a in matched.items() if _exact(expected[e], actual[a]))
    return DocumentScore(name, len(expected), len(matched), exact, missing, inexact)


def _text(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_text(v) for v in value]
    return value


def metadata_misses(document: Mapping[str, Any], plan: Plan) -> list[str]:
    """Each ``[document]`` field the plan states differently, as ``field: expected ≠ got``."""
    got: dict[str, object] = {
        "title": plan.title,
        "period": [plan.period.start, plan.period.end],
        "document_number": plan.document_number,
        "issuers": list(plan.issuers),
        "issued": _text(plan.issued),
        "based_on": [ref.title for ref in plan.based_on],
    }
    misses = []
    for key, wanted in document.items():
        if key in got and got[key] != wanted:
            misses.append(f"{key}: {wanted!r} ≠ {got[key]!r}")
    return misses


# --- The accuracy table shown in docs/loaders/prose-accuracy.md -------------------------

LAYOUTS = Path(__file__).parent
SEED_LISTS = LAYOUTS.parent / "data" / "seed_prose"
SEEDS = LAYOUTS.parents[2] / "shared" / "seeds"
SEED_PLUGINS = ("chongqing", "henan", "national", "shanghai")
TABLE_START = "<!-- prose-accuracy:start -->"
TABLE_END = "<!-- prose-accuracy:end -->"


def corpus_documents() -> list[tuple[Path, Path]]:
    """``(document, expectation)`` for every corpus document with prose expectations."""
    pairs = []
    for expectation in sorted(LAYOUTS.glob("*.expected.toml")):
        if "prose" not in tomllib.loads(expectation.read_text(encoding="utf-8")):
            continue  # the table corpus shares this folder
        document = expectation.with_name(expectation.name.removesuffix(".expected.toml") + ".txt")
        pairs.append((document, expectation))
    return pairs


def score_corpus() -> list[DocumentScore]:
    """Every corpus document loaded with the built-in loaders only, scored."""
    from minzheng_plans.files.document import Document  # noqa: PLC0415
    from minzheng_plans.plugins.host import create_plugin_host  # noqa: PLC0415
    from minzheng_plans.reading.loading import load_document  # noqa: PLC0415

    host = create_plugin_host(entry_points=False)
    scores = []
    for document, expectation in corpus_documents():
        _meta, expected = read_expectations(expectation)
        text = document.read_text(encoding="utf-8")
        plan = load_document(Document.from_text(document.name, text), host).plan
        scores.append(score_targets(document.stem, expected, plan))
    return scores


def score_seeds(seeds: Path = SEEDS) -> list[DocumentScore]:
    """Every seed with a hand-made prose list, loaded through the jurisdiction plugins."""
    import importlib  # noqa: PLC0415

    from minzheng_plans.files.document import Document  # noqa: PLC0415
    from minzheng_plans.plugins.host import create_plugin_host  # noqa: PLC0415
    from minzheng_plans.reading.loading import load_document  # noqa: PLC0415

    modules = [importlib.import_module(f"minzheng_plans_{name}") for name in SEED_PLUGINS]
    host = create_plugin_host(entry_points=False, extra=modules)
    scores = []
    for listing in sorted(SEED_LISTS.glob("*.toml")):
        document = next(seeds.glob(f"{listing.stem}_*.txt"))
        _meta, expected = read_expectations(listing)
        text = document.read_text(encoding="utf-8")
        plan = load_document(Document.from_text(document.name, text), host).plan
        scores.append(score_targets(listing.stem, expected, plan))
    return scores


def _total(name: str, scores: Sequence[DocumentScore]) -> DocumentScore:
    return DocumentScore(
        name,
        sum(s.expected for s in scores),
        sum(s.found for s in scores),
        sum(s.exact for s in scores),
    )


def accuracy_table(corpus: Sequence[DocumentScore], seeds: Sequence[DocumentScore]) -> str:
    """The Markdown table of the docs page: one row per document, totals per group."""
    rows = ["| group | document | targets | found | exact |", "|---|---|---:|---:|---:|"]
    rows.extend(
        f"| {group} | {score.name} | {score.expected} | {score.found} "
        f"({score.recall:.0%}) | {score.exact} ({score.precision_exact:.0%}) |"
        for group, scores in (("corpus", corpus), ("seeds", seeds))
        for score in [*scores, _total("**all**", scores)]
    )
    return "\n".join(rows)
