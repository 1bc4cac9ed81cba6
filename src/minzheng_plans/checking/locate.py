"""Give rule findings a file and line: the input the plan came from, the indicator's line in it.

Rules only know plan and indicator ids; reports (text, SARIF) want ``file:line``. For a plan
file the line is the indicator's entry in that file (its ``target``, ``unit`` or ``attribute``
where the code says which field is at fault); for a raw document read through a loader it is
the line the indicator was read from (``source.line``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import attrs

from minzheng_plans.core.findings import Finding, Location
from minzheng_plans.core.model import Plan
from minzheng_plans.files.keylines import json_key_lines, line_of, toml_key_lines

__all__ = ["LocatedInput", "finding_lines", "input_locator", "locate_findings"]

# The field of an indicator a finding is about, by code or prefix (longest wins).
_FIELDS = {
    "MZ401": "target",
    "MZ403": "unit",
    "MZ404": "attribute",
    "MZ405": "target",
    "MZ3": "unit",
}


_PLAN_SUFFIXES = {".toml": "toml", ".json": "json"}


@attrs.frozen
class LocatedInput:
    """A plan with the file it was read from; ``text`` is that file's text when already read.

    Plan files (``.toml``, ``.json``) are re-read only when one of their findings needs a line,
    so that a clean run costs nothing here. ``lines`` is the file's :func:`finding_lines` when
    it was already scanned (by a worker of ``check -j``, which has the file at hand).
    """

    path: str
    plan: Plan
    text: str | None = None
    lines: Mapping[str, int] | None = None

    @property
    def fmt(self) -> str | None:
        return _PLAN_SUFFIXES.get(Path(self.path).suffix.lower())

    def plan_text(self) -> str | None:
        if self.fmt is None:
            return None
        if self.text is not None:
            return self.text
        try:
            return Path(self.path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None


def _field(code: str) -> str | None:
    matches = [prefix for prefix in _FIELDS if code.startswith(prefix)]
    return _FIELDS[max(matches, key=len)] if matches else None


def locate_findings(findings: Iterable[Finding], inputs: Sequence[LocatedInput]) -> list[Finding]:
    """``findings`` with a location filled in where they name a plan read from ``inputs``."""
    by_plan = {item.plan.id: item for item in inputs}
    indexes: dict[str, dict[str, int] | None] = {}
    out: list[Finding] = []
    for finding in findings:
        item = by_plan.get(finding.plan or "")
        if item is None or (finding.location is not None and finding.location.file):
            out.append(finding)
            continue
        line = finding.location.line if finding.location is not None else None
        if line is None:
            line = _line(finding, item, indexes)
        out.append(attrs.evolve(finding, location=Location(item.path, line)))
    return out


def _line(
    finding: Finding, item: LocatedInput, indexes: dict[str, dict[str, int] | None]
) -> int | None:
    position = next(
        (i for i, ind in enumerate(item.plan.indicators) if ind.id == finding.indicator), None
    )
    if item.path not in indexes:
        if item.lines is not None:
            indexes[item.path] = dict(item.lines)
        else:
            text = item.plan_text()
            indexes[item.path] = None if text is None else finding_lines(item.path, text)
    index = indexes[item.path]
    if index is None:
        # A document read through a loader: the line the indicator was read from.
        if position is None:
            return None
        source = item.plan.indicators[position].source
        return source.line if source is not None else None
    if position is None:
        return line_of(index, "plan.based_on") if finding.code == "MZ406" else None
    field = _field(finding.code)
    key = f"indicators[{position}]" + (f".{field}" if field else "")
    return line_of(index, key)


def _key_lines(text: str, fmt: str | None) -> dict[str, int]:
    return dict(json_key_lines(text) if fmt == "json" else toml_key_lines(text))


# What locating asks for: the plan's based_on, each indicator and the fields of _FIELDS (and,
# through line_of, their ancestors).
_LOCATED_FIELDS = frozenset(_FIELDS.values())
_LOCATED_TOP = frozenset({"plan", "plan.based_on", "indicators"})


def finding_lines(path: str | Path, text: str) -> dict[str, int] | None:
    """The lines of a plan file that locating any finding of its plan can need (None for a
    file that is not a plan file): the part of its key-line index that :func:`locate_findings`
    reads, small enough to send from a worker process."""
    fmt = _PLAN_SUFFIXES.get(Path(path).suffix.lower())
    if fmt is None:
        return None
    if fmt == "toml":
        found = _usual_toml_lines(text)
        if found is not None:
            return found
    kept: dict[str, int] = {}
    for key, line in _key_lines(text, fmt).items():
        if key in _LOCATED_TOP:
            kept[key] = line
        elif key.startswith("indicators["):
            _element, dot, field = key.partition(".")
            if not dot or field in _LOCATED_FIELDS:
                kept[key] = line
    return kept


def input_locator(inputs: Sequence[LocatedInput]) -> Callable[[Finding], Location | None]:
    """Where a finding sits in the *input* its plan was read from, ignoring its own location.

    Findings recorded by loaders point into the original document (``source.line``); a
    code-scanning service can only show files of the checked repository, so SARIF puts this
    location first and the document's as a related location.
    """
    by_plan = {item.plan.id: item for item in inputs}
    indexes: dict[str, dict[str, int] | None] = {}

    def locate(finding: Finding) -> Location | None:
        item = by_plan.get(finding.plan or "")
        if item is None:
            return None
        return Location(item.path, _line(finding, item, indexes))

    return locate


_BARE_KEY = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


# What a line outside a multi-line array is to the scan below, which depends on the line
# alone: passed over (blank, a comment, or a plain key the scan does not read, opening no
# array), refused (the layout is not the usual one), a table header, or a key the scan reads
# (with the bracket depth its value opens, None for a value that is no array).
_Kind = tuple[str, str, int | None]
_PASS: _Kind = ("", "", None)
_REFUSE: _Kind = ("!", "", None)
# Plan files repeat most of their lines (headers, years, attributes, comparators, and the
# same indicators across plans): each line is classified once (the memo is bounded: when
# full, it begins again).
_KINDS: dict[str, _Kind] = {}
_MAX_KINDS = 20_000
_MAX_KIND_LINE = 200
_READ_KEYS = _LOCATED_FIELDS | {"based_on", "indicators", "plan"}


def _classify(line: str) -> _Kind:
    stripped = line.strip()
    if not stripped or stripped[0] == "#":
        return _PASS
    if "'''" in stripped or '"""' in stripped:
        return _REFUSE
    if stripped[0] == "[":
        return ("[", stripped.split("#", 1)[0].rstrip(), None)
    key, equals, rest = stripped.partition("=")
    key = key.strip()
    if not equals or not key or not _BARE_KEY.issuperset(key):
        return _REFUSE  # a dotted or quoted key, or something unusual
    value = rest.strip()
    opened = None
    if value.startswith("["):
        opened = value.count("[") - value.count("]")
        if opened > 0 and ('"' in value or "'" in value) and "]" in value:
            return _REFUSE
    if key not in _READ_KEYS and (opened is None or opened <= 0):
        # Changes nothing: no depth to carry (a depth of zero or less reads as none).
        return _PASS
    return ("=", key, opened)


