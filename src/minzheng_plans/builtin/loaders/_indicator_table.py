"""The indicator-table layout shared by the CSV and XLSX loaders, independent of the file format.

A table is a list of rows of text cells. Rows above the header row form the *header block*
(``title,…``, ``jurisdiction,990101,澜溪县,county``, ``period,2021,2025``); the header row names
the columns (English names or Chinese aliases); every later row is an indicator. The layout is
documented for users in ``docs/reference/indicator-table.md``; keep the two in step.

Nothing is dropped silently: a row that cannot be read, or a cell in it, becomes an MZ501
finding quoting the row; defaults and columns left unread are named in one MZ505 finding.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import PurePath

import attrs

from minzheng_plans.core.errors import DocumentError, ValueParseError
from minzheng_plans.core.findings import Finding, Severity, make_finding
from minzheng_plans.core.model import (
    Attribute,
    Indicator,
    Jurisdiction,
    Level,
    Observation,
    Period,
    Plan,
    PlanRef,
    Source,
    SourceKind,
)
from minzheng_plans.core.quantity import Target
from minzheng_plans.core.values import ParsedValue, parse_value
from minzheng_plans.plugins.hookspecs import LoadResult
from minzheng_plans.text.classify import (
    ColumnRole,
    category_title,
    classify_header,
    is_category_text,
)
from minzheng_plans.text.normalise import normalise_string
from minzheng_plans.text.vocabulary import (
    ATTRIBUTE_HEADERS,
    ATTRIBUTE_WORDS,
    CATEGORY_HEADERS,
    DEFINITION_HEADERS,
    NAME_HEADERS,
    NUMBER_HEADERS,
    STATUS_HEADERS,
    TRUNCATED_ATTRIBUTES,
    UNIT_HEADERS,
    is_no_value,
)

__all__ = [
    "COLUMN_ALIASES",
    "HEADER_SEARCH_ROWS",
    "META_ALIASES",
    "RawTable",
    "Row",
    "build_plan",
    "find_header",
]

# The header must sit near the top: a table whose header is further down is not this layout.
HEADER_SEARCH_ROWS = 30

# Longest row quote kept in a finding: enough to find the row, short enough to read.
_QUOTE_CHARS = 160

# The layout's own column names (English field names, ids, years, codes, projects) and the
# exact names of the shared vocabulary; any other header (2020年基期值, 目标值(2025年)) is read
# by the classifier the text and document readers use, see :func:`_header_cell`.
COLUMN_ALIASES: Mapping[str, tuple[str, ...]] = {
    "id": ("id", "编号", "指标编号"),
    "number": ("number", "no", "no.", *sorted(NUMBER_HEADERS - {"编号"})),
    "name": ("name", *sorted(NAME_HEADERS)),
    "unit": ("unit", *sorted(UNIT_HEADERS)),
    "attribute": ("attribute", *sorted(ATTRIBUTE_HEADERS)),
    "baseline_year": ("baseline_year", "基期年份", "基期年", "基准年份", "基准年"),
    "baseline": ("baseline",),
    "target_year": ("target_year", "目标年份", "目标年", "规划年份"),
    "target": ("target",),
    "actual_year": ("actual_year", "实际年份", "完成年份"),
    "actual": ("actual",),
    "growth": ("growth",),
    "status": ("status", *sorted(STATUS_HEADERS)),
    "code": ("code", "代码", "指标代码", "目录代码"),
    "definition": ("definition", *sorted(DEFINITION_HEADERS)),
    "project": ("project", "专栏", "所属专栏"),
    "category": ("category", *sorted(CATEGORY_HEADERS)),
}

META_ALIASES: Mapping[str, tuple[str, ...]] = {
    "title": ("title", "标题", "规划名称"),
    "jurisdiction": ("jurisdiction", "行政区", "地区", "行政区划"),
    "period": ("period", "规划期", "规划期限"),
    "issuer": ("issuer", "issuers", "发布机关", "印发单位"),
    "document_number": ("document_number", "文号"),
    "issued": ("issued", "印发日期", "发布日期"),
    "based_on": ("based_on", "依据"),
    "table": ("table", "表名"),
    "baseline_year": COLUMN_ALIASES["baseline_year"],
    "target_year": COLUMN_ALIASES["target_year"],
}

_LEVELS: Mapping[str, Level] = {
    **dict.fromkeys(("national", "全国", "国家", "国家级"), Level.NATIONAL),
    **dict.fromkeys(("provincial", "省", "省级", "直辖市"), Level.PROVINCIAL),
    **dict.fromkeys(("prefecture", "市", "地级", "地级市", "设区市"), Level.PREFECTURE),
    **dict.fromkeys(("county", "县", "区", "县级", "县区", "县级市"), Level.COUNTY),
    **dict.fromkeys(("zone", "开发区", "经开区", "功能区", "新区"), Level.ZONE),
}

_ATTRIBUTES: Mapping[str, Attribute] = {
    "binding": Attribute.BINDING,
    "anticipatory": Attribute.ANTICIPATORY,
    **ATTRIBUTE_WORDS,
    **TRUNCATED_ATTRIBUTES,
}
_YEAR = re.compile(r"(\d{4})\s*年?\s*(?:底|末)?")
_PERIOD = re.compile(r"^(\d{4})\s*年?\s*(?:[-–—~～至到]+|\s)\s*(\d{4})\s*年?$")
_SPACES = re.compile(r"[\s\u3000]+")
_CODE_LIKE = re.compile(r"^\d{6}(?:-[A-Za-z0-9]+)?$")

# A column of the shared vocabulary, as a field of this layout.
_ROLE_FIELDS = {
    ColumnRole.NUMBER: "number",
    ColumnRole.NAME: "name",
    ColumnRole.UNIT: "unit",
    ColumnRole.ATTRIBUTE: "attribute",
    ColumnRole.STATUS: "status",
    ColumnRole.DEFINITION: "definition",
    ColumnRole.GROWTH: "growth",
    ColumnRole.CATEGORY: "category",
}
# English year headers (baseline 2020, 2025 target) beside the Chinese vocabulary.
_ENGLISH_ROLES = ("baseline", "actual", "target")


@attrs.frozen
class Row:
    """One row of text cells and where it starts (a line of a CSV, a row of a sheet)."""

    line: int
    cells: tuple[str, ...]

    def cell(self, index: int) -> str:
        return self.cells[index] if index < len(self.cells) else ""

    def is_blank(self) -> bool:
        return not any(self.cells)

    def quote(self) -> str:
        cells = list(self.cells)
        while cells and not cells[-1]:
            cells.pop()
        text = " | ".join(cells)
        return text if len(text) <= _QUOTE_CHARS else text[: _QUOTE_CHARS - 1] + "…"


@attrs.frozen
class RawTable:
    """The rows of one table; ``label`` names it in messages (a file or sheet name).

    ``lines`` says that a row's ``line`` is a line of the document (CSV), which then goes into
    each indicator's ``source.line``; a sheet's row numbers are not lines.
    """

    rows: tuple[Row, ...]
    label: str | None = None
    lines: bool = False
    caption: str | None = None  # when the header block gives none (a sheet's title)


@attrs.frozen
class Column:
    """What a header cell means: a field, and a year when the header states one."""

    field: str
    year: int | None = None


def _by_name(aliases: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    return {name: field for field, names in aliases.items() for name in names}


_COLUMN_BY_NAME = _by_name(COLUMN_ALIASES)
_META_BY_NAME = _by_name(META_ALIASES)


def _norm(text: str) -> str:
    return _SPACES.sub("", text).strip().rstrip(":：").lower()


def _lookup(by_name: Mapping[str, str], text: str) -> str | None:
    return by_name.get(_norm(text))


def _header_cell(text: str) -> Column | int | None:
    """A :class:`Column`, a bare year (a column whose role depends on the others), or None."""
    field = _lookup(_COLUMN_BY_NAME, text)
    if field is not None:
        return Column(field)
    column = classify_header(normalise_string(text).strip())
    if column is None:
        key = _norm(text)
        match = _YEAR.search(key)
        role = next((r for r in _ENGLISH_ROLES if r in key), None)
        return Column(role, int(match.group(1))) if match and role else None
    if column.role in _ROLE_FIELDS:
        return Column(_ROLE_FIELDS[column.role], column.year)
    if column.role != ColumnRole.VALUE:
        return None
    if column.value_kind is None:
        return column.year
    return Column(column.value_kind, column.year)


def find_header(rows: Sequence[Row]) -> tuple[int, dict[int, Column]] | None:
    """The position of the header row among the first rows, and its columns by index."""
    for position, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns = _header_columns(row)
        if columns is not None:
            return position, columns
    return None


def _header_columns(row: Row) -> dict[int, Column] | None:
    columns: dict[int, Column] = {}
    bare_years: dict[int, int] = {}
    for index, text in enumerate(row.cells):
        found = _header_cell(text) if text else None
        if isinstance(found, Column) and found.field not in {c.field for c in columns.values()}:
            columns[index] = found
        elif isinstance(found, int):
            bare_years[index] = found
    fields = {column.field for column in columns.values()}
    if "name" not in fields or len(fields) + len(bare_years) < 2:
        return None
    # Columns headed by a bare year (2020年, 2025年): the earliest is the baseline, the latest
    # the target, unless the table already has those columns.
    ordered = sorted(bare_years.items(), key=lambda item: item[1])
    roles = [r for r in ("baseline", "target") if r not in fields]
    if len(ordered) == 1 and roles:
        index, year = ordered[0]
        columns[index] = Column(roles[-1], year)
    elif len(ordered) >= 2:
        ends = ((ordered[0], "baseline"), (ordered[-1], "target"))
        for (index, year), role in ends:
            if role in roles:
                columns[index] = Column(role, year)
    return dict(sorted(columns.items()))


@attrs.frozen
class _Where:
    """Where a row sits: table number, row within the table, caption, label for messages."""

    number: int
    ordinal: int
    caption: str | None
    label: str
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
    problems: list[tuple[Row, str, list[str], str | None]] = attrs.Factory(list)
    notes: list[str] = attrs.Factory(list)
    indicators: list[Indicator] = attrs.Factory(list)
    ids: set[str] = attrs.Factory(set)
    section: str | None = None

    def problem(self, row: Row, table: str, reasons: list[str], indicator: str | None) -> None:
        self.problems.append((row, table, reasons, indicator))

    def read_block(self, rows: Iterable[Row], table: str) -> str | None:
        """Read the header block; return a caption given by a lone cell (表1 主要指标)."""
        caption = None
        for row in rows:
            if row.is_blank() or row.cells[0].startswith("#"):
                continue
            key = _lookup(_META_BY_NAME, row.cells[0])
            values = tuple(cell for cell in row.cells[1:] if cell)
            if key is None:
                if len([c for c in row.cells if c]) == 1 and caption is None:
                    caption = row.cells[0]
                    continue
                self.problem(row, table, ["not a header-block key, and above the header"], None)
                continue
            if not values:
                self.problem(row, table, [f"header-block key {row.cells[0]!r} has no value"], None)
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
        label = table.label or f"table {number}"
        if header is None:
            if any(not row.is_blank() for row in table.rows):
                self.notes.append(f"{label} has no header row and was not read")
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
            self.notes.append(f"columns not read in {label}: {', '.join(unread)}")
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
        reasons: list[str] = []
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
            reasons.append("no indicator name")
            self.problem(row, label, reasons + _stray_reason(stray), None)
            return
        indicator_id = self.new_id(cells, where.number, where.ordinal, reasons)
        reader = _CellReader(cells, years, self.meta, reasons)
        unit = cells.get("unit", "")
        baseline = reader.observation("baseline")
        target = reader.target()
        actual = reader.observation("actual", fallback=target.year if target else None)
        written = [u for u in reader.units if u]
        differing = [u for u in written if u != unit]
        if not unit and written:
            unit = written[0]
        elif unit and differing:
            reasons.append(f"a value cell gives unit {differing[0]!r}, the unit column {unit!r}")
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
        self, cells: Mapping[str, str], number: int, ordinal: int, reasons: list[str]
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
            reasons.append(f"id {wanted!r} is already used; this row got {candidate!r}")
        self.ids.add(candidate)
        return candidate


def _stray_reason(stray: Sequence[str]) -> list[str]:
    return [f"cells under no column header: {', '.join(stray)}"] if stray else []


@attrs.define
class _CellReader:
    """Reads the value cells of one row, noting each cell it cannot read in ``reasons``."""

    cells: Mapping[str, str]
    years: Mapping[str, int]
    meta: _Meta
    reasons: list[str]
    units: list[str] = attrs.Factory(list)

    def value(self, field: str) -> ParsedValue | None:
        text = self.cells.get(field, "")
        if is_no_value(text):
            return None
        try:
            parsed = parse_value(text)
        except ValueParseError as err:
            self.reasons.append(f"{field} {text!r}: {err.expected}")
            return None
        if parsed.kind == "none":
            return None
        self.units.append(parsed.unit)
        return parsed

    def year(self, field: str, fallback: int | None = None) -> int | None:
        text = self.cells.get(f"{field}_year", "")
        if text:
            match = _YEAR.fullmatch(text.strip())
            if match is None:
                self.reasons.append(f"{field}_year {text!r} is not a year")
                return None
            return int(match.group(1))
        if field in self.years:
            return self.years[field]
        meta = self.meta.first(f"{field}_year")
        if meta is not None:
            match = _YEAR.fullmatch(meta)
            return int(match.group(1)) if match else None
        return fallback

    def observation(self, field: str, fallback: int | None = None) -> Observation | None:
        parsed = self.value(field)
        if parsed is None:
            return None
        year = self.year(field, fallback)
        if year is None:
            self.no_year(field, parsed)
            return None
        try:
            observation = parsed.to_observation(year)
        except ValueError as err:
            self.reasons.append(f"{field} {parsed.raw!r}: {err}")
            return None
        if observation is None:
            self.reasons.append(f"{field} {parsed.raw!r} is not a single value")
        return observation

    def no_year(self, field: str, parsed: ParsedValue) -> None:
        if not self.cells.get(f"{field}_year"):  # else the year cell was reported already
            self.reasons.append(f"{field} {parsed.raw!r} has no year: add a {field}_year column")

    def target(self) -> Target | None:
        parsed = self.value("target")
        if parsed is None:
            return None
        year = self.year("target", _period_end(self.meta))
        if year is None:
            self.no_year("target", parsed)
            return None
        try:
            return parsed.to_target(year)
        except ValueError as err:
            self.reasons.append(f"target {parsed.raw!r}: {err}")
            return None

    def attribute(self) -> Attribute | None:
        text = self.cells.get("attribute", "")
        if is_no_value(text):
            return None
        found = _ATTRIBUTES.get(_norm(text))
        if found is None:
            self.reasons.append(f"attribute {text!r}: expected 约束性 or 预期性")
        return found

    def growth(self) -> Decimal | None:
        parsed = self.value("growth")
        if parsed is None:
            return None
        if parsed.kind != "value" or parsed.value is None:
            self.reasons.append(f"growth {parsed.raw!r} is not a single value")
            return None
        return parsed.value


def _period_end(meta: _Meta) -> int | None:
    text = " ".join(meta.values.get("period", ()))
    match = _PERIOD.fullmatch(text) if text else None
    return int(match.group(2)) if match else None


def build_plan(tables: Sequence[RawTable], *, document: str, loader: str) -> LoadResult:
    """Read ``tables`` (one per CSV, one per sheet) into a plan with its loading findings.

    Raises :class:`DocumentError` when no table has a header row, or when the plan period is
    neither given in the header block nor implied by the rows' years.
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
    defaults: list[str] = []
    period = _period(builder, defaults)
    jurisdiction = _jurisdiction(builder, defaults)
    title = builder.meta.first("title")
    if title is None:
        title = PurePath(document).stem
        defaults.append(f"title {title!r}")
    plan_id = f"{jurisdiction.code}-{period.start}-{period.end}"
    findings = _findings(builder, plan_id, defaults)
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


