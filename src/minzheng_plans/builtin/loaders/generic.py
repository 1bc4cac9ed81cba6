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
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from minzheng_plans.core.errors import DocumentError
from minzheng_plans.core.findings import Severity, make_finding
from minzheng_plans.core.model import Jurisdiction, Level, Period
from minzheng_plans.plugins.hookspecs import Loader, LoadResult, hookimpl
from minzheng_plans.reading.assemble import assemble_plan, document_text, plan_id
from minzheng_plans.reading.document import Document
from minzheng_plans.text.layouts import find_grids
from minzheng_plans.text.metadata import read_metadata
from minzheng_plans.text.reader import infer_units, read_grids

if TYPE_CHECKING:
    from minzheng_plans.registries.jurisdictions import JurisdictionRegistry
from minzheng_plans.plugins.context import LoadContext

__all__ = ["LOADER_NAME", "UNKNOWN_CODE", "load", "register_loaders", "sniff"]

LOADER_NAME = "generic.text"
# Plans of a jurisdiction the registry does not know get this code; the name is kept.
UNKNOWN_CODE = "unknown"

_CJK = re.compile(r"[\u4e00-\u9fff]")
_PLAN_WORDS = re.compile(r"规划|计划|纲要|方案")
_TARGET_WORDS = re.compile(r"到20\d\d年|达到|不低于|不少于|以上|全覆盖")
_TARGET_YEAR = re.compile(r"(?:到|至)(20\d\d)年")
_RANGE_IN_TITLE = re.compile(r"(20\d\d)\s*[—–\-~～至]+\s*(20\d\d)")
_PLACE = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,12}?(?:省|自治区|市|区|县|旗|州|盟))")
_LEVELS = (
    ("自治区", Level.PROVINCIAL),
    ("省", Level.PROVINCIAL),
    ("州", Level.PREFECTURE),
    ("盟", Level.PREFECTURE),
    ("市", Level.PREFECTURE),
    ("区", Level.COUNTY),
    ("县", Level.COUNTY),
    ("旗", Level.COUNTY),
)


def sniff(document: Document, _context: LoadContext) -> float:
    """At most 0.15: mostly Chinese text that names a plan and states targets."""
    text = document.text
    if text is None or not text.strip():
        return 0.0
    head = text[:4000]
    letters = [c for c in head if not c.isspace()]
    if not letters or len(_CJK.findall(head)) / len(letters) < 0.3:
        return 0.0
    # Counted in hundredths so that the sum is exact (0.05 * 3 is not 0.15 in floats).
    score = 0
    if _PLAN_WORDS.search(head):
        score += 5
    if _TARGET_WORDS.search(text):
        score += 5
    if "民政" in head:
        score += 5
    return score / 100


def _period(text: str, title: str | None) -> Period | None:
    """The period from the title (via the toolkit), else from the target years in the text."""
    if title:
        match = _RANGE_IN_TITLE.search(title)
        if match is not None and int(match[1]) <= int(match[2]):
            return Period(int(match[1]), int(match[2]))
    years = Counter(int(year) for year in _TARGET_YEAR.findall(text))
    if not years:
        return None
    # The latest year targets are set for: a five-year plan ends there.
    end = max(years)
    return Period(end - 4, end)


def _jurisdiction(title: str | None, registry: JurisdictionRegistry) -> Jurisdiction:
    title = title or ""
    if title.startswith(("“十", "全国", "中国")):
        found = registry.get("000000")
        if found is not None:
            return found
    match = _PLACE.match(title)
    if match is None:
        return Jurisdiction(UNKNOWN_CODE, "未知", Level.COUNTY)
    name = match["name"]
    # 重庆市万盛经开区…: the longest known place name near the start is the plan's own.
    best: tuple[int, Jurisdiction] | None = None
    for start in range(6):
        for end in range(start + 2, min(len(title), start + 16) + 1):
            found = registry.find(title[start:end])
            if found is not None and (best is None or end - start > best[0]):
                best = (end - start, found)
    if best is not None:
        return best[1]
    level = next((lvl for suffix, lvl in _LEVELS if name.endswith(suffix)), Level.COUNTY)
    return Jurisdiction(UNKNOWN_CODE, name, level)


def load(document: Document, context: LoadContext) -> LoadResult:
    text = document_text(document, LOADER_NAME)
    metadata = read_metadata(text)
    period = metadata.period or _period(text, metadata.title)
    if period is None:
        msg = "the generic loader found no plan period (title years or 到20xx年 targets)"
        raise DocumentError(msg, path=document.name)
    if metadata.title is None:
        first = next((line.strip() for line in text.split("\n") if line.strip()), "")
        metadata = attrs.evolve(metadata, title=first[:60] or Path(document.name).stem)
    jurisdiction = _jurisdiction(metadata.title, context.jurisdictions())
    pid = plan_id(jurisdiction, period)
    file = Path(document.name).name
    tables = read_grids(find_grids(text), period=period, plan=pid, file=file)
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
    findings = (recognised, *result.findings)
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