def _usual_toml_lines(text: str) -> dict[str, int] | None:
    """:func:`finding_lines` of a plan file in the usual layout (``[plan]``, ``[[indicators]]``
    tables with plain keys or ``[indicators.target]`` sub-tables, multi-line arrays of
    values), read without building the whole key-line index; None for anything else (quoted
    or dotted keys, multi-line strings, indicators as an inline array), which the whole index
    then reads. A test holds the two to the same answers."""
    kept: dict[str, int] = {}
    element = -1
    section = ""  # "plan", "indicator", or "" (any other table)
    depth = 0  # open brackets of a multi-line array
    kinds = _KINDS
    for number, line in enumerate(text.split("\n"), start=1):
        if depth > 0:
            stripped = line.strip()
            if not stripped or stripped[0] == "#":
                continue
            if "'''" in stripped or '"""' in stripped:
                return None
            # A line of a multi-line array: values only. Brackets inside its strings would
            # miscount, so such a line is left to the whole index.
            if ('"' in stripped or "'" in stripped) and ("[" in stripped or "]" in stripped):
                return None
            depth += stripped.count("[") - stripped.count("]")
            continue
        kind = kinds.get(line)
        if kind is None:
            kind = _classify(line)
            if len(line) <= _MAX_KIND_LINE:
                if len(kinds) >= _MAX_KINDS:
                    kinds.clear()  # begun again: the lines plans share come back first
                kinds[line] = kind
        if kind is _PASS:
            continue
        if kind is _REFUSE:
            return None
        what, name, opened = kind
        if what == "[":
            header = name
            if header == "[[indicators]]":
                element += 1
                kept.setdefault("indicators", number)
                kept.setdefault(f"indicators[{element}]", number)
                section = "indicator"
            elif header.startswith("[indicators.") and header.endswith("]"):
                field = header[len("[indicators.") : -1]
                if element < 0 or not field or not _BARE_KEY.issuperset(field):
                    return None
                if field in _LOCATED_FIELDS:
                    kept.setdefault(f"indicators[{element}].{field}", number)
                section = ""
            elif header == "[plan]":
                kept.setdefault("plan", number)
                section = "plan"
            elif header == "[[plan.based_on]]":
                kept.setdefault("plan.based_on", number)
                section = ""
            elif "indicators" in header or '"' in header or "'" in header:
                return None
            else:
                section = ""
            continue
        key = name
        if opened is not None:
            depth = opened
        if section == "indicator":
            if key in _LOCATED_FIELDS:
                kept.setdefault(f"indicators[{element}].{key}", number)
        elif section == "plan":
            if key == "based_on":
                kept.setdefault("plan.based_on", number)
        elif not section and key in {"indicators", "plan"} and element < 0:
            return None  # top-level indicators or plan written as values
    return None if depth > 0 else kept
