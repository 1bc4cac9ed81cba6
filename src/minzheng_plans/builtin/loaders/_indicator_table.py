"""The indicator-table layout shared by the CSV and XLSX loaders: rows into a plan.

The layout (header block, header row, indicator rows) is read by :mod:`._table_layout`, the
value cells of a row by :mod:`._table_cells`; this module builds the plan. Its jurisdiction is
the registry's wherever the header block lets the resolver find the place (a code the registry
knows, or a name, with the title and issuers as evidence); an unresolved place keeps its name,
gets a code of its own (``X-…``) and an MZ509, as with every loader.

Nothing is dropped silently: a row that cannot be read, or a cell in it, becomes an MZ501
finding quoting the row; defaults and columns left unread are named in one MZ505 finding.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import PurePath

import attrs

from minzheng_plans.builtin.loaders._table_cells import CellReader
from minzheng_plans.builtin.loaders._table_layout import (
    CODE_LIKE,
    HEADER_SEARCH_ROWS,
    LEVELS,
    PERIOD,
    Column,
    RawTable,
    Row,
    find_header,
    lookup_meta,
    norm,
)
from minzheng_plans.core.errors import DocumentError
from minzheng_plans.core.findings import ArgValue, Finding, Severity, make_finding
from minzheng_plans.core.messages import N_, Message, join_messages
from minzheng_plans.core.model import (
    Indicator,
    Jurisdiction,
    Level,
    Period,
    Plan,
    PlanRef,
    Source,
    SourceKind,
)
from minzheng_plans.plugins.hookspecs import LoadResult
from minzheng_plans.registries.jurisdictions import JurisdictionRegistry
from minzheng_plans.registries.resolve import (
    UNKNOWN_KIND,
    resolve_jurisdiction,
    unresolved_finding,
)
from minzheng_plans.text.classify import category_title, is_category_text
from minzheng_plans.text.normalise import normalise_string

__all__ = ["RawTable", "Row", "build_plan", "find_header"]


@attrs.frozen
class _Where:
    """Where a row sits: table number, row within the table, caption, label for messages."""

    number: int
    ordinal: int
    caption: str | None
    label: ArgValue
    lines: bool


@attrs.define
class _Meta:
    """The header block: plan metadata, first value wins; the problems it had."""

    values: dict[str, tuple[str, ...]] = attrs.Factory(dict)
    # issuer and based_on may repeat, one row each.
    repeated: dict[str, list[tuple[str, ...]]] = attrs.Factory(dict)

    def first(self, key: str) -> str | None:
        found = self.values.get(key)
        return found[0] if found else None


@attrs.define
class _Builder:
    """Reads the tables of one document into a plan, collecting findings as it goes."""

    document: str
    loader: str
    meta: _Meta = attrs.Factory(_Meta)
    problems: list[tuple[Row, ArgValue, list[Message], str | None]] = attrs.Factory(list)
    notes: list[Message] = attrs.Factory(list)
    indicators: list[Indicator] = attrs.Factory(list)
    ids: set[str] = attrs.Factory(set)
    section: str | None = None

    def problem(
        self, row: Row, table: ArgValue, reasons: list[Message], indicator: str | None
    ) -> None:
        self.problems.append((row, table, reasons, indicator))

    def read_block(self, rows: Iterable[Row], table: ArgValue) -> str | None:
        """Read the header block; return a caption given by a lone cell (表1 主要指标)."""
        caption = None
        for row in rows:
            if row.is_blank() or row.cells[0].startswith("#"):
                continue
            key = lookup_meta(row.cells[0])
            values = tuple(cell for cell in row.cells[1:] if cell)
            if key is None:
                if len([c for c in row.cells if c]) == 1 and caption is None:
                    caption = row.cells[0]
                    continue
                reason = Message(N_("not a header-block key, and above the header"))
                self.problem(row, table, [reason], None)
                continue
            if not values:
                reason = Message(N_("header-block key “{key}” has no value"), {"key": row.cells[0]})
                self.problem(row, table, [reason], None)
                continue
            if key == "table":
                caption = values[0]
            elif key in {"issuer", "based_on"}:
                self.meta.repeated.setdefault(key, []).append(values)
            else:
                self.meta.values.setdefault(key, values)
        return caption

    def read_table(self, number: int, table: RawTable) -> bool:
        """Read one table; ``False`` when it has no header row (nothing read)."""
        header = find_header(table.rows)
        label: ArgValue = table.label or Message(N_("table {number}"), {"number": number})
        if header is None:
            if any(not row.is_blank() for row in table.rows):
                self.notes.append(
                    Message(N_("{table} has no header row and was not read"), {"table": label})
                )
            return False
        position, columns = header
        self.section = None
        caption = self.read_block(table.rows[:position], label) or table.caption
        head = table.rows[position]
        unread = [
            text
            for index, text in enumerate(head.cells)
            if text and index not in columns and text.strip()
        ]
        if unread:
            self.notes.append(
                Message(
                    N_("columns not read in {table}: {columns}"),
                    {"table": label, "columns": ", ".join(unread)},
                )
            )
        ordinal = 0
        for row in table.rows[position + 1 :]:
            # A header repeated under a page break is the same row again.
            if row.is_blank() or row.cells[0].startswith("#") or row.cells == head.cells:
                continue
            ordinal += 1
            # Cells under a named but unknown column are covered by the note above; cells
            # under no header at all would vanish unnoticed, so each row reports them.
            stray = [text for i, text in enumerate(row.cells) if text and not head.cell(i)]
            where = _Where(number, ordinal, caption, label, table.lines)
            self.read_row(row, columns, where, stray)
        return True

    def read_row(
        self, row: Row, columns: Mapping[int, Column], where: _Where, stray: list[str]
    ) -> None:
        cells = {column.field: row.cell(index) for index, column in columns.items()}
        years = {column.field: column.year for column in columns.values() if column.year}
        reasons: list[Message] = []
        label = where.label
        name = cells.get("name", "")
        filled = [text for text in row.cells if text]
        if len(filled) == 1 and is_category_text(normalise_string(filled[0])):
            # A category heading (一、养老服务) groups the rows below it: their section.
            self.section = category_title(normalise_string(filled[0]))
            return
        if cells.get("category"):
            self.section = category_title(normalise_string(cells["category"]))
        if not name:
            reasons.append(Message(N_("no indicator name")))
            self.problem(row, label, reasons + _stray_reason(stray), None)
            return
        indicator_id = self.new_id(cells, where.number, where.ordinal, reasons)
        reader = CellReader(cells, years, self.meta.first, _period_end(self.meta), reasons)
        unit = cells.get("unit", "")
        baseline = reader.observation("baseline")
        target = reader.target()
        actual = reader.observation("actual", fallback=target.year if target else None)
        written = [u for u in reader.units if u]
        differing = [u for u in written if u != unit]
        if not unit and written:
            unit = written[0]
        elif unit and differing:
            reasons.append(
                Message(
                    N_("a value cell gives unit {written}, the unit column {unit}"),
                    {"written": differing[0], "unit": unit},
                )
            )
        indicator = Indicator(
            id=indicator_id,
            name=name,
            unit=unit,
            code=cells.get("code") or None,
            attribute=reader.attribute(),
            baseline=baseline,
            target=target,
            actual=actual,
            growth=reader.growth(),
            status=cells.get("status") or None,
            definition=cells.get("definition") or None,
            project=cells.get("project") or None,
            section=self.section,
            source=Source(
                SourceKind.TABLE,
                table=where.caption,
                row=where.ordinal,
                line=row.line if where.lines else None,
            ),
        )
        self.indicators.append(indicator)
        reasons += _stray_reason(stray)
        if reasons:
            self.problem(row, label, reasons, indicator_id)

    def new_id(
        self, cells: Mapping[str, str], number: int, ordinal: int, reasons: list[Message]
    ) -> str:
        given = cells.get("id", "")
        seq = cells.get("number", "")
        wanted = given or (f"t{number}.{seq}" if seq.isdigit() else f"t{number}.{ordinal}")
        candidate = wanted
        suffix = 1
        while candidate in self.ids:
            suffix += 1
            candidate = f"{wanted}-{suffix}"
        if candidate != wanted:
            reasons.append(
                Message(
                    N_("id {wanted} is already used; this row got {given}"),
                    {"wanted": wanted, "given": candidate},
                )
            )
        self.ids.add(candidate)
        return candidate


def _stray_reason(stray: Sequence[str]) -> list[Message]:
    if not stray:
        return []
    return [Message(N_("cells under no column header: {cells}"), {"cells": ", ".join(stray)})]


def _period_end(meta: _Meta) -> int | None:
    text = " ".join(meta.values.get("period", ()))
    match = PERIOD.fullmatch(text) if text else None
    return int(match.group(2)) if match else None


def build_plan(
    tables: Sequence[RawTable],
    *,
    document: str,
    loader: str,
    jurisdictions: JurisdictionRegistry | None = None,
) -> LoadResult:
    """Read ``tables`` (one per CSV, one per sheet) into a plan with its loading findings.

    ``jurisdictions`` is the run's registry (``LoadContext.jurisdictions()``); without it the
    jurisdiction is taken as written. Raises :class:`DocumentError` when no table has a header
    row, or when the plan period is neither given in the header block nor implied by the rows'
    years.
    """
    builder = _Builder(document, loader)
    read = [builder.read_table(number, table) for number, table in enumerate(tables, start=1)]
    if not any(read):
        msg = (
            "no indicator-table header row in the first "
            f"{HEADER_SEARCH_ROWS} rows: expected a row naming a name (指标名称) column and at "
            "least one of unit, attribute, baseline, target (see the indicator-table layout)"
        )
        raise DocumentError(msg, path=document)
    defaults: list[Message] = []
    period = _period(builder, defaults)
    title = builder.meta.first("title")
    if title is None:
        title = PurePath(document).stem
        defaults.append(Message(N_("title “{title}”"), {"title": title}))
    jurisdiction, resolution = _jurisdiction(builder, defaults, title, period, jurisdictions)
    plan_id = f"{jurisdiction.code}-{period.start}-{period.end}"
    findings = _findings(builder, plan_id, defaults)
    if resolution is not None:
        findings.append(resolution(plan_id))
    plan = Plan(
        id=plan_id,
        title=title,
        jurisdiction=jurisdiction,
        period=period,
        issuers=tuple(v for values in builder.meta.repeated.get("issuer", ()) for v in values),
        document_number=builder.meta.first("document_number"),
        issued=_issued(builder, findings, plan_id),
        based_on=tuple(
            PlanRef(values[0], values[1] if len(values) > 1 else None)
            for values in builder.meta.repeated.get("based_on", ())
        ),
        source=PurePath(document).name,
        indicators=tuple(builder.indicators),
    )
    return LoadResult(plan, findings)


def _period(builder: _Builder, defaults: list[Message]) -> Period:
    text = " ".join(builder.meta.values.get("period", ()))
    match = PERIOD.fullmatch(text) if text else None
    try:
        if match is not None:
            return Period(int(match.group(1)), int(match.group(2)))
    except ValueError as err:
        msg = f"period {text!r} in the header block: {err}"
        raise DocumentError(msg, path=builder.document) from None
    if text:
        msg = f"period {text!r} in the header block: expected two years, e.g. period,2021,2025"
        raise DocumentError(msg, path=builder.document)
    targets = [i.target.year for i in builder.indicators if i.target is not None]
    baselines = [i.baseline.year for i in builder.indicators if i.baseline is not None]
    if not targets:
        msg = (
            "the plan period is not given and no row has a target year: add a header-block "
            "row such as period,2021,2025 above the header"
        )
        raise DocumentError(msg, path=builder.document)
    end = max(targets)
    # Five-year plans are the rule; a baseline year says where this one starts.
    start = min(baselines) + 1 if baselines and min(baselines) < end else end - 4
    defaults.append(
        Message(N_("period {period} (from the rows' years)"), {"period": f"{start}-{end}"})
    )
    return Period(start, end)


def _jurisdiction(
    builder: _Builder,
    defaults: list[Message],
    title: str,
    period: Period,
    registry: JurisdictionRegistry | None,
) -> tuple[Jurisdiction, _Unresolved | None]:
    """The plan's jurisdiction: the registry's for a code it knows or a place the resolver
    finds from the name, title and issuers; else as written (a local code), or a stand-in
    with a code of its own and an MZ509."""
    values = list(builder.meta.values.get("jurisdiction", ()))
    code = values.pop(0) if values and CODE_LIKE.match(values[0]) else None
    name = values.pop(0) if values else None
    level = LEVELS.get(norm(values[0])) if values else None
    if values and level is None:
        msg = (
            f"jurisdiction level {values[0]!r} in the header block: expected one of national, "
            "provincial, prefecture, county, zone (or 全国, 省, 市, 县, 开发区)"
        )
        raise DocumentError(msg, path=builder.document)
    if registry is not None:
        known = registry.get(code) if code is not None else None
        if known is not None:
            return known, None
        if code is None:
            return _resolved(builder, title, period, registry, name, level)
    if code is None:
        code = "unknown"
        defaults.append(Message(N_("jurisdiction code “{code}”"), {"code": code}))
    if name is None:
        name = "未注明"
        defaults.append(Message(N_("jurisdiction name “{name}”"), {"name": name}))
    if level is None:
        level = Level.COUNTY
        defaults.append(Message(N_("level “{level}”"), {"level": Message(N_("county"))}))
    return Jurisdiction(code, name, level), None


#: Makes the MZ509 finding once the plan id is known.
_Unresolved = Callable[[str], Finding]


def _resolved(
    builder: _Builder,
    title: str,
    period: Period,
    registry: JurisdictionRegistry,
    name: str | None,
    level: Level | None,
) -> tuple[Jurisdiction, _Unresolved | None]:
    """The place the header block names, through the resolver every loader uses."""
    issuers = [v for values in builder.meta.repeated.get("issuer", ()) for v in values]
    resolution = resolve_jurisdiction(
        registry,
        title=f"{name}{title}" if name and not title.startswith(name) else title,
        issuers=issuers,
        document_number=builder.meta.first("document_number"),
        nearby=[title],
        year=period.start,
    )
    found = resolution.jurisdiction
    if resolution.resolved:
        return found, None
    # The header block states the name and level: better than what the resolver guessed.
    if name and resolution.name is None:
        found = attrs.evolve(found, name=name)
        resolution = attrs.evolve(resolution, jurisdiction=found, name=name, problem=UNKNOWN_KIND)
    if level is not None and level is not found.level:
        found = attrs.evolve(found, level=level)
        resolution = attrs.evolve(resolution, jurisdiction=found)
    document = PurePath(builder.document).name
    return found, lambda plan: unresolved_finding(resolution, plan=plan, file=document)


def _issued(builder: _Builder, findings: list[Finding], plan_id: str) -> dt.date | None:
    text = builder.meta.first("issued")
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.replace("/", "-"))
    except ValueError:
        findings.append(
            make_finding(
                "MZ501",
                Severity.WARNING,
                "The issued date '{text}' in the header block is not a date (YYYY-MM-DD); it "
                "was left out.",
                plan=plan_id,
                file=builder.document,
                text=text,
            )
        )
        return None


_PARTIAL_ROW = (
    "Row {row} of {table} could not be read fully ({reasons}); the indicator keeps the cells "
    "that could be read. The row reads: {quote}"
)
_UNREAD_ROW = "Row {row} of {table} could not be read ({reasons}). The row reads: {quote}"
# A table, not a conditional expression, so that the message collector sees both ids.
_ROW_MESSAGES = {True: _PARTIAL_ROW, False: _UNREAD_ROW}


def _findings(builder: _Builder, plan_id: str, defaults: list[Message]) -> list[Finding]:
    findings = [
        make_finding(
            "MZ501",
            Severity.WARNING,
            _ROW_MESSAGES[indicator is not None],
            plan=plan_id,
            indicator=indicator,
            file=builder.document,
            line=row.line,
            row=row.line,
            table=table,
            reasons=join_messages(reasons),
            quote=row.quote(),
        )
        for row, table, reasons, indicator in builder.problems
    ]
    said = [*defaults, *builder.notes]
    if said:
        findings.append(
            make_finding(
                "MZ505",
                Severity.INFO,
                "Read by the generic {loader} loader: {what}. Add the missing rows to the "
                "header block (see the indicator-table layout) to make this explicit.",
                plan=plan_id,
                file=builder.document,
                loader=builder.loader,
                what=join_messages(
                    [Message(N_("defaulted {items}"), {"items": join_messages(defaults)})]
                    * bool(defaults)
                    + builder.notes
                ),
            )
        )
    return findings
