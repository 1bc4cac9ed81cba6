"""The typed plan model: frozen, slotted records with no knowledge of any file format.

(Un)structuring lives in :mod:`minzheng_plans.files.converter`; units in
:mod:`minzheng_plans.units.registry`. Everything here is hashable and compares by value.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from decimal import Decimal

import attrs

from minzheng_plans.core.enums import member_of
from minzheng_plans.core.findings import Finding, Waiver
from minzheng_plans.core.pickling import tuple_state
from minzheng_plans.core.quantity import (
    Comparator,
    Target,
    check_finite,
    check_year,
    to_comparator,
    to_decimal,
)

__all__ = [
    "Attribute",
    "Indicator",
    "Jurisdiction",
    "Level",
    "Observation",
    "Period",
    "Plan",
    "PlanRef",
    "Project",
    "Section",
    "Source",
    "SourceKind",
]


class Level(enum.StrEnum):
    """Administrative level of a jurisdiction."""

    NATIONAL = "national"
    PROVINCIAL = "provincial"
    PREFECTURE = "prefecture"
    COUNTY = "county"
    ZONE = "zone"


class Attribute(enum.StrEnum):
    """An indicator's attribute: 约束性 (binding) or 预期性 (anticipatory)."""

    BINDING = "binding"
    ANTICIPATORY = "anticipatory"


class SourceKind(enum.StrEnum):
    TABLE = "table"
    PROSE = "prose"
    FILE = "file"


# Typed converters (mypy cannot type ``converter=tuple``): lists given by loaders become tuples.
def _str_tuple(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


def _ref_tuple(items: Iterable[PlanRef]) -> tuple[PlanRef, ...]:
    return tuple(items)


def _indicator_tuple(items: Iterable[Indicator]) -> tuple[Indicator, ...]:
    return tuple(items)


def _project_tuple(items: Iterable[Project]) -> tuple[Project, ...]:
    return tuple(items)


def _section_tuple(items: Iterable[Section]) -> tuple[Section, ...]:
    return tuple(items)


def _finding_tuple(items: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(items)


def _waiver_tuple(items: Iterable[Waiver]) -> tuple[Waiver, ...]:
    return tuple(items)


@tuple_state
@attrs.frozen
class Period:
    """The plan period, inclusive: 2021-2025 for the 14th five-year plan."""

    start: int = attrs.field(validator=check_year)
    end: int = attrs.field(validator=check_year)

    @end.validator
    def _ordered(self, _attribute: attrs.Attribute[int], end: int) -> None:
        if end < self.start:
            msg = f"period ends ({end}) before it starts ({self.start})"
            raise ValueError(msg)

    def __contains__(self, year: object) -> bool:
        return isinstance(year, int) and self.start <= year <= self.end


def _level(value: object) -> Level:
    # Every place of China becomes a Jurisdiction on the first registry lookup: a member, or
    # a level's value, passes without the enum's own lookup, a third of the construction.
    return member_of(Level, value)


@tuple_state
@attrs.frozen
class Jurisdiction:
    """A jurisdiction: GB/T 2260 code where one exists, names, level and parent code."""

    code: str
    name: str
    level: Level = attrs.field(converter=_level)
    name_en: str | None = None
    parent: str | None = None


@tuple_state
@attrs.frozen
class PlanRef:
    """A plan this one is based on (依据…): by id when known, and by title as written."""

    title: str
    id: str | None = None


@tuple_state
@attrs.frozen
class Source:
    """Where a value came from in the original document.

    ``line`` is 1-based in the original document; ``quote`` an exact substring of it (in
    committed data, only the clause that states the figure); ``raw`` the text as extracted
    where a loader repaired it. ``table`` is a table's caption and ``row`` the row's number
    as the table numbers it.

    Documents without lines (DOCX, web pages, PDF) say where a person would look instead,
    each 1-based: ``page`` of a PDF; ``table_index``, the table's position among the
    document's tables; ``row_index``, the row's position in that table, header rows
    included; ``paragraph``, the paragraph's position among the body paragraphs.
    """

    kind: SourceKind = attrs.field(converter=SourceKind)
    table: str | None = None
    row: int | None = None
    line: int | None = None
    quote: str | None = None
    raw: str | None = None
    page: int | None = None
    table_index: int | None = None
    row_index: int | None = None
    paragraph: int | None = None


@tuple_state
@attrs.frozen
class Observation:
    """A measured value in a year: a baseline or an actual (``≥95`` keeps its comparator)."""

    year: int = attrs.field(validator=check_year)
    value: Decimal = attrs.field(converter=to_decimal, validator=check_finite)
    comparator: Comparator = attrs.field(default=Comparator.EQ, converter=to_comparator)


@tuple_state
@attrs.frozen
class Indicator:
    """One indicator row (or prose target) of a plan.

    ``section`` is the category a table lists the indicator under (``一、社会救助`` above its
    rows, or a 类别 column): ``社会救助``.
    """

    id: str
    name: str
    unit: str = ""
    code: str | None = None
    attribute: Attribute | None = None
    baseline: Observation | None = None
    target: Target | None = None
    actual: Observation | None = None
    growth: Decimal | None = attrs.field(
        default=None, converter=attrs.converters.optional(to_decimal)
    )
    status: str | None = None
    definition: str | None = None
    project: str | None = None
    section: str | None = None
    source: Source | None = None


@tuple_state
@attrs.frozen
class Section:
    """A heading of the plan's structure (章, 节, 一、, (一)…) with its children."""

    number: str
    title: str
    level: int = 1
    line: int | None = None
    sections: tuple[Section, ...] = attrs.field(default=(), converter=_section_tuple)


@tuple_state
@attrs.frozen
class Project:
    """A boxed key project (专栏) with its caption; its figures are indicators naming it."""

    id: str
    title: str
    number: str | None = None
    line: int | None = None


@tuple_state
@attrs.frozen
class Plan:
    """A development plan: metadata, structure, projects, indicators and loading findings.

    ``waivers`` are the approved deviations written in the plan file itself (``[[waivers]]``
    and inline ``# minzheng: ignore[...]`` comments); they apply to this plan's findings.

    Collections are stored as tuples even when given as lists, so that a plan handed to
    several rules cannot be edited by one of them.
    """

    id: str
    title: str
    jurisdiction: Jurisdiction
    period: Period
    issuers: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    document_number: str | None = None
    issued: dt.date | None = None
    based_on: tuple[PlanRef, ...] = attrs.field(default=(), converter=_ref_tuple)
    source: str | None = None
    indicators: tuple[Indicator, ...] = attrs.field(default=(), converter=_indicator_tuple)
    projects: tuple[Project, ...] = attrs.field(default=(), converter=_project_tuple)
    sections: tuple[Section, ...] = attrs.field(default=(), converter=_section_tuple)
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_finding_tuple)
    waivers: tuple[Waiver, ...] = attrs.field(default=(), converter=_waiver_tuple)

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator with this id; ``KeyError`` when there is none."""
        for item in self.indicators:
            if item.id == indicator_id:
                return item
        raise KeyError(indicator_id)
