"""The comparison report as HTML: per catalog indicator, the table and one chart of targets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from minzheng_plans.analysis.compare import ComparisonRow, ComparisonTable
from minzheng_plans.core.formatting import plain
from minzheng_plans.output import phrases
from minzheng_plans.output.comparison import notes_text
from minzheng_plans.output.html._markup import Markup, element
from minzheng_plans.output.html._page import page, slug
from minzheng_plans.output.html._svg import Bar, targets_chart

__all__ = ["render_comparison_html"]


def render_comparison_html(
    table: ComparisonTable,
    *,
    lang: str = "zh",
    version: str | None = None,
    generated: dt.date | None = None,
) -> str:
    """The comparison as one self-contained HTML page (Chinese by default, ``lang="en"``).

    One section per catalog indicator: the table of jurisdictions (baseline, target, the
    values it allows, attribute, why a row is not comparable) and a chart of the values
    each target allows, with the parent plan's target as a dashed reference. A row's reason
    is worded from the notes the comparison made for it.
    """
    words = phrases.phrases(lang)
    short = "zh" if words.language.startswith("zh") else "en"
    codes = table.codes()
    plan_ids = {row.plan for row in table}
    body: list[Markup] = []
    contents: list[tuple[str, str]] = []
    for code in codes:
        rows = table.for_code(code)
        anchor = slug("indicator", code)
        contents.append((anchor, f"{rows[0].indicator} ({code})"))
        body.append(_indicator(code, rows, words, short))
    uncoded = [row for row in table if row.code is None]
    if uncoded:
        body.append(_uncoded(uncoded, words, short))
        contents.append((slug("uncoded"), words(phrases.UNCODED)))
    if not len(table):
        body.append(element("p", words(phrases.NOTHING_TO_COMPARE)))
    lead = element(
        "p",
        words(phrases.COMPARISON_LEAD, indicators=len(codes), plans=len(plan_ids)),
        class_="lead",
    )
    return page(
        words(phrases.COMPARISON_TITLE),
        body,
        phrases=words,
        version=version,
        generated=generated,
        lead=[lead],
        contents=contents,
    )


def _place(row: ComparisonRow, short: str) -> str:
    return (row.jurisdiction_en or row.jurisdiction) if short == "en" else row.jurisdiction


def _value(value: Decimal | None, year: int | None, words: phrases.Phrases) -> str:
    if value is None:
        return ""
    return words(phrases.VALUE_IN_YEAR, value=plain(value), year=year) if year else plain(value)


def _reason(row: ComparisonRow, short: str) -> str:
    return notes_text(row, short) if row.reason is not None else ""


def _table(rows: Sequence[ComparisonRow], words: phrases.Phrases, short: str) -> Markup:
    labels = (
        phrases.JURISDICTION,
        phrases.INDICATOR,
        phrases.LEVEL,
        phrases.PERIOD,
        phrases.BASELINE,
        phrases.TARGET,
        phrases.ALLOWED,
        phrases.ATTRIBUTE,
        phrases.NOTE,
    )
    head = element("tr", [element("th", words(label), scope="col") for label in labels])
    body = []
    for row in rows:
        level = phrases.LEVELS.get(row.level)
        note = _reason(row, short)
        extra = None
        if row.comparable and row.note:
            # Unit readings that were inferred; worded in English by the comparison itself.
            extra = element("span", row.note, lang="en")
        body.append(
            element(
                "tr",
                element("th", _place(row, short), scope="row"),
                element("td", f"{row.indicator_id} {row.name}"),
                element("td", words(level) if level else row.level),
                element("td", row.period.replace("-", "–")),
                element("td", _value(row.baseline, row.baseline_year, words), class_="num"),
                element(
                    "td",
                    words(phrases.VALUE_IN_YEAR, value=row.target, year=row.target_year)
                    if row.target and row.target_year
                    else row.target,
                ),
                element("td", row.allowed),
                element("td", words(phrases.ATTRIBUTES[row.attribute]) if row.attribute else ""),
                element("td", note, extra),
            )
        )
    return element("table", element("thead", head), element("tbody", body))


def _bars(rows: Sequence[ComparisonRow], words: phrases.Phrases, short: str) -> list[Bar]:
    """One bar per row; a place with several rows is told apart by indicator id, and years
    are named when the rows' target years differ."""
    places = [_place(row, short) for row in rows]
    years = {row.target_year for row in rows}
    bars = []
    for place, row in zip(places, rows, strict=True):
        label = f"{place} · {row.indicator_id}" if places.count(place) > 1 else place
        shown = row.allowed
        if len(years) > 1 and row.target_year is not None:
            shown = words(phrases.VALUE_IN_YEAR, value=row.allowed, year=row.target_year)
        bars.append(Bar(label, row.target_low, row.target_high, shown))
    return bars


