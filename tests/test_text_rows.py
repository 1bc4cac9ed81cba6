"""Table rows to indicators, on tables written for these tests."""

from __future__ import annotations

from decimal import Decimal

import pytest

from minzheng_plans.core.model import Attribute, Observation, Period
from minzheng_plans.core.quantity import Comparator, Comparison, Relative
from minzheng_plans.text.rows import (
    RATIO_UNIT,
    Fix,
    column_meanings,
    read_attribute,
    table_indicators,
    table_lines,
    tables_indicators,
)
from minzheng_plans.text.tables import ColumnRole, find_tables

PLAN = Period(2021, 2025)

TARGETS = """\
表2 测试区发展指标一览
序号 |
主要指标 |
单位 |
2020年 |
2025年 |
指标属性 |
1 |
测试增速 |
% |
—— |
不低于上年度测试增速 |
预期 |
2 |
测试人数 |
人 |
≥30.50 |
≤40 |
约束性 |
3 |
测试比 |
 |
10.6 |
10.9 |
预期性 |
4 |
测试面积 |
平方米 |
很多 |
50 |
预期性 |
"""

COMPLETION = """\
专栏1  测试县“十三五”主要指标完成情况
2015年末
2020年末
“十三五”
期间增长(%
指标
属性
1
测试床位数(张
10
20
100
预期性
2
测试补助标准五年增长(%
/
/
3040
约束性
3
测试覆盖率(%)
30
40
"""


@pytest.fixture(name="targets")
def _targets():
    (table,) = find_tables(TARGETS)
    return table


@pytest.fixture(name="completion")
def _completion():
    (table,) = find_tables(COMPLETION)
    return table


class TestMeanings:
    def test_years_before_the_period_are_baselines(self, targets):
        """A year column before the period is a baseline, the end year a target."""
        kinds = [(m.kind, m.year) for m in column_meanings(targets, PLAN)]
        assert [("baseline", 2020), ("target", 2025)] == kinds

    def test_completion_tables_read_baseline_and_actual(self, completion):
        """A completion table's columns are a baseline and an actual."""
        kinds = [(m.kind, m.year) for m in column_meanings(completion, Period(2021, 2025))]
        assert [("baseline", 2015), ("actual", 2020)] == kinds


class TestAttribute:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("约束性", (Attribute.BINDING, False)),
            ("预期性", (Attribute.ANTICIPATORY, False)),
            ("约束", (Attribute.BINDING, True)),
            ("指导性", (None, False)),
        ],
    )
    def test_read_attribute(self, text, expected):
        """约束性 and 预期性 read as attributes, truncated ones as repaired, 指导性 as none."""
        assert expected == read_attribute(text)


class TestTargets:
    def test_every_row_is_an_indicator_or_a_finding(self, targets):
        """Every row is an indicator or an MZ501 quoting the unreadable cell."""
        result = table_indicators(targets, table_number=2, period=PLAN, plan="p", file="f")
        ids = [i.id for i in result.indicators]
        unreadable = [f for f in result.findings if f.code == "MZ501"]
        assert ["t2.1", "t2.2", "t2.3"] == ids
        assert ["t2.4"] == [f.indicator for f in unreadable]
        assert "很多" in unreadable[0].text
        assert 4 == len(ids) + len(unreadable)

    def test_values_are_exact(self, targets):
        """Cells read as exact values with their comparators, unit and attribute."""
        result = table_indicators(targets, table_number=2, period=PLAN)
        second = result.indicators[1]
        assert Observation(2020, Decimal("30.50"), Comparator.GE) == second.baseline
        assert "30.50" == str(second.baseline.value)
        assert Comparison(2025, Decimal(40), Comparator.LE) == second.target
        assert ("人", Attribute.BINDING) == (second.unit, second.attribute)

    def test_relative_target_and_no_value(self, targets):
        """An empty baseline is none, and a target naming a reference is relative."""
        first = table_indicators(targets, table_number=2, period=PLAN).indicators[0]
        assert first.baseline is None
        assert Relative(2025, Comparator.GE, "上年度测试增速") == first.target

    def test_truncated_attribute_is_repaired_and_reported(self, targets):
        """A truncated attribute is repaired, keeps its raw text, and gives an MZ502 at its line."""
        result = table_indicators(targets, table_number=2, period=PLAN)
        first = result.indicators[0]
        assert Attribute.ANTICIPATORY == first.attribute
        assert "预期" == first.source.raw
        (repair,) = [f for f in result.findings if f.code == "MZ502"]
        assert "t2.1" == repair.indicator
        assert 13 == repair.location.line

    def test_provenance(self, targets):
        """A row's source gives the table caption, row, line and the name as quote."""
        second = table_indicators(targets, table_number=2, period=PLAN).indicators[1]
        assert "表2 测试区发展指标一览" == second.source.table
        assert (2, 15, "测试人数") == (second.source.row, second.source.line, second.source.quote)
        assert second.source.raw is None

    def test_ratio_fix(self, targets):
        """A fix turns lost-colon cells into 1:x ratios, keeping raw text, with an MZ502 each."""
        fixes = [
            Fix(3, "colon lost", ColumnRole.VALUE, 0, "1:0.6"),
            Fix(3, "colon lost", ColumnRole.VALUE, 1, "1:0.9"),
        ]
        result = table_indicators(targets, table_number=2, period=PLAN, fixes=fixes)
        third = result.indicators[2]
        assert RATIO_UNIT == third.unit
        assert Decimal("0.6") == third.baseline.value
        assert Decimal("0.9") == third.target.value
        assert "10.6 | 10.9" == third.source.raw
        repairs = [f for f in result.findings if f.code == "MZ502" and f.indicator == "t2.3"]
        assert 2 == len(repairs)

    def test_without_the_fix_the_ratio_reads_as_written(self, targets):
        """Without a fix, a ratio that lost its colon reads as the number written."""
        third = table_indicators(targets, table_number=2, period=PLAN).indicators[2]
        assert Decimal("10.6") == third.baseline.value
        assert "" == third.unit


