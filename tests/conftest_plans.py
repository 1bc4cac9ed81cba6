"""Small plan texts shared by tests (written for the tests, not taken from any document)."""

MINIMAL_PLAN = """\
schema = "minzheng-plans/1"

[plan]
id = "990102-2021-2025"
title = "测试县“十四五”民政规划"

[plan.jurisdiction]
code = "990102"
name = "测试县"
level = "county"

[plan.period]
start = 2021
end = 2025

[[indicators]]
id = "t1.1"
name = "养老机构护理型床位占比"
unit = "%"
attribute = "binding"
target = { year = 2025, comparator = ">=", value = 55 }
"""
