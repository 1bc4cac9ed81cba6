"""Text from input made safe to print: no terminal control, no forged line, no hidden reordering.

Names, ids and messages come from documents and plan files that anyone may write. Printed as
they are, an escape sequence (``ESC [``, an OSC title or hyperlink) drives the reader's
terminal, a newline in a plan id forges a report line, and a bidirectional override
(U+202E) shows text in another order than it is stored. :func:`escape_field` writes every
such character as a visible escape (``\\x1b``, ``\\n``, ``\\u202e``); :func:`escape_lines`
does the same but keeps the line breaks of a whole report; :func:`escape_json` writes them as
JSON ``\\u`` escapes in JSON text, which stays the same data.
"""

from __future__ import annotations

import re

__all__ = ["escape_field", "escape_json", "escape_lines"]

# C0 controls, DEL, C1 controls (U+0085 is a line break to some readers), the bidirectional
# embeddings, overrides, isolates and marks, and the Unicode line and paragraph separators.
_C0 = "\x00-\x1f"
_C0_BUT_LINE_FEED = "\x00-\x09\x0b-\x1f"
_OTHERS = "\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_FIELD = re.compile(f"[{_C0}{_OTHERS}]")
_LINES = re.compile(f"[{_C0_BUT_LINE_FEED}{_OTHERS}]")
_JSON = re.compile(f"[{_OTHERS}]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_field(text: str) -> str:
    """One field (a name, an id, a message) for text output: on one line, nothing hidden."""
    return _FIELD.sub(_visible, text)


def escape_lines(text: str) -> str:
    """A whole text report: line breaks kept, every other control escaped."""
    return _LINES.sub(_visible, text)


def escape_json(text: str) -> str:
    """JSON text with the characters JSON allows raw but terminals act on as ``\\u`` escapes.

    ``json.dumps`` already escapes C0 controls; C1 controls, bidirectional controls and the
    line separators are valid raw in JSON strings but not safe to show.
    """
    return _JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
