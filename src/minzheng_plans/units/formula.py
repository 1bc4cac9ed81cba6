"""A small, safe parser for indicator formulas such as ``社会组织总数/常住人口数×10000``.

The grammar has numbers, names, ``+ - × ÷ * /``, parentheses and a postfix ``%``, nothing
else; the text is never evaluated. Precedence climbing builds *flat* sums and products (one
node for ``a+b+c``), so the tree is only as deep as the parentheses and signs, which a depth
limit bounds; every step consumes input, so parsing is linear in the length of the text.

::

    sum      := product (("+" | "-") product)*
    product  := unary (("*" | "/") unary)*
    unary    := ("+" | "-") unary | postfix
    postfix  := primary "%"?
    primary  := NUMBER | NAME | "(" sum ")"

Spellings accepted for the operators: ``×`` and ``*`` (multiply), ``÷`` and ``/`` (divide),
``−`` (U+2212) and ``-``, and the full-width forms ``＋ － ＊ ／ （ ） ％`` and digits ``０-９``
that Chinese input methods produce. Characters that merely *look* like these (``∗ ∕ ⁄ ‐ – ⨯ ٪ ﹪``,
digits of other scripts) raise :class:`~minzheng_plans.core.errors.LookalikeCharacterError`;
Python-looking input (``**``, ``^``, ``1e9``, quotes, brackets, ``a.b``, ``__x``, keywords)
raises :class:`~minzheng_plans.core.errors.ForbiddenSyntaxError`.

:func:`infer_dimension` gives the dimension of a tree from a hint per name (by default
:func:`guess_dimension`, which reads the head noun of a Chinese name: ``常住人口数`` counts
people, ``护理型床位数`` beds); :meth:`Dimension.unit_text` names the unit the formula implies
(``个/万人``) so the unit layer can compare it with a unit column.
"""

from __future__ import annotations

import keyword
import re
import unicodedata
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Literal, NoReturn

import attrs

from minzheng_plans.core.errors import (
    ForbiddenSyntaxError,
    FormulaDimensionError,
    FormulaError,
    LimitError,
    LookalikeCharacterError,
)

__all__ = [
    "DEFAULT_MAX_DEPTH",
    "DEFAULT_MAX_LENGTH",
    "MAX_NUMBER_DIGITS",
    "Dimension",
    "Formula",
    "Name",
    "Negate",
    "Node",
    "Number",
    "Percent",
    "Product",
    "Sum",
    "guess_dimension",
    "infer_dimension",
    "is_measurable_name",
    "parse_formula",
    "render",
]

# Formulas in plans are one line (the longest in the seed plans has about 40 characters).
DEFAULT_MAX_LENGTH = 500
# Nesting of parentheses and signs; plans use one level of parentheses at most.
DEFAULT_MAX_DEPTH = 16
# Digits in one number; more is a slip or an attack on Decimal arithmetic, not a figure.
MAX_NUMBER_DIGITS = 30

# --- tokens -------------------------------------------------------------------------------

_OPERATORS = {
    "+": "+",
    "＋": "+",
    "-": "-",
    "\u2212": "-",  # MINUS SIGN, the typographic minus
    "－": "-",
    "*": "*",
    "＊": "*",
    "×": "*",
    "/": "/",
    "／": "/",
    "÷": "/",
    "(": "(",
    "（": "(",
    ")": ")",
    "）": ")",
    "%": "%",
    "％": "%",
}

_LOOKALIKES = {
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\ufe63\u2796\u02d7", "-"),
    **dict.fromkeys("\u2217\u22c6\u2731\ufe61\u204e\u066d", "*"),
    **dict.fromkeys("\u2a2f\u2a09\u2715\u2716\u2573\u0445\u0425\uff58\u00b7\u22c5\u2219", "×"),
    **dict.fromkeys("\u2215\u2044\u29f8\u2571\u2797", "/"),
    **dict.fromkeys("\ufe62\u2795", "+"),
    **dict.fromkeys("\ufe6a\u066a\u2052", "%"),
    **dict.fromkeys("\ufe59\u2768\u27ee\u2985", "("),
    **dict.fromkeys("\ufe5a\u2769\u27ef\u2986", ")"),
    **dict.fromkeys("\u2024\uff0e\u3002", "."),
}

