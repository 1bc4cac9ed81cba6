"""minzheng-plans loaders for Henan plans (河南省): 开封市民政事业发展第十三个五年规划.

Registered through the ``minzheng_plans`` entry-point group like any third-party plugin.
"""

from __future__ import annotations

from minzheng_plans import Loader, hookimpl
from minzheng_plans_henan.kaifeng import LOADER_NAME, load, sniff

__all__ = ["register_loaders"]


@hookimpl
def register_loaders() -> list[Loader]:
    return [
        Loader(
            name=LOADER_NAME,
            description="开封市民政事业发展第十三个五年规划: no table, every target in prose "
            "(ranges, relative targets)",
            sniff=sniff,
            load=load,
        )
    ]
