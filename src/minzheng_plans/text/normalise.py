"""Normalised text with a map back to the original: every loader reads the normalised form
and quotes the original.

Published plans mix no-break spaces, en and em spaces, ideographic spaces, zero-width
characters and full-width forms (``（）％＞１２``) freely, and reposts come in traditional
characters (read as simplified ones, see :mod:`minzheng_plans.text._script`). Loaders match
patterns on one canonical spelling; provenance (``source.line``, ``source.quote``) must still
point into the document exactly as published, so each normalised character remembers the
offset of the original character it came from.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

import attrs

from minzheng_plans.text._script import is_traditional, simplify
from minzheng_plans.text.once import current_memo, normalised_once

__all__ = ["Line", "NormalisedText", "normalise", "normalise_string", "normalised_once"]

# Spaces of every width read as one ASCII space; zero-width characters and the carriage
# return of CRLF line ends disappear (line numbers count "\n" only, as editors do).
_SPACES = "\u00a0\u1680\u202f\u205f\u3000" + "".join(chr(c) for c in range(0x2000, 0x200B))
_DROPPED = "\u200b\u200c\u200d\u2060\ufeff\r"
# Full-width ASCII forms U+FF01-U+FF5E map to U+0021-U+007E.
_FULLWIDTH_FIRST = 0xFF01
_FULLWIDTH_LAST = 0xFF5E
_FULLWIDTH_SHIFT = 0xFF01 - 0x21


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {ord(c): " " for c in _SPACES}
    table.update({ord(c): "" for c in _DROPPED})
    for code in range(_FULLWIDTH_FIRST, _FULLWIDTH_LAST + 1):
        table[code] = chr(code - _FULLWIDTH_SHIFT)
    # Look-alikes that loaders would otherwise have to spell twice.
    table.update(
        {
            ord("\u2212"): "-",  # minus sign
            ord("\u2215"): "/",  # division slash
            ord("\uff5f"): "(",  # full-width white parenthesis
            ord("\uff60"): ")",
            ord("\u2236"): ":",  # ratio sign
        }
    )
    return table


_TABLE = _build_table()
# str.translate looks every character up in the table, Chinese text's too; a pattern finds the
# few that change (a dozen times faster on a plan's text) and the table replaces just those.
_REPLACEMENTS = {chr(code): replacement for code, replacement in _TABLE.items()}
_CHANGED = re.compile("[" + "".join(re.escape(char) for char in sorted(_REPLACEMENTS)) + "]")
_HAS_DROPPED = re.compile(f"[{_DROPPED}]")
# A Markdown heading marker (``## 第一章 总体要求``, CommonMark: up to three spaces, one to six
# ``#``, then a space): layout, like a zero-width space, so that a title or a chapter heading
# reads the same in a Markdown file or a page converted to Markdown as in plain text.
_MARKDOWN_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(?=\S)", re.MULTILINE)
_NEWLINE = re.compile("\n")


def _replaced(match: re.Match[str]) -> str:
    return _REPLACEMENTS[match.group()]


def _translate(text: str) -> str:
    """``text.translate(_TABLE)``: spaces, dropped characters, full-width forms, look-alikes."""
    return _CHANGED.sub(_replaced, text)


def normalise_string(text: str, *, traditional: bool | None = None) -> str:
    """The normalised spelling of ``text``, without an offset map (for short cells).

    Traditional characters become simplified ones when the converter is installed: when
    ``traditional`` is true (the whole document is traditional), or when it is ``None`` and
    ``text`` itself shows traditional-only characters.
    """
    translated = _translate(text)
    if traditional or (traditional is None and is_traditional(translated)):
        return simplify(translated) or translated
    return translated


@attrs.frozen
class Line:
    """One line of a normalised text: its 1-based number in the original and its text.

    ``start`` is the offset of the line's first character in the normalised text.
    """

    number: int
    text: str
    start: int

    @property
    def stripped(self) -> str:
        return self.text.strip()


@attrs.frozen
class NormalisedText:
    """A text in canonical spelling with, for every character, its offset in ``original``.

    Build one with :func:`normalise`. ``offsets`` has one entry per normalised character plus
    a final entry equal to ``len(original)``, so that spans map with their ends.
    ``traditional`` says the original is written in traditional characters; ``converted``
    that they were read as simplified ones (one for one, so offsets are unchanged).
    """

    text: str
    original: str = attrs.field(repr=False)
    offsets: tuple[int, ...] = attrs.field(repr=False)
    _line_starts: tuple[int, ...] = attrs.field(repr=False)
    traditional: bool = False
    converted: bool = False
    # Built on first use: sniffers normalise a head only to search it, never to walk lines.
    _lines: tuple[Line, ...] | None = attrs.field(init=False, default=None, repr=False, eq=False)

    def original_offset(self, index: int) -> int:
        """The offset in ``original`` of the normalised character at ``index``."""
        if not 0 <= index <= len(self.text):
            msg = f"offset {index} is outside the text (0-{len(self.text)})"
            raise IndexError(msg)
        return self.offsets[index]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``original`` that the normalised span ``[start, end)`` came from."""
        if end <= start:
            first = self.original_offset(start)
            return first, first
        # The end maps through the last character kept, so dropped characters after it
        # (a zero-width space) are not swallowed into the quote.
        return self.original_offset(start), self.original_offset(end - 1) + 1

    def quote(self, start: int, end: int) -> str:
        """The original text behind the normalised span ``[start, end)``: an exact quote."""
        first, last = self.original_span(start, end)
        return self.original[first:last]

    def original_column(self, index: int) -> int:
        """The 0-based column, in its original line, of the normalised character at ``index``."""
        offset = self.original_offset(index)
        return offset - self._line_starts[bisect.bisect_right(self._line_starts, offset) - 1]

    def line_number(self, index: int) -> int:
        """The 1-based line of the original on which the normalised ``index`` falls."""
        offset = self.original_offset(index)
        return bisect.bisect_right(self._line_starts, offset)

    def lines(self) -> tuple[Line, ...]:
        """Every line of the normalised text with its original line number (computed once)."""
        if self._lines is None:
            object.__setattr__(self, "_lines", self._split_lines())  # a cache on a frozen record
        assert self._lines is not None
        return self._lines

    def iter_lines(self) -> Iterator[Line]:
        return iter(self.lines())

    def _split_lines(self) -> tuple[Line, ...]:
        lines = []
        start = 0
        for number, piece in enumerate(self.text.split("\n"), start=1):
            lines.append(Line(number, piece, start))
            start += len(piece) + 1
        return tuple(lines)

    def original_line(self, number: int) -> str:
        """The original text of 1-based line ``number`` (without its line end)."""
        if not 1 <= number <= len(self._line_starts):
            msg = f"line {number} is outside the text (1-{len(self._line_starts)})"
            raise IndexError(msg)
        first = self._line_starts[number - 1]
        end = self.original.find("\n", first)
        line = self.original[first:] if end < 0 else self.original[first:end]
        return line.removesuffix("\r")

    def find_in_line(self, number: int, needle: str) -> str | None:
        """``needle`` (normalised) as it is written on original line ``number``, if there."""
        original = self.original_line(number)
        normalised = normalise_string(original)
        at = normalised.find(needle)
        if at < 0:
            return None
        # Re-normalise character by character: within one line the map is local.
        return normalise(original).quote(at, at + len(needle))


