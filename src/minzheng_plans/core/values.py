"""Read one value cell or value phrase of a plan: ``75``, ``≥55%``, ``35～40张``, ``1:0.8``.

:func:`parse_value` is pure text work (no pint): it finds the comparator, the number or the
two ends of a range, the unit *as written* and, for relative targets, the named reference.
Units are checked and converted later by :mod:`minzheng_plans.units.registry`.

What it reads (full-width forms, ``∶`` and spaces anywhere between the parts are accepted)::

    75   -8   61.5   1,250  1.5E+3  a bare value; comparator ``=``
    ≥55  >30  ≤40  <5  ≥55%         a comparator sign before the value
    不低于55%  超过30  不超过40      a comparator word before the value
    90%以上  40以下  50%以内         a comparator word after the value
    达到50%  提高到80  保持在100     a verb that states the value; comparator ``=``
    约4755万元  60左右               approximate: ``approximate=True``
    35-40  35～40张  90%~147%  35至40  a range, both ends allowed
    1:0.8  1：0.55  ≥1:0.8           a 1:x ratio: value x, ``ratio=True``
    〔500〕  [3]  【2000万元】         a total over the plan period: ``cumulative=True``
    逐步提高  稳步提升  动态调整          a direction or a policy, no figure: kind ``direction``
    力争60  ≥900（力争1000）          an aspiration: the value it is said of, and
                                     ``aspirational=True`` (the 力争 figure in brackets is
                                     not a target; the text keeps it)
    ——  —  -  /  无  (empty)         no value: kind ``none``
    不低于居民上年度人均消费支出增速  relative to a named reference
    上年度当地人均消费支出的25%—35%   a share of a named reference

Every number is checked against the bounds of :mod:`minzheng_plans.core.numbers` (40
significant digits, 1E-30 to below 1E+18): a cell past them raises
:class:`~minzheng_plans.core.errors.NumberBoundsError`, whose ``text`` is a short sketch of the
number (``7.77777…E-1 (10000 digits)``), never all its digits, even for a cell longer than
:data:`MAX_VALUE_LENGTH`.

Anything else raises :class:`~minzheng_plans.core.errors.ValueParseError`. Damaged cells that
text extraction produced (``10.55`` for ``1:0.55``) read as what they say; repairing them is
the loaders' business. The parser is a single left-to-right pass over at most
:data:`MAX_VALUE_LENGTH` characters, so its cost is linear in the input.
"""

from __future__ import annotations

import re
from decimal import Context, Decimal, Inexact, InvalidOperation
from typing import Literal

import attrs

from minzheng_plans.core._value_words import (
    ASPIRATION,
    COMPARATOR_WORDS,
    CUMULATIVE,
    DIRECTION,
    FOLD,
    NO_VALUE_TEXTS,
    PREFIX_INDEX,
    SUFFIX_INDEX,
    WordIndex,
)
from minzheng_plans.core.errors import NumberBoundsError, ValueParseError
from minzheng_plans.core.messages import N_, Message
from minzheng_plans.core.model import Observation
from minzheng_plans.core.numbers import bounds_message, sketch, too_large, too_small
from minzheng_plans.core.quantity import (
    RATIO_UNIT,
    Basis,
    Comparator,
    Comparison,
    Range,
    Relative,
    Target,
)

__all__ = [
    "COMPARATOR_WORDS",
    "MAX_VALUE_LENGTH",
    "NO_VALUE_TEXTS",
    "RATIO_UNIT",
    "ParsedValue",
    "ValueKind",
    "is_no_value",
    "parse_value",
]

ValueKind = Literal["value", "range", "relative", "direction", "none"]

#: Longer texts are refused before any parsing: a value cell or phrase is short, and the cap
#: keeps hostile inputs cheap.
MAX_VALUE_LENGTH = 200

_EXPECTED = N_("a value such as 75, ≥55%, 35-40张, 1:0.8, —— or 不低于<reference>")


