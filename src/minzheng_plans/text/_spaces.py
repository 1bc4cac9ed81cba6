"""The ``spaces`` layout: a row per line, columns separated by runs of spaces (PDF text).

The header line says where the columns are. Its cells are separated by two or more spaces,
or by single spaces when every word of the line is a header (``序号 指标名称 单位 2020年
2025年 属性``); names have no spaces, so a data row splits the same way, after a comparator
written apart from its value (``≥ 30``) is joined to it. A header may run over two or three
lines: kinds under years (``2020年 2025年`` over ``基期值 目标值``) or years under a group
header (``指标值`` over ``2020年 2025年``); the grid keeps them as header rows aligned on
their columns, which the grid reader combines like any structured table's header.

Rows that lose an empty cell (a PDF writes nothing for a blank cell) are aligned on the
header by position, counting a CJK character as two columns as a monospace view shows it;
a sub-row without a row number (``其中：城市 …``) gets an empty number cell. A line with one
cell is a category row (``一、社会救助``) or, after a row, the rest of its wrapped name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import attrs

from minzheng_plans.text._cells import make_cell
from minzheng_plans.text.classify import (
    CellKind,
    Column,
    ColumnRole,
    cell_kind,
    classify_header,
    combine_fragments,
    is_category_text,
    is_group,
    is_header_fragment,
)
from minzheng_plans.text.grid import GridCell, Place
from minzheng_plans.text.normalise import Line, NormalisedText
from minzheng_plans.text.sections import parse_heading
from minzheng_plans.text.vocabulary import NOTES_STARTS

__all__ = ["space_grid"]

# A data line longer than this is a paragraph.
_MAX_LINE = 200
# A wrapped name's continuation is short and has no sentence punctuation.
_MAX_CONTINUATION = 16
_GAP = re.compile(r"\S+(?: \S+)*")  # runs of text separated by two or more spaces
_WORD = re.compile(r"\S+")
_COMPARATOR = re.compile(r"^(?:[≥≤><=]|>=|<=|不低于|不少于|不超过|不高于|高于|低于|超过|约|达到)$")
_PUNCTUATION = re.compile(r"[。,;:!?、]")


@attrs.frozen
class _Token:
    text: str
    offset: int  # in the line's text

    @property
    def end(self) -> int:
        return self.offset + len(self.text)


def _split(text: str, *, single: bool) -> list[_Token]:
    pattern = _WORD if single else _GAP
    return [_Token(m.group(), m.start()) for m in pattern.finditer(text)]


def _join_comparators(tokens: list[_Token]) -> list[_Token]:
    """``≥`` ``30`` written apart are one value: ``≥ 30`` (the text between is kept)."""
    joined: list[_Token] = []
    skip = False
    for position, token in enumerate(tokens):
        if skip:
            skip = False
            continue
        following = tokens[position + 1] if position + 1 < len(tokens) else None
        if following is not None and _COMPARATOR.match(token.text):
            joined.append(_Token(token.text + " " + following.text, token.offset))
            skip = True
            continue
        joined.append(token)
    return joined


def _display(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


@attrs.define
class _Header:
    """The header's columns: texts per header row (normalised, and as published), their
    display spans on the line, which cells repeat a merged one, and the header's lines."""

    rows: list[list[str]]
    raws: list[list[str]]
    spans: list[tuple[int, int]]
    merged: list[list[bool]]
    lines: list[Line]
    single: bool
    number_first: bool = False

    @property
    def width(self) -> int:
        return len(self.spans)


def _header_columns(tokens: Sequence[_Token]) -> list[tuple[str, int, int, Column | None]] | None:
    texts = [token.text for token in tokens]
    groups = combine_fragments(texts)
    if groups is None:
        return None
    columns = []
    for group in groups:
        text = " ".join(texts[i] for i in group)
        start = min(tokens[i].offset for i in group)
        end = max(tokens[i].end for i in group)
        columns.append((text, start, end, classify_header(text, limit=28)))
    return columns


def _quote(normalised: NormalisedText, line: Line, start: int, end: int) -> str:
    return normalised.quote(line.start + start, line.start + end)


