"""minzheng-plans loaders for Shanghai plans (上海市): 崇明区民政事业发展“十四五”规划.

Registered through the ``minzheng_plans`` entry-point group like any third-party plugin.
"""

from __future__ import annotations

from minzheng_plans import Loader, hookimpl
from minzheng_plans_shanghai.chongming import LOADER_NAME, load, sniff

__all__ = ["register_loaders"]


@hookimpl
def register_loaders() -> list[Loader]:
    return [
        Loader(
            name=LOADER_NAME,
            description="崇明区民政事业发展“十四五”规划: one table row per line with ' | ' "
            "separators and a formula column, prose targets",
            sniff=sniff,
            load=load,
        )
    ]
