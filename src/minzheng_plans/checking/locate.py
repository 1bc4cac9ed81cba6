"""Give rule findings a file and line: the input the plan came from, the indicator's line in it.

Rules only know plan and indicator ids; reports (text, SARIF) want ``file:line``. For a plan
file the line is the indicator's entry in that file (its ``target``, ``unit`` or ``attribute``
where the code says which field is at fault); for a raw document read through a loader it is
the line the indicator was read from (``source.line``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import attrs

from minzheng_plans.core.findings import Finding, Location
from minzheng_plans.core.model import Plan
from minzheng_plans.files.keylines import json_key_lines, line_of, toml_key_lines

__all__ = ["LocatedInput", "input_locator", "locate_findings"]

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
    so that a clean run costs nothing here.
    """

    path: str
    plan: Plan
    text: str | None = None

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
        text = item.plan_text()
        indexes[item.path] = (
            None
            if text is None
            else dict(json_key_lines(text) if item.fmt == "json" else toml_key_lines(text))
        )
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
