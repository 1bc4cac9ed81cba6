"""The built-in web-page loader (``format.html``): a plan saved from a government site.

Reading needs the ``html`` extra (lxml); see :mod:`minzheng_plans.reading.formats.html` for
how the article is found and how encodings are decided.
"""

from __future__ import annotations

import functools
import re

from minzheng_plans.builtin.loaders.docx import FORMAT_CONFIDENCE
from minzheng_plans.core.findings import Severity, make_finding
from minzheng_plans.files.document import Document, Format
from minzheng_plans.plugins.context import LoadContext
from minzheng_plans.plugins.hookspecs import Loader, LoadResult, hookimpl

__all__ = ["LOADER_NAME", "register_loaders"]

LOADER_NAME = "format.html"


@functools.cache
def _plan_words() -> re.Pattern[bytes]:
    # Compiled on the first web page: the GB18030 codec costs an import of its own.
    return re.compile("规划|计划|纲要|方案".encode() + b"|" + "规划".encode("gb18030"))


def _sniff(document: Document, _context: LoadContext) -> float:
    if document.format is not Format.HTML:
        return 0.0
    # Any web page is HTML; a page that names a plan is surely ours.
    return FORMAT_CONFIDENCE if _plan_words().search(document.data) else 0.5


def _load(document: Document, context: LoadContext) -> LoadResult:
    # Imported on the first load: registering the loader must not cost the toolkit's import.
    from minzheng_plans.builtin.loaders._content import load_content  # noqa: PLC0415
    from minzheng_plans.reading.formats.html import read_html  # noqa: PLC0415

    page = read_html(document.data, name=document.name)
    extra = []
    if not page.exact:
        extra.append(
            make_finding(
                "MZ525",
                Severity.WARNING,
                "The page does not decode cleanly in any encoding it declares or that was "
                "tried; it was read as {encoding} with unreadable bytes replaced, so names "
                "and figures may be wrong",
                file=document.name,
                encoding=page.encoding,
            )
        )
    return load_content(
        document, page.content, context, loader=LOADER_NAME, fmt="web page", extra_findings=extra
    )


@hookimpl
def register_loaders() -> list[Loader]:
    return [
        Loader(
            name=LOADER_NAME,
            description="A plan as a saved web page (any declared or detected encoding): the "
            "article's paragraphs and tables (needs the html extra)",
            sniff=_sniff,
            load=_load,
        )
    ]
