"""minzheng-plans loaders for Chongqing plans (重庆市): the municipal 13th five-year civil-affairs
plan and the 万盛经开区 14th five-year plan.

Registered through the ``minzheng_plans`` entry-point group like any third-party plugin.
"""

from __future__ import annotations

from minzheng_plans import Loader, hookimpl
from minzheng_plans_chongqing import municipal, wansheng

__all__ = ["register_loaders"]


@hookimpl
def register_loaders() -> list[Loader]:
    return [
        Loader(
            name=municipal.LOADER_NAME,
            description="重庆市民政事业发展“十三五”规划: tables with one cell per line, header "
            "order recovered, damaged cells repaired with MZ502",
            sniff=municipal.sniff,
            load=municipal.load,
        ),
        Loader(
            name=wansheng.LOADER_NAME,
            description="万盛经开区民政事业发展“十四五”规划: cells ending ' |', a completion table "
            "(表1) and a target table (表2)",
            sniff=wansheng.sniff,
            load=wansheng.load,
        ),
    ]