@attrs.frozen
class ParsedValue:
    """What a value cell or phrase says, with the text it came from in ``raw``.

    ``kind`` is ``"value"`` (``comparator`` and ``value``), ``"range"`` (``low`` and ``high``,
    both allowed), ``"relative"`` (``relation`` against ``reference``; ``low``/``high`` hold
    a share of the reference where the text gives one), ``"direction"`` (逐步提高, 动态调整:
    words without a figure) or ``"none"`` (a dash or slash: no value). ``unit`` is the unit as
    written after the number (``""`` if none); ``ratio`` marks the ``1:x`` form, whose
    ``value`` is x.
    """

    kind: ValueKind
    raw: str
    comparator: Comparator | None = None
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    unit: str = ""
    ratio: bool = False
    relation: Comparator | None = None
    reference: str | None = None
    approximate: bool = False
    cumulative: bool = False
    aspirational: bool = False

    def to_target(self, year: int) -> Target | None:
        """The target this text states for ``year``; ``None`` when it states no value."""
        match self.kind:
            case "value":
                assert self.value is not None
                return Comparison(
                    year, self.value, self.comparator or Comparator.EQ, basis=self._basis
                )
            case "range":
                assert self.low is not None
                assert self.high is not None
                return Range(year, self.low, self.high, basis=self._basis)
            case "relative":
                assert self.relation is not None
                assert self.reference is not None
                return Relative(year, self.relation, self.reference, self.low, self.high)
            case _:
                return None

    @property
    def _basis(self) -> Basis:
        return Basis.CUMULATIVE if self.cumulative else Basis.LEVEL

    def to_observation(self, year: int) -> Observation | None:
        """A baseline or actual for ``year``; ``None`` unless the text states one value (a
        total over a period, ``〔300〕``, is no value of a year)."""
        if self.kind != "value" or self.cumulative:
            return None
        assert self.value is not None
        return Observation(year, self.value, self.comparator or Comparator.EQ)


# A number: optional sign, digits with optional thousands groups, optional fraction, optional
# exponent (1.5E+3, as spreadsheets export large numbers). No nested quantifiers, so matching
# is linear.
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?")
# A cell that is one number and nothing else, for the sketch of an over-long one.
_ONLY_NUMBER = re.compile(r" *[+-]?\d*\.?\d+(?:[eE][+-]?\d+)? *")
# An over-long cell is read as a number for its sketch up to this length; longer, it is only
# said to be too long (Decimal reads a million digits in milliseconds, but nothing needs more).
_SKETCH_LIMIT = 1_000_000
_RANGE_SEPARATORS = ("-", "~", "至", "到")
_RATIO = re.compile(r"(\d+(?:\.\d+)?) *: *")
# Characters a unit may contain: CJK, letters, %, ‰, /, middle dots, ², digits after a
# slash (个/10万人), brackets. Sentence punctuation ends nothing here: it is refused.
_UNIT = re.compile(r"[%‰°A-Za-z\u00b2\u00b3\u4e00-\u9fff/·・•.()（）\d]*")
_MAX_UNIT = 24


def is_no_value(text: str) -> bool:
    """Whether a cell states no value (``——``, ``—``, ``-``, ``/``, ``无``, blank …)."""
    return text.translate(FOLD).replace(" ", "") in NO_VALUE_TEXTS


def parse_value(text: str) -> ParsedValue:
    """Read a value cell or phrase; raise :class:`ValueParseError` on anything else."""
    if not isinstance(text, str):
        msg = f"a str, not {type(text).__name__}"
        raise ValueParseError(repr(text)[:80], msg)
    if len(text) > MAX_VALUE_LENGTH:
        expected = Message(N_("a value of at most {count} characters"), {"count": MAX_VALUE_LENGTH})
        folded = text.translate(FOLD) if len(text) <= _SKETCH_LIMIT else ""
        if _ONLY_NUMBER.fullmatch(folded):
            # One huge number: say which bound it breaks, and show it as a sketch.
            number = _decimal(folded.strip(), folded.strip())
            problem = bounds_message(number)
            if problem is not None:
                raise NumberBoundsError(sketch(number), problem)
            raise ValueParseError(sketch(number), expected)
        raise ValueParseError(text[:40] + "…", expected)
    return _Parser(text).parse()


