"""minzheng-plans loaders for Chongqing plans (重庆市): the municipal 13th five-year civil-affairs
plan and the 万盛经开区 14th five-year plan.

Registered through the ``minzheng_plans`` entry-point group like any third-party plugin.
"""

from __future__ import annotations

from minzheng_plans import Loader, hookimpl

__all__ = ["MUNICIPAL_LOADER_NAME", "WANSHENG_LOADER_NAME", "register_loaders"]

MUNICIPAL_LOADER_NAME = "chongqing.cell-per-line"
WANSHENG_LOADER_NAME = "chongqing.wansheng-bar"


@hookimpl
def register_loaders() -> list[Loader]:
    # A loader's module (and the text toolkit it imports) is imported on the first sniff or
    # load, not when the plugin is registered: a check of plan files never needs it.
    return [
        Loader.from_module(
            MUNICIPAL_LOADER_NAME,
            "重庆市民政事业发展“十三五”规划: tables with one cell per line, header "
            "order recovered, damaged cells repaired with MZ502",
            "minzheng_plans_chongqing.municipal",
        ),
        Loader.from_module(
            WANSHENG_LOADER_NAME,
            "万盛经开区民政事业发展“十四五”规划: cells ending ' |', a completion table "
            "(表1) and a target table (表2)",
            "minzheng_plans_chongqing.wansheng",
        ),
    ]
