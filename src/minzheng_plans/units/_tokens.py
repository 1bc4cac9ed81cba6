"""The pre-tokeniser in front of pint: Chinese unit text to a product of named terms.

pint reads ``元/人·月`` as (元/人)×月 and takes adjacent CJK characters (``万人``,
``千名老年人``) as one name. Here the text is read with the Chinese conventions instead:

- everything after a slash is the denominator: ``元/人·月`` = ``元/月·人`` = 元/(人·月), and
  ``元/人/月`` is the same; ``×`` or ``*`` after a slash has two readings and is refused;
- names are matched longest first against the registry's spellings, so ``人次`` is not 人·次;
- scale words (万, 亿, 千, 百 …) and numbers multiply the name they precede (``10万人``);
- the classifier 名/位 before a name is dropped (``千名老年人`` = 千 人);
- ``每<denominator>[拥有…]<numerator>`` reads as numerator/denominator
  (``每千名老年人拥有养老床位…张`` = 张/千人);
- full-width forms, ``・``/``•``/``⋅`` middle dots and blanks are folded first.

Pure text: no pint import. Each position is visited a bounded number of times (names are at
most :attr:`Lexicon.longest` characters), so the cost is linear in the text.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

import attrs

__all__ = [
    "MAX_DEPTH",
    "MAX_NUMBER_DIGITS",
    "MAX_SCALE_WORDS",
    "MAX_TERMS",
    "AmbiguousText",
    "Lexicon",
    "MalformedText",
    "Term",
    "UnitExpr",
    "UnknownToken",
    "tokenise",
]

_FOLD = str.maketrans(
    {
        **{chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)},
        "\u3000": " ",
        "\u00a0": " ",
        "\t": " ",
        "・": "·",
        "･": "·",
        "•": "·",
        "⋅": "·",
        "∙": "·",
        "．": ".",
        "㎡": "m²",
        "㎞": "km",
    }
)
_POWERS = {"²": 2, "³": 3}
#: Brackets nest at most this deep: (元/(人·月)) is two.
MAX_DEPTH = 4
#: A number inside unit text (个/10万人) has at most this many characters.
MAX_NUMBER_DIGITS = 12
#: Scale words in a row (十万, 千万, 万亿) and terms in one unit are bounded too, so that the
#: exact scale never grows into a huge integer.
MAX_SCALE_WORDS = 3
MAX_TERMS = 16
_CLASSIFIERS = ("名", "位")
_PER_VERBS = ("拥有", "有", "的")


class UnknownToken(Exception):  # noqa: N818 - internal signal, converted by units.py
    """A fragment that matches no name; ``fragment`` is as folded, ``start`` its position."""

    def __init__(self, fragment: str, start: int) -> None:
        super().__init__(fragment, start)
        self.fragment = fragment
        self.start = start


class MalformedText(Exception):  # noqa: N818 - internal signal, converted by units.py
    """Text that breaks a structural limit (nesting depth, number length)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class AmbiguousText(Exception):  # noqa: N818 - internal signal, converted by units.py
    """Text with two readings; ``readings`` spells both."""

    def __init__(self, readings: tuple[str, ...]) -> None:
        super().__init__(readings)
        self.readings = readings


@attrs.frozen
class Lexicon:
    """Spellings (canonical name or alias → canonical name), scale words and name order."""

    names: Mapping[str, str]
    scales: Mapping[str, Fraction]
    order: Mapping[str, int]
    longest: int = attrs.field(init=False)

    @longest.default
    def _longest(self) -> int:
        return max((len(name) for name in [*self.names, *self.scales]), default=1)

    def match_name(self, text: str, pos: int, end: int) -> tuple[str, int] | None:
        """The longest spelling at ``pos``: (canonical name, length)."""
        for length in range(min(self.longest, end - pos), 0, -1):
            name = self.names.get(text[pos : pos + length])
            if name is not None:
                return name, length
        return None

    def match_scale(self, text: str, pos: int, end: int) -> tuple[str, int] | None:
        for length in range(min(self.longest, end - pos), 0, -1):
            word = text[pos : pos + length]
            if word in self.scales:
                return word, length
        return None


@attrs.frozen
class Term:
    """One named factor: ``scale_text`` (``万``, ``10万``) times ``name`` to ``power``.

    ``name`` is empty for a bare scale (``万`` alone).
    """

    name: str
    power: int = 1
    scale_text: str = ""
    scale: Fraction = Fraction(1)

    def spelling(self) -> str:
        power = "" if self.power == 1 else _POWER_TEXT.get(self.power, f"^{self.power}")
        return f"{self.scale_text}{self.name}{power}"


