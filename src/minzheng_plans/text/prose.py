"""Prose targets: sentences that commit to a level by a year or by the end of the plan.

A plan states many of its targets in running text rather than in a table:
``到2025年，社区服务站覆盖率达到70%``, ``护理床位不低于床位总数的50%``,
``按照上年度居民消费支出的20%—30%确定低保标准``. :func:`extract_targets` reads such clauses
line by line, on the document text itself (so that every quote is an exact substring of it),
and returns for each the indicator name as written, the target (comparator as the document
says it: 达到 is ``=``, 不低于 ``>=`` …), the unit, the year and where it stands.

What it recognises as a commitment but cannot read (``达到“一社区一社工”``) is returned as an
:class:`UnreadPhrase`, which loaders report as MZ506 instead of dropping it.

Review sections (``“十二五”规划实施情况``, ``发展回顾``) and sentences about an earlier
period (``“十三五”期间…达到…`` in a 14th plan) state achievements, not targets: they are
skipped, which is what keeps baselines from being read as targets.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

import attrs

from minzheng_plans.core.findings import Finding, Severity, make_finding
from minzheng_plans.core.messages import Message
from minzheng_plans.core.model import Indicator, Period, Source, SourceKind
from minzheng_plans.text import _prose_grammar as g
from minzheng_plans.text._prose_lines import read_line
from minzheng_plans.text._prose_reader import MAX_QUOTE, ProseTarget, UnreadPhrase
from minzheng_plans.text._review import plan_period_year, review_lines
from minzheng_plans.text.normalise import Line, NormalisedText, normalise

__all__ = [
    "MAX_QUOTE",
    "ProseResult",
    "ProseTarget",
    "UnreadPhrase",
    "extract_targets",
    "plan_period_year",
    "prose_indicators",
    "read_passage",
    "review_lines",
]


@attrs.frozen
class ProseResult:
    targets: tuple[ProseTarget, ...] = ()
    unread: tuple[UnreadPhrase, ...] = ()


def read_passage(
    pieces: Sequence[tuple[int, int, str]], *, period: Period, quantities: bool = False
) -> ProseResult:
    """Targets of one passage wrapped over several lines (a 专栏 box at a fixed width).

    ``pieces`` are ``(line, column, text)``: each line's text and where it starts in the
    document line. The passage is read joined, so that a name or figure broken by the wrap
    is read whole; each quote is then cut to the part on the line where its figure ends, so
    that it stays an exact substring of that line.
    """
    joined = "".join(text for _, _, text in pieces)
    if not pieces or not joined:
        return ProseResult()
    starts: list[int] = []
    offset = 0
    for _, _, text in pieces:
        starts.append(offset)
        offset += len(text)
    reader = read_line(joined, pieces[0][0], period, quantities=quantities)

    def place(column: int, quote: str) -> tuple[int, int, str]:
        # The quote keeps the line with the figure (or the most of the clause).
        end = column + len(quote)
        best: tuple[bool, int, int, int, str] | None = None
        for index, at in enumerate(starts):
            stop = starts[index + 1] if index + 1 < len(starts) else len(joined)
            begin, finish = max(column, at), min(end, stop)
            if begin >= finish:
                continue
            part = joined[begin:finish]
            key = (bool(re.search(r"\d|覆盖", part)), len(part), index, begin, part)
            if best is None or key[:2] > best[:2]:
                best = key
        if best is None:
            return pieces[0][0], pieces[0][1], ""
        _, _, index, begin, part = best
        line, first_column, _ = pieces[index]
        return line, first_column + begin - starts[index], part

    targets = []
    for item in sorted(reader.targets, key=lambda t: t.column):
        line, column, quote = place(item.column, item.quote)
        targets.append(attrs.evolve(item, line=line, column=column, quote=quote))
    unread = []
    for phrase in reader.unread:
        line, column, quote = place(phrase.column, phrase.quote)
        unread.append(attrs.evolve(phrase, line=line, column=column, quote=quote))
    return ProseResult(tuple(targets), tuple(unread))


def extract_targets(
    text: str | NormalisedText,
    *,
    period: Period,
    skip_lines: Collection[int] = (),
    skip_review: bool = True,
    only_lines: Collection[int] | None = None,
    quantities: bool = False,
) -> ProseResult:
    """Every prose target of ``text`` for a plan covering ``period``.

    The text is read normalised (full-width forms, traditional characters); every quote
    and column is of the document as written. ``skip_lines`` holds 1-based line numbers a
    loader reads otherwise (tables, 专栏 boxes); ``only_lines``, when given, restricts
    reading to those lines, and ``quantities`` reads every figure with a unit as a planned
    quantity (inside 专栏 boxes). Targets without a year are due at the end of the plan.
    """
    normalised = text if isinstance(text, NormalisedText) else normalise(text)
    lines = normalised.lines()
    texts = [line.text for line in lines]
    review = review_lines(texts, period) if skip_review and only_lines is None else frozenset()
    targets: list[ProseTarget] = []
    unread: list[UnreadPhrase] = []
    for line in lines:
        number = line.number
        if only_lines is not None:
            if number not in only_lines:
                continue
        elif number in review or number in skip_lines or g.TABLE_LINE.search(line.text):
            continue
        if not g.CLAUSE_HINT.search(line.text):
            continue
        reader = read_line(line.text, number, period, quantities=quantities)
        for item in sorted(reader.targets, key=lambda t: t.column):
            column, quote = _as_written(normalised, line, item.column, item.quote)
            targets.append(attrs.evolve(item, column=column, quote=quote))
        for phrase in reader.unread:
            column, quote = _as_written(normalised, line, phrase.column, phrase.quote)
            unread.append(attrs.evolve(phrase, column=column, quote=quote))
    return ProseResult(tuple(targets), tuple(unread))


def _as_written(normalised: NormalisedText, line: Line, column: int, quote: str) -> tuple[int, str]:
    """The column and quote in the document as written for a normalised span of ``line``."""
    start = line.start + column
    written = normalised.quote(start, start + len(quote))
    return normalised.original_column(start), written[:MAX_QUOTE]


def prose_indicators(
    result: ProseResult, *, plan: str | None = None, file: str | None = None
) -> tuple[list[Indicator], list[Finding]]:
    """Indicators ``p{line}.{k}`` for the targets; an MZ506 warning per unreadable
    commitment and an MZ520 info per clause whose figure no pattern read."""
    indicators: list[Indicator] = []
    counts: dict[int, int] = {}
    for item in result.targets:
        counts[item.line] = counts.get(item.line, 0) + 1
        indicators.append(
            Indicator(
                id=f"p{item.line}.{counts[item.line]}",
                name=item.name,
                unit=item.unit,
                target=item.target,
                source=Source(SourceKind.PROSE, line=item.line, quote=item.quote),
            )
        )
    findings = [_unread_finding(phrase, plan, file) for phrase in result.unread]
    return indicators, findings


#: A commitment whose level is not a figure (达到“一社区一社工”).
UNREADABLE = "Prose target not readable: {quote} ({reason})"
#: A figure in a commitment that no pattern read: reported, never dropped silently.
FIGURE_UNREAD = "Figure in a commitment not read as a target: {quote}"


def _unread_finding(phrase: UnreadPhrase, plan: str | None, file: str | None) -> Finding:
    if phrase.figure:
        return make_finding(
            "MZ520",
            Severity.INFO,
            FIGURE_UNREAD,
            plan=plan,
            file=file,
            line=phrase.line,
            quote=phrase.quote,
        )
    return make_finding(
        "MZ506",
        Severity.WARNING,
        UNREADABLE,
        plan=plan,
        file=file,
        line=phrase.line,
        quote=phrase.quote,
        # The reasons are message ids (N_ in the prose readers): shown in the report's language.
        reason=Message(phrase.reason),
    )
