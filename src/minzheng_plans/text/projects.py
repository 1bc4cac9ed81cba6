"""专栏 boxes: key projects with their titles, numbers, lines and the quantities inside.

Three box layouts occur in published plans, told apart by the first line after the caption
(``专栏5  社会福利服务设施建设工程``):

* numbered items ``1.照料中心工程。新增照料床位2万张…`` up to the next heading;
* one cell per line, each ending in a bar (``… |``), up to the first line without one;
* sub-items (``01 标题`` after a space) followed by text wrapped at a fixed width, up to the
  first long paragraph or heading.

A box whose caption names indicators (主要指标, 主要目标, 完成情况) is a table, read by the
table readers, and is left out here. Each figure inside a box becomes an indicator
``k{project}.{k}`` naming its project.
"""

from __future__ import annotations

import re

import attrs

from minzheng_plans.core.findings import Finding
from minzheng_plans.core.model import Indicator, Period, Project, Source, SourceKind
from minzheng_plans.text.prose import (
    ProseResult,
    ProseTarget,
    UnreadPhrase,
    extract_targets,
    prose_indicators,
    read_passage,
)

__all__ = ["ProjectBox", "ProjectsResult", "extract_projects", "project_indicators"]

_CAPTION = re.compile(r"^\s*专栏\s*(?P<number>\d+)\s*[:：]?\s*(?P<title>\S.*?)\s*$")
_TABLE_CAPTION = re.compile(r"指标|主要目标|完成情况")
_HEADING = re.compile(
    r"^\s*(?:第[一二三四五六七八九十]+[章节]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|专栏\s*\d)"
)
# Sub-items are numbered 01, 02 (or ０１ in full-width digits).
_SUBITEM = re.compile(r"^\s*[0０]\d\s+\S")
# Lines of a wrapped box are short; a longer line is the running text after the box.
_WRAP_WIDTH = 45


@attrs.frozen
class ProjectBox:
    """One 专栏 box: ``line`` is its caption's 1-based line, ``lines`` its content lines."""

    number: str
    title: str
    line: int
    lines: tuple[int, ...]
    layout: str = "items"


@attrs.frozen
class ProjectsResult:
    boxes: tuple[ProjectBox, ...] = ()

    @property
    def lines(self) -> set[int]:
        """Every line a box covers, caption included (for prose readers to skip)."""
        covered: set[int] = set()
        for box in self.boxes:
            covered.add(box.line)
            covered.update(box.lines)
        return covered


def _layout(lines: list[str], start: int) -> str:
    # Indexing, not lines[start:]: a copy of the rest per box made many boxes quadratic.
    for index in range(start, len(lines)):
        line = lines[index]
        if line.strip():
            if line.rstrip().endswith("|"):
                return "cells"
            if _SUBITEM.match(line):
                return "wrapped"
            return "items"
    return "items"


def _box_lines(lines: list[str], start: int, layout: str) -> tuple[int, ...]:
    content: list[int] = []
    for index in range(start, len(lines)):
        line = lines[index]
        if not line.strip():
            continue
        if _HEADING.match(line):
            break
        if layout == "cells" and not line.rstrip().endswith("|"):
            break
        if layout == "wrapped" and len(line.strip()) > _WRAP_WIDTH and not _SUBITEM.match(line):
            break
        content.append(index + 1)
    return tuple(content)


def extract_projects(text: str) -> ProjectsResult:
    """Every 专栏 box of ``text`` that is not an indicator table."""
    lines = text.split("\n")
    boxes = []
    for index, line in enumerate(lines):
        match = _CAPTION.match(line)
        if match is None or len(line.strip()) > 40:
            continue
        title = match["title"].rstrip(" |")
        if _TABLE_CAPTION.search(title):
            continue
        layout = _layout(lines, index + 1)
        content = _box_lines(lines, index + 1, layout)
        # int() also reads full-width digits (专栏１): ids stay ASCII k1, k2...
        number = str(int(match["number"]))
        boxes.append(ProjectBox(number, title, index + 1, content, layout))
    return ProjectsResult(tuple(boxes))


def project_indicators(
    result: ProjectsResult,
    *,
    text: str,
    period: Period,
    plan: str | None = None,
    file: str | None = None,
) -> tuple[list[Project], list[Indicator], list[Finding]]:
    """Projects ``k{number}`` and their figures as indicators ``k{number}.{k}`` (MZ506 too)."""
    projects: list[Project] = []
    indicators: list[Indicator] = []
    findings: list[Finding] = []
    for box in result.boxes:
        project_id = f"k{box.number}"
        projects.append(Project(project_id, box.title, box.number, box.line))
        if box.layout == "wrapped":
            read = _read_wrapped(text, box, period)
        else:
            read = extract_targets(text, period=period, only_lines=box.lines, quantities=True)
        _, unread = prose_indicators(read, plan=plan, file=file)
        for k, target in enumerate(read.targets, start=1):
            indicators.append(_indicator(target, project_id, k))
        findings.extend(unread)
    return projects, indicators, findings


def _read_wrapped(text: str, box: ProjectBox, period: Period) -> ProseResult:
    """Each sub-item title, and each text between them read joined across the wrap."""
    lines = text.split("\n")
    passages: list[list[tuple[int, int, str]]] = []
    for number in box.lines:
        line = lines[number - 1]
        piece = (number, len(line) - len(line.lstrip()), line.strip())
        if _SUBITEM.match(line) or not passages:
            passages.append([piece])
            if _SUBITEM.match(line):
                passages.append([])
        else:
            passages[-1].append(piece)
    targets: list[ProseTarget] = []
    unread: list[UnreadPhrase] = []
    for pieces in passages:
        result = read_passage(pieces, period=period, quantities=True)
        targets.extend(result.targets)
        unread.extend(result.unread)
    return ProseResult(tuple(targets), tuple(unread))


def _indicator(target: ProseTarget, project_id: str, k: int) -> Indicator:
    return Indicator(
        id=f"{project_id}.{k}",
        name=target.name,
        unit=target.unit,
        target=target.target,
        project=project_id,
        source=Source(SourceKind.PROSE, line=target.line, quote=target.quote),
    )
