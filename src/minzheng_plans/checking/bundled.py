"""The plans shipped with the library (``data/plans``): parents a checked plan may cite."""

from __future__ import annotations

from functools import cache

from minzheng_plans.core.model import Plan
from minzheng_plans.files.planfile import loads_plan
from minzheng_plans.files.resources import data_file

__all__ = ["bundled_plans"]


@cache
def bundled_plans() -> tuple[Plan, ...]:
    """The plans shipped in ``data/plans`` (read once per process)."""
    folder = data_file("plans")
    if not folder.is_dir():
        return ()
    return tuple(
        loads_plan(item.read_text(encoding="utf-8"), path=f"<bundled>/{item.name}")
        for item in sorted(folder.iterdir(), key=lambda t: t.name)
        if item.name.endswith(".toml")
    )
