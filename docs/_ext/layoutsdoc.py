"""A ``layout-accuracy`` directive: the table-row accuracy on the layout corpus, measured now.

Every document of ``tests/layouts`` is loaded with the built-in loaders only (no jurisdiction
plugin) while the docs are built, and scored against its hand-written expectation by
``tests/layouts/_score.py``, the scorer the tests use. The page therefore shows what the
library does at the commit it is built from; no number on it is typed by hand.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "layouts"


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_layout_score", CORPUS / "_score.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # attrs resolves the module's annotations through it
    spec.loader.exec_module(module)
    return module


def _text(text: str) -> str:
    """``text`` as plain RST text: markup characters escaped."""
    for char in "\\*|`_":
        text = text.replace(char, "\\" + char)
    return text or " "


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "–"


def table_lines() -> list[str]:
    """RST list-table rows: document, layout, rows, found, exact, sections, accuracy."""
    score = _scorer()
    documents = score.corpus(CORPUS)
    scores = score.score_corpus(documents)
    lines = [
        ".. list-table::",
        "   :header-rows: 1",
        "",
        "   * - Document",
        "     - Layout",
        "     - Rows",
        "     - Found",
        "     - Exact",
        "     - Sections right",
        "     - Exact rows",
    ]
    total = score.RowScore()
    for document in documents:
        result = scores[document.name]
        total = total + result
        right, expected = result.sections
        lines += [
            f"   * - ``{document.name}``",
            f"     - {_text(document.layout)}",
            f"     - {result.total}",
            f"     - {result.found}",
            f"     - {result.exact}",
            f"     - {f'{right}/{expected}' if expected else '–'}",
            f"     - {_percent(result.exact, result.total)}",
        ]
    right, expected = total.sections
    lines += [
        "   * - **all**",
        f"     - {len(documents)} documents",
        f"     - {total.total}",
        f"     - {total.found}",
        f"     - {total.exact}",
        f"     - {right}/{expected}",
        f"     - **{_percent(total.exact, total.total)}**",
    ]
    return lines


class LayoutAccuracy(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        container = nodes.section()
        self.state.nested_parse(StringList(table_lines()), self.content_offset, container)
        return container.children


def setup(app: Sphinx) -> dict[str, object]:
    app.add_directive("layout-accuracy", LayoutAccuracy)
    return {"parallel_read_safe": True}