_SUPERSCRIPTS = set("\u00b2\u00b3\u00b9\u2070\u2074\u2075\u2076\u2077\u2078\u2079\u207a\u207b")
_FORBIDDEN = {
    "^": "exponents are not part of formulas",
    "'": "strings are not part of formulas",
    '"': "strings are not part of formulas",
    "`": "strings are not part of formulas",
    "[": "indexing is not part of formulas",
    "]": "indexing is not part of formulas",
    "{": "braces are not part of formulas",
    "}": "braces are not part of formulas",
    "_": "identifiers with underscores are code, not formulas",
    "=": "assignments and comparisons are not part of formulas",
    ";": "statements are not part of formulas",
    ":": "code is not a formula",
    ",": "function calls and tuples are not part of formulas",
    "\\": "escapes are not part of formulas",
    "@": "code is not a formula",
    "!": "code is not a formula",
    "~": "code is not a formula",
    "&": "code is not a formula",
    "|": "code is not a formula",
    "<": "comparisons are not part of formulas",
    ">": "comparisons are not part of formulas",
    "#": "comments are not part of formulas",
    "$": "code is not a formula",
}
# Python names that only ever appear in code; a formula naming them is an injection attempt.
_CODE_WORDS = frozenset(keyword.kwlist) | {
    "eval",
    "exec",
    "compile",
    "open",
    "getattr",
    "setattr",
    "globals",
    "locals",
    "vars",
    "input",
    "print",
    "os",
    "sys",
    "subprocess",
}
_NAME_PUNCTUATION = frozenset("、“”‘’《》")
_SPACE = frozenset(" \t\r\n\u00a0\u3000")

TokenKind = Literal["number", "name", "op", "end"]


@attrs.frozen
class _Token:
    kind: TokenKind
    text: str
    start: int
    end: int


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3134F
    )


def _ascii_digit(ch: str) -> str | None:
    if "0" <= ch <= "9":
        return ch
    if "０" <= ch <= "９":
        return chr(ord(ch) - 0xFF10 + 0x30)
    return None


def _starts_name(ch: str) -> bool:
    return _is_cjk(ch) or ("a" <= ch <= "z") or ("A" <= ch <= "Z") or ch in _NAME_PUNCTUATION


def _continues_name(ch: str) -> bool:
    return _starts_name(ch) or _ascii_digit(ch) is not None