def normalise(text: str) -> NormalisedText:
    """Normalise spaces, zero-width characters, full-width forms and traditional characters
    (when the converter is installed), keeping an offset map.

    Lines are preserved one for one: only ``\\r`` is dropped around line ends, so line ``n``
    of the normalised text is line ``n`` of the original. Markdown heading markers at the
    start of a line (``## ``) are dropped as layout.
    """
    memo = current_memo()
    if memo is None:
        return _normalised(text)
    found = memo.get(text)
    if found is None:
        found = memo[text] = _normalised(text)
    return found


def _normalised(text: str) -> NormalisedText:
    # Every replacement is one character or none, so the offsets are the original indices
    # of the characters that are kept (a pattern substitution and a comprehension: linear).
    kept = _without_heading_markers(text)
    if len(kept) > 1 or _HAS_DROPPED.search(text):
        offsets = [
            index
            for start, end in kept
            for index in range(start, end)
            if text[index] not in _DROPPED
        ]
        source = "".join(text[start:end] for start, end in kept)
    else:
        offsets = list(range(len(text)))
        source = text
    offsets.append(len(text))
    line_starts = [0]
    line_starts.extend(match.end() for match in _NEWLINE.finditer(text))
    translated = _translate(source)
    traditional = is_traditional(translated)
    simplified = simplify(translated) if traditional else None
    return NormalisedText(
        simplified if simplified is not None else translated,
        text,
        tuple(offsets),
        tuple(line_starts),
        traditional=traditional,
        converted=simplified is not None,
    )


def _without_heading_markers(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` left once Markdown heading markers are taken out (one span, the
    whole text, when there are none)."""
    kept: list[tuple[int, int]] = []
    start = 0
    if "#" in text:
        for marker in _MARKDOWN_HEADING.finditer(text):
            kept.append((start, marker.start()))
            start = marker.end()
    kept.append((start, len(text)))
    return kept
