"""Reading one table row: its name, unit, values and attribute, with the repairs and findings.

The reader behind :func:`minzheng_plans.text.rows.table_indicators` (which documents what a
row becomes), and the records loaders use with it: :class:`Fix`, the generic repairs'
reasons, :func:`read_attribute`, :func:`row_quote` and :func:`table_source`, all public
through :mod:`minzheng_plans.text.rows`. That module reads tables; this one reads a row.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs

from minzheng_plans.core.errors import ValueParseError
from minzheng_plans.core.findings import ArgValue, Finding, Location, Severity, make_finding
from minzheng_plans.core.formatting import format_target
from minzheng_plans.core.messages import N_, Message, as_message, join_messages
from minzheng_plans.core.model import Attribute, Indicator, Observation, Period, Source, SourceKind
from minzheng_plans.core.quantity import Target
from minzheng_plans.core.values import ParsedValue, parse_value
from minzheng_plans.text._meanings import ColumnMeaning
from minzheng_plans.text._names import MARKS, part_name
from minzheng_plans.text.grid import Place
from minzheng_plans.text.tables import (
    Cell,
    Column,
    ColumnRole,
    RowProblem,
    Table,
    TableRow,
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
    "Fix",
    "RowReader",
    "read_attribute",
    "row_quote",
    "table_source",
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


# The reasons of the generic repairs; the API page describes them under text.rows.
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


def _row_text(cells: Sequence[Cell]) -> str:
    return " | ".join(cell.raw for cell in cells)


def _ident(table_number: int, row: TableRow | RowProblem | int) -> str:
    if isinstance(row, int):
        return f"t{table_number}.{row}"
    if isinstance(row, TableRow) and row.sub is not None:
        return f"t{table_number}.{row.number}.{row.sub}"
    return f"t{table_number}.{row.number}"


@attrs.define
class RowReader:
    """The rows of one table read in turn (:meth:`read`), the findings about them gathered in
    ``findings``; :func:`~minzheng_plans.text.rows.table_indicators` drives it."""

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
