"""Putting a plan together from what the toolkit read: metadata, sections, table rows,
prose targets and 专栏 projects, with catalog codes and every loading finding.

Jurisdiction loaders read their tables themselves (layouts differ) and hand the rows here;
everything else is the same for every loader, the generic one included.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import attrs

from minzheng_plans.core.errors import DocumentError
from minzheng_plans.core.findings import Finding, Severity, make_finding
from minzheng_plans.core.messages import N_, Message
from minzheng_plans.core.model import Indicator, Jurisdiction, Period, Plan, PlanRef
from minzheng_plans.files.document import Document
from minzheng_plans.plugins.context import LoadContext
from minzheng_plans.plugins.hookspecs import LoadResult
from minzheng_plans.text.coding import assign_codes
from minzheng_plans.text.metadata import Metadata, read_metadata
from minzheng_plans.text.normalise import NormalisedText, normalise
from minzheng_plans.text.projects import extract_projects, project_indicators
from minzheng_plans.text.prose import extract_targets, prose_indicators
from minzheng_plans.text.sections import read_sections

__all__ = ["OpenedDocument", "assemble_plan", "document_text", "open_document", "plan_id"]

# Message ids (translated in the catalogs).
NO_PERIOD = N_(
    "cannot tell the plan period: no five-year-plan words (“十四五”, 十三五, 第十四个五年) or "
    "year range (2021—2025年) in the title, the notice (关于印发…的通知) or the headings"
)
TITLE_FROM_FILE = (
    "The document has no plan title (a heading, 《…》 or 关于印发…的通知); the file name "
    "{title} is used instead."
)
TRADITIONAL_UNREAD = (
    "The text is written in traditional characters and no converter is installed, so "
    "little of it can be read; install minzheng-plans[traditional] (OpenCC)."
)


def document_text(document: Document, loader: str) -> str:
    if document.text is None:
        msg = f"the {loader} loader reads text documents only"
        raise DocumentError(msg, path=document.name)
    return document.text


def plan_id(jurisdiction: Jurisdiction, period: Period) -> str:
    return f"{jurisdiction.code}-{period.start}-{period.end}"


@attrs.frozen
class OpenedDocument:
    """What every table loader starts from: the normalised text, its metadata, the period
    the title states, the plan id and the file name that findings cite."""

    text: NormalisedText
    metadata: Metadata
    period: Period
    plan_id: str
    file: str


def open_document(document: Document, loader: str, jurisdiction: Jurisdiction) -> OpenedDocument:
    """Normalise ``document`` and read its metadata; a title without a period is an error."""
    text = normalise(document_text(document, loader))
    metadata = read_metadata(text)
    if metadata.period is None:
        raise DocumentError(NO_PERIOD, path=document.name, message=Message(NO_PERIOD))
    return OpenedDocument(
        text,
        metadata,
        metadata.period,
        plan_id(jurisdiction, metadata.period),
        Path(document.name).name,
    )


def assemble_plan(
    document: Document,
    *,
    context: LoadContext,
    jurisdiction: Jurisdiction,
    metadata: Metadata | None = None,
    period: Period | None = None,
    table_indicators: Sequence[Indicator] = (),
    table_findings: Iterable[Finding] = (),
    table_lines: Iterable[int] = (),
    known_plans: Mapping[str, str] | None = None,
    extra_findings: Iterable[Finding] = (),
) -> LoadResult:
    """A plan of ``document`` for ``jurisdiction`` with prose targets and projects added.

    ``context`` is the one the loader received: catalog codes come from its catalog, so
    entries that plugins contribute are used. ``known_plans`` maps titles of plans this one
    is based on to their plan ids.
    """
    text = document_text(document, "text")
    metadata = metadata if metadata is not None else read_metadata(text)
    period = period or metadata.period
    if period is None:
        raise DocumentError(NO_PERIOD, path=document.name, message=Message(NO_PERIOD))
    file = Path(document.name).name
    notes: list[Finding] = []
    title = metadata.title
    if title is None:
        # An excerpt (one table, a page of targets) is still a plan: name it after its file.
        title = Path(document.name).stem
        notes.append(make_finding("MZ522", Severity.INFO, TITLE_FROM_FILE, file=file, title=title))
    pid = plan_id(jurisdiction, period)
    normalised = normalise(text)
    if normalised.traditional and not normalised.converted:
        notes.append(
            make_finding("MZ521", Severity.WARNING, TRADITIONAL_UNREAD, plan=pid, file=file)
        )
    notes = [attrs.evolve(note, plan=pid) for note in notes]
    boxes = extract_projects(text)
    projects, project_items, project_findings = project_indicators(
        boxes, text=text, period=period, plan=pid, file=file
    )
    skip = set(table_lines) | boxes.lines
    prose, prose_findings = prose_indicators(
        extract_targets(normalised, period=period, skip_lines=skip), plan=pid, file=file
    )
    indicators, code_findings = assign_codes(
        [*table_indicators, *prose, *project_items], context.catalog(), plan=pid, file=file
    )
    findings = (
        *notes,
        *table_findings,
        *prose_findings,
        *project_findings,
        *extra_findings,
        *code_findings,
    )
    known = known_plans or {}
    plan = Plan(
        id=pid,
        title=title,
        jurisdiction=jurisdiction,
        period=period,
        issuers=metadata.issuers,
        document_number=metadata.document_number,
        issued=metadata.issued,
        based_on=tuple(PlanRef(title, known.get(title)) for title in metadata.based_on),
        source=file,
        indicators=tuple(indicators),
        projects=tuple(projects),
        sections=read_sections(text),
        findings=findings,
    )
    return LoadResult(plan, findings)