def _reference(rows: Sequence[ComparisonRow]) -> ComparisonRow | None:
    """The plan the others sit under, when it is among them and has a numeric target."""
    parents = {row.parent for row in rows if row.parent}
    for row in rows:
        if row.plan in parents and (row.target_low is not None or row.target_high is not None):
            return row
    return None


def _indicator(
    code: str, rows: Sequence[ComparisonRow], words: phrases.Phrases, short: str
) -> Markup:
    anchor = slug("indicator", code)
    unit = rows[0].normalised_unit
    name = rows[0].indicator
    comparable = [row for row in rows if row.comparable]
    bars = _bars(
        [r for r in comparable if r.target_low is not None or r.target_high is not None],
        words,
        short,
    )
    reference_row = _reference(comparable)
    reference = None
    reference_label = ""
    if reference_row is not None:
        reference = Bar(
            _place(reference_row, short),
            reference_row.target_low,
            reference_row.target_high,
            reference_row.allowed,
            parent=True,
        )
        reference_label = words(phrases.PARENT_TARGET, name=_place(reference_row, short))
    title = (
        words(phrases.CHART_TARGETS, name=name, unit=unit)
        if unit
        else words(phrases.CHART_TARGETS_NO_UNIT, name=name)
    )
    chart = targets_chart(bars, title, slug("chart", code), reference, reference_label)
    left_out = [
        row
        for row in rows
        if not row.comparable or (row.target_low is None and row.target_high is None)
    ]
    notes = None
    if chart is not None and left_out:
        notes = element(
            "figcaption",
            words(phrases.NOT_CHARTED),
            "：" if short == "zh" else ": ",
            "；".join(
                f"{_place(row, short)}（{_reason(row, short)}）"
                if short == "zh"
                else f"{_place(row, short)} ({_reason(row, short)})"
                for row in left_out
            ),
        )
    facts = [(words(phrases.CATALOG_CODE), code)]
    if unit:
        facts.append((words(phrases.UNIT), unit))
    return element(
        "section",
        element("h2", name, id=anchor),
        element("dl", [[element("dt", t), element("dd", v)] for t, v in facts], class_="facts"),
        _table(rows, words, short),
        element("figure", chart, notes) if chart is not None else None,
        class_="indicator",
        aria_labelledby=anchor,
    )


def _uncoded(rows: Sequence[ComparisonRow], words: phrases.Phrases, short: str) -> Markup:
    anchor = slug("uncoded")
    labels = (
        phrases.JURISDICTION,
        phrases.INDICATOR_ID,
        phrases.INDICATOR_NAME,
        phrases.UNIT,
        phrases.BASELINE,
        phrases.TARGET,
    )
    head = element("tr", [element("th", words(label), scope="col") for label in labels])
    body = [
        element(
            "tr",
            element("th", _place(row, short), scope="row"),
            element("td", row.indicator_id),
            element("td", row.name),
            element("td", row.unit),
            element("td", _value(row.baseline, row.baseline_year, words), class_="num"),
            element(
                "td",
                words(phrases.VALUE_IN_YEAR, value=row.target, year=row.target_year)
                if row.target and row.target_year
                else row.target,
            ),
        )
        for row in rows
    ]
    return element(
        "section",
        element("h2", words(phrases.UNCODED), id=anchor),
        element("table", element("thead", head), element("tbody", body)),
        aria_labelledby=anchor,
    )
