"""The findings workbook: what an official forwards to a district office (XLSX, openpyxl).

:func:`findings_workbook` builds, and :func:`write_findings_workbook` writes atomically:

- a first sheet of findings, one row each (plan, jurisdiction, indicator, severity in words,
  code, message, file and line, this plan's and the parent's target for cross-level findings,
  the quoted source), with a filter on every column, a frozen header row and columns sized to
  their content;
- one sheet per plan, its indicators with baseline, target as stated, the lowest and highest
  value the target allows (the catalog's direction applied), actual and source.

Headers and words are Chinese by default (``lang="en"`` for English), from the babel catalogs.
Every text cell is text, never a formula (see :mod:`minzheng_plans.files.spreadsheet`);
numbers are numeric cells with their exact digits. Needs the ``excel`` extra.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from minzheng_plans.analysis.normal import entry_for, target_text
from minzheng_plans.core.direction import direction_of
from minzheng_plans.core.findings import Finding
from minzheng_plans.core.model import Indicator, Plan
from minzheng_plans.core.quantity import Comparison, Range
from minzheng_plans.core.targets import allowed_values
from minzheng_plans.files.spreadsheet import append_row, finish_table, new_workbook, sheet_title
from minzheng_plans.output import phrases
from minzheng_plans.output.i18n import render
from minzheng_plans.output.related import (
    attribute_words,
    described,
    find_indicator,
    related_indicators,
    source_words,
    target_words,
)

if TYPE_CHECKING:
    from minzheng_plans.checking.runner import CheckReport
    from minzheng_plans.registries.catalog import Catalog

__all__ = ["FINDINGS_COLUMNS", "INDICATOR_COLUMNS", "findings_workbook", "write_findings_workbook"]

FINDINGS_COLUMNS = (
    phrases.PLAN_ID,
    phrases.PLAN,
    phrases.JURISDICTION,
    phrases.INDICATOR_ID,
    phrases.INDICATOR_NAME,
    phrases.SEVERITY,
    phrases.CODE,
    phrases.MESSAGE,
    phrases.FILE,
    phrases.LINE,
    phrases.THIS_TARGET_COLUMN,
    phrases.PARENT_TARGET_COLUMN,
    phrases.PARENT_PLAN,
    phrases.QUOTE,
)
INDICATOR_COLUMNS = (
    phrases.INDICATOR_ID,
    phrases.INDICATOR_NAME,
    phrases.CATALOG_CODE,
    phrases.UNIT,
    phrases.ATTRIBUTE,
    phrases.BASELINE_YEAR,
    phrases.BASELINE,
    phrases.TARGET_YEAR,
    phrases.TARGET,
    phrases.LOWEST_ALLOWED,
    phrases.HIGHEST_ALLOWED,
    phrases.ACTUAL_YEAR,
    phrases.ACTUAL,
    phrases.DEFINITION,
    phrases.SOURCE,
)


def findings_workbook(
    report: CheckReport | Iterable[Finding],
    plans: Sequence[Plan] | None = None,
    *,
    lang: str = "zh",
    related_plans: Sequence[Plan] = (),
    catalog: Catalog | None = None,
) -> Any:
    """The workbook (an ``openpyxl.Workbook``): a findings sheet, then a sheet per plan.

    ``report`` is a :class:`~minzheng_plans.checking.runner.CheckReport` (its plans are
    used unless ``plans`` is given) or findings alone; ``related_plans`` (the bundled
    parents) let cross-level findings show the parent's target.
    """
    shown = described(report, plans, related_plans)
    findings, unique, index = shown.findings, shown.plans, shown.index
    if catalog is None:
        from minzheng_plans.registries.catalog import default_catalog  # noqa: PLC0415

        catalog = default_catalog()
    words = phrases.phrases(lang)
    book = new_workbook()
    sheet = book.create_sheet(words(phrases.SHEET_FINDINGS))
    append_row(sheet, [words(column) for column in FINDINGS_COLUMNS])
    for finding in findings:
        append_row(sheet, _finding_row(finding, index, words))
    finish_table(sheet, wide=(8, 14))
    for plan in unique:
        wanted = f"{plan.jurisdiction.name} {plan.period.start}-{plan.period.end}"
        plan_sheet = book.create_sheet(sheet_title(wanted, book.sheetnames))
        append_row(plan_sheet, [words(column) for column in INDICATOR_COLUMNS])
        for indicator in plan.indicators:
            append_row(plan_sheet, _indicator_row(plan, indicator, words, catalog))
        finish_table(plan_sheet, wide=(2, 14, 15))
    return book


def _finding_row(finding: Finding, index: dict[str, Plan], words: phrases.Phrases) -> list[object]:
    plan = index.get(finding.plan or "")
    indicator = (
        find_indicator(plan, finding.indicator)
        if plan is not None and finding.indicator is not None
        else None
    )
    parents = related_indicators(finding, index) if finding.code.startswith("MZ4") else []
    location = finding.location
    quote = ""
    if indicator is not None and indicator.source is not None:
        quote = indicator.source.quote or ""
    return [
        finding.plan,
        plan.title if plan is not None else None,
        plan.jurisdiction.name if plan is not None else None,
        finding.indicator,
        indicator.name if indicator is not None else None,
        words(phrases.SEVERITIES[finding.severity.value]),
        finding.code,
        render(finding, words.language),
        location.file if location is not None else None,
        location.line if location is not None else None,
        target_words(indicator, words) if indicator is not None and parents else None,
        "；".join(target_words(item, words) for _owner, item in parents) or None,
        "；".join(f"{owner.title} ({owner.id})" for owner, _item in parents) or None,
        quote or None,
    ]


def _indicator_row(
    plan: Plan, indicator: Indicator, words: phrases.Phrases, catalog: Catalog
) -> list[object]:
    target = indicator.target
    low = high = None
    if isinstance(target, Comparison | Range):
        direction = direction_of(indicator, entry_for(indicator, catalog))
        allowed = allowed_values(target, direction)
        low, high = allowed.low, allowed.high
    baseline, actual = indicator.baseline, indicator.actual
    where = source_words(plan, indicator, words)
    return [
        indicator.id,
        indicator.name,
        indicator.code,
        indicator.unit,
        attribute_words(indicator, words) or None,
        baseline.year if baseline is not None else None,
        baseline.value if baseline is not None else None,
        target.year if target is not None else None,
        target_text(target) or None,
        low,
        high,
        actual.year if actual is not None else None,
        actual.value if actual is not None else None,
        indicator.definition,
        where or None,
    ]


def write_findings_workbook(
    path: str | Path,
    report: CheckReport | Iterable[Finding],
    plans: Sequence[Plan] | None = None,
    *,
    lang: str = "zh",
    related_plans: Sequence[Plan] = (),
    catalog: Catalog | None = None,
) -> Path:
    """Build the workbook and write it to ``path`` atomically (an existing file is replaced
    whole or not at all); the path."""
    from minzheng_plans.files.atomic import atomic_path  # noqa: PLC0415

    book = findings_workbook(report, plans, lang=lang, related_plans=related_plans, catalog=catalog)
    with atomic_path(path) as temporary:
        book.save(temporary)
    return Path(path)
