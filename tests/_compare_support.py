"""Plan files written for the compare/evaluate/export/diff/chart tests (fictional figures)."""

from pathlib import Path

from minzheng_plans.core.model import Plan
from minzheng_plans.files.planfile import read_plan

DATA = Path(__file__).parent / "data" / "compare"
EXAMPLE = Path(__file__).parents[1] / "examples" / "lanxi-county-2021-2025.toml"
NATIONAL = DATA / "national-2021-2025.toml"
COUNTY = DATA / "testcounty-2021-2025.toml"
DRAFT = EXAMPLE.with_name("lanxi-county-2021-2025-draft.toml")
MONITORING = DATA / "lanxi-monitoring.toml"


def plans() -> list[Plan]:
    return [read_plan(NATIONAL), read_plan(COUNTY), read_plan(EXAMPLE)]
