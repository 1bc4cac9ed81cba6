"""minzheng-plans loaders for Chongqing plans (重庆市): the municipal 13th five-year civil-affairs
plan and the 万盛经开区 14th five-year plan.

Registered through the ``minzheng_plans`` entry-point group like any third-party plugin.
"""

from __future__ import annotations

from minzheng_plans import Document, LoadContext, Loader, LoadResult, hookimpl

__all__ = ["MUNICIPAL_LOADER_NAME", "WANSHENG_LOADER_NAME", "register_loaders"]

MUNICIPAL_LOADER_NAME = "chongqing.cell-per-line"
WANSHENG_LOADER_NAME = "chongqing.wansheng-bar"

# A loader's module (and the text toolkit it imports) is imported on the first sniff or load,
# not when the plugin is registered: a check of plan files never needs it.


def _sniff_municipal(document: Document, context: LoadContext) -> float:
    from minzheng_plans_chongqing import municipal  # noqa: PLC0415

    return municipal.sniff(document, context)


def _load_municipal(document: Document, context: LoadContext) -> LoadResult:
    from minzheng_plans_chongqing import municipal  # noqa: PLC0415

    return municipal.load(document, context)


def _sniff_wansheng(document: Document, context: LoadContext) -> float:
    from minzheng_plans_chongqing import wansheng  # noqa: PLC0415

    return wansheng.sniff(document, context)


def _load_wansheng(document: Document, context: LoadContext) -> LoadResult:
    from minzheng_plans_chongqing import wansheng  # noqa: PLC0415

    return wansheng.load(document, context)


@hookimpl
def register_loaders() -> list[Loader]:
    return [
        Loader(
            name=MUNICIPAL_LOADER_NAME,
            description="重庆市民政事业发展“十三五”规划: tables with one cell per line, header "
            "order recovered, damaged cells repaired with MZ502",
            sniff=_sniff_municipal,
            load=_load_municipal,
        ),
        Loader(
            name=WANSHENG_LOADER_NAME,
            description="万盛经开区民政事业发展“十四五”规划: cells ending ' |', a completion table "
            "(表1) and a target table (表2)",
            sniff=_sniff_wansheng,
            load=_load_wansheng,
        ),
    ]
