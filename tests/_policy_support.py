"""Plan files for the policy, waiver and baseline tests (written for the tests).

A fictional province (990100) and one of its counties (990101): the province's nursing-bed
share is a binding ≥55 %, the county's a looser ≥50 %, which is an MZ401 error.
"""

from __future__ import annotations

from pathlib import Path

PROVINCE = """\
schema = "minzheng-plans/1"

[plan]
id = "990100-2021-2025"
title = "测试省“十四五”民政事业发展规划"

[plan.jurisdiction]
code = "990100"
name = "测试省"
level = "provincial"

[plan.period]
start = 2021
end = 2025

[[indicators]]
id = "t1.1"
name = "养老机构护理型床位占比"
unit = "%"
code = "EC-NURSING-BED-SHARE"
attribute = "binding"
target = { year = 2025, comparator = ">=", value = 55 }
"""

COUNTY = """\
schema = "minzheng-plans/1"

[plan]
id = "990101-2021-2025"
title = "测试县“十四五”民政事业发展规划"
based_on = [{ title = "测试省“十四五”民政事业发展规划" }]

[plan.jurisdiction]
code = "990101"
name = "测试县"
level = "county"
parent = "990100"

[plan.period]
start = 2021
end = 2025

[[indicators]]
id = "t1.1"
name = "护理型床位占比"
unit = "%"
code = "EC-NURSING-BED-SHARE"
attribute = "binding"
target = { year = 2025, comparator = ">=", value = 50 }
"""

COUNTY_ID = "990101-2021-2025"


def write_pair(folder: Path, county: str = COUNTY, extra: str = "") -> Path:
    """The province and the county (with ``extra`` appended) in ``folder``/plans."""
    plans = folder / "plans"
    plans.mkdir(parents=True, exist_ok=True)
    (plans / "province.toml").write_text(PROVINCE, encoding="utf-8")
    (plans / "county.toml").write_text(county + extra, encoding="utf-8")
    return plans
