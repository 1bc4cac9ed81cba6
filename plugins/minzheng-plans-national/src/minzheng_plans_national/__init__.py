"""minzheng-plans loaders for national plans (全国): the “十四五”民政事业发展规划 of 民政部 and
国家发展改革委.

Registered through the ``minzheng_plans`` entry-point group like any third-party plugin.
"""

from __future__ import annotations

from minzheng_plans import Loader, hookimpl

__all__ = ["LOADER_NAME", "register_loaders"]

LOADER_NAME = "national.table"


@hookimpl
def register_loaders() -> list[Loader]:
    # The loader's module (and the text toolkit it imports) is imported on the first sniff or
    # load, not when the plugin is registered: a check of plan files never needs it.
    return [
        Loader.from_module(
            LOADER_NAME,
            "“十四五”民政事业发展规划 (民政部, 国家发展改革委): indicator table with "
            "one cell per line, prose targets and 专栏 projects",
            "minzheng_plans_national.mca",
        )
    ]
