"""minzheng-plans loaders for national plans (全国): the “十四五”民政事业发展规划 of 民政部 and
国家发展改革委.

Registered through the ``minzheng_plans`` entry-point group like any third-party plugin.
"""

from __future__ import annotations

from minzheng_plans import Loader, hookimpl
from minzheng_plans_national.mca import LOADER_NAME, load, sniff

__all__ = ["register_loaders"]


@hookimpl
def register_loaders() -> list[Loader]:
    return [
        Loader(
            name=LOADER_NAME,
            description="“十四五”民政事业发展规划 (民政部, 国家发展改革委): indicator table with "
            "one cell per line, prose targets and 专栏 projects",
            sniff=sniff,
            load=load,
        )
    ]
