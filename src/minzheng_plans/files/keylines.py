"""Key-path to line indexes for TOML and JSON texts.

No TOML or JSON parser reports where a key sits, so structure errors found after parsing are
placed by scanning the text once more. Paths read like ``plan.jurisdiction.code`` and
``indicators[3].target.value`` (0-based indexes). The scanners are forgiving: they run only on
text that already parsed, and an unknown position is simply absent from the index.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping

__all__ = ["LazyKeyLines", "json_key_lines", "line_of", "toml_key_lines"]

_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r'"(?:[^"\\]|\\.)*"|\'[^\']*\''
_KEY = rf"(?:{_BARE}|{_QUOTED})(?:\s*\.\s*(?:{_BARE}|{_QUOTED}))*"
_HEADER = re.compile(rf"^\s*(\[\[?)\s*({_KEY})\s*\]\]?")
_ASSIGN = re.compile(rf"\s*({_KEY})\s*=\s*")
_KEY_PART = re.compile(rf"{_BARE}|{_QUOTED}")
_INLINE_KEY = re.compile(rf"[{{,]\s*({_KEY})\s*=")


def _parts(dotted: str) -> list[str]:
    if '"' not in dotted and "'" not in dotted:  # the common case, without a regex
        return [part.strip() for part in dotted.split(".")]
    return [p.strip("\"'") for p in _KEY_PART.findall(dotted)]


# The characters of bare keys and of dots between them: a key of only these (the usual
# ``name = …``) is read without a regex.
_BARE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.")


def assignment(line: str) -> tuple[str, str] | None:
    """The dotted key a ``key = value`` line assigns and the text after ``=`` without its
    leading spaces (None if the line assigns nothing); what ``_ASSIGN`` reads, without the
    regex for plain keys."""
    stripped = line.lstrip()
    equals = stripped.find("=")
    if equals > 0:
        key = stripped[:equals].rstrip()
        if key and _BARE_CHARS.issuperset(key) and "" not in key.split("."):
            return key, stripped[equals + 1 :].lstrip()
    match = _ASSIGN.match(line)
    if match is None:
        return None
    return ".".join(_parts(match.group(1))), line[match.end() :]


def toml_key_lines(text: str) -> dict[str, int]:
    """Map each key path of a TOML text to the 1-based line that defines it."""
    index: dict[str, int] = {}
    counters: dict[str, int] = {}
    prefix = ""
    multiline: str | None = None
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        if multiline is not None:
            if line.count(multiline) % 2 == 1:
                multiline = None
            continue
        first = line.lstrip()[:1]
        if not first or first == "#":
            continue  # blank lines and comments: most of what is not a key
        header = _HEADER.match(line) if first == "[" else None
        if header:
            is_array = header.group(1) == "[["
            path = _resolve(_parts(header.group(2)), counters, last_is_element=not is_array)
            if is_array:
                # The array itself sits where its first element opens.
                index.setdefault(path, number)
                counters[path] = counters.get(path, -1) + 1
                path = f"{path}[{counters[path]}]"
            prefix = path
            index.setdefault(prefix, number)
            continue
        assigned = assignment(line)
        if assigned is None:
            continue
        key, rest = assigned
        path = f"{prefix}.{key}" if prefix else key
        index.setdefault(path, number)
        opening = rest[:1]
        if opening == "{":
            _index_inline(rest, path, number, index)
        elif opening == "[" and rest.count("[") > rest.count("]"):
            _index_array_lines(lines, number, path, index)
        if "'''" in rest or '"""' in rest:
            for quote in ('"""', "'''"):
                if rest.count(quote) % 2 == 1:
                    multiline = quote
    return index


def _resolve(parts: list[str], counters: dict[str, int], *, last_is_element: bool) -> str:
    # [indicators.target] after [[indicators]] means the last element's target (TOML rules);
    # [[indicators]] itself names the array, whose next element it opens.
    path = ""
    for number, part in enumerate(parts, start=1):
        path = f"{path}.{part}" if path else part
        if path in counters and (last_is_element or number < len(parts)):
            path = f"{path}[{counters[path]}]"
    return path


