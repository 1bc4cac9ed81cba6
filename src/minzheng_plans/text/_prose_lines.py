"""One line of prose: sentences, their parts and clauses, each part's target year, and the
clause patterns applied in order."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from minzheng_plans.core.messages import N_
from minzheng_plans.core.model import Period
from minzheng_plans.text import _prose_grammar as g
from minzheng_plans.text._prose_levels import (
    read_annual_growth,
    read_bare_rates,
    read_by_rule,
    read_each,
    read_each_bare,
    read_growth,
    read_leading_shares,
    read_per_capita,
    read_relative,
    read_severally,
    read_triggers,
)
from minzheng_plans.text._prose_reader import Clause, LineReader
from minzheng_plans.text._prose_tasks import (
    read_build,
    read_coverage,
    read_planned,
    read_quantities,
    read_time_limits,
    read_unreadable,
    read_verb_object,
)
from minzheng_plans.text._review import plan_period_year

__all__ = ["FAMILIES", "read_line"]

#: The clause patterns, in the order they claim figures: specific shapes before general
#: ones, so that 按照…确定 or 每千名…拥有 is not read as a bare 达到.
FAMILIES: tuple[Callable[[Clause], None], ...] = (
    read_by_rule,
    read_annual_growth,
    read_severally,
    read_relative,
    read_each,
    read_each_bare,
    read_triggers,
    read_bare_rates,
    read_growth,
    read_leading_shares,
    read_per_capita,
    read_coverage,
    read_time_limits,
    read_build,
    read_verb_object,
    read_quantities,
    read_planned,
    read_unreadable,
)

# A part of a sentence that names no year at all.
_NO_YEAR = 0


#: The longest clause read as one: a planner's clause runs to a few dozen characters, and
#: every pattern looks back over its clause for a name, so an unpunctuated run of thousands
#: (``全覆盖全覆盖…``) would cost its length squared. A longer clause is read in pieces of
#: at most this many characters, cut after an enumeration comma (、) where there is one.
MAX_CLAUSE = 300


def _clauses(line: str) -> Iterator[tuple[int, str, int]]:
    """``(start, clause, sentence index)`` for each clause of a line."""
    start = 0
    sentence = 0
    for match in g.CLAUSE_END.finditer(line):
        # A comma between digits is a thousands separator, not a clause end.
        at = match.start()
        if match.group() == "," and 0 < at < len(line) - 1 and _between_digits(line, at):
            continue
        yield from _pieces(line, start, match.start(), sentence)
        if g.SENTENCE_END.match(match.group()):
            sentence += 1
        start = match.end()
    if start < len(line):
        yield from _pieces(line, start, len(line), sentence)


def _pieces(line: str, start: int, end: int, sentence: int) -> Iterator[tuple[int, str, int]]:
    while end - start > MAX_CLAUSE:
        cut = line.rfind("、", start + MAX_CLAUSE // 2, start + MAX_CLAUSE)
        cut = cut + 1 if cut >= 0 else start + MAX_CLAUSE
        yield start, line[start:cut], sentence
        start = cut
    yield start, line[start:end], sentence


def _between_digits(line: str, at: int) -> bool:
    return line[at - 1].isdigit() and line[at + 1].isdigit()


def _sentence_year(sentence: str, default: int, period: Period) -> int | None:
    """The target year of a sentence; ``None`` when it speaks of an earlier period."""
    # 较2020年增长: a base year, not the year of the target.
    years = [
        int(m["year"].translate(g.CN_DIGITS))
        for pattern in (g.YEAR, g.CN_YEAR)
        for m in pattern.finditer(sentence)
        # endswith over a range: slicing the sentence before each year was quadratic.
        if not sentence.endswith(("较", "比", "与", "相比"), 0, m.start())
    ]
    words = [plan_period_year(m.group()) for m in g.PERIOD_WORD.finditer(sentence)]
    if any(w is not None and w < period.end for w in words):
        return None
    future = [y for y in years if y >= period.start]
    if years and not future:
        return None
    if future:
        return (
            max(y for y in future if y <= period.end)
            if any(y <= period.end for y in future)
            else None
        )
    return default


def _speaks_of(text: str, period: Period) -> bool:
    """Whether ``text`` names the plan's own period (“十四五”期间 in a 14th plan)."""
    return any(plan_period_year(m.group()) == period.end for m in g.PERIOD_WORD.finditer(text))


def read_clause(clause: Clause) -> None:
    """Every target of one clause, by every pattern family in turn; then a figure of a
    commitment that none of them read is reported, not dropped."""
    reader = clause.reader
    reader.clause_from = len(reader.claimed)
    if not g.CLAUSE_HINT.search(clause.text):
        return  # most clauses state no level at all: skip the patterns
    reader.clause_text = clause.text
    for family in FAMILIES:
        family(clause)
    if reader.quantities or not g.COMMITMENT.search(clause.text):
        return
    unread_end = None
    for figure in g.VALUE_RE.finditer(clause.text):
        span = clause.span(figure)
        stated = figure["unit"] or figure["pct"] or figure["lowpct"]
        if figure["low"] and stated and reader.free(*span):
            unread_end = span[1]
    if unread_end is not None:
        # One finding per clause, quoting it up to its last figure left unread.
        reader.reject(clause.body_start, unread_end, N_("a figure no target reads"), figure=True)


def read_line(line: str, number: int, period: Period, *, quantities: bool) -> LineReader:
    """Targets of one line, sentence by sentence (。), part by part (；).

    A part that names its own year (or an earlier period) is read with it; one that names
    none takes its sentence's year, so that ``展望2035年…；…全覆盖`` is not read as a target
    of the plan and ``2020年底达到X；到2025年达到Y`` keeps X out.
    """
    reader = LineReader(line, number, period.end, quantities=quantities)
    sentences: dict[int, list[tuple[int, str]]] = {}
    for start, clause, sentence in _clauses(line):
        sentences.setdefault(sentence, []).append((start, clause))
    for parts in sentences.values():
        sentence_year = _sentence_year("".join(c for _, c in parts), period.end, period)
        groups: list[list[tuple[int, str]]] = []
        for start, clause in parts:
            if not groups or (start > 0 and line[start - 1] in "；;"):
                groups.append([])
            groups[-1].append((start, clause))
        for group in groups:
            whole = "".join(c for _, c in group)
            year = _sentence_year(whole, _NO_YEAR, period)
            if year == _NO_YEAR:
                year = sentence_year
            ahead = g.FUTURE.search(whole) or _speaks_of(whole, period)
            if year is None or (g.PAST.search(whole) and not ahead):
                continue
            reader.year = year
            reader.over_period = _speaks_of(whole, period)
            previous = ""
            for index, (start, text) in enumerate(group):
                following = group[index + 1][1] if index + 1 < len(group) else ""
                read_clause(Clause(reader, start, text, previous, following, group[0][1]))
                previous = text
    return reader