class _Tokeniser:
    """One pass over the text; ``steps`` counts characters examined (for linear-time tests)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.steps = 0

    def tokens(self) -> list[_Token]:
        out: list[_Token] = []
        text = self.text
        while self.pos < len(text):
            ch = text[self.pos]
            self.steps += 1
            if ch in _SPACE:
                self.pos += 1
            elif ch in _OPERATORS:
                op = _OPERATORS[ch]
                if op == "*" and self._peek_operator(self.pos + 1) == "*":
                    raise ForbiddenSyntaxError(text, "'**' exponents are not allowed", self.pos)
                out.append(_Token("op", op, self.pos, self.pos + 1))
                self.pos += 1
            elif _ascii_digit(ch) is not None:
                out.append(self._number())
            elif _starts_name(ch):
                out.append(self._name())
            elif ch == ".":
                if out and (out[-1].kind in ("name", "number") or out[-1].text == ")"):
                    raise ForbiddenSyntaxError(text, "attribute access is not allowed", self.pos)
                raise FormulaError(text, "a digit before the decimal point", self.pos)
            else:
                raise self._bad_character(ch)
        out.append(_Token("end", "", len(text), len(text)))
        return out

    def _peek_operator(self, pos: int) -> str | None:
        return _OPERATORS.get(self.text[pos]) if pos < len(self.text) else None

    def _bad_character(self, ch: str) -> FormulaError:
        text, pos = self.text, self.pos
        if ch in _LOOKALIKES:
            return LookalikeCharacterError(text, pos, ch, _LOOKALIKES[ch])
        if ch in _SUPERSCRIPTS:
            return ForbiddenSyntaxError(text, f"superscript {ch!r}: exponents are not allowed", pos)
        if ch in _FORBIDDEN:
            return ForbiddenSyntaxError(text, f"{ch!r}: {_FORBIDDEN[ch]}", pos)
        if unicodedata.category(ch) == "Nd":
            return LookalikeCharacterError(text, pos, ch, str(unicodedata.digit(ch)))
        if unicodedata.category(ch).startswith("L") and (
            0x370 <= ord(ch) <= 0x52F or 0xFF21 <= ord(ch) <= 0xFF5A
        ):
            return LookalikeCharacterError(text, pos, ch, "a Latin letter")
        return FormulaError(
            text, f"a number, a name or one of + - × ÷ ( ) %, not {ch!r} (U+{ord(ch):04X})", pos
        )

    def _number(self) -> _Token:
        text, start = self.text, self.pos
        digits: list[str] = []
        seen_point = False
        while self.pos < len(text):
            ch = text[self.pos]
            digit = _ascii_digit(ch)
            if digit is not None:
                digits.append(digit)
            elif ch == "." and not seen_point and self._digit_at(self.pos + 1):
                seen_point = True
                digits.append(".")
            else:
                break
            self.steps += 1
            self.pos += 1
            if len(digits) > MAX_NUMBER_DIGITS:
                what = "digits in a formula number"
                raise LimitError(
                    what,
                    MAX_NUMBER_DIGITS,
                    len(digits),
                    setting="minzheng_plans.units.formula.MAX_NUMBER_DIGITS",
                )
        if self.pos < len(text):
            ch = text[self.pos]
            if ch in "eE" and (self._digit_at(self.pos + 1) or self._peek_operator(self.pos + 1)):
                raise ForbiddenSyntaxError(text, "exponent notation (1e9) is not allowed", start)
            if ch == ".":
                raise ForbiddenSyntaxError(text, "a number cannot be followed by '.'", self.pos)
        return _Token("number", "".join(digits), start, self.pos)

    def _digit_at(self, pos: int) -> bool:
        return pos < len(self.text) and _ascii_digit(self.text[pos]) is not None

    def _name(self) -> _Token:
        """A name; ``乡镇(街道)数`` keeps its parenthesised qualifier when a name continues it."""
        text, start = self.text, self.pos
        while True:
            while self.pos < len(text) and _continues_name(text[self.pos]):
                self.steps += 1
                self.pos += 1
            close = self._qualifier_end(self.pos, text[start : self.pos])
            if close is None:
                break
            self.pos = close
        name = text[start : self.pos]
        if name.isascii() and name in _CODE_WORDS:
            raise ForbiddenSyntaxError(text, f"{name!r} is Python code, not a formula", start)
        return _Token("name", name, start, self.pos)

    def _qualifier_end(self, pos: int, before: str) -> int | None:
        """End of ``(…)`` right after a name when it holds only name characters and a name
        character follows it, or when both sides are Chinese (``社区(村)``: never a call,
        which would need an ASCII name). Each character is examined at most once more by the
        caller's next token, so the look-ahead keeps the pass linear."""
        text = self.text
        if pos >= len(text) or _OPERATORS.get(text[pos]) != "(":
            return None
        inner = pos + 1
        while inner < len(text) and _continues_name(text[inner]):
            self.steps += 1
            inner += 1
        if inner > pos + 1 and inner < len(text) and _OPERATORS.get(text[inner]) == ")":
            follows = inner + 1 < len(text) and _continues_name(text[inner + 1])
            if follows or not (before.isascii() or text[pos + 1 : inner].isascii()):
                return inner + 1
        return None


