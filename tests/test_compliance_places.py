"""Cross-level checks for any place: registry ancestors, the nearest plan above, and what is said.

The plans here are written for these tests (real places, fictional targets); the national
plan is the bundled one.
"""

from __future__ import annotations

import datetime as dt

from minzheng_plans import CheckContext, Plan, check_paths, create_plugin_host, loads_plan
from minzheng_plans.builtin.rules.compliance import check_compliance, search_parents
from minzheng_plans.files.resources import data_file


def bundled_plans() -> list[Plan]:
    """The bundled plans (data/plans), read here so the test does not depend on the runner."""
    folder = data_file("plans")
    return [
        loads_plan(item.read_text(encoding="utf-8"))
        for item in sorted(folder.iterdir(), key=lambda node: node.name)
        if item.name.endswith(".toml")
    ]


def _plan(code: str, name: str, level: str, *, parent: str | None, rows: str = "") -> str:
    parent_line = f'parent = "{parent}"\n' if parent else ""
    return (
        'schema = "minzheng-plans/1"\n\n[plan]\n'
        f'id = "{code}-2021-2025"\ntitle = "{name}民政事业发展“十四五”规划"\n\n'
        f'[plan.jurisdiction]\ncode = "{code}"\nname = "{name}"\nlevel = "{level}"\n'
        f"{parent_line}\n[plan.period]\nstart = 2021\nend = 2025\n{rows}"
    )


NURSING_50 = """
[[indicators]]
id = "t1.1"
name = "养老机构护理型床位占比"
code = "EC-NURSING-BED-SHARE"
unit = "%"
attribute = "binding"

[indicators.target]
year = 2025
comparator = ">="
value = 50
"""

NURSING_60 = NURSING_50.replace("value = 50", "value = 60")


def _context(*texts: str) -> CheckContext:
    plans = [loads_plan(text) for text in texts]
    host = create_plugin_host(entry_points=False)
    return CheckContext(host, plans, bundled_plans(), dt.date(2026, 1, 1))


def test_hangzhou_is_checked_against_the_national_plan_through_its_ancestors() -> None:
    """杭州市 ≥50 % against the bundled national ≥55 %: MZ401 (binding: error) and MZ407."""
    context = _context(_plan("330100", "杭州市", "prefecture", parent="330000", rows=NURSING_50))
    findings = list(check_compliance(context.plans, context))
    assert [("MZ407", "info"), ("MZ401", "error")] == [(f.code, f.severity) for f in findings]
    used = findings[0]
    assert "浙江省 (330000)" in used.text
    assert "000000-2021-2025" in used.text
    assert "000000-2021-2025/t1.14" in findings[1].related


def test_the_registry_gives_the_chain_when_the_plan_names_no_parent() -> None:
    """A plan file without a parent code still climbs 萧山区 → 杭州市 → 浙江省 → 全国."""
    context = _context(_plan("330109", "萧山区", "county", parent=None, rows=NURSING_50))
    assert ("330100", "330000", "000000") == context.ancestor_codes(context.plans[0])
    assert ["MZ407", "MZ401"] == [f.code for f in check_compliance(context.plans, context)]


def test_the_direct_parent_plan_is_used_when_given() -> None:
    """With 杭州市's plan given, 萧山区 is checked against it and nothing is said about it."""
    context = _context(
        _plan("330109", "萧山区", "county", parent=None, rows=NURSING_60),
        _plan("330100", "杭州市", "prefecture", parent="330000", rows=NURSING_60),
    )
    xiaoshan = context.plans[0]
    search = search_parents(xiaoshan, context)
    assert (["330100-2021-2025"], None) == ([p.id for p in search.parents], search.stand_in)
    assert [] == [f.code for f in check_compliance([xiaoshan], context) if f.plan == xiaoshan.id]


def test_no_ancestor_plan_is_said() -> None:
    """A 2011–2015 county plan has no plan above it bundled: MZ408 lists the ancestors."""
    text = _plan("330109", "萧山区", "county", parent=None).replace("2021", "2011")
    text = text.replace("2025", "2015").replace("十四五", "十二五")
    context = _context(text)
    findings = list(check_compliance(context.plans, context))
    assert ["MZ408"] == [f.code for f in findings]
    assert "杭州市 (330100), 浙江省 (330000), 全国 (000000)" in findings[0].text


def test_unknown_place_without_a_parent_is_said() -> None:
    """A place the registry does not know and that names no parent: MZ408 says so."""
    context = _context(_plan("X-0A1B2C3D", "某某县", "county", parent=None))
    (finding,) = check_compliance(context.plans, context)
    assert "MZ408" == finding.code
    assert "No jurisdiction above 某某县 (X-0A1B2C3D) is known" in finding.text


def test_national_plan_needs_no_parent() -> None:
    """The national plan is at the top: no MZ407, no MZ408."""
    context = _context(_plan("000000", "全国", "national", parent=None))
    assert [] == [f.code for f in check_compliance(context.plans, context)]


def test_check_paths_reports_the_stand_in_and_the_looser_target(tmp_path) -> None:
    """Through the runner with the bundled plans, as the command line does."""
    path = tmp_path / "hangzhou.toml"
    path.write_text(
        _plan("330100", "杭州市", "prefecture", parent="330000", rows=NURSING_50), "utf-8"
    )
    report = check_paths([path], create_plugin_host(entry_points=False))
    assert {"MZ401", "MZ407"} <= {f.code for f in report.findings}


AREA_PER_100 = """
[[indicators]]
id = "p1.1"
name = "城乡社区综合服务设施面积"
code = "CG-FACILITY-AREA-PER-100-HOUSEHOLDS"
unit = "平方米/百户"

[indicators.target]
year = 2025
comparator = ">="
value = 28
"""


def test_a_base_the_parent_s_name_states_compares_with_one_written_out() -> None:
    """30 平方米 for 每百户…面积 (the national plan) and 28 平方米/百户 compare: MZ401, no MZ403."""
    context = _context(_plan("330100", "杭州市", "prefecture", parent="330000", rows=AREA_PER_100))
    codes = [f.code for f in check_compliance(context.plans, context) if f.indicator == "p1.1"]
    assert ["MZ401"] == codes