def _first_header(normalised: NormalisedText, line: Line) -> _Header | None:
    text = line.text
    for single in (False, True):
        tokens = _split(text, single=single)
        if len(tokens) < 3 or (single and len(_split(text, single=False)) >= 3):
            continue
        if not all(is_header_fragment(t.text) or classify_header(t.text) for t in tokens):
            continue
        columns = _header_columns(tokens)
        if columns is None:
            continue
        roles = {c.role for _t, _s, _e, c in columns if c is not None}
        groups = any(is_group(t) for t, _s, _e, _c in columns)
        if ColumnRole.NAME not in roles or not (
            roles & {ColumnRole.VALUE, ColumnRole.GROWTH} or groups
        ):
            continue
        spans = [(_display(text[:start]), _display(text[:end])) for _t, start, end, _c in columns]
        first = columns[0][3]
        return _Header(
            rows=[[t for t, _s, _e, _c in columns]],
            raws=[[_quote(normalised, line, start, end) for _t, start, end, _c in columns]],
            spans=spans,
            merged=[[False] * len(columns)],
            lines=[line],
            single=single,
            number_first=first is not None and first.role == ColumnRole.NUMBER,
        )
    return None


def _year_only(text: str) -> bool:
    column = classify_header(text)
    return column is not None and column.year is not None and column.value_kind is None


def _kind_only(text: str) -> bool:
    column = classify_header(text)
    return (
        column is not None
        and column.role == ColumnRole.VALUE
        and column.year is None
        and column.value_kind is not None
    )


def _value_header(text: str) -> bool:
    column = classify_header(text)
    return column is not None and column.role == ColumnRole.VALUE


def _more_header(normalised: NormalisedText, header: _Header, line: Line) -> bool:
    """Attach ``line`` as a further header row when it holds kinds or years for the columns."""
    tokens = _split(line.text, single=header.single)
    if not tokens or not all(is_header_fragment(t.text) or _value_header(t.text) for t in tokens):
        return False
    texts = [t.text for t in tokens]
    current = ["".join(parts) for parts in zip(*header.rows, strict=True)]
    width = header.width
    if all(_kind_only(t) for t in texts):
        targets = [c for c in range(width) if _year_only(current[c])]
        if len(targets) != len(texts):
            targets = [c for c in range(width) if _value_header(current[c])]
    elif all(_value_header(t) for t in texts):
        groups = [c for c in range(width) if is_group(current[c])]
        if len(groups) != 1 or len(texts) < 2:
            return False
        _expand(normalised, header, groups[0], line, tokens)
        return True
    else:
        return False
    if len(targets) != len(texts):
        return False
    row = [""] * width
    raw = [""] * width
    for column, token in zip(targets, tokens, strict=True):
        row[column] = token.text
        raw[column] = _quote(normalised, line, token.offset, token.end)
    header.rows.append(row)
    header.raws.append(raw)
    header.merged.append([False] * width)
    header.lines.append(line)
    return True


def _expand(
    normalised: NormalisedText, header: _Header, group: int, line: Line, tokens: Sequence[_Token]
) -> None:
    """A group header over the columns ``tokens`` name: repeated (merged) above each."""
    count = len(tokens)
    for row, raw, merged in zip(header.rows, header.raws, header.merged, strict=True):
        row[group : group + 1] = [row[group]] * count
        raw[group : group + 1] = [raw[group]] * count
        merged[group : group + 1] = [merged[group]] + [True] * (count - 1)
    spans = [(_display(line.text[: t.offset]), _display(line.text[: t.end])) for t in tokens]
    header.spans[group : group + 1] = spans
    width = len(header.spans)
    row = [""] * width
    raw = [""] * width
    row[group : group + count] = [t.text for t in tokens]
    raw[group : group + count] = [_quote(normalised, line, t.offset, t.end) for t in tokens]
    header.rows.append(row)
    header.raws.append(raw)
    header.merged.append([False] * width)
    header.lines.append(line)


def _align(
    tokens: Sequence[_Token], line: str, spans: Sequence[tuple[int, int]]
) -> list[int] | None:
    """The column of each token by position, or ``None`` when two land in one column."""
    bounds = [(spans[c - 1][1] + spans[c][0]) / 2 for c in range(1, len(spans))]
    columns: list[int] = []
    for token in tokens:
        centre = (_display(line[: token.offset]) + _display(line[: token.end])) / 2
        column = sum(centre >= bound for bound in bounds)
        if columns and column <= columns[-1]:
            return None
        columns.append(column)
    return columns


