"""The example plugin's own tests, written with the helpers minzheng-plans ships for authors."""

from decimal import Decimal

import minzheng_plans_example
from minzheng_plans_example.loader import LOADER
from minzheng_plans_example.rule import RULE

from minzheng_plans.testing import (
    assert_codes,
    assert_loader_contract,
    assert_rule_contract,
    make_host,
    make_indicator,
    make_plan,
)

LIST = """\
# minzheng-plans line list
规划：测试县“十四五”民政规划
地区：990102 测试县 county
期间：2021-2025
养老机构护理型床位占比 | % | ≥55
每千名老年人拥有养老床位数 | 张 | 35-40
"""

TABLE = "period,2021,2025\nname,unit,target\n护理型床位占比,%,≥55\n"


def test_loader_keeps_the_contract():
    """Claims its own layout, loses others (a CSV table), loads exact values."""
    (result,) = assert_loader_contract(LOADER, [("x.mzlist", LIST)], [("t.csv", TABLE)])
    first, second = result.plan.indicators
    assert (Decimal(55), 2025) == (first.target.value, first.target.year)
    assert (Decimal(35), Decimal(40)) == (second.target.low, second.target.high)
    assert () == result.findings


def test_unreadable_line_is_reported_not_dropped():
    """A line with two cells is an MZ501 warning quoting it; the other lines still load."""
    (result,) = assert_loader_contract(LOADER, [("x.mzlist", LIST + "社工人数 | 人\n")])
    assert_codes(result.findings, ["MZ501"])
    assert "社工人数 | 人" in result.findings[0].text
    assert 2 == len(result.plan.indicators)


def test_rule_keeps_the_contract():
    """MZ901 fires for a missing target and not for ≥55 %; its code is third-party."""
    failing = make_plan(make_indicator("覆盖率", "%", target="——"))
    passing = make_plan(make_indicator("覆盖率", "%", target="≥55"))
    (finding,) = assert_rule_contract(RULE, failing, passing, code_prefix="MZ9")
    assert "覆盖率 states no target for 2025" in finding.text


def test_ranges_and_relative_targets_are_targets():
    """35-40 and 不低于… state targets too; only the indicator without one is flagged."""
    failing = make_plan(
        make_indicator("床位数", "张", target="35-40"),
        make_indicator("低保标准增长", "%", target="不低于居民上年度人均消费支出增速"),
        make_indicator("覆盖率", "%"),
    )
    passing = make_plan(*failing.indicators[:2])
    (finding,) = assert_rule_contract(RULE, failing, passing)
    assert "t1.3" == finding.indicator


def test_plugin_registers_both_contributions():
    """The package registers through the hooks exactly what it says."""
    host = make_host(minzheng_plans_example)
    plugin = "minzheng_plans_example"
    assert ["example.line-list"] == [i.name for i in host.loaders() if i.plugin.name == plugin]
    assert ["MZ901"] == [i.code for i in host.rules() if i.plugin.name == plugin]
