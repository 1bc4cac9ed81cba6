"""Plan texts and a check context for the compliance tests (texts written for the tests)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from minzheng_plans.core.model import Plan
from minzheng_plans.plugins.context import CheckContext

_JURISDICTIONS = {
    "child": ("990101", "测试县", "county", "990100"),
    "parent": ("990100", "测试省", "provincial", None),
}
PARENT_TITLE = "测试省“十四五”民政事业发展规划"
_DEFAULT = object()


def plan_text(
    role: str,
    rows: Sequence[tuple[dict[str, str], str, str, str | None]],
    *,
    year: int = 2025,
    based_on: Any = _DEFAULT,
) -> str:
    """A plan file for ``role`` ("child" or "parent") with one indicator per row."""
    code, name, level, parent = _JURISDICTIONS[role]
    title = PARENT_TITLE if role == "parent" else f"{name}“十四五”民政事业发展规划"
    lines = [
        'schema = "minzheng-plans/1"',
        "",
        "[plan]",
        f'id = "{code}-2021-2025"',
        f'title = "{title}"',
    ]
    if based_on is _DEFAULT and role == "child":
        based_on = f"《{PARENT_TITLE}》"
    if based_on is not _DEFAULT and based_on is not None:
        lines.append(f'based_on = [{{ title = "{based_on}" }}]')
    lines += [
        "",
        "[plan.jurisdiction]",
        f'code = "{code}"',
        f'name = "{name}"',
        f'level = "{level}"',
    ]
    if parent:
        lines.append(f'parent = "{parent}"')
    lines += ["", "[plan.period]", "start = 2021", "end = 2025"]
    for number, (spec, comparator, value, attribute) in enumerate(rows, start=1):
        lines += [
            "",
            "[[indicators]]",
            f'id = "t1.{number}"',
            f'name = "指标{number}"',
            f'code = "{spec["code"]}"',
            f'unit = "{spec["unit"]}"',
        ]
        if attribute:
            lines.append(f'attribute = "{attribute}"')
        if comparator.startswith("relative"):
            relation = comparator.removeprefix("relative") or ">="
            lines.append(
                f'target = {{ year = {year}, comparator = "relative", relation = "{relation}", '
                f'reference = "{value}" }}'
            )
        else:
            lines.append(
                f'target = {{ year = {year}, comparator = "{comparator}", value = {value} }}'
            )
    return "\n".join(lines) + "\n"


# Test catalog entries: code -> (kind, direction, unit); counts and totals are not intensive.
CATALOG = {
    "GN-TEST-NURSING-SHARE": ("share", "higher", "%"),
    "GN-TEST-PUBLIC-BEDS-SHARE": ("share", "lower", "%"),
    "GN-TEST-RURAL-DIBAO": ("per_capita", "higher", "元/人·年"),
    "GN-TEST-DIBAO-GROWTH": ("growth", "higher", "%"),
    "GN-TEST-SOCIAL-WORKERS": ("count", "higher", "人"),
    "GN-TEST-RECIPIENT-SHARE": ("share", "neither", "%"),
}


def context_for(
    plans: Sequence[Plan], *, bundled: Sequence[Plan] = (), today: dt.date | None = None
) -> CheckContext:
    """A context with the project's units and jurisdictions and the test catalog entries."""
    from ._compliance_host import host_with_test_catalog  # noqa: PLC0415

    return CheckContext(host_with_test_catalog(), plans, bundled, today or dt.date(2026, 1, 1))