# --- tree ---------------------------------------------------------------------------------


@attrs.frozen
class Number:
    """A literal number, exact."""

    value: Decimal
    start: int = attrs.field(default=0, eq=False)
    end: int = attrs.field(default=0, eq=False)


@attrs.frozen
class Name:
    """A named quantity, as written (``常住人口数``)."""

    text: str
    start: int = attrs.field(default=0, eq=False)
    end: int = attrs.field(default=0, eq=False)


@attrs.frozen
class Percent:
    """``x%``: ``x`` divided by 100."""

    operand: Node


@attrs.frozen
class Negate:
    """``-x``."""

    operand: Node


@attrs.frozen
class Sum:
    """``a + b - c`` as one node: ``terms`` pairs a sign with a term, the first sign ``+``."""

    terms: tuple[tuple[Literal["+", "-"], Node], ...]


@attrs.frozen
class Product:
    """``a × b ÷ c`` as one node: ``factors`` pairs ``*`` or ``/`` with a factor."""

    factors: tuple[tuple[Literal["*", "/"], Node], ...]


Node = Number | Name | Percent | Negate | Sum | Product


@attrs.frozen
class Formula:
    """A parsed formula: the text as given, the tree, and its distinct names in order."""

    text: str
    root: Node
    names: tuple[str, ...]

    @property
    def has_operator(self) -> bool:
        """Whether the formula combines anything (a lone name is a definition, not a formula)."""
        return not isinstance(self.root, Name | Number)

    def __str__(self) -> str:
        return render(self.root)


