"""Table rows to indicators: names, units, values, attributes, sections, provenance, findings.

:func:`table_indicators` turns every row of one :class:`~minzheng_plans.text.tables.Table`
into an :class:`~minzheng_plans.core.model.Indicator` (id ``t{table}.{row}``, a part of a
row ``t{table}.{row}.{part}``) or an MZ501 finding that quotes the row, so that rows in =
indicators + MZ501, always; columns no reader knows get one MZ508. The one entry point for
every source is :func:`minzheng_plans.text.reader.read_grids`, which calls it.

What each value column means is read from its header (``2020年目标值`` is a target,
``2020情况`` an actual) and, where the header names only a year, from the plan period: a year
before the period is a baseline, a later one a target. In a completion table (a 完成情况
caption or status column) an earlier year is the baseline and the latest the actual.

The unit is the unit column's, else the one in brackets after the name (``床位数(张)``), else
the one written in the value cells (``≥30平方米``), else the one in the value header
(``目标值(%)``); a part of a row (``其中：城市``) takes its parent's unit and attribute where
it writes none, and its name is formed from the parent's (:func:`part_name`). A parent row
without figures of its own is no indicator: its parts hold them.

Loaders repair cells that text extraction damaged by passing :class:`Fix` records (directly,
or from the ``repair`` hook of ``read_grids``): the fixed text is read instead of the cell,
``source.raw`` keeps what the document says and an MZ502 info finding gives the reason. Two
repairs are generic and need no fix: a unit whose closing bracket was lost (``比重(%``) and
an attribute cut short (``约束`` for ``约束性``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

import attrs

from minzheng_plans.core.errors import ValueParseError
from minzheng_plans.core.findings import ArgValue, Finding, Location, Severity, make_finding
from minzheng_plans.core.formatting import format_target
from minzheng_plans.core.messages import N_, Message, as_message, join_messages
from minzheng_plans.core.model import Attribute, Indicator, Observation, Period, Source, SourceKind
from minzheng_plans.core.quantity import Target
from minzheng_plans.core.values import ParsedValue, parse_value
from minzheng_plans.text._meanings import ColumnMeaning, column_meanings, is_completion_table
from minzheng_plans.text._names import MARKS, binding_marks, part_name
from minzheng_plans.text.grid import Place
from minzheng_plans.text.tables import (
    Cell,
    Column,
    ColumnRole,
    RowProblem,
    Table,
    TableRow,
    Unread,
    split_name_unit,
)
from minzheng_plans.text.vocabulary import (
    ATTRIBUTE_WORDS,
    MAX_QUOTE,
    RATIO_UNIT,
    TRUNCATED_ATTRIBUTES,
)

__all__ = [
    "ASPIRATION",
    "CUT_ATTRIBUTE",
    "LOST_BRACKET",
    "MAX_QUOTE",
    "RATIO_UNIT",
    "ColumnMeaning",
    "Fix",
    "RowsResult",
    "TablesResult",
    "binding_marks",
    "column_meanings",
    "is_completion_table",
    "part_name",
    "read_attribute",
    "row_quote",
    "table_indicators",
    "table_lines",
    "table_source",
    "tables_indicators",
]


@attrs.frozen
class Fix:
    """A loader's repair of one row: a cell's text (by column role and index) or the unit.

    ``reason`` states the evidence (column meaning, neighbouring rows, the same figure in the
    prose); it goes into the MZ502 finding, so it is a :class:`~minzheng_plans.core.messages.
    Message` shown in the report's language: a message id of the library's catalogs (such as
    :data:`LOST_BRACKET`), or a plugin's own sentence with its translations (a plain string is
    taken as a message id). ``sub`` addresses a part of row ``row`` (``其中：城市`` is part 1).
    """

    row: int
    reason: Message = attrs.field(converter=as_message)
    role: ColumnRole | None = None
    index: int = 0
    text: str | None = None
    unit: str | None = None
    sub: int | None = None


#: The reasons of the two generic repairs, for loaders that report the same repair.
LOST_BRACKET = N_("the closing bracket after the unit was lost in extraction")
CUT_ATTRIBUTE = N_("the attribute word was cut short; only 约束性 and 预期性 exist")
ASPIRATION = N_("力争 states an aspiration beyond the commitment; it is kept only in this finding")
# What each kind of value cell is called in a finding.
_KIND_WORDS = {
    "baseline": N_("baseline"),
    "target": N_("target"),
    "actual": N_("actual value"),
    "growth": N_("growth"),
}


@attrs.frozen
class RowsResult:
    indicators: tuple[Indicator, ...] = ()
    findings: tuple[Finding, ...] = ()


def read_attribute(text: str) -> tuple[Attribute | None, bool]:
    """The attribute a cell states and whether the word was cut short (``约束``)."""
    key = text.replace(" ", "")
    if key in ATTRIBUTE_WORDS:
        return ATTRIBUTE_WORDS[key], False
    if key in TRUNCATED_ATTRIBUTES:
        return TRUNCATED_ATTRIBUTES[key], True
    return None, False


def row_quote(cell: Cell) -> str:
    """The exact text of ``cell`` as the document has it, cut to :data:`MAX_QUOTE`."""
    return cell.raw[:MAX_QUOTE]


def table_source(
    place: Place,
    *,
    table: str | None,
    row: int | None,
    quote: str | None,
    raw: str | None = None,
) -> Source:
    """The provenance of a table value at ``place``: the one spot where places become sources."""
    return Source(
        SourceKind.TABLE,
        table=table,
        row=row,
        line=place.line,
        quote=quote,
        raw=raw,
        page=place.page,
        table_index=place.table,
        row_index=place.row,
    )


def table_lines(table: Table) -> frozenset[int]:
    """Every line the table occupies, caption and notes included: prose readers skip them."""
    first = table.caption_line or table.header_line or 0
    last = table.end_line or first
    return frozenset(range(first, last + 1))


def _row_text(cells: Sequence[Cell]) -> str:
    return " | ".join(cell.raw for cell in cells)


def _ident(table_number: int, row: TableRow | RowProblem | int) -> str:
    if isinstance(row, int):
        return f"t{table_number}.{row}"
    if isinstance(row, TableRow) and row.sub is not None:
        return f"t{table_number}.{row.number}.{row.sub}"
    return f"t{table_number}.{row.number}"


@attrs.define
class _RowReader:
    table: Table
    table_number: int
    period: Period
    meanings: list[ColumnMeaning]
    fixes: dict[tuple[int, int | None, ColumnRole | None, int], Fix]
    plan: str | None
    file: str | None
    findings: list[Finding] = attrs.Factory(list)
    marks: tuple[str | None, bool] = (None, False)
    # The name of the row being read, as the plan writes it: findings about it name it.
    name: str = ""

    @property
    def caption(self) -> str | Message:
        if self.table.caption:
            return self.table.caption
        return Message(N_("table {number}"), {"number": self.table_number})

    def finding(
        self,
        code: str,
        severity: Severity,
        message: str,
        row: TableRow | RowProblem | int | None,
        line: int | None,
        **args: ArgValue,
    ) -> None:
        """Record a finding about ``row`` (None: a row without a readable number)."""
        number = row if isinstance(row, int) or row is None else row.number
        label = str(number) if number is not None else "?"
        if isinstance(row, TableRow) and row.sub is not None:
            label = f"{number}.{row.sub}"
        location = Location(self.file, line) if self.file is not None or line is not None else None
        self.findings.append(
            Finding(
                code,
                severity,
                message,
                {**args, "row": label, "table": self.caption},
                plan=self.plan,
                indicator=_ident(self.table_number, row) if row is not None else None,
                location=location,
            )
        )

    def unreadable(
        self,
        row: TableRow | RowProblem | int | None,
        line: int | None,
        cells: Sequence[Cell],
        why: str | Message,
    ) -> None:
        if isinstance(row, RowProblem) and row.number is None:
            row = None
        self.finding(
            "MZ501",
            Severity.WARNING,
            "Row {row} of {table} cannot be read ({reason}); the row reads: {quote}",
            row,
            line,
            reason=as_message(why),
            quote=_row_text(cells)[:200],
        )

    def repaired(
        self, row: TableRow, line: int | None, raw: ArgValue, read: str, reason: Message
    ) -> None:
        self.finding(
            "MZ502",
            Severity.INFO,
            "Row {row} of {table} ({name}): “{raw}” was read as “{read}” ({reason})",
            row,
            line,
            name=self.name,
            raw=raw,
            read=read,
            reason=reason,
        )

    def fix(self, row: TableRow, role: ColumnRole | None, index: int) -> Fix | None:
        return self.fixes.get((row.number, row.sub, role, index))

    def cell_text(self, row: TableRow, role: ColumnRole, index: int, raws: list[str]) -> str | None:
        cell = row.cell(self.table.columns, role, index)
        if cell is None:
            return None
        fix = self.fix(row, role, index)
        if fix is None or fix.text is None:
            return cell.text
        raws.append(cell.raw)
        self.repaired(row, cell.line, cell.raw, fix.text, fix.reason)
        return fix.text

    def read(self, row: TableRow) -> Indicator | None:
        columns = self.table.columns
        name_cell = row.cell(columns, ColumnRole.NAME)
        if name_cell is None or not name_cell.text:
            self.unreadable(row, row.line, row.cells, N_("no indicator name"))
            return None
        self.name = self.row_name(row, name_cell)
        raws: list[str] = []
        name, unit = self.name_and_unit(row, name_cell, raws)
        baseline: Observation | None = None
        targets: list[tuple[int, Target | None, str]] = []
        actual: Observation | None = None
        value_columns = [i for i, c in enumerate(columns) if c.role == ColumnRole.VALUE]
        for meaning in self.meanings:
            index = value_columns.index(meaning.column)
            text = self.cell_text(row, ColumnRole.VALUE, index, raws)
            if text is None:
                continue
            parsed = self.parse(row, columns[meaning.column], text)
            if parsed is None:
                return None
            if unit and parsed.unit and parsed.unit != unit:
                self.other_unit(row, text, parsed.unit, unit)
            unit = unit or parsed.unit
            if parsed.ratio and unit in {"", RATIO_UNIT}:
                unit = RATIO_UNIT
            if meaning.kind == "target":
                target = parsed.to_target(meaning.year)
                if parsed.kind == "direction":
                    # 逐步提高: the row is kept, without a target; the words stay in a finding.
                    self.not_single(row, meaning.kind, text)
                if parsed.aspirational and target is not None:
                    read = format_target(target, parsed.unit)
                    self.repaired(row, row.line, text, read, Message(ASPIRATION))
                targets.append((meaning.year, target, text))
            else:
                observation = parsed.to_observation(meaning.year)
                if observation is None and parsed.kind != "none":
                    # A baseline or actual holds one value: keep the row, say what was left out.
                    self.not_single(row, meaning.kind, text)
                if meaning.kind == "baseline":
                    baseline = observation
                else:
                    actual = observation
        target = self.target(row, targets)
        unit = unit or self.header_unit()
        if not unit and row.parent is not None:
            unit = self.parent_unit(row.parent)
        growth = self.growth(row, raws)
        attribute = self.attribute(row, raws)
        status_cell = row.cell(columns, ColumnRole.STATUS)
        definition_cell = row.cell(columns, ColumnRole.DEFINITION)
        return Indicator(
            id=_ident(self.table_number, row),
            name=name,
            unit=unit,
            attribute=attribute,
            baseline=baseline,
            target=target,
            actual=actual,
            growth=growth,
            status=status_cell.text or None if status_cell else None,
            definition=definition_cell.text or None if definition_cell else None,
            section=row.section,
            source=table_source(
                name_cell.place,
                table=self.table.caption,
                row=row.number,
                quote=row_quote(name_cell),
                raw=" | ".join(raws) or None,
            ),
        )

    def target(self, row: TableRow, targets: list[tuple[int, Target | None, str]]) -> Target | None:
        """The target for the plan's end year (else the last one); others go in MZ503."""
        if not targets:
            return None
        chosen = next((t for t in targets if t[0] == self.period.end), targets[-1])
        for year, other, text in targets:
            if other is not None and (year, other, text) != chosen:
                self.finding(
                    "MZ503",
                    Severity.WARNING,
                    "Row {row} of {table} ({name}): the target “{text}” for {year} is kept only "
                    "in this finding; the indicator's target is the one for {chosen}",
                    row,
                    row.line,
                    name=self.name,
                    text=text,
                    year=str(year),
                    chosen=str(chosen[0]),
                )
        return chosen[1]

    def header_unit(self) -> str:
        """A unit every value header states in brackets (``2025年目标值(%)``)."""
        units = set()
        for column in self.table.columns:
            if column.role == ColumnRole.VALUE:
                units.add(split_name_unit(column.header).unit)
        return units.pop() if len(units) == 1 else ""

    def parent_unit(self, parent: TableRow) -> str:
        columns = self.table.columns
        unit_cell = parent.cell(columns, ColumnRole.UNIT)
        if unit_cell is not None and unit_cell.text:
            return unit_cell.text
        name_cell = parent.cell(columns, ColumnRole.NAME)
        return split_name_unit(name_cell.text).unit if name_cell is not None else ""

    def row_name(self, row: TableRow, name_cell: Cell) -> str:
        """The indicator's name as the row writes it (a part's formed from its parent's)."""
        unit_cell = row.cell(self.table.columns, ColumnRole.UNIT)
        split = split_name_unit(MARKS.sub("", name_cell.text))
        name = split.name
        if unit_cell is not None and unit_cell.text:
            # 养老床位(张) beside a unit column 张: the name is 养老床位.
            closed = split.closed and split.unit == unit_cell.text
            name = split.name if closed else MARKS.sub("", name_cell.text)
        if row.parent is not None:
            parent_cell = row.parent.cell(self.table.columns, ColumnRole.NAME)
            parent = split_name_unit(parent_cell.text).name if parent_cell is not None else ""
            name = part_name(parent, name)
        return name

    def name_and_unit(self, row: TableRow, name_cell: Cell, raws: list[str]) -> tuple[str, str]:
        columns = self.table.columns
        unit_cell = row.cell(columns, ColumnRole.UNIT)
        fix = self.fix(row, None, 0)
        split = split_name_unit(MARKS.sub("", name_cell.text))
        if unit_cell is not None and unit_cell.text:
            unit = unit_cell.text
        else:
            unit = split.unit
            if not split.closed and fix is None and not unit:
                self.finding(
                    "MZ503",
                    Severity.WARNING,
                    "Row {row} of {table}: the unit after {name} was lost and nothing in "
                    "the document says what it was; the unit is left empty",
                    row,
                    name_cell.line,
                    name=split.name,
                )
            elif not split.closed and fix is None:
                raws.append(name_cell.raw)
                read = f"{split.name}({unit})"
                self.repaired(row, name_cell.line, name_cell.raw, read, Message(LOST_BRACKET))
        if fix is not None and fix.unit is not None:
            raws.append(name_cell.raw if unit_cell is None else unit_cell.raw)
            raw: ArgValue = unit or Message(N_("(no unit)"))
            self.repaired(row, name_cell.line, raw, fix.unit, fix.reason)
            unit = fix.unit
        return self.name, unit

    def other_unit(self, row: TableRow, text: str, written: str, unit: str) -> None:
        self.finding(
            "MZ503",
            Severity.WARNING,
            "Row {row} of {table} ({name}): the value “{text}” is in {written}, the row in "
            "{unit}; the value is read in {unit}",
            row,
            row.line,
            name=self.name,
            text=text,
            written=written,
            unit=unit,
        )

    def not_single(self, row: TableRow, kind: str, text: str) -> None:
        self.finding(
            "MZ503",
            Severity.WARNING,
            "Row {row} of {table} ({name}): the {kind} “{text}” is not one value; it is kept "
            "only in this finding",
            row,
            row.line,
            name=self.name,
            kind=Message(_KIND_WORDS[kind]),
            text=text,
        )

    def parse(self, row: TableRow, column: Column, text: str) -> ParsedValue | None:
        try:
            return parse_value(text)
        except ValueParseError as err:
            why = Message(
                N_("{column} “{text}”: expected {expected}"),
                {
                    "column": column.header or Message(N_("a value column")),
                    # As the error shows it: a huge number as a sketch, never all its digits.
                    "text": err.text,
                    "expected": err.expected_message,
                },
            )
            self.unreadable(row, row.line, row.cells, why)
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
        fixed = self.fix(row, ColumnRole.GROWTH, 0) is not None
        if fixed and parsed is not None and parsed.kind == "range":
            # The MZ502 finding of the repair already keeps the range.
            return None
        if parsed is None or parsed.kind != "none":
            # The model keeps one growth figure; a range or phrase stays in the finding.
            self.not_single(row, "growth", text)
        return None

    def attribute(self, row: TableRow, raws: list[str]) -> Attribute | None:
        mark, rest = self.marks
        name_cell = row.cell(self.table.columns, ColumnRole.NAME)
        if mark is not None and self.table.column_index(ColumnRole.ATTRIBUTE) is None:
            marked = name_cell is not None and mark in name_cell.text
            # The notes say what the mark means: 带*的为约束性指标(，其余为预期性指标).
            return Attribute.BINDING if marked else Attribute.ANTICIPATORY if rest else None
        cell = row.cell(self.table.columns, ColumnRole.ATTRIBUTE)
        if (cell is None or not cell.text) and row.parent is not None:
            cell = row.parent.cell(self.table.columns, ColumnRole.ATTRIBUTE)
            if cell is not None and cell.text:
                return read_attribute(cell.text)[0]
        if cell is None or not cell.text:
            return None
        attribute, truncated = read_attribute(cell.text)
        if attribute is None:
            self.finding(
                "MZ503",
                Severity.WARNING,
                "Row {row} of {table} ({name}): attribute “{text}” is neither 约束性 nor "
                "预期性; it was left out",
                row,
                cell.line,
                name=self.name,
                text=cell.raw,
            )
        elif truncated:
            raws.append(cell.raw)
            full = "约束性" if attribute is Attribute.BINDING else "预期性"
            self.repaired(row, cell.line, cell.raw, full, Message(CUT_ATTRIBUTE))
        return attribute

    def unknown_columns(self) -> None:
        others = [c.header for c in self.table.columns if c.role == ColumnRole.OTHER]
        if not others:
            return
        self.findings.append(
            make_finding(
                "MZ508",
                Severity.INFO,
                "Columns of {table} that no reader knows were not read: {columns}",
                plan=self.plan,
                file=self.file,
                line=self.table.header_line,
                table=self.caption,
                columns=join_messages(h or Message(N_("(no header)")) for h in others),
            )
        )


