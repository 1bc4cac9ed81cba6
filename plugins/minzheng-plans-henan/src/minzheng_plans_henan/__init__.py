"""minzheng-plans loaders for Henan plans (河南省): 开封市民政事业发展第十三个五年规划.

Registered through the ``minzheng_plans`` entry-point group like any third-party plugin.
"""

from __future__ import annotations

from minzheng_plans import Loader, hookimpl

__all__ = ["LOADER_NAME", "register_loaders"]

LOADER_NAME = "henan.kaifeng-prose"


@hookimpl
def register_loaders() -> list[Loader]:
    # The loader's module (and the text toolkit it imports) is imported on the first sniff or
    # load, not when the plugin is registered: a check of plan files never needs it.
    return [
        Loader.from_module(
            LOADER_NAME,
            "开封市民政事业发展第十三个五年规划: no table, every target in prose "
            "(ranges, relative targets)",
            "minzheng_plans_henan.kaifeng",
        )
    ]
