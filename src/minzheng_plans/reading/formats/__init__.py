"""Readers of the formats plans are published in: DOCX, HTML pages, PDF, and the older
office formats through LibreOffice.

Each reader turns a document's bytes into a :class:`~minzheng_plans.text.grid.Content`:
paragraphs (headings with their level) and tables as grids with merged cells expanded, in
document order, each with its :class:`~minzheng_plans.text.grid.Place`. Interpreting them is
left to the same readers that serve text documents. The third-party libraries are optional
(extras ``docx``, ``html``, ``pdf``) and imported only when a reader runs; a missing one
raises :class:`~minzheng_plans.core.errors.DocumentError` naming the extra to install.
"""
