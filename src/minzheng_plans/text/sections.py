"""The section tree of a plan: 第一章 / 第一节 / 一、 / (一) / 1. / (1) headings, nested.

Nesting follows the conventional rank of the numbering styles, not their position on the
page: a ``(一)`` heading is a child of the nearest ``一、`` or ``第一节`` above it, whichever
the document uses. Two things that look like headings are left out:

- a table of contents (目录): dot-leader lines (``第一章 发展环境……3``), and a block of
  chapter and section headings that the body repeats from ``第一章`` on;
- numbered items inside a boxed project (专栏) or under a table caption (表1), which are list
  items, not sections, until the next heading of rank ``(一)`` or above.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence

import attrs

from minzheng_plans.core.model import Section
from minzheng_plans.text._numerals import CHINESE_DIGITS, parse_chinese_numeral
from minzheng_plans.text.normalise import NormalisedText, normalise

__all__ = [
    "Heading",
    "HeadingKind",
    "build_sections",
    "enclosing_headings",
    "find_headings",
    "parse_heading",
    "read_sections",
]

# A heading title longer than this is the start of a paragraph: cut at its first clause.
MAX_TITLE = 60


class HeadingKind(enum.IntEnum):
    """Numbering styles, by rank: a smaller value encloses a larger one."""

    PART = 0  # 第一部分
    CHAPTER = 1  # 第一章
    SECTION = 2  # 第一节
    CN_ENUM = 3  # 一、
    CN_PAREN = 4  # (一)
    ARABIC = 5  # 1. or 1、
    ARABIC_PAREN = 6  # (1)


_CN = f"[{CHINESE_DIGITS}]{{1,4}}"
_PATTERNS: tuple[tuple[HeadingKind, re.Pattern[str]], ...] = (
    (HeadingKind.PART, re.compile(rf"^第({_CN})部分\s*(.*)$")),
    (HeadingKind.CHAPTER, re.compile(rf"^第({_CN}|\d{{1,2}})章\s*(.*)$")),
    (HeadingKind.SECTION, re.compile(rf"^第({_CN}|\d{{1,2}})节\s*(.*)$")),
    (HeadingKind.CN_ENUM, re.compile(rf"^({_CN})\s*[、.]\s*(.*)$")),
    (HeadingKind.CN_PAREN, re.compile(rf"^\(\s*({_CN})\s*\)\s*(.*)$")),
    (HeadingKind.ARABIC, re.compile(r"^(\d{1,2})\s*(?:\.(?!\d)|、)\s*(.*)$")),
    (HeadingKind.ARABIC_PAREN, re.compile(r"^\(\s*(\d{1,2})\s*\)\s*(.*)$")),
)
# Every heading style starts with one of these: a cheap test before seven patterns.
_FIRST_CHARS = frozenset("第(0123456789" + CHINESE_DIGITS)
_DOT_LEADER = re.compile(r"(…|\.{4,}|·{4,})")
_BOX = re.compile(r"^(专栏\s*\d*|表\s*\d+)")


@attrs.frozen
class Heading:
    """A heading line: its numbering style, its marker as written (normalised), its title."""

    kind: HeadingKind
    number: str
    value: int
    title: str
    line: int


def _marker(kind: HeadingKind, digits: str) -> str:
    match kind:
        case HeadingKind.PART:
            return f"第{digits}部分"
        case HeadingKind.CHAPTER:
            return f"第{digits}章"
        case HeadingKind.SECTION:
            return f"第{digits}节"
        case HeadingKind.CN_PAREN | HeadingKind.ARABIC_PAREN:
            return f"({digits})"
        case _:
            return digits


def _title(rest: str) -> str:
    rest = rest.strip()
    for stop in "。;":
        at = rest.find(stop)
        if at >= 0:
            rest = rest[:at]
    if len(rest) > MAX_TITLE:
        at = min((i for i in (rest.find(c) for c in ":,") if i > 0), default=MAX_TITLE)
        rest = rest[: min(at, MAX_TITLE)]
    return rest.strip()


def parse_heading(text: str, line: int) -> Heading | None:
    """The heading a normalised, stripped line starts with, or ``None``."""
    if not text or text[0] not in _FIRST_CHARS:
        return None
    for kind, pattern in _PATTERNS:
        match = pattern.match(text)
        if match is None:
            continue
        digits = match.group(1)
        value = int(digits) if digits.isdigit() else parse_chinese_numeral(digits)
        if value is None or value == 0:
            return None
        return Heading(kind, _marker(kind, digits), value, _title(match.group(2)), line)
    return None


def _drop_contents(headings: list[Heading]) -> list[Heading]:
    """Leave out a table of contents that the body repeats from its first chapter on."""
    firsts = [
        i
        for i, heading in enumerate(headings)
        if heading.kind in {HeadingKind.CHAPTER, HeadingKind.PART} and heading.value == 1
    ]
    if len(firsts) < 2:
        return headings
    first, second = firsts[0], firsts[1]
    block = headings[first:second]
    if all(h.kind <= HeadingKind.SECTION for h in block):
        return headings[:first] + headings[second:]
    return headings


def find_headings(text: str | NormalisedText) -> list[Heading]:
    """Every heading of the text in order, without the table of contents and box items."""
    normalised = text if isinstance(text, NormalisedText) else normalise(text)
    lines = normalised.lines()
    headings: list[Heading] = []
    in_box = False
    for index, line in enumerate(lines):
        stripped = line.stripped
        if not stripped or (_DOT_LEADER.search(stripped[:80]) and len(stripped) < 80):
            continue
        if _BOX.match(stripped):
            in_box = True
            continue
        heading = parse_heading(stripped, line.number)
        if heading is None:
            continue
        if in_box:
            if heading.kind >= HeadingKind.ARABIC:
                continue
            in_box = False
        if not heading.title:
            heading = attrs.evolve(heading, title=_next_title(lines, index))
        headings.append(heading)
    return _drop_contents(headings)


def _next_title(lines: Sequence[object], index: int) -> str:
    for line in lines[index + 1 : index + 3]:
        stripped = getattr(line, "stripped", "")
        if stripped:
            return "" if parse_heading(stripped, 0) else _title(stripped)
    return ""


@attrs.define
class _Node:
    heading: Heading
    children: list[_Node] = attrs.Factory(list)

    def freeze(self, level: int) -> Section:
        return Section(
            number=self.heading.number,
            title=self.heading.title,
            level=level,
            line=self.heading.line,
            sections=tuple(child.freeze(level + 1) for child in self.children),
        )


def build_sections(headings: Sequence[Heading]) -> tuple[Section, ...]:
    """Nest headings by rank: each heading is a child of the nearest one of smaller rank."""
    roots: list[_Node] = []
    stack: list[_Node] = []
    for heading in headings:
        node = _Node(heading)
        while stack and stack[-1].heading.kind >= heading.kind:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return tuple(root.freeze(1) for root in roots)


def read_sections(text: str | NormalisedText) -> tuple[Section, ...]:
    """The section tree of a text (see the module docstring for what is left out)."""
    return build_sections(find_headings(text))


def enclosing_headings(headings: Sequence[Heading], line: int) -> list[Heading]:
    """The headings that enclose ``line``, outermost first (its path in the tree)."""
    path: list[Heading] = []
    for heading in headings:
        if heading.line > line:
            break
        while path and path[-1].kind >= heading.kind:
            path.pop()
        path.append(heading)
    return path
