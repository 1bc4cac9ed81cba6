"""Self-contained HTML reports: a check, an evaluation and a comparison, each one file.

A report opens in any browser without a network: the stylesheet is inline, charts are inline
SVG drawn here (no plotting library), there are no scripts, and a Content-Security-Policy
forbids fetching anything. Text is Chinese by default (``lang="en"`` for English), with every
fixed phrase from the babel catalogs (:mod:`minzheng_plans.output.phrases`); fonts are the
reader's own CJK fonts. Every text taken from a plan, a finding or a file is escaped (see
:mod:`~minzheng_plans.output.html._markup`): none is ever used as markup or as a template.

Pages use headings in order, ``<th scope>`` on every table header, a ``lang`` attribute,
colours with a contrast of at least 4.5:1, statuses and severities in words as well as
colour, and a print stylesheet (A4, no navigation, rows and charts kept on one page).

- :func:`render_check_html` — findings per plan and indicator, the quoted source, the
  parent's target beside the child's for cross-level (MZ4xx) findings;
- :func:`render_evaluation_html` — each indicator's status and a baseline → actual → target
  chart;
- :func:`render_comparison_html` — per catalog indicator, the table and a chart of targets.

Each returns the page as a string; :func:`write_html` writes it atomically.
"""

from __future__ import annotations

from pathlib import Path

from minzheng_plans.output.html._check import hierarchy, render_check_html
from minzheng_plans.output.html._comparison import render_comparison_html
from minzheng_plans.output.html._evaluation import render_evaluation_html

__all__ = [
    "hierarchy",
    "render_check_html",
    "render_comparison_html",
    "render_evaluation_html",
    "write_html",
]


def write_html(page: str, path: str | Path) -> Path:
    """Write a rendered page to ``path`` (UTF-8) through a temporary file and a rename, so an
    existing report is never left half-written."""
    from minzheng_plans.files.atomic import atomic_write_text  # noqa: PLC0415

    return atomic_write_text(Path(path), page)