def _order(item: TableRow | RowProblem) -> tuple[int, int, int]:
    sub = item.sub if isinstance(item, TableRow) and item.sub is not None else 0
    return (item.number or 0, sub, item.line or 0)


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
    fix_map = {(fix.row, fix.sub, fix.role, fix.index): fix for fix in fixes}
    reader = _RowReader(
        table,
        table_number,
        period,
        list(meanings) if meanings is not None else column_meanings(table, period),
        fix_map,
        plan,
        file,
    )
    reader.unknown_columns()
    reader.marks = binding_marks(table)
    indicators: list[Indicator] = []
    rows: list[TableRow | RowProblem] = [*table.rows, *table.problems]
    rows.sort(key=_order)
    numbers = {item.number for item in rows if item.number is not None}
    for missing in sorted(set(range(1, max(numbers, default=0) + 1)) - numbers):
        # Extraction lost the whole row: say so rather than renumber silently.
        after = min((item for item in rows if (item.number or 0) > missing), key=_line)
        reader.unreadable(missing, after.line, (), N_("the numbering skips this row"))
    seen: set[str] = set()
    parents = {id(row.parent) for row in table.rows if row.parent is not None}
    for item in rows:
        if isinstance(item, RowProblem):
            reader.unreadable(item, item.line, item.cells, item.reason)
            continue
        if id(item) in parents and not _has_values(table, item):
            continue  # 城乡低保标准 over its parts 城市 and 农村: the parts hold the figures
        indicator = reader.read(item)
        if indicator is None:
            continue
        if indicator.id in seen:
            # Two rows with one number: the later one gets a suffix, and the id says so.
            suffix = 2
            while f"{indicator.id}-{suffix}" in seen:
                suffix += 1
            indicator = attrs.evolve(indicator, id=f"{indicator.id}-{suffix}")
        seen.add(indicator.id)
        indicators.append(indicator)
    return RowsResult(tuple(indicators), tuple(reader.findings))


