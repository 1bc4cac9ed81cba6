"""Write two fictional plans: a province and one of its counties with a looser target.

    python examples/deviation/write_plans.py [FOLDER]

writes ``province.toml`` and ``county.toml`` into FOLDER (default: ``plans``). The province
(测试省, 990100) makes its nursing-care bed share a binding ≥55 % for 2025; the county
(测试县, 990101) sets ≥50 %, which ``check`` reports as MZ401.
docs/howto/record-an-approved-deviation.md records the approval of that deviation as a waiver
(``examples/deviation/minzheng-plans.toml``). Neither place exists.
"""

from __future__ import annotations

import sys
from pathlib import Path

PROVINCE = """\
# A fictional plan, written for the documentation: 测试省 does not exist.
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
# A fictional plan, written for the documentation: 测试县 does not exist.
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


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (("province.toml", PROVINCE), ("county.toml", COUNTY)):
        (folder / name).write_text(text, encoding="utf-8")
        print("wrote", folder / name)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("plans"))
