"""The one reader of indicator tables, for every source: :func:`read_grids`.

Grids cut from text by :func:`~minzheng_plans.text.layouts.find_grids` and grids read from
DOCX, HTML or PDF tables go through the same steps:

1. :func:`~minzheng_plans.text.tables.grid_table` finds and combines the header rows,
   classifies the columns, recovers a scrambled order and sorts the rows into rows, parts
   of rows (``其中：…``), categories and notes;
2. the loader's repair hook (``repair``) sees the tables as read and returns
   :class:`~minzheng_plans.text.rows.Fix` records, added to those given in ``fixes``;
3. :func:`~minzheng_plans.text.rows.table_indicators` reads every row into an indicator or
   an MZ501 finding, the values through :func:`~minzheng_plans.core.values.parse_value`.

A grid that is not an indicator table is never dropped without a word: it gets an MZ507
finding saying why (a warning when it names indicator or value columns). A completion
table that writes no units can take them from the same indicators in the document's other
tables (:func:`infer_units`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

import attrs

from minzheng_plans.core.findings import ArgValue, Finding, Severity, make_finding
from minzheng_plans.core.messages import N_, Message
from minzheng_plans.core.model import Indicator, Period
from minzheng_plans.text.grid import Grid
from minzheng_plans.text.rows import Fix, TablesResult, is_completion_table, tables_indicators
from minzheng_plans.text.tables import Table, Unread, grid_table

__all__ = ["Repair", "infer_units", "read_grids"]

#: A repair hook: the tables as read, by table number (from 1, in document order), to the
#: fixes for each table number.
Repair = Callable[[Mapping[int, Table]], Mapping[int, Sequence[Fix]]]


def read_grids(
    grids: Sequence[Grid],
    *,
    period: Period,
    plan: str | None = None,
    file: str | None = None,
    fixes: Mapping[int, Sequence[Fix]] | None = None,
    repair: Repair | None = None,
) -> TablesResult:
    """Every indicator table among ``grids`` read into indicators, whatever their source.

    Grids that are indicator tables are numbered from 1 in order (ids ``t1.*``, ``t2.*`` …),
    or by their ``Place.table`` when the source numbers its tables (DOCX, HTML, PDF);
    each other grid gets an MZ507 finding saying why it was not read (a warning when it
    names indicator or value columns, else an info). ``fixes`` maps a table number to the
    repairs of its rows; ``repair`` is called once with the tables as read and returns
    more, so that a plugin can base its repairs on what the rows say.
    """
    numbered: dict[int, Table] = {}
    unread: list[Unread] = []
    for grid in grids:
        found = grid_table(grid)
        if isinstance(found, Table):
            # A structured document numbers its tables (Place.table); a text's tables are
            # numbered as they are read.
            numbered[grid.place.table or len(numbered) + 1] = found
        else:
            unread.append(found)
    tables = list(numbered.values())
    all_fixes: dict[int, list[Fix]] = {n: list(f) for n, f in (fixes or {}).items()}
    if repair is not None:
        for number, more in repair(numbered).items():
            all_fixes.setdefault(number, []).extend(more)
    result = tables_indicators(
        tables, period=period, plan=plan, file=file, fixes=all_fixes, numbers=list(numbered)
    )
    notes = [_unread_finding(item, plan=plan, file=file) for item in unread]
    return attrs.evolve(result, findings=(*result.findings, *notes), unread=tuple(unread))


def _unread_finding(item: Unread, *, plan: str | None, file: str | None) -> Finding:
    grid = item.grid
    line = grid.caption_place.line if grid.caption_place else grid.place.line
    label: ArgValue = grid.caption or (
        Message(N_("at line {line}"), {"line": line}) if line else Message(N_("(no caption)"))
    )
    return make_finding(
        "MZ507",
        Severity.WARNING if item.indicators else Severity.INFO,
        "The table {table} was found but not read: {reason}",
        plan=plan,
        file=file,
        line=line,
        table=label,
        reason=item.reason,
    )


_SHARE = re.compile(r"(率|比例|占比|比重)$")


def _key(name: str) -> str:
    return name.replace(" ", "")


def infer_units(
    result: TablesResult, *, plan: str | None = None, file: str | None = None
) -> tuple[tuple[Indicator, ...], tuple[Finding, ...]]:
    """Units for the rows of completion tables that write none, each reading reported.

    A completion table (完成情况) often has no unit column. A row's unit is taken from the
    indicator of the same name in another table of the document or, for a rate or share
    (…率, …比例, …占比, …比重), read as %; each reading is an MZ502 info finding. Other
    indicators are returned unchanged.
    """
    completion = {
        f"t{number}."
        for number, table in zip(result.numbers, result.tables, strict=True)
        if is_completion_table(table)
    }

    def in_completion(indicator: Indicator) -> bool:
        return any(indicator.id.startswith(prefix) for prefix in completion)

    known = {
        _key(i.name): (i.unit, i.id) for i in result.indicators if i.unit and not in_completion(i)
    }
    indicators: list[Indicator] = []
    findings: list[Finding] = []
    for indicator in result.indicators:
        if indicator.unit or not in_completion(indicator):
            indicators.append(indicator)
            continue
        same = known.get(_key(indicator.name))
        if same is not None:
            unit = same[0]
            evidence = Message(
                N_("indicator {other} of the same name is in {unit}"),
                {"other": same[1], "unit": same[0]},
            )
        elif _SHARE.search(indicator.name):
            unit = "%"
            evidence = Message(N_("the name is a rate or share and its figures are percentages"))
        else:
            indicators.append(indicator)
            continue
        indicators.append(attrs.evolve(indicator, unit=unit))
        findings.append(
            make_finding(
                "MZ502",
                Severity.INFO,
                "Indicator {name}: the table writes no unit; read as {unit} ({reason})",
                plan=plan,
                indicator=indicator.id,
                file=file,
                line=indicator.source.line if indicator.source else None,
                name=indicator.name,
                unit=unit,
                reason=evidence,
            )
        )
    return tuple(indicators), tuple(findings)