def _has_values(table: Table, row: TableRow) -> bool:
    roles = {ColumnRole.VALUE, ColumnRole.GROWTH}
    return any(
        cell.text for cell, c in zip(row.cells, table.columns, strict=True) if c.role in roles
    )


def _line(item: TableRow | RowProblem) -> int:
    return item.line or 0


@attrs.frozen
class TablesResult:
    """Indicators and findings of every table of a document, and the lines the tables use.

    ``tables`` are the tables read and ``numbers`` their numbers (the ``t{number}`` of their
    ids); ``unread`` the grids that were not indicator tables (each has an MZ507 finding).
    """

    tables: tuple[Table, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    findings: tuple[Finding, ...] = ()
    lines: frozenset[int] = frozenset()
    unread: tuple[Unread, ...] = ()
    numbers: tuple[int, ...] = ()


def tables_indicators(
    tables: Sequence[Table],
    *,
    period: Period,
    plan: str | None = None,
    file: str | None = None,
    fixes: Mapping[int, Sequence[Fix]] | None = None,
    numbers: Sequence[int] | None = None,
) -> TablesResult:
    """:func:`table_indicators` for each table, numbered from 1 in document order (or by
    ``numbers``, one per table).

    ``fixes`` maps a table number to the repairs of its rows.
    """
    indicators: list[Indicator] = []
    findings: list[Finding] = []
    lines: set[int] = set()
    for number, table in zip(numbers or range(1, len(tables) + 1), tables, strict=True):
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
    return TablesResult(
        tuple(tables),
        tuple(indicators),
        tuple(findings),
        frozenset(lines),
        numbers=tuple(numbers or range(1, len(tables) + 1)),
    )
