"""Inline suppressions in TOML plan files: ``# minzheng: ignore[MZ401] reason`` by an indicator.

The comment waives the named codes for one indicator: the one whose table or key it sits on
(a trailing comment) or just above (a comment line, or a block of them, directly before the
indicator's ``[[indicators]]`` header or one of its keys)::

    # minzheng: ignore[MZ401] 经市政府批准的过渡期目标
    [[indicators]]
    id = "t1.4"
    target = { year = 2025, comparator = ">=", value = 50 }  # minzheng: ignore[MZ404] 见说明

Several codes are separated by commas (``ignore[MZ401, MZ404]``). The reason is required: a
comment without one, one this module does not understand, or one next to no indicator is an
MZ106 finding at its line, and it waives nothing. Comments are found by a scan of the text
(no TOML parser keeps them); the scanner skips ``#`` inside strings.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence

from minzheng_plans.core.findings import Finding, Severity, Waiver, make_finding

__all__ = ["has_inline_suppressions", "inline_waivers"]

_MARK = re.compile(r"#\s*minzheng\s*:", re.IGNORECASE)
_DIRECTIVE = re.compile(r"minzheng\s*:\s*(?P<body>.*)$", re.IGNORECASE)
_IGNORE = re.compile(r"ignore\s*\[(?P<codes>[^\]]*)\]\s*(?P<reason>.*)$")
_CODE = re.compile(r"MZ\d{3}")
_OWNER = re.compile(r"^([^.\[]+(?:\[\d+\])?)")
_INDICATOR = re.compile(r"^indicators\[(\d+)\]$")
# Separators people put between the codes and the reason.
_LEAD = " \t:：-—–"


def has_inline_suppressions(text: str) -> bool:
    """Whether ``text`` has a ``# minzheng:`` comment at all (the fast path skips the scan)."""
    return _MARK.search(text) is not None


def inline_waivers(
    text: str,
    index: Mapping[str, int],
    indicator_ids: Sequence[str],
    *,
    path: str | None = None,
) -> tuple[list[Waiver], list[Finding]]:
    """The waivers the ``# minzheng:`` comments of a TOML text state, and MZ106 findings for
    those that cannot be used. ``index`` maps key paths to lines (``toml_key_lines``);
    ``indicator_ids`` are the ids of ``indicators[0]``, ``indicators[1]``, …"""
    lines = text.split("\n")
    owners = _owners(index)
    waivers: list[Waiver] = []
    problems: list[Finding] = []
    for number, code_part, comment in _comments(lines):
        directive = _DIRECTIVE.match(comment.strip())
        if directive is None:
            continue
        found = _IGNORE.match(directive.group("body").strip())
        if found is None:
            problems.append(_unclear(comment, number, path))
            continue
        codes = [c.strip().upper() for c in found.group("codes").split(",") if c.strip()]
        bad = [c for c in codes if not _CODE.fullmatch(c)]
        if not codes or bad:
            problems.append(
                make_finding(
                    "MZ106",
                    Severity.WARNING,
                    "This inline suppression names {named}, which is not a finding code "
                    "(MZ and three digits); it waives nothing.",
                    file=path,
                    line=number,
                    named=bad[0] if bad else "[]",
                )
            )
            continue
        reason = found.group("reason").strip().lstrip(_LEAD).strip()
        if not reason:
            problems.append(
                make_finding(
                    "MZ106",
                    Severity.WARNING,
                    "This inline suppression of {codes} has no reason, so it waives nothing; "
                    "write why after the codes: # minzheng: ignore[{codes}] reason.",
                    file=path,
                    line=number,
                    codes=", ".join(codes),
                )
            )
            continue
        target_line = number if code_part.strip() else _next_content_line(lines, number)
        position = _indicator_at(owners, target_line) if target_line is not None else None
        if position is None or position >= len(indicator_ids):
            problems.append(
                make_finding(
                    "MZ106",
                    Severity.WARNING,
                    "This inline suppression of {codes} is neither on nor just above an "
                    "indicator's lines, so it waives nothing.",
                    file=path,
                    line=number,
                    codes=", ".join(codes),
                )
            )
            continue
        waivers.extend(Waiver(code, reason, indicator=indicator_ids[position]) for code in codes)
    return waivers, problems


def _unclear(comment: str, number: int, path: str | None) -> Finding:
    return make_finding(
        "MZ106",
        Severity.WARNING,
        "This minzheng comment is not understood ({comment}); an inline suppression reads "
        "# minzheng: ignore[MZ401] reason.",
        file=path,
        line=number,
        comment=comment.strip()[:80],
    )


def _owners(index: Mapping[str, int]) -> tuple[list[int], list[str]]:
    """Lines where a top-level entry's keys are defined, sorted, with the entry each starts
    (``indicators[3]``, ``plan``, …)."""
    pairs = sorted(
        (line, owner.group(1))
        for key, line in index.items()
        if (owner := _OWNER.match(key)) is not None
    )
    return [line for line, _owner in pairs], [owner for _line, owner in pairs]


def _indicator_at(owners: tuple[list[int], list[str]], line: int) -> int | None:
    """The position of the indicator whose lines include ``line``, if any."""
    starts, names = owners
    at = bisect.bisect_right(starts, line) - 1
    if at < 0:
        return None
    match = _INDICATOR.match(names[at])
    return int(match.group(1)) if match else None


def _next_content_line(lines: Sequence[str], number: int) -> int | None:
    """The first line after ``number`` (1-based) that is neither a comment nor blank, when only
    comment lines come between; ``None`` after a blank line (not *just* above)."""
    for following in range(number, len(lines)):
        stripped = lines[following].strip()
        if not stripped:
            return None
        if not stripped.startswith("#"):
            return following + 1
    return None


def _comments(lines: Sequence[str]) -> list[tuple[int, str, str]]:
    """``(line number, text before the comment, comment text without #)`` for every comment
    that mentions minzheng, outside strings and multi-line strings."""
    found: list[tuple[int, str, str]] = []
    multiline: str | None = None
    for number, line in enumerate(lines, start=1):
        start, multiline = _comment_start(line, multiline)
        if start is not None and _MARK.match(line, start):
            found.append((number, line[:start], line[start + 1 :]))
    return found


def _comment_start(line: str, multiline: str | None) -> tuple[int | None, str | None]:
    """Where a comment starts on ``line`` (outside strings), and the multi-line string still
    open at its end."""
    position = 0
    size = len(line)
    while position < size:
        if multiline is not None:
            end = line.find(multiline, position)
            if end < 0:
                return None, multiline
            position = end + 3
            multiline = None
            continue
        char = line[position]
        if char == "#":
            return position, None
        if line.startswith(('"""', "'''"), position):
            multiline = line[position : position + 3]
            position += 3
        elif char in "\"'":
            position = _string_end(line, position)
        else:
            position += 1
    return None, multiline


def _string_end(line: str, start: int) -> int:
    quote = line[start]
    position = start + 1
    while position < len(line):
        if quote == '"' and line[position] == "\\":
            position += 2
            continue
        if line[position] == quote:
            return position + 1
        position += 1
    return position