class TestCompletion:
    def test_actual_growth_and_lost_bracket(self, completion):
        """A completion row gives baseline, actual and growth, and a lost bracket is repaired."""
        result = table_indicators(completion, table_number=1, period=Period(2021, 2025))
        first = result.indicators[0]
        assert Observation(2015, 10) == first.baseline
        assert Observation(2020, 20) == first.actual
        assert Decimal(100) == first.growth
        assert ("测试床位数", "张") == (first.name, first.unit)
        assert "测试床位数(张" == first.source.raw
        codes = {(f.code, f.indicator) for f in result.findings}
        assert ("MZ502", "t1.1") in codes

    def test_growth_is_repaired_only_by_a_fix(self, completion):
        """Without a fix 3040 reads as written; with one, the range lives in the MZ502."""
        result = table_indicators(completion, table_number=1, period=Period(2021, 2025))
        second = result.indicators[1]
        assert second.growth == Decimal(3040)
        fixed = table_indicators(
            completion,
            table_number=1,
            period=Period(2021, 2025),
            fixes=[Fix(2, "prose gives 30% and 40%", ColumnRole.GROWTH, 0, "30%~40%")],
        )
        repaired = fixed.indicators[1]
        assert repaired.growth is None
        assert "3040" in (repaired.source.raw or "")
        assert not [f for f in fixed.findings if f.code == "MZ503"]

    def test_short_last_row_is_reported(self, completion):
        """A short last row is an MZ501 quoting the row."""
        result = table_indicators(completion, table_number=1, period=Period(2021, 2025))
        (problem,) = [f for f in result.findings if f.code == "MZ501"]
        assert "t1.3" == problem.indicator
        assert "测试覆盖率(%)" in problem.text


def test_tables_are_numbered_in_order_and_their_lines_collected():
    """Tables are numbered in order and their lines, not the prose between, are collected."""
    tables = find_tables(COMPLETION + "\n正文段落,说明情况。\n" + TARGETS)
    result = tables_indicators(tables, period=PLAN)
    assert {"t1.1", "t2.1"} <= {i.id for i in result.indicators}
    assert set(range(1, 24)) <= result.lines
    assert 25 not in result.lines
    assert table_lines(tables[1]) <= result.lines


def test_a_row_lost_entirely_is_reported():
    """Row 2 is gone from the text: rows 1 and 3 load and row 2 gets an MZ501."""
    text = TARGETS.replace("2 |\n测试人数 |\n人 |\n≥30.50 |\n≤40 |\n约束性 |\n", "")
    (table,) = find_tables(text)
    result = table_indicators(table, table_number=2, period=PLAN)
    assert ["t2.1", "t2.3"] == [i.id for i in result.indicators]
    missing = [f for f in result.findings if f.code == "MZ501" and f.indicator == "t2.2"]
    assert 1 == len(missing)
    assert "skips" in missing[0].text


def test_a_range_baseline_keeps_the_row():
    """A baseline of 35-40 has no single value: the row loads, the range is in an MZ503."""
    text = TARGETS.replace("≥30.50 |", "35-40 |")
    (table,) = find_tables(text)
    result = table_indicators(table, table_number=2, period=PLAN)
    second = result.indicators[1]
    assert ("t2.2", None) == (second.id, second.baseline)
    assert Comparison(2025, 40, Comparator.LE) == second.target
    (doubt,) = [f for f in result.findings if f.code == "MZ503"]
    assert "35-40" in doubt.text
    assert "baseline" in doubt.text
