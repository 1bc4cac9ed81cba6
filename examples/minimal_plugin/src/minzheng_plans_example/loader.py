"""The *line list* layout: a marker line, three metadata lines, one indicator per line.

::

    # minzheng-plans line list
    规划：澜溪县“十四五”民政事业发展规划
    地区：990101 澜溪县 county
    期间：2021-2025
    养老机构护理型床位占比 | % | ≥55

An indicator line is ``name | unit | target``; the target year is the end of the period.
"""

from __future__ import annotations

import re

from minzheng_plans import (
    Document,
    DocumentError,
    Finding,
    Indicator,
    Jurisdiction,
    LoadContext,
    Loader,
    LoadResult,
    Period,
    Plan,
    Severity,
    Source,
    SourceKind,
    ValueParseError,
    make_finding,
    parse_value,
)

__all__ = ["LOADER", "MARKER"]

MARKER = "# minzheng-plans line list"
_META = re.compile(r"^(规划|地区|期间)[:：]\s*(.+)$")
_PERIOD = re.compile(r"^(\d{4})\s*-\s*(\d{4})$")


def sniff(document: Document, _context: LoadContext) -> float:
    """Certain when the marker line comes first, otherwise not this layout at all."""
    if document.text is None:
        return 0.0
    return 1.0 if document.text.lstrip("\ufeff").startswith(MARKER) else 0.0


def load(document: Document, _context: LoadContext) -> LoadResult:
    if document.text is None:
        msg = "a line list is text"
        raise DocumentError(msg, path=document.name)
    meta: dict[str, str] = {}
    rows: list[tuple[int, str]] = []
    for number, line in enumerate(document.text.split("\n"), start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        match = _META.match(text)
        if match:
            meta[match.group(1)] = match.group(2).strip()
        else:
            rows.append((number, text))
    title, jurisdiction, period = _metadata(meta, document.name)
    indicators: list[Indicator] = []
    findings: list[Finding] = []
    for number, text in rows:
        try:
            indicators.append(_indicator(text, number, len(indicators) + 1, period.end))
        except (ValueError, ValueParseError) as err:
            # Never drop a line silently: say which one, and quote it.
            findings.append(
                make_finding(
                    "MZ501",
                    Severity.WARNING,
                    "Line {number} could not be read ({reason}): {quote}",
                    file=document.name,
                    line=number,  # the finding's location
                    number=number,  # the message's argument
                    reason=str(err),
                    quote=text[:80],
                )
            )
    plan = Plan(
        id=f"{jurisdiction.code}-{period.start}-{period.end}",
        title=title,
        jurisdiction=jurisdiction,
        period=period,
        indicators=tuple(indicators),
    )
    return LoadResult(plan, findings)


def _metadata(meta: dict[str, str], name: str) -> tuple[str, Jurisdiction, Period]:
    missing = [key for key in ("规划", "地区", "期间") if key not in meta]
    if missing:
        msg = f"missing metadata line(s): {', '.join(missing)}"
        raise DocumentError(msg, path=name)
    period = _PERIOD.match(meta["期间"])
    place = meta["地区"].split()
    if period is None or len(place) != 3:  # code, name, level
        msg = "expected 期间：YYYY-YYYY and 地区：<code> <name> <level>"
        raise DocumentError(msg, path=name)
    jurisdiction = Jurisdiction(place[0], place[1], place[2])
    return meta["规划"], jurisdiction, Period(int(period.group(1)), int(period.group(2)))


def _indicator(text: str, number: int, row: int, year: int) -> Indicator:
    cells = [cell.strip() for cell in text.split("|")]
    if len(cells) != 3 or not cells[0]:  # name, unit, target
        msg = "expected name | unit | target"
        raise ValueError(msg)
    name, unit, target = cells
    return Indicator(
        id=f"t1.{row}",
        name=name,
        unit=unit,
        target=parse_value(target).to_target(year),
        source=Source(SourceKind.TABLE, row=row, line=number),
    )


LOADER = Loader(
    name="example.line-list",
    description="A plain-text line list: name | unit | target, one indicator per line",
    sniff=sniff,
    load=load,
)
