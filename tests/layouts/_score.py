"""Scoring the layout corpus: hand-written expectations against what the loaders read.

Every ``<name>.txt`` in this folder is a fictional plan written for the corpus, and
``<name>.expected.toml`` beside it says by hand what its tables hold::

    [document]
    period = [2021, 2025]
    layout = "Markdown pipes with a separator row"                 # what the document shows
    [[rows]]
    name = "养老机构护理型床位占比"
    unit = "%"
    baseline = { year = 2020, value = "45" }                      # optional
    target = { year = 2025, comparator = ">=", value = "55" }    # or "range" with low, high;
                                                                  # or "relative" with relation
                                                                  # and reference
    actual = { year = 2020, value = "96" }                        # optional (completion tables)
    attribute = "binding"                                         # or "anticipatory"; omit if none
    section = "养老服务"                                           # optional

A row is *found* when the plan has a table indicator of that name, and *exact* when its unit,
baseline, target and attribute (and actual, where one is expected) are also what the file
says. Sections are counted on their own. The docs' accuracy table prints each document's
``layout``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import tomli

from minzheng_plans.core.model import Attribute, Indicator, Observation, Plan, SourceKind
from minzheng_plans.core.quantity import Comparison, Range, Relative, Target

__all__ = [
    "FOLDER",
    "Document",
    "RowResult",
    "RowScore",
    "corpus",
    "expected_target",
    "load_with_builtins",
    "score_rows",
]

FOLDER = Path(__file__).parent


@attrs.frozen
class Document:
    """A corpus document: its text file, its expectation, and the layout it shows."""

    name: str
    text: Path
    expected: Mapping[str, Any]
    layout: str


def corpus(folder: Path = FOLDER) -> list[Document]:
    """Every document of the corpus whose expectation lists table rows, by name.

    Documents that expect prose targets only (``[[prose]]``) are scored by the prose scorer
    beside this one.
    """
    documents = []
    for text in sorted(folder.glob("*.txt")):
        expectation = text.with_name(f"{text.stem}.expected.toml")
        if not expectation.is_file():
            continue
        expected = tomli.loads(expectation.read_text(encoding="utf-8"))
        if not expected.get("rows"):
            continue
        layout = expected.get("document", {}).get("layout", "")
        documents.append(Document(text.stem, text, expected, layout))
    return documents


def load_with_builtins(path: Path) -> Plan:
    """The plan the built-in loaders make of ``path`` (no jurisdiction plugin installed)."""
    from minzheng_plans.plugins.host import create_plugin_host  # noqa: PLC0415
    from minzheng_plans.reading.loading import load_path  # noqa: PLC0415

    host = create_plugin_host(entry_points=False)
    return load_path(path, host).plan


def expected_target(entry: Mapping[str, Any]) -> Target:
    """The target an expectation entry states."""
    year = int(entry["year"])
    comparator = entry.get("comparator", "=")
    if comparator == "range":
        return Range(year, Decimal(entry["low"]), Decimal(entry["high"]))
    if comparator == "relative":
        low, high = entry.get("low"), entry.get("high")
        return Relative(
            year,
            entry["relation"],
            entry["reference"],
            Decimal(low) if low is not None else None,
            Decimal(high) if high is not None else None,
        )
    return Comparison(year, Decimal(entry["value"]), comparator)


def _observation(entry: Mapping[str, Any] | None) -> Observation | None:
    if entry is None:
        return None
    return Observation(int(entry["year"]), Decimal(entry["value"]), entry.get("comparator", "="))


@attrs.frozen
class RowResult:
    """One expected row: the indicator matched to it, if any, and what differs."""

    expected: Mapping[str, Any]
    found: Indicator | None
    differences: tuple[str, ...] = ()

    @property
    def exact(self) -> bool:
        return self.found is not None and not self.differences

    @property
    def section_right(self) -> bool | None:
        """Whether the section is right; ``None`` when none is expected."""
        if "section" not in self.expected:
            return None
        return self.found is not None and self.found.section == self.expected["section"]


@attrs.frozen
class RowScore:
    """The rows of one document (or of several, added up)."""

    rows: tuple[RowResult, ...] = ()

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def found(self) -> int:
        return sum(1 for row in self.rows if row.found is not None)

    @property
    def exact(self) -> int:
        return sum(1 for row in self.rows if row.exact)

    @property
    def sections(self) -> tuple[int, int]:
        """Right sections, and expected ones."""
        checks = [row.section_right for row in self.rows if row.section_right is not None]
        return sum(checks), len(checks)

    def __add__(self, other: RowScore) -> RowScore:
        return RowScore((*self.rows, *other.rows))

    def failures(self) -> Iterator[str]:
        for row in self.rows:
            if not row.exact:
                what = "; ".join(row.differences) if row.found else "not found"
                yield f"{row.expected['name']}: {what}"


def _differences(expected: Mapping[str, Any], indicator: Indicator) -> tuple[str, ...]:
    checks: list[tuple[str, object, object]] = [
        ("unit", expected.get("unit", ""), indicator.unit),
        ("baseline", _observation(expected.get("baseline")), indicator.baseline),
        ("target", expected_target(expected["target"]), indicator.target),
        (
            "attribute",
            Attribute(expected["attribute"]) if "attribute" in expected else None,
            indicator.attribute,
        ),
    ]
    if "actual" in expected:
        checks.append(("actual", _observation(expected["actual"]), indicator.actual))
    return tuple(f"{what} {got!r}, expected {want!r}" for what, want, got in checks if want != got)


def score_rows(expected: Mapping[str, Any], plan: Plan) -> RowScore:
    """Each ``[[rows]]`` entry of ``expected`` matched with the plan's table indicators.

    Rows match by name, each indicator once, in document order; among indicators of the same
    name the one that matches exactly is preferred.
    """
    candidates = [
        item
        for item in plan.indicators
        if item.source is not None and item.source.kind == SourceKind.TABLE
    ]
    used: set[int] = set()
    results: list[RowResult] = []
    for entry in expected.get("rows", ()):
        same = [
            i for i, item in enumerate(candidates) if i not in used and item.name == entry["name"]
        ]
        scored = [(i, _differences(entry, candidates[i])) for i in same]
        best = next(((i, d) for i, d in scored if not d), scored[0] if scored else None)
        if best is None:
            results.append(RowResult(entry, None))
            continue
        used.add(best[0])
        results.append(RowResult(entry, candidates[best[0]], best[1]))
    return RowScore(tuple(results))


def score_corpus(documents: Sequence[Document]) -> dict[str, RowScore]:
    """Each document's row score, loaded with the built-in loaders; a refused one scores 0."""
    from minzheng_plans.core.errors import MinzhengError  # noqa: PLC0415

    scores = {}
    for document in documents:
        try:
            plan = load_with_builtins(document.text)
        except MinzhengError:
            rows = tuple(RowResult(entry, None) for entry in document.expected.get("rows", ()))
            scores[document.name] = RowScore(rows)
            continue
        scores[document.name] = score_rows(document.expected, plan)
    return scores