def _decimal(digits: str, written: str) -> Decimal:
    """``digits`` as a Decimal; an exponent past what Decimal holds (``1E-99999999999999999999``)
    is a :class:`NumberBoundsError` naming the bound."""
    try:
        number = Decimal(digits)
    except InvalidOperation:
        exponent = digits.lower().rpartition("e")[2]
        bound = too_small() if exponent.startswith("-") else too_large()
        shown = written if len(written) <= 40 else written[:39] + "…"
        raise NumberBoundsError(shown, bound) from None
    if "e" in digits.lower() and bounds_message(number) is None:
        # Plain digits, as a plan states them: 1.5E+3 is 1500 (exact; the bounds keep it short).
        number = Decimal(format(number, "f"))
    return number


class _Parser:
    """One pass over the folded text; ``pos`` only moves forward."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.text = raw.translate(FOLD)
        self.pos = 0
        self.end = len(self.text)
        # Trailing and leading blanks are not part of anything.
        while self.pos < self.end and self.text[self.pos] == " ":
            self.pos += 1
        while self.end > self.pos and self.text[self.end - 1] == " ":
            self.end -= 1

    def fail(self, expected: str | Message = _EXPECTED) -> ValueParseError:
        return ValueParseError(self.raw, expected)

    def skip_blanks(self) -> None:
        while self.pos < self.end and self.text[self.pos] == " ":
            self.pos += 1

    def take_word(self, words: WordIndex) -> tuple[bool, Comparator | None]:
        if self.pos >= self.end:
            return False, None
        for word, comparator in words.get(self.text[self.pos], ()):
            if self.text.startswith(word, self.pos, self.end):
                self.pos += len(word)
                self.skip_blanks()
                return True, comparator
        return False, None

    def take_number(self) -> Decimal | None:
        match = _NUMBER.match(self.text, self.pos, self.end)
        if match is None:
            return None
        self.pos = match.end()
        number = _decimal(match.group().replace(",", ""), match.group())
        problem = bounds_message(number)
        if problem is not None:
            raise NumberBoundsError(sketch(number), problem)
        return number

    def take_unit(self) -> str:
        """The unit as written in ``raw``, up to a suffix word, a range sign or the end."""
        self.skip_blanks()
        start = self.pos
        match = _UNIT.match(self.text, self.pos, self.end)
        assert match is not None  # the pattern matches the empty string
        stop = match.end()
        # A suffix word (以上) or a range sign ends the unit.
        for index in range(start, stop):
            if self.text[index] in "~至到" or any(
                self.text.startswith(word, index)
                for word, _ in SUFFIX_INDEX.get(self.text[index], ())
            ):
                stop = index
                break
        unit = self.raw[start:stop].strip()
        digit = next((i for i, char in enumerate(unit) if char.isdigit()), None)
        if digit is not None and "/" not in unit[:digit]:
            # Digits belong in a unit only after its slash (个/10万人).
            raise self.fail()
        if len(unit) > _MAX_UNIT:
            raise self.fail(
                Message(N_("a unit of at most {count} characters"), {"count": _MAX_UNIT})
            )
        self.pos = stop
        self.skip_blanks()
        return unit

    def at_end(self) -> bool:
        return self.pos >= self.end

    def parse(self) -> ParsedValue:
        cumulative = self.take_brackets()
        aspirational = self.take_aspiration()
        parsed = self.parse_body()
        if cumulative or aspirational:
            return attrs.evolve(parsed, cumulative=cumulative, aspirational=aspirational)
        return parsed

    def take_brackets(self) -> bool:
        """〔500〕: the whole cell in the brackets plan tables mark period totals with."""
        if self.end - self.pos > 2 and self.text[self.end - 1] == CUMULATIVE.get(
            self.text[self.pos]
        ):
            self.pos += 1
            self.end -= 1
            self.skip_blanks()
            while self.end > self.pos and self.text[self.end - 1] == " ":
                self.end -= 1
            return True
        return False

    def take_aspiration(self) -> bool:
        """力争60, or ≥900（力争1000）: the figure the cell commits to; whether 力争 was said."""
        found = False
        for word in ASPIRATION:
            if self.text.startswith(word, self.pos, self.end) and self.end - self.pos > len(word):
                self.pos += len(word)
                self.skip_blanks()
                found = True
                break
        if self.end > self.pos and self.text[self.end - 1] in ")）":
            opening = max(
                self.text.rfind("(", self.pos, self.end), self.text.rfind("（", self.pos, self.end)
            )
            inner = self.text[opening + 1 : self.end - 1].strip() if opening > self.pos else ""
            if inner.startswith(ASPIRATION):
                self.end = opening
                while self.end > self.pos and self.text[self.end - 1] == " ":
                    self.end -= 1
                found = True
        return found

    def parse_body(self) -> ParsedValue:
        body = self.text[self.pos : self.end]
        if body.replace(" ", "") in NO_VALUE_TEXTS:
            return ParsedValue(kind="none", raw=self.raw)
        if DIRECTION.fullmatch(body.replace(" ", "")):
            return ParsedValue(kind="direction", raw=self.raw)

        has_prefix, prefix = self.take_word(PREFIX_INDEX)
        approximate = has_prefix and prefix is None
        if approximate:
            # 约 may precede a comparator-free value only; 约不低于 is not a phrase.
            prefix = None

        start = self.pos
        number = self.take_number()
        if number is None:
            return self.relative(prefix, has_prefix and not approximate)

        if self.pos < self.end and self.text[self.pos] in ": ":
            self.pos = start
            ratio = self.ratio()
            if ratio is not None:
                return self.finish_value(prefix, ratio, "", approximate, ratio=True)
            self.pos = start
            number = self.take_number()
            assert number is not None

        unit = self.take_unit()
        if not self.at_end() and self.text[self.pos] in _RANGE_SEPARATORS:
            return self.range(prefix, has_prefix, number, unit, approximate)
        return self.finish_value(prefix, number, unit, approximate)

    def ratio(self) -> Decimal | None:
        match = _RATIO.match(self.text, self.pos, self.end)
        if match is None:
            return None
        self.pos = match.end()
        right = self.take_number()
        if right is None:
            msg = N_("a ratio such as 1:0.8")
            raise self.fail(msg)
        left = Decimal(match.group(1))
        if left == 0:
            msg = N_("a ratio 1:x with a non-zero left side")
            raise self.fail(msg)
        if left == 1:
            return right
        # Normalise a:b to 1:(b/a) only where the quotient is exact.
        context = Context(prec=28, traps=[Inexact, InvalidOperation])
        try:
            return context.divide(right, left)
        except (Inexact, InvalidOperation):
            msg = N_("a ratio 1:x, or a:b whose quotient b/a is exact")
            raise self.fail(msg) from None

    def finish_value(
        self,
        prefix: Comparator | None,
        value: Decimal,
        unit: str,
        approximate: bool,
        *,
        ratio: bool = False,
    ) -> ParsedValue:
        if ratio:
            self.skip_blanks()
        has_suffix, suffix = self.take_word(SUFFIX_INDEX)
        if has_suffix and suffix is None:
            approximate = True
        if not self.at_end():
            raise self.fail()
        comparator = _combine(prefix, suffix, self)
        return ParsedValue(
            kind="value",
            raw=self.raw,
            comparator=comparator,
            value=value,
            unit=unit,
            ratio=ratio,
            approximate=approximate,
        )

    def range(
        self,
        prefix: Comparator | None,
        has_prefix: bool,
        low: Decimal,
        low_unit: str,
        approximate: bool,
    ) -> ParsedValue:
        if has_prefix and prefix not in {None, Comparator.EQ}:
            msg = N_("a range without a comparator (35-40, not ≥35-40)")
            raise self.fail(msg)
        separator = self.text[self.pos]
        self.pos += 1
        # A doubled dash (35——40) is one separator, not a minus sign.
        while separator == "-" and self.pos < self.end and self.text[self.pos] == "-":
            self.pos += 1
        self.skip_blanks()
        high = self.take_number()
        if high is None:
            msg = N_("a range such as 35-40 or 35～40张")
            raise self.fail(msg)
        high_unit = self.take_unit()
        has_suffix, suffix = self.take_word(SUFFIX_INDEX)
        if has_suffix and suffix is not None:
            msg = N_("a range without 以上/以下 after it")
            raise self.fail(msg)
        if not self.at_end():
            raise self.fail()
        if low_unit and high_unit and low_unit != high_unit:
            msg = N_("both ends of a range in the same unit")
            raise self.fail(msg)
        if high < low:
            msg = N_("a range whose low end is not above its high end")
            raise self.fail(msg)
        return ParsedValue(
            kind="range",
            raw=self.raw,
            low=low,
            high=high,
            unit=high_unit or low_unit,
            approximate=approximate or has_suffix,
        )

    def relative(self, relation: Comparator | None, has_relation: bool) -> ParsedValue:
        """``不低于<reference>`` or ``<reference>的25%—35%``; the reference names something."""
        rest = self.text[self.pos : self.end]
        if not rest or not _is_reference_start(rest[0]):
            raise self.fail()
        share = rest.rfind("的")
        if share > 0 and share + 1 < len(rest) and _NUMBER.match(rest, share + 1):
            reference = self.raw[self.pos : self.pos + share].strip()
            self.pos += share + 1
            shared = _Parser(self.raw[self.pos : self.end]).parse()
            if shared.kind not in {"value", "range"} or shared.ratio:
                msg = N_("a share of a reference such as <reference>的25%—35%")
                raise self.fail(msg)
            if shared.kind == "value":
                if has_relation and shared.comparator not in {None, Comparator.EQ}:
                    msg = N_("one comparator in a relative target")
                    raise self.fail(msg)
                low = high = shared.value
                relation = shared.comparator if not has_relation else relation
            else:
                low, high = shared.low, shared.high
            return ParsedValue(
                kind="relative",
                raw=self.raw,
                relation=relation or Comparator.EQ,
                reference=_check_reference(reference, self),
                low=low,
                high=high,
                unit=shared.unit,
                approximate=shared.approximate,
            )
        if not has_relation:
            # Text without a number and without a relation word is not a value.
            raise self.fail()
        reference = self.raw[self.pos : self.end].strip()
        return ParsedValue(
            kind="relative",
            raw=self.raw,
            relation=relation,
            reference=_check_reference(reference, self),
        )


def _is_reference_start(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or char in "“《"


def _check_reference(reference: str, parser: _Parser) -> str:
    if any(char in reference for char in "，。；;,!！?？\n"):
        msg = N_("a reference without sentence punctuation")
        raise parser.fail(msg)
    if not reference or not any("\u4e00" <= char <= "\u9fff" for char in reference):
        msg = N_("a named reference such as 居民上年度人均消费支出增速")
        raise parser.fail(msg)
    return reference


def _combine(prefix: Comparator | None, suffix: Comparator | None, parser: _Parser) -> Comparator:
    if prefix is None or prefix == Comparator.EQ:
        return suffix or Comparator.EQ
    if suffix is None or suffix == prefix:
        return prefix
    # 不低于50%以上 repeats itself; 超过50%以上 reads as >; ≥50以下 contradicts itself.
    if {prefix, suffix} <= {Comparator.GE, Comparator.GT}:
        return Comparator.GT if Comparator.GT in {prefix, suffix} else Comparator.GE
    if {prefix, suffix} <= {Comparator.LE, Comparator.LT}:
        return Comparator.LT if Comparator.LT in {prefix, suffix} else Comparator.LE
    msg = N_("one direction: not both above and below a value")
    raise parser.fail(msg)