class _Parser:
    def __init__(self, text: str, tokens: list[_Token], max_depth: int) -> None:
        self.text = text
        self.tokens = tokens
        self.index = 0
        self.depth = 0
        self.max_depth = max_depth
        self.steps = 0
        self.names: dict[str, None] = {}

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def advance(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        self.steps += 1
        return token

    def fail(self, expected: str) -> NoReturn:
        token = self.current
        got = "the end" if token.kind == "end" else repr(token.text)
        raise FormulaError(self.text, f"{expected}, not {got}", token.start)

    def parse(self) -> Node:
        node = self.sum()
        if self.current.kind != "end":
            if self.current.kind in ("name", "number") or self.current.text == "(":
                self.fail("an operator between two terms")
            self.fail("an operator or the end")
        return node

    def sum(self) -> Node:
        first = self.product()
        terms: list[tuple[Literal["+", "-"], Node]] = [("+", first)]
        while self.current.kind == "op" and self.current.text in "+-":
            sign: Literal["+", "-"] = "+" if self.advance().text == "+" else "-"
            terms.append((sign, self.product()))
        return first if len(terms) == 1 else Sum(tuple(terms))

    def product(self) -> Node:
        first = self.unary()
        factors: list[tuple[Literal["*", "/"], Node]] = [("*", first)]
        while self.current.kind == "op" and self.current.text in "*/":
            op: Literal["*", "/"] = "*" if self.advance().text == "*" else "/"
            factor = self.unary()
            if op == "/" and isinstance(factor, Number) and factor.value == 0:
                raise FormulaError(self.text, "a divisor other than zero", factor.start)
            factors.append((op, factor))
        return first if len(factors) == 1 else Product(tuple(factors))

    def nest(self) -> None:
        self.depth += 1
        if self.depth > self.max_depth:
            what = "nesting depth of a formula"
            raise LimitError(
                what,
                self.max_depth,
                self.depth,
                setting="parse_formula(max_depth=...)",
            )

    def unary(self) -> Node:
        if self.current.kind == "op" and self.current.text in "+-":
            negative = self.advance().text == "-"
            self.nest()
            operand = self.unary()
            self.depth -= 1
            return Negate(operand) if negative else operand
        return self.postfix()

    def postfix(self) -> Node:
        node = self.primary()
        if self.current.kind == "op" and self.current.text == "%":
            self.advance()
            node = Percent(node)
            if self.current.kind == "op" and self.current.text == "%":
                self.fail("one '%' at most")
        return node

    def primary(self) -> Node:
        token = self.current
        if token.kind == "number":
            self.advance()
            return Number(Decimal(token.text), token.start, token.end)
        if token.kind == "name":
            self.advance()
            self.names.setdefault(token.text)
            return Name(token.text, token.start, token.end)
        if token.kind == "op" and token.text == "(":
            self.advance()
            self.nest()
            node = self.sum()
            self.depth -= 1
            if not (self.current.kind == "op" and self.current.text == ")"):
                self.fail("')' to close the '(' at character " + str(token.start + 1))
            self.advance()
            if self.current.kind == "op" and self.current.text == "(":
                raise ForbiddenSyntaxError(self.text, "calls are not allowed", self.current.start)
            return node
        return self.fail("a number, a name or '('")


def _parse(text: str, max_length: int, max_depth: int) -> tuple[Formula, int]:
    if not isinstance(text, str):
        msg = f"a formula is text, not {type(text).__name__}"
        raise TypeError(msg)
    if len(text) > max_length:
        what = "formula length"
        raise LimitError(what, max_length, len(text), setting="parse_formula(max_length=...)")
    tokeniser = _Tokeniser(text)
    tokens = tokeniser.tokens()
    if len(tokens) == 1:
        raise FormulaError(text, "a formula, not empty text", 0)
    parser = _Parser(text, tokens, max_depth)
    root = parser.parse()
    return Formula(text, root, tuple(parser.names)), tokeniser.steps + parser.steps


def parse_formula(
    text: str, *, max_length: int = DEFAULT_MAX_LENGTH, max_depth: int = DEFAULT_MAX_DEPTH
) -> Formula:
    """Parse ``text`` into a :class:`Formula`; never evaluates anything.

    Raises :class:`~minzheng_plans.core.errors.FormulaError` (or a subclass) for text outside the
    grammar and :class:`~minzheng_plans.core.errors.LimitError` past ``max_length`` characters or
    ``max_depth`` levels of parentheses and signs.
    """
    return _parse(text, max_length, max_depth)[0]


_PRECEDENCE = {Sum: 1, Product: 2, Negate: 3, Percent: 4, Number: 5, Name: 5}


def render(node: Node) -> str:
    """The formula in canonical spelling (``×`` ``÷``, ASCII ``+ - ( ) %``), minimal parentheses."""

    def wrapped(child: Node, level: int) -> str:
        text = render(child)
        return f"({text})" if _PRECEDENCE[type(child)] <= level else text

    match node:
        case Number(value=value):
            return str(value)
        case Name(text=text):
            return text
        case Percent(operand=operand):
            return wrapped(operand, 4) + "%"
        case Negate(operand=operand):
            return "-" + wrapped(operand, 2)
        case Sum(terms=terms):
            return wrapped(terms[0][1], 1) + "".join(
                sign + wrapped(term, 1) for sign, term in terms[1:]
            )
        case Product(factors=factors):
            head = wrapped(factors[0][1], 2)
            return head + "".join(
                ("×" if op == "*" else "÷") + wrapped(f, 2) for op, f in factors[1:]
            )
    msg = f"not a formula node: {node!r}"  # pragma: no cover - the union is closed
    raise TypeError(msg)


# --- dimensions ---------------------------------------------------------------------------


def _exponents(items: Mapping[str, int]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted((k, v) for k, v in items.items() if v))


_SCALE_WORDS = {
    Fraction(1): "",
    Fraction(10): "十",
    Fraction(100): "百",
    Fraction(1000): "千",
    Fraction(10000): "万",
    Fraction(100000): "十万",
    Fraction(1000000): "百万",
    Fraction(100000000): "亿",
}


@attrs.frozen
class Dimension:
    """Exponents of base quantities (``{"个": 1, "人": -1}``) and a scale the formula applies.

    Base quantities are unit symbols of the project registry's counting dimensions (人 people,
    张 beds, 户 households, 个 items, 元 money, 平方米 area). ``scale`` is the number a formula
    multiplies by: ``a/b×10000`` has scale 10000, i.e. it is stated per ten thousand.
    """

    exponents: tuple[tuple[str, int], ...] = ()
    scale: Fraction = Fraction(1)

    @classmethod
    def of(cls, symbol: str) -> Dimension:
        return cls(((symbol, 1),))

    @property
    def dimensionless(self) -> bool:
        return not self.exponents

    def __mul__(self, other: Dimension) -> Dimension:
        merged = dict(self.exponents)
        for key, value in other.exponents:
            merged[key] = merged.get(key, 0) + value
        return Dimension(_exponents(merged), self.scale * other.scale)

    def __truediv__(self, other: Dimension) -> Dimension:
        inverted = Dimension(tuple((k, -v) for k, v in other.exponents), 1 / other.scale)
        return self * inverted

    def unit_text(self) -> str | None:
        """The unit a value of this dimension is stated in (``个/万人``, ``%``, ``""``).

        ``None`` when no single unit text says it (two numerator quantities, odd scales).
        """
        if self.dimensionless:
            return {Fraction(1): "", Fraction(100): "%", Fraction(1000): "‰"}.get(self.scale)
        top = [k for k, v in self.exponents if v == 1]
        bottom = [k for k, v in self.exponents if v == -1]
        if len(top) + len(bottom) != len(self.exponents) or len(top) != 1 or len(bottom) > 1:
            return None
        if not bottom:
            return top[0] if self.scale == 1 else None
        word = _SCALE_WORDS.get(self.scale)
        return None if word is None else f"{top[0]}/{word}{bottom[0]}"

    def __str__(self) -> str:
        text = self.unit_text()
        if text is not None:
            return text or "1"
        parts = "·".join(k if v == 1 else f"{k}^{v}" for k, v in self.exponents) or "1"
        return parts if self.scale == 1 else f"{self.scale}×{parts}"


NameHints = Callable[[str], Dimension | None] | Mapping[str, Dimension]


def infer_dimension(formula: Formula | Node, hints: NameHints | None = None) -> Dimension | None:
    """The dimension of a formula, or ``None`` when a name's dimension is unknown.

    ``hints`` maps a name to its dimension (a mapping or a function); by default
    :func:`guess_dimension`. Adding quantities of different dimensions raises
    :class:`~minzheng_plans.core.errors.FormulaDimensionError`.
    """
    root = formula.root if isinstance(formula, Formula) else formula
    text = formula.text if isinstance(formula, Formula) else render(root)
    if hints is None:
        lookup: Callable[[str], Dimension | None] = guess_dimension
    elif isinstance(hints, Mapping):
        lookup = hints.get
    else:
        lookup = hints
    return _dimension(root, lookup, text)


def _dimension(
    node: Node, lookup: Callable[[str], Dimension | None], text: str
) -> Dimension | None:
    match node:
        case Number(value=value):
            return Dimension(scale=Fraction(value))
        case Name(text=name):
            return lookup(name)
        case Percent(operand=operand):
            inner = _dimension(operand, lookup, text)
            return None if inner is None else Dimension(inner.exponents, inner.scale / 100)
        case Negate(operand=operand):
            return _dimension(operand, lookup, text)
        case Sum(terms=terms):
            dims = [_dimension(term, lookup, text) for _sign, term in terms]
            known = [d for d in dims if d is not None]
            if len({d.exponents for d in known}) > 1:
                shown = " + ".join(str(Dimension(d.exponents)) for d in known)
                raise FormulaDimensionError(text, f"terms of one dimension, not {shown}")
            if len(known) < len(dims):
                return None
            # A bare number added to a term is a value, not a scale: only terms say the scale.
            scales = {
                d.scale for d, (_, t) in zip(known, terms, strict=True) if not isinstance(t, Number)
            }
            return Dimension(known[0].exponents, scales.pop() if len(scales) == 1 else Fraction(1))
        case Product(factors=factors):
            result = Dimension()
            unknown = False
            for op, factor in factors:
                dim = _dimension(factor, lookup, text)
                if dim is None:
                    unknown = True
                    continue
                if op == "/":
                    if dim.scale == 0:
                        raise FormulaError(text, "a divisor other than zero")
                    result /= dim
                else:
                    result *= dim
            return None if unknown else result
    msg = f"not a formula node: {node!r}"  # pragma: no cover - the union is closed
    raise TypeError(msg)


# Head nouns of Chinese indicator names and the counting unit they are measured in. A name's
# head is at its end (常住人口数 → 人口), after a generic count suffix is taken off.
_HEADS: dict[str, str] = {
    **dict.fromkeys(
        [
            "人",
            "人口",
            "人员",
            "员",
            "者",
            "老人",
            "儿童",
            "孤儿",
            "对象",
            "居民",
            "社工",
            "人才",
            "会员",
            "志愿者",
        ],
        "人",
    ),
    **dict.fromkeys(["床位", "床", "养老床位"], "张"),
    **dict.fromkeys(["户", "家庭", "住户"], "户"),
    **dict.fromkeys(
        [
            "组织",
            "社会组织",
            "机构",
            "乡镇",
            "镇",
            "街道",
            "村",
            "社区",
            "村居",
            "点",
            "站",
            "中心",
            "设施",
            "基地",
            "项目",
            "单位",
            "基金会",
            "公墓",
            "墓地",
            "个",
        ],
        "个",
    ),
    **dict.fromkeys(
        [
            "收入",
            "支出",
            "标准",
            "资金",
            "金额",
            "经费",
            "费用",
            "补贴",
            "投入",
            "捐赠额",
            "消费支出",
            "元",
        ],
        "元",
    ),
    **dict.fromkeys(["面积", "建筑面积", "用房面积"], "平方米"),
}
_COUNT_SUFFIXES = ("总数", "数量", "总量", "数")
# Endings that say a name measures something even when its head is not in the table above.
_MEASURE_ENDINGS = (
    *_COUNT_SUFFIXES,
    "量",
    "额",
    "率",
    "比",
    "比例",
    "比重",
    "占比",
    "值",
    "次",
    "人次",
    "天数",
    "时长",
    "水平",
)
_LONGEST_HEAD = max(len(k) for k in _HEADS)


def _strip_count_suffix(name: str) -> str:
    for suffix in _COUNT_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


_QUALIFIER = re.compile(r"[(（][^()（）]*[)）]")


def guess_dimension(name: str) -> Dimension | None:
    """The dimension a Chinese quantity name counts, read from its head noun, or ``None``.

    ``常住人口数`` → 人, ``护理型床位数`` → 张, ``全区家庭总数`` → 户, ``社会组织总数`` → 个,
    ``政府补助收入`` → 元. Names ending in 率/比例 (already ratios) or unknown heads give
    ``None``: a guess is only made where the head is unambiguous.
    """
    head = _strip_count_suffix(_QUALIFIER.sub("", name).strip())
    for length in range(min(_LONGEST_HEAD, len(head)), 0, -1):
        unit = _HEADS.get(head[-length:])
        if unit is not None:
            return Dimension.of(unit)
    return None


def is_measurable_name(name: str) -> bool:
    """Whether a name denotes something that can be counted or measured."""
    bare = _QUALIFIER.sub("", name).strip()
    return guess_dimension(bare) is not None or bare.endswith(_MEASURE_ENDINGS)
