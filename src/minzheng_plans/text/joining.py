"""Pieces of one line joined, and spaces squashed, the way Chinese text wants them.

Shared by the format readers (DOCX paragraphs, web-page fragments, PDF lines) and the table
reader (a cell's wrapped lines), so that a line is joined one way whatever its source.

Chinese has no spaces between words, so a line break or a run of spaces between two Chinese
characters is layout (a wrapped cell, an indented ``<span>``, justified PDF text) and goes;
between two Latin letters or digits it is a word break and stays as one space.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["is_wide", "join_pieces", "squash_spaces"]

# Every kind of space a published plan uses: ASCII, no-break (&nbsp;), ideographic (U+3000)
# and the en/em family; zero-width ones are dropped outright.
_SPACE_RUN = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def is_wide(char: str) -> bool:
    """A CJK character, CJK punctuation or a full-width form: no space is needed beside it."""
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF  # radicals, punctuation, kana, CJK ideographs
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0xFE30 <= code <= 0xFE4F  # compatibility forms
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x20000 <= code <= 0x3FFFF  # extension ideographs
        or char in "“”‘’—…·●■□◆"
    )


def _glue(left: str, right: str) -> str:
    """What joins two non-empty pieces: nothing beside a wide character, else one space."""
    if is_wide(left[-1]) or is_wide(right[0]):
        return ""
    # A wrapped number or unit ("35-" / "40", "元/" / "人") continues without a space.
    if left[-1] in "-/(（:：~～.%" or right[0] in ")）%‰/.,:;":
        return ""
    return " "


def squash_spaces(text: str) -> str:
    """``text`` with space runs (line breaks included) removed beside wide characters.

    Elsewhere a run becomes one space; the result is stripped.
    """
    text = _ZERO_WIDTH.sub("", text)
    pieces = [piece for piece in _SPACE_RUN.split(text) if piece]
    return join_pieces(pieces)


def join_pieces(pieces: Iterable[str]) -> str:
    """Pieces of one logical line (wrapped lines, ``<span>`` fragments) joined as one.

    A piece is assumed to have no spaces at its ends.
    """
    out = ""
    for piece in pieces:
        if not piece:
            continue
        out = piece if not out else out + _glue(out, piece) + piece
    return out
