"""The generic loader: a best-effort plan from any Chinese plan-like text.

It claims a document only weakly (confidence at most 0.15), so that any jurisdiction plugin
that recognises the document wins. It reads what the text toolkit can read without knowing
the layout: metadata, the section tree, indicator tables in every layout
:func:`~minzheng_plans.text.layouts.find_grids` cuts (pipes, TAB, runs of spaces, one cell
per line), read by :func:`~minzheng_plans.text.reader.read_grids` without any
document-specific repair (a completion table's missing units are taken from the document's
other tables, :func:`~minzheng_plans.text.reader.infer_units`), prose targets and 专栏
projects. Review
sections and sentences about an earlier period are skipped by the prose reader, so that
``“十三五”期间…达到…`` in a 14th plan is not taken for a target. An MZ505 info finding says
what was recognised.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from minzheng_plans.core.errors import DocumentError
from minzheng_plans.core.findings import Severity, make_finding
from minzheng_plans.core.messages import N_, Message
from minzheng_plans.core.model import Jurisdiction, Period
from minzheng_plans.files.document import Document
from minzheng_plans.plugins.context import LoadContext
from minzheng_plans.plugins.hookspecs import Loader, LoadResult, hookimpl

if TYPE_CHECKING:
    from minzheng_plans.core.findings import Finding
    from minzheng_plans.registries.jurisdictions import JurisdictionRegistry
    from minzheng_plans.text.grid import Grid
    from minzheng_plans.text.metadata import Metadata

__all__ = ["LOADER_NAME", "load", "register_loaders", "sniff"]

LOADER_NAME = "generic.text"

# Patterns, compiled (and kept by the re module) on the first sniff: most runs read plan files,
# which never reach this loader, and compiling them all would cost every run.
_CJK = r"[\u4e00-\u9fff]"
_PLAN_WORDS = r"规划|计划|纲要|方案"
_TARGET_WORDS = r"到20\d\d年|达到|不低于|不少于|以上|全覆盖"
_TARGET_YEAR = r"(?:到|至)(20\d\d)年"
# An indicator table's header line (指标名称 … 2025年目标): an excerpt of a plan that is one
# table under a short caption states no plan words and no 到…年.
_TABLE_HEADER = r"指标[^\n]{0,80}?(?:20\d\d|目标|单位)"
_HEADER_YEAR = r"(20\d\d)\s*年"
# Header rows looked at for years: a header spans at most three rows.
_HEADER_ROWS = 3
# What a refusal and the filled-in metadata say (message ids: translated in the catalogs).
NO_PERIOD = N_(
    "the generic loader found no plan period: no five-year-plan words (“十四五”, 十三五, "
    "第十四个五年) or year range (2021—2025年) in the title, the notice or the headings, "
    "and no target year in the text (到2025年) or in a table's header (2025年目标值)"
)
PERIOD_FROM_TARGETS = (
    "The document names no plan period; {period} was inferred from its latest target year "
    "({words})."
)


def sniff(document: Document, _context: LoadContext) -> float:
    """At most 0.15: mostly Chinese text that names a plan and states targets."""
    text = document.text
    if text is None or not text.strip():
        return 0.0
    head = text[:4000]
    letters = [c for c in head if not c.isspace()]
    if not letters or len(re.findall(_CJK, head)) / len(letters) < 0.3:
        return 0.0
    # Counted in hundredths so that the sum is exact (0.05 * 3 is not 0.15 in floats).
    score = 0
    if re.search(_PLAN_WORDS, head):
        score += 5
    if re.search(_TARGET_WORDS, text) or re.search(_TABLE_HEADER, head):
        score += 5
    if "民政" in head:
        score += 5
    return score / 100


def _period(text: str, grids: Sequence[Grid]) -> tuple[Period, str] | None:
    """The period from the latest ``到20xx年`` target year, else from the latest year in a
    table's header (``2025年目标值``): a five-year plan ends there. With the words it was
    read from; for an excerpt that names no period otherwise."""
    years = [int(year) for year in re.findall(_TARGET_YEAR, text)]
    if years:
        end = max(years)
        return Period(end - 4, end), f"到{end}年"
    found = [
        (int(match.group(1)), cell.text)
        for grid in grids
        for row in grid.rows[:_HEADER_ROWS]
        for cell in row
        for match in re.finditer(_HEADER_YEAR, cell.text)
    ]
    if not found:
        return None
    end, words = max(found, key=lambda pair: pair[0])
    return Period(end - 4, end), words


def _jurisdiction(
    metadata: Metadata, text: str, registry: JurisdictionRegistry, period: Period, file: str
) -> tuple[Jurisdiction, tuple[Finding, ...]]:
    """The plan's jurisdiction from all the evidence the document gives (the registry's
    resolver); an unresolved place keeps its name, gets an id of its own and an MZ509."""
    from minzheng_plans.registries.resolve import (  # noqa: PLC0415
        find_addressees,
        resolve_jurisdiction,
        unresolved_finding,
    )

    head = [line for line in text.split("\n")[:60] if line.strip()]
    from minzheng_plans.reading.assemble import plan_id  # noqa: PLC0415

    resolution = resolve_jurisdiction(
        registry,
        title=metadata.title,
        issuers=metadata.issuers,
        addressees=metadata.addressees or find_addressees(head),
        document_number=metadata.document_number,
        nearby=head[:30],
        year=period.start,
    )
    if resolution.resolved:
        return resolution.jurisdiction, ()
    pid = plan_id(resolution.jurisdiction, period)
    return resolution.jurisdiction, (unresolved_finding(resolution, plan=pid, file=file),)


def load(document: Document, context: LoadContext) -> LoadResult:
    # The toolkit is imported on the first load, not when the host registers the loader:
    # a check of plan files never needs it.
    from minzheng_plans.reading.assemble import (  # noqa: PLC0415
        assemble_plan,
        document_text,
        plan_id,
    )
    from minzheng_plans.text.layouts import find_grids  # noqa: PLC0415
    from minzheng_plans.text.metadata import read_metadata  # noqa: PLC0415
    from minzheng_plans.text.reader import infer_units, read_grids  # noqa: PLC0415

    text = document_text(document, LOADER_NAME)
    metadata = read_metadata(text)
    file = Path(document.name).name
    filled = []
    period = metadata.period
    grids = find_grids(text)
    if period is None:
        guessed = _period(text, grids)
        if guessed is None:
            raise DocumentError(NO_PERIOD, path=document.name, message=Message(NO_PERIOD))
        period, words = guessed
        filled.append(
            make_finding(
                "MZ522",
                Severity.INFO,
                PERIOD_FROM_TARGETS,
                file=file,
                period=f"{period.start}-{period.end}",
                words=words,
            )
        )
    jurisdiction, place_findings = _jurisdiction(
        metadata, text, context.jurisdictions(), period, file
    )
    pid = plan_id(jurisdiction, period)
    filled = [attrs.evolve(finding, plan=pid) for finding in filled]
    tables = read_grids(grids, period=period, plan=pid, file=file)
    rows, unit_findings = infer_units(tables, plan=pid, file=file)
    result = assemble_plan(
        document,
        context=context,
        jurisdiction=jurisdiction,
        metadata=metadata,
        period=period,
        table_indicators=rows,
        table_findings=(*tables.findings, *unit_findings),
        table_lines=tables.lines,
        extra_findings=filled,
    )
    plan = result.plan
    prose = sum(1 for i in plan.indicators if i.id.startswith("p"))
    boxed = sum(1 for i in plan.indicators if i.project is not None)
    recognised = make_finding(
        "MZ505",
        Severity.INFO,
        "Loaded by the generic loader: title, period {period}, jurisdiction {jurisdiction}, "
        "{sections} top-level sections, {tables} tables with {rows} rows read, {prose} prose "
        "targets, {projects} projects with {boxed} figures",
        plan=pid,
        file=file,
        tables=len(tables.tables),
        rows=len(tables.indicators),
        period=f"{period.start}-{period.end}",
        jurisdiction=f"{jurisdiction.name} ({jurisdiction.code})",
        sections=len(plan.sections),
        prose=prose,
        projects=len(plan.projects),
        boxed=boxed,
    )
    findings = (recognised, *place_findings, *result.findings)
    return LoadResult(attrs.evolve(plan, findings=findings), findings)


@hookimpl
def register_loaders() -> list[Loader]:
    return [
        Loader(
            name=LOADER_NAME,
            description="Any Chinese plan-like text (lowest confidence): metadata, sections, "
            "prose targets and 专栏 projects, best effort",
            sniff=sniff,
            load=load,
        )
    ]
