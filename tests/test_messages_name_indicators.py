"""Findings about an indicator name it as the plan writes it (#18 item 10).

A repair of a table row names the row's indicator, not only "row 1 of 专栏2"; a cross-level
finding names the plan's own indicator, not only the catalog code. The id is the finding's
``indicator`` (every report shows it beside the message). Texts written for these tests.
"""

from __future__ import annotations

from minzheng_plans.builtin.rules.compliance import check_compliance
from minzheng_plans.core.model import Period
from minzheng_plans.files.planfile import loads_plan
from minzheng_plans.output.i18n import render
from minzheng_plans.text.rows import Fix, table_indicators
from minzheng_plans.text.tables import ColumnRole, find_tables

from ._compliance_support import context_for, plan_text

TABLE = """\
表1 测试县民政事业主要指标
序号 |
指标 |
单位 |
2020年 |
2025年 |
属性 |
1 |
测试养老床位总数 |
张 |
100 |
120 |
约束 |
2 |
其中：护理型床位 |
张 |
40 |
60 |
预期性 |
3 |
测试照护比 |
 |
10.6 |
1:0.9 |
预期性 |
"""


def _findings(fixes: tuple[Fix, ...] = ()) -> list:
    (table,) = find_tables(TABLE)
    return list(
        table_indicators(table, table_number=1, period=Period(2021, 2025), fixes=fixes).findings
    )


def test_a_generic_repair_names_the_rows_indicator():
    """The cut attribute 约束 of row 1 is reported with the indicator's name and id."""
    (found,) = [f for f in _findings() if f.code == "MZ502"]
    assert "t1.1" == found.indicator
    assert "测试养老床位总数" == dict(found.args)["name"]
    assert "(测试养老床位总数)" in found.text
    assert "（测试养老床位总数）" in render(found, "zh_CN")


def test_a_loaders_repair_names_the_rows_indicator():
    """A plugin's fix of row 3 names 测试照护比 in English and Chinese."""
    fix = Fix(3, "the colon was lost", ColumnRole.VALUE, 0, "1:0.6")
    repairs = [f for f in _findings((fix,)) if f.code == "MZ502" and f.indicator == "t1.3"]
    assert ["测试照护比"] == [dict(f.args)["name"] for f in repairs]
    assert "Row 3 of 表1 测试县民政事业主要指标 (测试照护比)" in repairs[0].text


def test_a_binding_indicator_listed_as_anticipatory_names_the_childs_indicator():
    """MZ404 names the child plan's own indicator besides the catalog code."""
    nursing = {"code": "GN-TEST-NURSING-SHARE", "unit": "%"}
    child = loads_plan(plan_text("child", [(nursing, ">=", "60", "anticipatory")]))
    parent = loads_plan(plan_text("parent", [(nursing, ">=", "55", "binding")]))
    (found,) = [
        f for f in check_compliance([child], context_for([child, parent])) if f.code == "MZ404"
    ]
    assert "t1.1" == found.indicator
    assert found.text.startswith("指标1: ")
    assert "GN-TEST-NURSING-SHARE" in found.text
    assert render(found, "zh_CN").startswith("指标1：")


def test_a_looser_target_names_the_childs_indicator():
    """MZ401 names the child's indicator as well as the parent's."""
    nursing = {"code": "GN-TEST-NURSING-SHARE", "unit": "%"}
    child = loads_plan(plan_text("child", [(nursing, ">=", "50", "binding")]))
    parent = loads_plan(plan_text("parent", [(nursing, ">=", "55", "binding")]))
    (found,) = list(check_compliance([child], context_for([child, parent])))
    assert "MZ401" == found.code
    assert found.text.startswith("指标1: Target ≥50")