def _index_inline(rest: str, path: str, number: int, index: dict[str, int]) -> None:
    if not rest.lstrip().startswith("{"):
        return
    for match in _INLINE_KEY.finditer(rest):
        index.setdefault(f"{path}.{'.'.join(_parts(match.group(1)))}", number)


def _index_array_lines(lines: list[str], start: int, path: str, index: dict[str, int]) -> None:
    # A multi-line array of inline tables: one element per line beginning with "{".
    element = 0
    depth = 0
    for number, line in enumerate(lines[start:], start=start + 1):
        stripped = line.strip()
        if stripped.startswith("{") and depth == 0:
            element_path = f"{path}[{element}]"
            index.setdefault(element_path, number)
            _index_inline(stripped, element_path, number, index)
            element += 1
        depth += stripped.count("[") - stripped.count("]")
        if depth < 0:
            return


_COLON = re.compile(r"\s*:")


def json_key_lines(text: str, duplicates: list[tuple[str, int]] | None = None) -> dict[str, int]:
    """Map each key path and array element of a JSON text to its 1-based line.

    ``duplicates``, when given, receives ``(path, line)`` for each key that repeats a key of
    the same object (the index keeps the first).
    """
    index: dict[str, int] = {}
    stack: list[list[object]] = []  # each frame: [kind, key-or-counter, path]
    line = 1
    pos = 0
    pending_key: str | None = None
    size = len(text)
    while pos < size:
        char = text[pos]
        if char == "\n":
            line += 1
        elif char == '"':
            end = pos + 1
            while end < size and text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            literal = text[pos + 1 : end]
            frame = stack[-1] if stack else None
            # A match at a position, not a slice of the rest: linear in the text.
            if (
                frame is not None
                and frame[0] == "{"
                and pending_key is None
                and _COLON.match(text, end + 1)
            ):
                pending_key = literal
                path = _join(str(frame[2]), literal)
                if duplicates is not None and path in index:
                    duplicates.append((path, line))
                index.setdefault(path, line)
            pos = end
        elif char in "{[":
            path = _value_path(stack, pending_key)
            if path:
                index.setdefault(path, line)
            stack.append([char, -1, path])
            pending_key = None
        elif char in "}]":
            if stack:
                stack.pop()
            pending_key = None
        elif char == ",":
            pending_key = None
        elif not char.isspace() and char != ":":
            _value_path(stack, pending_key, index, line)
            pending_key = None
            while pos + 1 < size and text[pos + 1] not in ",]}\n":
                pos += 1
        pos += 1
    return index


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _value_path(
    stack: list[list[object]],
    pending_key: str | None,
    index: dict[str, int] | None = None,
    line: int = 0,
) -> str:
    if not stack:
        return ""
    frame = stack[-1]
    if frame[0] == "[":
        frame[1] = int(str(frame[1])) + 1
        path = f"{frame[2]}[{frame[1]}]"
        if index is not None:
            index.setdefault(path, line)
        return path
    return _join(str(frame[2]), pending_key or "")


class LazyKeyLines(Mapping[str, int]):
    """A key-line index built on first use: only files with problems pay for the scan.

    Scanning costs several times the TOML parse itself, and valid files never need it.
    """

    def __init__(self, text: str, scan: Callable[[str], dict[str, int]]) -> None:
        self._text = text
        self._scan = scan
        self._index: dict[str, int] | None = None

    def _built(self) -> dict[str, int]:
        if self._index is None:
            self._index = self._scan(self._text)
        return self._index

    def __getitem__(self, key: str) -> int:
        return self._built()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._built())

    def __len__(self) -> int:
        return len(self._built())


def line_of(index: Mapping[str, int], path: str) -> int | None:
    """The line of ``path``, or of its nearest indexed ancestor."""
    while path:
        if path in index:
            return index[path]
        cut = max(path.rfind("."), path.rfind("["))
        if cut <= 0:
            break
        path = path[:cut]
    return index.get(path)
