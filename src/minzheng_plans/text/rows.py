"""Table rows to indicators: names, units, values, attributes, provenance, and findings.

:func:`table_indicators` turns every row of a :class:`~minzheng_plans.text.tables.Table` into
an :class:`~minzheng_plans.core.model.Indicator` (id ``t{table}.{row}``) or an MZ501 finding that
quotes the row, so that rows in = indicators + MZ501, always.

What each value column means is read from its header (``2020年目标值`` is a target,
``2020情况`` an actual) and, where the header names only a year, from the plan period: a year
before the period is a baseline, a later one a target. In a completion table (a 完成情况
caption or status column) an earlier year is the baseline and the latest the actual.

Loaders repair cells that text extraction damaged by passing :class:`Fix` records: the fixed
text is read instead of the cell, ``source.raw`` keeps what the document says and an MZ502
info finding gives the reason. Two repairs are generic and need no fix: a unit whose closing
bracket was lost (``比重(%``) and an attribute cut short (``约束`` for ``约束性``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

import attrs

from minzheng_plans.core.errors import ValueParseError
from minzheng_plans.core.findings import Finding, Severity, make_finding
from minzheng_plans.core.model import Attribute, Indicator, Observation, Period, Source, SourceKind
from minzheng_plans.core.quantity import Target
from minzheng_plans.core.values import ParsedValue, parse_value
from minzheng_plans.text.tables import (
    Cell,
    Column,
    ColumnRole,
    RowProblem,
    Table,
    TableRow,
    split_name_unit,
)

__all__ = [
    "MAX_QUOTE",
    "RATIO_UNIT",
    "ColumnMeaning",
    "Fix",
    "RowsResult",
    "TablesResult",
    "column_meanings",
    "is_completion_table",
    "read_attribute",
    "row_quote",
    "table_indicators",
    "table_lines",
    "tables_indicators",
]

# Quotes kept in committed data stay under 40 characters.
MAX_QUOTE = 39
# The unit of a 1:x ratio cell ("1:0.8" keeps value 0.8): says the value is x in 1:x.
RATIO_UNIT = "1:x"

_ATTRIBUTES = {
    "约束性": Attribute.BINDING,
    "预期性": Attribute.ANTICIPATORY,
    "约束性指标": Attribute.BINDING,
    "预期性指标": Attribute.ANTICIPATORY,
}
# Attribute words cut short by extraction: unambiguous, since only two attributes exist.
_TRUNCATED = {"约束": Attribute.BINDING, "预期": Attribute.ANTICIPATORY}


@attrs.frozen
class Fix:
    """A loader's repair of one row: a cell's text (by column role and index) or the unit.

    ``reason`` states the evidence (column meaning, neighbouring rows, the same figure in the
    prose); it goes into the MZ502 finding.
    """

    row: int
    reason: str
    role: ColumnRole | None = None
    index: int = 0
    text: str | None = None
    unit: str | None = None


@attrs.frozen
class ColumnMeaning:
    """What a value column holds for the plan: ``baseline``, ``target`` or ``actual``."""

    column: int
    kind: str
    year: int


@attrs.frozen
class RowsResult:
    indicators: tuple[Indicator, ...] = ()
    findings: tuple[Finding, ...] = ()


def is_completion_table(table: Table) -> bool:
    """A table that reports what an earlier plan achieved (完成情况)."""
    has_status = any(c.role == ColumnRole.STATUS for c in table.columns)
    return has_status or "完成情况" in (table.caption or "")


def column_meanings(table: Table, period: Period) -> list[ColumnMeaning]:
    """Baseline, target and actual columns of ``table`` for a plan over ``period``."""
    values = [(i, c) for i, c in enumerate(table.columns) if c.role == ColumnRole.VALUE]
    completion = is_completion_table(table)
    meanings: list[ColumnMeaning] = []
    years = [c.year for _, c in values if c.year is not None]
    latest = max(years) if years else None
    for index, column in values:
        year = column.year
        if year is None:
            year = period.end if column.value_kind in {None, "target"} else period.start - 1
        kind = column.value_kind
        if kind is None:
            if completion:
                kind = "actual" if year == latest else "baseline"
            else:
                kind = "baseline" if year < period.start else "target"
        meanings.append(ColumnMeaning(index, kind, year))
    return meanings


def read_attribute(text: str) -> tuple[Attribute | None, bool]:
    """The attribute a cell states and whether the word was cut short (``约束``)."""
    key = text.replace(" ", "")
    if key in _ATTRIBUTES:
        return _ATTRIBUTES[key], False
    if key in _TRUNCATED:
        return _TRUNCATED[key], True
    return None, False


def row_quote(cell: Cell) -> str:
    """The exact text of ``cell`` as the document has it, cut to :data:`MAX_QUOTE`."""
    return cell.raw[:MAX_QUOTE]


def table_lines(table: Table) -> frozenset[int]:
    """Every line the table occupies, caption included: prose readers skip them."""
    first = table.caption_line or table.header_line or 0
    last = table.end_line or first
    return frozenset(range(first, last + 1))


def _row_text(cells: Sequence[Cell]) -> str:
    return " | ".join(cell.raw for cell in cells)


@attrs.define
class _RowReader:
    table: Table
    table_number: int
    meanings: list[ColumnMeaning]
    fixes: dict[tuple[int, ColumnRole | None, int], Fix]
    plan: str | None
    file: str | None
    findings: list[Finding] = attrs.Factory(list)

    @property
    def caption(self) -> str:
        return self.table.caption or f"table {self.table_number}"

    def ident(self, row: int) -> str:
        return f"t{self.table_number}.{row}"

    def finding(
        self,
        code: str,
        severity: Severity,
        message: str,
        number: int | None,
        line: int,
        **args: str,
    ) -> None:
        """Record a finding about row ``number`` (None: a row without a readable number)."""
        self.findings.append(
            make_finding(
                code,
                severity,
                message,
                plan=self.plan,
                indicator=self.ident(number) if number is not None else None,
                file=self.file,
                line=line,
                row=str(number) if number is not None else "?",
                table=self.caption,
                **args,
            )
        )

    def unreadable(self, number: int | None, line: int, cells: Sequence[Cell], why: str) -> None:
        self.finding(
            "MZ501",
            Severity.WARNING,
            "Row {row} of {table} cannot be read ({reason}); the row reads: {quote}",
            number,
            line,
            reason=why,
            quote=_row_text(cells)[:200],
        )

    def repaired(self, row: TableRow, line: int, raw: str, read: str, reason: str) -> None:
        self.finding(
            "MZ502",
            Severity.INFO,
            "Row {row} of {table}: “{raw}” was read as “{read}” ({reason})",
            row.number,
            line,
            raw=raw,
            read=read,
            reason=reason,
        )

    def cell_text(self, row: TableRow, role: ColumnRole, index: int, raws: list[str]) -> str | None:
        cell = row.cell(self.table.columns, role, index)
        if cell is None:
            return None
        fix = self.fixes.get((row.number, role, index))
        if fix is None or fix.text is None:
            return cell.text
        raws.append(cell.raw)
        self.repaired(row, cell.line, cell.raw, fix.text, fix.reason)
        return fix.text

    def read(self, row: TableRow) -> Indicator | None:
        columns = self.table.columns
        name_cell = row.cell(columns, ColumnRole.NAME)
        if name_cell is None or not name_cell.text:
            self.unreadable(row.number, row.line, row.cells, "no indicator name")
            return None
        raws: list[str] = []
        name, unit = self.name_and_unit(row, name_cell, raws)
        baseline: Observation | None = None
        target: Target | None = None
        actual: Observation | None = None
        for meaning in self.meanings:
            index = [i for i, c in enumerate(columns) if c.role == ColumnRole.VALUE].index(
                meaning.column
            )
            text = self.cell_text(row, ColumnRole.VALUE, index, raws)
            if text is None:
                continue
            parsed = self.parse(row, columns[meaning.column], text)
            if parsed is None:
                return None
            unit = unit or parsed.unit
            if parsed.ratio and unit in {"", RATIO_UNIT}:
                unit = RATIO_UNIT
            if meaning.kind == "target":
                target = parsed.to_target(meaning.year)
            else:
                observation = parsed.to_observation(meaning.year)
                if observation is None and parsed.kind != "none":
                    # A baseline or actual holds one value: keep the row, say what was left out.
                    self.not_single(row, meaning.kind, text)
                if meaning.kind == "baseline":
                    baseline = observation
                else:
                    actual = observation
        growth = self.growth(row, raws)
        attribute = self.attribute(row, raws)
        status_cell = row.cell(columns, ColumnRole.STATUS)
        definition_cell = row.cell(columns, ColumnRole.DEFINITION)
        return Indicator(
            id=self.ident(row.number),
            name=name,
            unit=unit,
            attribute=attribute,
            baseline=baseline,
            target=target,
            actual=actual,
            growth=growth,
            status=status_cell.text or None if status_cell else None,
            definition=definition_cell.text or None if definition_cell else None,
            source=Source(
                SourceKind.TABLE,
                table=self.table.caption,
                row=row.number,
                line=name_cell.line,
                quote=row_quote(name_cell),
                raw=" | ".join(raws) or None,
            ),
        )

    def name_and_unit(self, row: TableRow, name_cell: Cell, raws: list[str]) -> tuple[str, str]:
        columns = self.table.columns
        unit_cell = row.cell(columns, ColumnRole.UNIT)
        fix = self.fixes.get((row.number, None, 0))
        if unit_cell is not None:
            name, unit = name_cell.text, unit_cell.text
        else:
            split = split_name_unit(name_cell.text)
            name, unit = split.name, split.unit
            if not split.closed and fix is None and not unit:
                self.finding(
                    "MZ503",
                    Severity.WARNING,
                    "Row {row} of {table}: the unit after {name} was lost and nothing in "
                    "the document says what it was; the unit is left empty",
                    row.number,
                    name_cell.line,
                    name=name,
                )
            elif not split.closed and fix is None:
                raws.append(name_cell.raw)
                reason = "the closing bracket after the unit was lost in extraction"
                self.repaired(row, name_cell.line, name_cell.raw, f"{name}({unit})", reason)
        if fix is not None and fix.unit is not None:
            raws.append(name_cell.raw if unit_cell is None else unit_cell.raw)
            self.repaired(row, name_cell.line, unit or "(no unit)", fix.unit, fix.reason)
            unit = fix.unit
        return name, unit

    def not_single(self, row: TableRow, kind: str, text: str) -> None:
        self.finding(
            "MZ503",
            Severity.WARNING,
            "Row {row} of {table}: the {kind} “{text}” is not one value; it is kept only "
            "in this finding",
            row.number,
            row.line,
            kind=kind,
            text=text,
        )

    def parse(self, row: TableRow, column: Column, text: str) -> ParsedValue | None:
        try:
            return parse_value(text)
        except ValueParseError as err:
            why = f"{column.header or column.role.value} {text!r}: expected {err.expected}"
            self.unreadable(row.number, row.line, row.cells, why)
            return None

    def growth(self, row: TableRow, raws: list[str]) -> Decimal | None:
        text = self.cell_text(row, ColumnRole.GROWTH, 0, raws)
        if text is None:
            return None
        try:
            parsed = parse_value(text)
        except ValueParseError:
            parsed = None
        if parsed is not None and parsed.kind == "value" and parsed.value is not None:
            return parsed.value
        fixed = (row.number, ColumnRole.GROWTH, 0) in self.fixes
        if fixed and parsed is not None and parsed.kind == "range":
            # The MZ502 finding of the repair already keeps the range.
            return None
        if parsed is None or parsed.kind != "none":
            # The model keeps one growth figure; a range or phrase stays in the finding.
            self.not_single(row, "growth", text)
        return None

    def attribute(self, row: TableRow, raws: list[str]) -> Attribute | None:
        cell = row.cell(self.table.columns, ColumnRole.ATTRIBUTE)
        if cell is None or not cell.text:
            return None
        attribute, truncated = read_attribute(cell.text)
        if attribute is None:
            self.finding(
                "MZ503",
                Severity.WARNING,
                "Row {row} of {table}: attribute “{text}” is neither 约束性 nor 预期性; "
                "it was left out",
                row.number,
                cell.line,
                text=cell.raw,
            )
        elif truncated:
            raws.append(cell.raw)
            full = "约束性" if attribute is Attribute.BINDING else "预期性"
            reason = "the attribute word was cut short; only 约束性 and 预期性 exist"
            self.repaired(row, cell.line, cell.raw, full, reason)
        return attribute


def _line(item: TableRow | RowProblem) -> int:
    return item.line


def table_indicators(
    table: Table,
    *,
    table_number: int,
    period: Period,
    plan: str | None = None,
    file: str | None = None,
    fixes: Iterable[Fix] = (),
    meanings: Sequence[ColumnMeaning] | None = None,
) -> RowsResult:
    """Every row of ``table`` as an indicator, or an MZ501 finding quoting it.

    Rows come out in table order; repairs (``fixes`` and the generic ones) add MZ502 info
    findings and keep the damaged text in ``source.raw``.
    """
    fix_map = {(fix.row, fix.role, fix.index): fix for fix in fixes}
    reader = _RowReader(
        table,
        table_number,
        list(meanings) if meanings is not None else column_meanings(table, period),
        fix_map,
        plan,
        file,
    )
    indicators: list[Indicator] = []
    rows: list[TableRow | RowProblem] = [*table.rows, *table.problems]
    rows.sort(key=lambda item: (item.number or 0, item.line))
    numbers = {item.number for item in rows if item.number is not None}
    for missing in sorted(set(range(1, max(numbers, default=0) + 1)) - numbers):
        # Extraction lost the whole row: say so rather than renumber silently.
        after = min((item for item in rows if (item.number or 0) > missing), key=_line)
        reader.unreadable(missing, after.line, (), "the numbering skips this row")
    for item in rows:
        if isinstance(item, RowProblem):
            reader.unreadable(item.number, item.line, item.cells, item.reason)
            continue
        indicator = reader.read(item)
        if indicator is not None:
            indicators.append(indicator)
    return RowsResult(tuple(indicators), tuple(reader.findings))


@attrs.frozen
class TablesResult:
    """Indicators and findings of every table of a document, and the lines the tables use."""

    tables: tuple[Table, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    findings: tuple[Finding, ...] = ()
    lines: frozenset[int] = frozenset()


def tables_indicators(
    tables: Sequence[Table],
    *,
    period: Period,
    plan: str | None = None,
    file: str | None = None,
    fixes: Mapping[int, Sequence[Fix]] | None = None,
) -> TablesResult:
    """:func:`table_indicators` for each table, numbered from 1 in document order.

    ``fixes`` maps a table number to the repairs of its rows.
    """
    indicators: list[Indicator] = []
    findings: list[Finding] = []
    lines: set[int] = set()
    for number, table in enumerate(tables, start=1):
        result = table_indicators(
            table,
            table_number=number,
            period=period,
            plan=plan,
            file=file,
            fixes=(fixes or {}).get(number, ()),
        )
        indicators.extend(result.indicators)
        findings.extend(result.findings)
        lines |= table_lines(table)
    return TablesResult(tuple(tables), tuple(indicators), tuple(findings), frozenset(lines))
