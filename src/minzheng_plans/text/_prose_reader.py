"""The state of reading one line of prose: claimed spans, targets, unread phrases, quotes.

Every clause pattern (:mod:`._prose_levels`, :mod:`._prose_tasks`) reports what it read
through :class:`LineReader`, which keeps two patterns from reading one figure twice and cuts
every quote to the clause that states the figure.
"""

from __future__ import annotations

import re

import attrs

from minzheng_plans.core.messages import N_
from minzheng_plans.core.quantity import Basis, Comparison, Range, Target
from minzheng_plans.text import _prose_grammar as g
from minzheng_plans.text._prose_names import clean_name
from minzheng_plans.text.vocabulary import MAX_QUOTE

__all__ = ["MAX_QUOTE", "Clause", "LineReader", "ProseTarget", "UnreadPhrase", "cut_quote"]


@attrs.frozen
class ProseTarget:
    """One target read from prose: ``line`` is 1-based, ``column`` 0-based in that line."""

    name: str
    target: Target
    unit: str
    line: int
    column: int
    quote: str


@attrs.frozen
class UnreadPhrase:
    """A phrase that reads as a commitment but whose level cannot be read (MZ506), or a
    figure in a commitment that no pattern read (MZ507, ``figure=True``)."""

    line: int
    column: int
    quote: str
    reason: str
    figure: bool = False


def cut_quote(line: str, start: int, end: int, focus: int | None = None) -> tuple[int, str]:
    """The clause ``line[start:end]`` cut to :data:`MAX_QUOTE` characters.

    The cut keeps the end of the clause (where the figure usually is), unless that would
    lose ``focus`` (where the figure or the reference starts): then it starts there.
    """
    text = line[start:end].rstrip()
    if len(text) > MAX_QUOTE:
        if focus is not None and start + len(text) - MAX_QUOTE > focus:
            shift = max(focus - start, 0)
        else:
            shift = len(text) - MAX_QUOTE
        start += shift
        text = text[shift : shift + MAX_QUOTE]
    kept = text.lstrip(" \u3000\t、，,；;")
    return start + len(text) - len(kept), kept


@attrs.define
class LineReader:
    """What has been read on one line so far; ``year`` is the current part's target year."""

    line: str
    number: int
    year: int
    targets: list[ProseTarget] = attrs.field(factory=list)
    unread: list[UnreadPhrase] = attrs.field(factory=list)
    claimed: list[tuple[int, int]] = attrs.field(factory=list)
    quantities: bool = False
    # Where the current clause's claims begin in ``claimed``. Spans never leave their clause,
    # so earlier clauses' claims cannot overlap; checking them all made a long line of many
    # clauses quadratic.
    clause_from: int = 0
    # The clause being read, and whether its part of the sentence names the plan's period:
    # a flow (新增, 筹集 …) stated for the period, or anything 累计, is a total over it.
    clause_text: str = ""
    over_period: bool = False

    # One byte per column of the line, set where a target claimed it: checking a span costs
    # a memchr over it, not a walk over every claim (a clause of thousands of 全覆盖 made the
    # walk quadratic).
    _mask: bytearray = attrs.field(factory=bytearray)

    def free(self, start: int, end: int) -> bool:
        if not self._mask:
            return True
        return self._mask.find(1, start, end) < 0

    def _claim(self, start: int, end: int) -> None:
        if not self._mask:
            self._mask = bytearray(len(self.line) + 1)
        start, end = max(start, 0), min(end, len(self._mask))
        if end > start:
            self._mask[start:end] = b"\x01" * (end - start)
        self.claimed.append((start, end))

    def add(
        self,
        name: str,
        target: Target,
        unit: str,
        start: int,
        end: int,
        focus: int | None = None,
    ) -> None:
        name = clean_name(name)
        if not name:
            self.reject(start, end, N_("no indicator name before the figure"))
            return
        self._claim(start, end)
        column, quote = cut_quote(self.line, start, end, focus)
        target = self._with_basis(name, target, unit)
        self.targets.append(ProseTarget(name, target, unit, self.number, column, quote))

    def _with_basis(self, name: str, target: Target, unit: str) -> Target:
        """A count or amount ``累计`` or over the plan's period is cumulative."""
        if not isinstance(target, Comparison | Range) or target.basis is not Basis.LEVEL:
            return target
        if unit in {"", "%", "‰"} or "/" in unit:
            return target
        if g.CUMULATIVE.search(self.clause_text) or (self.over_period and g.FLOW_NAME.search(name)):
            return attrs.evolve(target, basis=Basis.CUMULATIVE)
        return target

    def reject(self, start: int, end: int, reason: str, *, figure: bool = False) -> None:
        self._claim(start, end)
        column, quote = cut_quote(self.line, start, end)
        self.unread.append(UnreadPhrase(self.number, column, quote, reason, figure))


@attrs.frozen
class Clause:
    """One clause in its sentence: ``start`` is its column in the line.

    ``previous`` and ``following`` are the clauses around it in the same part of the
    sentence, ``head`` the part's first clause (which often names who a rule is for).
    """

    reader: LineReader
    start: int
    text: str
    previous: str = ""
    following: str = ""
    head: str = ""

    @property
    def year(self) -> int:
        return self.reader.year

    def span(self, match: re.Match[str]) -> tuple[int, int]:
        """The line columns of a match in this clause."""
        return self.start + match.start(), self.start + match.end()

    @property
    def body_start(self) -> int:
        """The column where the clause's text begins, leading spaces skipped."""
        return self.start + len(self.text) - len(self.text.lstrip())
