"""The limits of one table file (CSV) or workbook (XLSX), apart from the readers.

Its own module so that the table loaders can state their limits when they register, without
importing the workbook reader or the table toolkit a run of plan files never needs.
"""

from __future__ import annotations

import attrs

from minzheng_plans.files.archive import DEFAULT_MAX_UNCOMPRESSED

__all__ = ["TableLimits"]


@attrs.frozen
class TableLimits:
    """Limits of one table file (CSV) or workbook (XLSX).

    ``rows``: rows with any text, per file or per sheet; ``cells``: cells of a workbook
    (blank cells inside a row count: openpyxl builds them); ``uncompressed_bytes``: the XML of
    a workbook, checked before it is opened.
    """

    rows: int = 100_000
    cells: int = 200_000
    uncompressed_bytes: int = DEFAULT_MAX_UNCOMPRESSED