def _period(builder: _Builder, defaults: list[str]) -> Period:
    text = " ".join(builder.meta.values.get("period", ()))
    match = _PERIOD.fullmatch(text) if text else None
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
    defaults.append(f"period {start}-{end} (from the rows' years)")
    return Period(start, end)


def _jurisdiction(builder: _Builder, defaults: list[str]) -> Jurisdiction:
    values = list(builder.meta.values.get("jurisdiction", ()))
    code = values.pop(0) if values and _CODE_LIKE.match(values[0]) else None
    name = values.pop(0) if values else None
    level = _LEVELS.get(_norm(values[0])) if values else None
    if values and level is None:
        msg = (
            f"jurisdiction level {values[0]!r} in the header block: expected one of national, "
            "provincial, prefecture, county, zone (or 全国, 省, 市, 县, 开发区)"
        )
        raise DocumentError(msg, path=builder.document)
    missing = []
    if code is None:
        code = "unknown"
        missing.append("jurisdiction code 'unknown'")
    if name is None:
        name = "未注明"
        missing.append("jurisdiction name '未注明'")
    if level is None:
        level = Level.COUNTY
        missing.append("level 'county'")
    defaults.extend(missing)
    return Jurisdiction(code, name, level)


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


def _findings(builder: _Builder, plan_id: str, defaults: list[str]) -> list[Finding]:
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
            reasons="; ".join(reasons),
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
                what="; ".join(
                    [f"defaulted {', '.join(defaults)}"] * bool(defaults) + builder.notes
                ),
            )
        )
    return findings