_POWER_TEXT = {2: "²", 3: "³"}


@attrs.frozen
class UnitExpr:
    """A unit as numerator and denominator terms; the Chinese reading of its text."""

    numerator: tuple[Term, ...] = ()
    denominator: tuple[Term, ...] = ()

    @property
    def scale(self) -> Fraction:
        """The pure number the scale words and numbers contribute (万人 → 10000)."""
        result = Fraction(1)
        for term in self.numerator:
            result *= term.scale**term.power
        for term in self.denominator:
            result /= term.scale**term.power
        return result

    def ordered(self, order: Mapping[str, int]) -> UnitExpr:
        """Terms in registry order, equal terms merged: ``元/月·人`` → ``元/人·月``."""
        return UnitExpr(_merge(self.numerator, order), _merge(self.denominator, order))

    def spelling(self) -> str:
        top = "·".join(term.spelling() for term in self.numerator)
        if not self.denominator:
            return top
        bottom = "·".join(term.spelling() for term in self.denominator)
        return f"{top or '1'}/{bottom}"


def _merge(terms: tuple[Term, ...], order: Mapping[str, int]) -> tuple[Term, ...]:
    merged: dict[tuple[str, str], Term] = {}
    bare: list[Term] = []
    for term in terms:
        key = (term.name, term.scale_text)
        if not term.name:
            # A bare scale has no spelling with a power (1*1 is not "1²"): keep each one.
            bare.append(term)
        elif key in merged:
            previous = merged[key]
            merged[key] = attrs.evolve(previous, power=previous.power + term.power)
        else:
            merged[key] = term
    named = sorted(merged.values(), key=lambda t: (order.get(t.name, -1), t.name, t.scale))
    return (*bare, *named)


def fold(text: str) -> str:
    """Full-width forms to ASCII, middle dots to ``·``, blanks to spaces; length is kept."""
    return text.translate(_FOLD)


def tokenise(text: str, lexicon: Lexicon) -> UnitExpr:
    """Read ``text`` (already length-checked) with the Chinese conventions described above."""
    folded = fold(text).strip()
    return _Reader(folded, lexicon).read()


