"""The built-in PDF loader (``format.pdf``): text in reading order and ruled tables.

Reading needs the ``pdf`` extra (pdfplumber); see :mod:`minzheng_plans.reading.formats.pdf`.
Pages that give no text (scanned) or only ``(cid:NNN)`` glyphs get MZ523 and MZ524
findings; a PDF with no usable page at all is refused with the same explanation.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from minzheng_plans.builtin.loaders.docx import FORMAT_CONFIDENCE
from minzheng_plans.core.errors import DocumentError
from minzheng_plans.core.findings import Finding, Severity, make_finding
from minzheng_plans.files.document import Document, Format
from minzheng_plans.plugins.context import LoadContext
from minzheng_plans.plugins.hookspecs import Loader, LoadResult, hookimpl

if TYPE_CHECKING:
    from minzheng_plans.reading.formats.pdf import PdfContent

__all__ = ["LOADER_NAME", "register_loaders"]

LOADER_NAME = "format.pdf"

_SCANNED = (
    "{count} of {pages} pages have no text layer (scanned images: pages {list}); their "
    "content was not read. Load the plan's DOCX or web-page edition, or run OCR on the PDF "
    "first"
)
_CID = (
    "{count} of {pages} pages use fonts without a Unicode map, so their text comes out as "
    "(cid:NNN) glyph numbers (pages {list}); their content was not read. Load the plan's "
    "DOCX or web-page edition instead"
)


def _pages(numbers: Sequence[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def page_findings(pdf: PdfContent, file: str) -> list[Finding]:
    """MZ523 for scanned pages and MZ524 for pages of (cid:NNN) glyphs."""
    findings = []
    for code, pages, message in (
        ("MZ523", pdf.scanned_pages, _SCANNED),
        ("MZ524", pdf.cid_pages, _CID),
    ):
        if pages:
            findings.append(
                make_finding(
                    code,
                    Severity.WARNING,
                    message,
                    file=file,
                    count=len(pages),
                    pages=pdf.pages,
                    list=_pages(pages),
                )
            )
    return findings


def _sniff(document: Document, _context: LoadContext) -> float:
    return FORMAT_CONFIDENCE if document.format is Format.PDF else 0.0


def _load(document: Document, context: LoadContext) -> LoadResult:
    # Imported on the first load: registering the loader must not cost the toolkit's import.
    from minzheng_plans.builtin.loaders._content import load_content  # noqa: PLC0415
    from minzheng_plans.reading.formats.pdf import read_pdf  # noqa: PLC0415

    pdf = read_pdf(document.data, name=document.name)
    file = Path(document.name).name
    problems = page_findings(pdf, file)
    if not pdf.content.paragraphs and not pdf.content.grids:
        said = "; ".join(f"{f.code}: {f.text}" for f in problems)
        msg = said or f"none of its {pdf.pages} pages has text"
        msg = f"no text could be read from this PDF. {msg}"
        raise DocumentError(msg, path=document.name)
    try:
        return load_content(
            document, pdf.content, context, loader=LOADER_NAME, fmt="PDF", extra_findings=problems
        )
    except DocumentError as err:
        if not problems:
            raise
        said = "; ".join(f"{f.code}: {f.text}" for f in problems)
        msg = f"{err.reason}. {said}"
        raise DocumentError(msg, path=document.name) from None


@hookimpl
def register_loaders() -> list[Loader]:
    return [
        Loader(
            name=LOADER_NAME,
            description="A plan as a PDF with a text layer: paragraphs and ruled tables, "
            "tables over page breaks joined (needs the pdf extra)",
            sniff=_sniff,
            load=_load,
        )
    ]
