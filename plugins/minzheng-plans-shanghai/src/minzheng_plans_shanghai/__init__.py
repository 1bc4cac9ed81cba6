"""minzheng-plans loaders for Shanghai plans (上海市): 崇明区民政事业发展“十四五”规划.

Registered through the ``minzheng_plans`` entry-point group like any third-party plugin.
"""

from __future__ import annotations

from minzheng_plans import Loader, hookimpl

__all__ = ["LOADER_NAME", "register_loaders"]

LOADER_NAME = "shanghai.chongming-table"


@hookimpl
def register_loaders() -> list[Loader]:
    # The loader's module (and the text toolkit it imports) is imported on the first sniff or
    # load, not when the plugin is registered: a check of plan files never needs it.
    return [
        Loader.from_module(
            LOADER_NAME,
            "崇明区民政事业发展“十四五”规划: one table row per line with ' | ' "
            "separators and a formula column, prose targets",
            "minzheng_plans_shanghai.chongming",
        )
    ]