def _cells(
    normalised: NormalisedText,
    line: Line,
    found: tuple[list[_Token], list[int], bool],
    header_width: int,
) -> list[GridCell]:
    tokens, columns, aligned = found
    # Aligned on the header, the row has the header's width; an unaligned row keeps its own
    # cells for the reader to report.
    width = max(max(columns, default=-1) + 1, header_width if aligned else 0)
    cells = [GridCell("", Place(line=line.number))] * width
    for token, column in zip(tokens, columns, strict=True):
        cells[column] = make_cell(normalised, line, token.text, token.offset)
    return cells


def _is_data(tokens: Sequence[_Token]) -> bool:
    kinds = {cell_kind(token.text) for token in tokens}
    return bool(kinds & {CellKind.INT, CellKind.VALUE, CellKind.ATTRIBUTE})


def _row_tokens(header: _Header, line: Line) -> tuple[list[_Token], list[int], bool] | None:
    """The tokens of a data line and the column of each; ``None`` when it is no data line."""
    width = header.width
    gaps = _split(line.text, single=False)
    words = _join_comparators(_split(line.text, single=True))
    for tokens in [gaps, words] if not header.single else [words, gaps]:
        if len(tokens) == width:
            return tokens, list(range(width)), True
    for tokens in (gaps, words):
        # A sub-row (其中：城市 …) writes no row number.
        if (
            header.number_first
            and len(tokens) == width - 1
            and cell_kind(tokens[0].text) is not CellKind.INT
        ):
            return tokens, list(range(1, width)), True
    aligned = _align(gaps, line.text, header.spans)
    if aligned is not None and aligned[-1] < width:
        return gaps, aligned, True
    if not _is_data(gaps):
        return None
    return gaps, list(range(len(gaps))), False


def space_grid(
    normalised: NormalisedText, lines: Sequence[Line], index: int
) -> tuple[list[list[GridCell]], str, int] | None:
    """The space-separated table whose header is ``lines[index]``: rows, layout, end."""
    header = _first_header(normalised, lines[index])
    if header is None:
        return None
    cursor = index + 1
    while (
        cursor < len(lines)
        and len(header.rows) < 3
        and _more_header(normalised, header, lines[cursor])
    ):
        cursor += 1
    rows: list[list[GridCell]] = []
    name = _name_column(header)
    while cursor < len(lines):
        line = lines[cursor]
        text = line.stripped
        if len(text) > _MAX_LINE or "。" in text or text.startswith(NOTES_STARTS):
            break
        tokens = _split(line.text, single=header.single)
        if len(tokens) == 1 and is_category_text(text):
            rows.append([make_cell(normalised, line, tokens[0].text, tokens[0].offset)])
        elif len(tokens) == 1 and rows and name is not None and _continues(text):
            following = lines[cursor + 1].stripped if cursor + 1 < len(lines) else None
            if not (
                following is None
                or is_category_text(following)
                or following.startswith(NOTES_STARTS)
                or _row_tokens(header, lines[cursor + 1]) is not None
            ):
                break
            rest = make_cell(normalised, line, tokens[0].text, tokens[0].offset)
            _continue_name(rows[-1], name, rest)
        elif len(tokens) == 1 or (parse_heading(text, 0) and not _is_data(tokens[1:])):
            break
        else:
            found = _row_tokens(header, line)
            if found is None:
                break
            rows.append(_cells(normalised, line, found, header.width))
        cursor += 1
    # A header over no readable row is still a table seen: the reader reports it (MZ507).
    return [*_header_cells(header), *rows], "spaces", cursor


def _name_column(header: _Header) -> int | None:
    for column in range(header.width):
        found = classify_header("".join(row[column] for row in header.rows), limit=28)
        if found is not None and found.role == ColumnRole.NAME:
            return column
    return None


def _continues(text: str) -> bool:
    """Short text without punctuation or figures: the rest of a wrapped name."""
    return (
        len(text) <= _MAX_CONTINUATION
        and not _PUNCTUATION.search(text)
        and cell_kind(text) is CellKind.TEXT
        and parse_heading(text, 0) is None
    )


def _continue_name(row: list[GridCell], column: int, rest: GridCell) -> None:
    if column < len(row):
        row[column] = GridCell(row[column].text + rest.text, row[column].place)


def _header_cells(header: _Header) -> list[list[GridCell]]:
    rows = []
    for texts, merged, line in zip(header.raws, header.merged, header.lines, strict=True):
        rows.append(
            [
                GridCell(text, Place(line=line.number), merged=flag)
                for text, flag in zip(texts, merged, strict=True)
            ]
        )
    return rows
