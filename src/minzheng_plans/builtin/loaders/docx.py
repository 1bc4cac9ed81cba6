"""The built-in DOCX loader (``format.docx``): a plan published as a Word document.

Reading needs the ``docx`` extra (python-docx); see :mod:`minzheng_plans.reading.formats.docx`
for what is read and :mod:`minzheng_plans.builtin.loaders._content` for the pipeline.
"""

from __future__ import annotations

from minzheng_plans.files.document import Document, Format
from minzheng_plans.plugins.context import LoadContext
from minzheng_plans.plugins.hookspecs import Loader, LoadResult, hookimpl

__all__ = ["FORMAT_CONFIDENCE", "LOADER_NAME", "register_loaders"]

LOADER_NAME = "format.docx"
# Above every layout loader that reads text (they top out at 0.95), below a jurisdiction
# loader that wants a structured format of its own (it may claim up to 1.0).
FORMAT_CONFIDENCE = 0.97


def _sniff(document: Document, _context: LoadContext) -> float:
    return FORMAT_CONFIDENCE if document.format is Format.DOCX else 0.0


def load_docx(document: Document, context: LoadContext, *, fmt: str = "DOCX") -> LoadResult:
    """A plan from a DOCX document's paragraphs and tables."""
    # Imported on the first load: registering the loader must not cost the toolkit's import.
    from minzheng_plans.builtin.loaders._content import load_content  # noqa: PLC0415
    from minzheng_plans.reading.formats.docx import read_docx  # noqa: PLC0415

    content = read_docx(document.data, name=document.name)
    return load_content(document, content, context, loader=LOADER_NAME, fmt=fmt)


def _load(document: Document, context: LoadContext) -> LoadResult:
    return load_docx(document, context)


@hookimpl
def register_loaders() -> list[Loader]:
    return [
        Loader(
            name=LOADER_NAME,
            description="A plan as a DOCX document: paragraphs, headings and tables with "
            "merged cells (needs the docx extra)",
            sniff=_sniff,
            load=_load,
        )
    ]
