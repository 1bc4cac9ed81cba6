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

The dimension of a parsed formula is inferred in :mod:`minzheng_plans.units.dimensions`.
"""

from __future__ import annotations

import keyword
import unicodedata
from decimal import Decimal
from typing import Literal, NoReturn

import attrs

from minzheng_plans.core.errors import (
    ForbiddenSyntaxError,
    FormulaError,
    LimitError,
    LookalikeCharacterError,
)

__all__ = [
    "DEFAULT_MAX_DEPTH",
    "DEFAULT_MAX_LENGTH",
    "MAX_NUMBER_DIGITS",
    "Formula",
    "Name",
    "Negate",
    "Node",
    "Number",
    "Percent",
    "Product",
    "Sum",
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