class _Reader:
    def __init__(self, text: str, lexicon: Lexicon) -> None:
        self.text = text
        self.lexicon = lexicon
        self.pos = 0
        self.end = len(text)
        self.depth = 0
        self.terms = 0

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < self.end else ""

    def skip_blanks(self) -> None:
        while self.pos < self.end and self.text[self.pos] == " ":
            self.pos += 1

    def unknown(self) -> UnknownToken:
        start = self.pos
        stop = start
        while stop < self.end and stop - start < 8 and self.text[stop] not in "/·*×() ":
            stop += 1
        return UnknownToken(self.text[start : max(stop, start + 1)], start)

    def read(self) -> UnitExpr:
        if not self.text:
            return UnitExpr()
        if self.text.startswith("每") and "/" not in self.text:
            return self.per_phrase()
        expr = self.quotient()
        if self.pos < self.end:
            raise self.unknown()
        return expr

    def quotient(self) -> UnitExpr:
        numerator, denominator = self.product(in_denominator=False)
        if not numerator and not denominator and self.peek() == "/":
            raise self.unknown()  # "/人": write 1/人 for "per person"
        while self.peek() == "/":
            self.pos += 1
            self.skip_blanks()
            top, bottom = self.product(in_denominator=True)
            if not top:
                raise self.unknown()
            numerator += bottom
            denominator += top
        return UnitExpr(tuple(numerator), tuple(denominator))

    def product(self, *, in_denominator: bool) -> tuple[list[Term], list[Term]]:
        numerator: list[Term] = []
        denominator: list[Term] = []
        factors = 0
        # A joiner (·, ×) needs a factor on both sides: 元/·人 lost a name and is refused
        # rather than read as 元/人.
        dangling = False
        while True:
            self.skip_blanks()
            char = self.peek()
            if char in {"", "/", ")"}:
                if dangling:
                    raise self.unknown()
                return numerator, denominator
            if char in "*×·":
                if not factors or dangling:
                    raise self.unknown()
                if char != "·" and in_denominator:
                    raise AmbiguousText(self._readings())
                self.pos += 1
                dangling = True
                continue
            dangling = False
            factors += 1
            if char == "(":
                self.pos += 1
                self.depth += 1
                if self.depth > MAX_DEPTH:
                    msg = f"brackets nested deeper than {MAX_DEPTH}"
                    raise MalformedText(msg)
                inner = self.quotient()
                self.depth -= 1
                if self.peek() != ")":
                    raise self.unknown()
                self.pos += 1
                numerator.extend(inner.numerator)
                denominator.extend(inner.denominator)
                continue
            term = self.term()
            if term is None:
                raise self.unknown()
            numerator.append(term)
            self.terms += 1
            if self.terms > MAX_TERMS:
                msg = f"more than {MAX_TERMS} terms in one unit"
                raise MalformedText(msg)

    def _readings(self) -> tuple[str, ...]:
        slash = self.text.rfind("/", 0, self.pos)
        head, before, after = (
            self.text[:slash],
            self.text[slash + 1 : self.pos],
            self.text[self.pos + 1 :],
        )
        return (f"{head}/({before}·{after})", f"({head}/{before})·{after}")

    def number(self) -> tuple[str, Fraction] | None:
        start = self.pos
        while self.pos < self.end and (self.text[self.pos].isdigit() or self.text[self.pos] == "."):
            if not self.text[self.pos].isascii():
                break
            self.pos += 1
        written = self.text[start : self.pos]
        if not written:
            return None
        if len(written) > MAX_NUMBER_DIGITS:
            msg = f"a number longer than {MAX_NUMBER_DIGITS} characters"
            raise MalformedText(msg)
        if written.count(".") > 1 or written.startswith(".") or written.endswith("."):
            self.pos = start
            raise self.unknown()
        value = Fraction(Decimal(written))
        if value == 0:
            msg = "a zero factor in a unit"
            raise MalformedText(msg)
        return written, value

    def term(self) -> Term | None:
        """``[number][scale words][classifier]name[power]``, or a bare number/scale."""
        start = self.pos
        scale_text = ""
        scale = Fraction(1)
        words = 0
        number = self.number()
        if number is not None:
            scale_text, scale = number
        while True:
            named = self.lexicon.match_name(self.text, self.pos, self.end)
            if named is not None:
                break
            word = self.lexicon.match_scale(self.text, self.pos, self.end)
            if word is None:
                break
            scale_text += word[0]
            scale *= self.lexicon.scales[word[0]]
            self.pos += word[1]
            words += 1
            if words > MAX_SCALE_WORDS:
                msg = f"more than {MAX_SCALE_WORDS} scale words in a row"
                raise MalformedText(msg)
        named = self.lexicon.match_name(self.text, self.pos, self.end)
        if named is None:
            if scale_text:
                return Term("", 1, scale_text, scale)
            self.pos = start
            return None
        # 名/位 before a noun is a classifier (千名老年人), not a second factor.
        spelled = self.text[self.pos : self.pos + named[1]]
        if spelled in _CLASSIFIERS:
            after = self.lexicon.match_name(self.text, self.pos + named[1], self.end)
            if after is not None:
                self.pos += named[1]
                named = after
        self.pos += named[1]
        power = 1
        if self.peek() in _POWERS:
            power = _POWERS[self.peek()]
            self.pos += 1
        elif self.peek() == "^":
            # The canonical spelling of powers above 3 (年^4), read back.
            start = self.pos + 1
            stop = start
            while stop < self.end and stop - start < 2 and self.text[stop] in "0123456789":
                stop += 1
            if stop == start or int(self.text[start:stop]) < 2:
                raise self.unknown()
            power = int(self.text[start:stop])
            self.pos = stop
        return Term(named[0], power, scale_text, scale)

    def per_phrase(self) -> UnitExpr:
        """``每<denominator>[拥有][filler]<numerator>``: the numerator is the last name."""
        self.pos = 1
        self.skip_blanks()
        # One term: 每千名老年人, 每百户, 每万人. What follows (居民, 常住人口) describes it.
        per = self.term()
        if per is None or not per.name:
            raise self.unknown()
        for verb in _PER_VERBS:
            if self.text.startswith(verb, self.pos):
                self.pos += len(verb)
                break
        numerator = self._last_term()
        if numerator is None:
            raise self.unknown()
        return UnitExpr((numerator,), (per,))

    def _last_term(self) -> Term | None:
        """The longest name ending the text, with the scale words just before it."""
        stop = self.end
        found: tuple[str, int] | None = None
        for length in range(min(self.lexicon.longest, stop - self.pos), 0, -1):
            name = self.lexicon.names.get(self.text[stop - length : stop])
            if name is not None:
                found = (name, length)
                break
        if found is None:
            return None
        stop -= found[1]
        scale_text = ""
        scale = Fraction(1)
        while stop > self.pos and self.text[stop - 1] in self.lexicon.scales:
            word = self.text[stop - 1]
            scale_text = word + scale_text
            scale *= self.lexicon.scales[word]
            stop -= 1
        return Term(found[0], 1, scale_text, scale)
