"""DOCX, web-page and PDF editions of a plan for the loader figures of ``benchmarks/run.py``.

The fictional plans the format tests were written with (``tests/_format_plans.py``: headings,
paragraphs, tables with merged cells, a table across a page break), both plans one after the
other and that four times over, so that each file has the size of a published plan (tens of
pages) and a fixed cost does not pass for a rate. Needs the test extra (python-docx, lxml,
reportlab); an ImportError says which is missing.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

__all__ = ["COPIES", "editions"]

#: How many times the two plans are repeated in one file.
COPIES = 4


def editions() -> dict[str, bytes]:
    """``{"docx": ..., "html": ..., "pdf": ...}``: the same blocks in each format."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests._format_plans import (  # noqa: PLC0415 - the tests' fixtures, not the library
        MINJIANG,
        YUANXIANG,
        docx_edition,
        html_edition,
        pdf_edition,
    )

    blocks = (*MINJIANG, *YUANXIANG[1:]) * COPIES
    return {
        "docx": docx_edition(blocks),
        "html": html_edition(blocks, encoding="utf-8"),
        "pdf": pdf_edition(blocks),
    }
