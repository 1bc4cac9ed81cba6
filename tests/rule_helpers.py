"""Building small plans and running built-in rules over them (shared by the rule tests)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from functools import cache

from minzheng_plans.checking.runner import check_plans
from minzheng_plans.core.findings import Finding
from minzheng_plans.core.model import (
    Attribute,
    Indicator,
    Jurisdiction,
    Level,
    Observation,
    Period,
    Plan,
    Source,
    SourceKind,
)
from minzheng_plans.core.quantity import Comparator, Comparison, Range, Target
from minzheng_plans.plugins.host import PluginHost, create_plugin_host


@cache
def host() -> PluginHost:
    return create_plugin_host(entry_points=False)


def plan(*indicators: Indicator, start: int = 2021, end: int = 2025) -> Plan:
    return Plan(
        id=f"990102-{start}-{end}",
        title="测试县民政事业发展规划",
        jurisdiction=Jurisdiction("990102", "测试县", Level.COUNTY),
        period=Period(start, end),
        source="plan.txt",
        indicators=tuple(indicators),
    )


def row(
    name: str,
    *,
    id: str = "t1.1",  # noqa: A002 - the model's field name
    unit: str = "%",
    code: str | None = None,
    binding: bool | None = None,
    baseline: tuple[int, str] | Observation | None = None,
    target: tuple[int, str] | Target | None = None,
    actual: tuple[int, str] | Observation | None = None,
    growth: str | None = None,
    status: str | None = None,
    definition: str | None = None,
    kind: SourceKind = SourceKind.TABLE,
    table: str | None = "主要指标",
    line: int = 10,
) -> Indicator:
    def obs(value: tuple[int, str] | Observation | None) -> Observation | None:
        if value is None or isinstance(value, Observation):
            return value
        return Observation(value[0], Decimal(value[1]))

    if isinstance(target, tuple):
        target = Comparison(target[0], Decimal(target[1]))
    attribute = (
        None if binding is None else Attribute.BINDING if binding else Attribute.ANTICIPATORY
    )
    return Indicator(
        id=id,
        name=name,
        unit=unit,
        code=code,
        attribute=attribute,
        baseline=obs(baseline),
        target=target,
        actual=obs(actual),
        growth=None if growth is None else Decimal(growth),
        status=status,
        definition=definition,
        source=Source(kind, table=table if kind is SourceKind.TABLE else None, line=line),
    )


def ge(year: int, value: str) -> Comparison:
    return Comparison(year, Decimal(value), Comparator.GE)


def between(year: int, low: str, high: str) -> Range:
    return Range(year, Decimal(low), Decimal(high))


def run(the_plan: Plan, codes: Sequence[str]) -> list[Finding]:
    """Findings of the selected codes; a rule that raised would show up as MZ005."""
    found = list(check_plans([the_plan], host(), select=[*codes, "MZ005"]))
    assert not [f for f in found if f.code == "MZ005"], found
    return found


def codes(findings: Sequence[Finding]) -> list[tuple[str, str | None]]:
    return [(f.code, f.indicator) for f in findings]
