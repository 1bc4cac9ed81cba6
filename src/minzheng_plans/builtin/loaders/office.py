"""The built-in loader of older office formats (``format.office``): .doc, .wps, .xls, .et.

LibreOffice converts the document (:mod:`minzheng_plans.reading.formats.office`); a text
document is then read as a DOCX, a workbook by the ``table.xlsx`` loader.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from minzheng_plans.builtin.loaders.docx import FORMAT_CONFIDENCE, load_docx
from minzheng_plans.builtin.loaders.tables import XLSX_LOADER
from minzheng_plans.core.errors import DocumentError
from minzheng_plans.files.document import Document, Format
from minzheng_plans.plugins.context import LoadContext
from minzheng_plans.plugins.hookspecs import Loader, LoadResult, hookimpl

__all__ = ["LOADER_NAME", "register_loaders"]

LOADER_NAME = "format.office"


def _sniff(document: Document, _context: LoadContext) -> float:
    if document.format is not Format.OLE:
        return 0.0
    from minzheng_plans.reading.formats.office import office_kind  # noqa: PLC0415

    # Claimed even without LibreOffice, so that loading says what to install.
    return FORMAT_CONFIDENCE if office_kind(document.data, document.suffix) else 0.5


def _load(document: Document, context: LoadContext) -> LoadResult:
    from minzheng_plans.reading.formats.office import (  # noqa: PLC0415 - only for OLE files
        OfficeKind,
        convert_with_libreoffice,
        office_kind,
    )

    kind = office_kind(document.data, document.suffix)
    if kind is None:
        msg = "an OLE compound file that is neither a text document nor a workbook"
        raise DocumentError(msg, path=document.name)
    data = convert_with_libreoffice(document.data, kind, name=document.name)
    suffix = Path(document.name).suffix.lstrip(".").upper() or "office"
    converted = attrs.evolve(
        document, data=data, format=Format.DOCX if kind is OfficeKind.WRITER else Format.XLSX
    )
    if kind is OfficeKind.WRITER:
        return load_docx(converted, context, fmt=f"{suffix} (converted by LibreOffice)")
    return XLSX_LOADER.load(converted, context)


@hookimpl
def register_loaders() -> list[Loader]:
    return [
        Loader(
            name=LOADER_NAME,
            description="A plan as a .doc/.wps document or an .xls/.et workbook, converted by "
            "LibreOffice (soffice on PATH) and read as DOCX or XLSX",
            sniff=_sniff,
            load=_load,
        )
    ]
