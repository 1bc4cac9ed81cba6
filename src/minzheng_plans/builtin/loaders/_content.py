"""One pipeline for structured documents: paragraphs to the text readers, grids to the table
reader.

A DOCX, web page or PDF arrives here as a :class:`~minzheng_plans.text.grid.Content`. Its
paragraphs are flattened into a text, one paragraph per line, which the generic loader reads
exactly as it reads a text document (metadata, period, jurisdiction, sections, prose targets,
专栏 projects); its grids go to the one table reader,
:func:`~minzheng_plans.text.reader.read_grids`.
Lines of the flattened text are paragraph numbers, so every indicator's source and every
section's line say which paragraph (and, for a PDF, which page) a person should look at.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import attrs

from minzheng_plans.builtin.loaders import generic
from minzheng_plans.core.findings import Finding, Location, Severity, make_finding
from minzheng_plans.core.model import Indicator
from minzheng_plans.files.document import Document
from minzheng_plans.plugins.context import LoadContext
from minzheng_plans.plugins.hookspecs import LoadResult
from minzheng_plans.text.coding import assign_codes
from minzheng_plans.text.grid import Content, Paragraph, Place
from minzheng_plans.text.normalise import normalise
from minzheng_plans.text.reader import read_grids
from minzheng_plans.text.rows import Fix

__all__ = ["Flattened", "flatten", "load_content"]


@attrs.frozen
class Flattened:
    """A structured document's paragraphs as a text, and the place of each line (1-based)."""

    text: str
    places: tuple[Place, ...]

    def place(self, line: int | None) -> Place | None:
        if line is None or not 1 <= line <= len(self.places):
            return None
        return self.places[line - 1]


def flatten(content: Content) -> Flattened:
    """One line per paragraph, in document order; line breaks inside a paragraph are joined."""
    lines: list[str] = []
    places: list[Place] = []
    for block in content.blocks:
        if isinstance(block, Paragraph):
            lines.append(" ".join(block.text.split("\n")))
            places.append(block.place)
    return Flattened("\n".join(lines) + "\n", tuple(places))


def _placed(indicator: Indicator, flat: Flattened) -> Indicator:
    source = indicator.source
    place = flat.place(source.line) if source is not None else None
    if source is None or place is None:
        return indicator
    new = attrs.evolve(source, line=None, page=place.page, paragraph=place.paragraph)
    return attrs.evolve(indicator, source=new)


def _relocated(finding: Finding, flat: Flattened, file: str) -> Finding:
    location = finding.location
    if location is None or location.line is None or flat.place(location.line) is None:
        return finding
    # A line of the flattened text is no line of the file: keep the file only.
    return attrs.evolve(finding, location=Location(location.file or file))


def load_content(
    document: Document,
    content: Content,
    context: LoadContext,
    *,
    loader: str,
    fmt: str,
    fixes: Mapping[int, Sequence[Fix]] | None = None,
    extra_findings: Iterable[Finding] = (),
) -> LoadResult:
    """A plan from a structured document's content (module docstring).

    ``loader`` names the loader and ``fmt`` the format in the summary finding (MZ505);
    ``fixes`` are repairs of table rows by table position (as
    :func:`~minzheng_plans.text.rows.tables_indicators` takes them); ``extra_findings``
    (pages without text, a lossy decoding) come first in the plan's findings.
    """
    file = Path(document.name).name
    flat = flatten(content)
    base = generic.load(Document.from_text(document.name, flat.text), context)
    plan = base.plan
    # The paragraphs tell the document's script; its tables are written in the same one.
    grids = content.grids
    if normalise(flat.text).converted:
        grids = tuple(attrs.evolve(grid, traditional=True) for grid in grids)
    tables = read_grids(grids, period=plan.period, plan=plan.id, file=file, fixes=fixes)
    coded, code_findings = assign_codes(
        tables.indicators, context.catalog(), plan=plan.id, file=file
    )
    others = [_placed(item, flat) for item in plan.indicators]
    prose = sum(1 for item in others if item.id.startswith("p"))
    boxed = sum(1 for item in others if item.project is not None)
    summary = make_finding(
        "MZ505",
        Severity.INFO,
        "Read a {format} document with the {loader} loader: {paragraphs} paragraphs; "
        "{tables} tables, {read} read as indicator tables with {rows} rows; {prose} prose "
        "targets; {projects} projects with {boxed} figures; period {period}, jurisdiction "
        "{jurisdiction}",
        plan=plan.id,
        file=file,
        format=fmt,
        loader=loader,
        paragraphs=len(flat.places),
        tables=len(content.grids),
        read=len(tables.numbers),
        rows=len(tables.indicators),
        prose=prose,
        projects=len(plan.projects),
        boxed=boxed,
        period=f"{plan.period.start}-{plan.period.end}",
        jurisdiction=f"{plan.jurisdiction.name} ({plan.jurisdiction.code})",
    )
    # The generic loader's own summary counts the flattened text's tables, which has none.
    kept = [f for f in base.findings if f.code != "MZ505"]
    findings = (
        summary,
        *extra_findings,
        *tables.findings,
        *code_findings,
        *(_relocated(f, flat, file) for f in kept),
    )
    plan = attrs.evolve(plan, indicators=(*coded, *others), findings=findings)
    return LoadResult(plan, findings)
