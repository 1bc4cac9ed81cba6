"""minzheng-plans loaders for Shanghai plans (上海市): 崇明区民政事业发展“十四五”规划.

Registered through the ``minzheng_plans`` entry-point group like any third-party plugin.
"""

from __future__ import annotations

from minzheng_plans import Document, LoadContext, Loader, LoadResult, hookimpl

__all__ = ["LOADER_NAME", "register_loaders"]

LOADER_NAME = "shanghai.chongming-table"

# The loader's module (and the text toolkit it imports) is imported on the first sniff or
# load, not when the plugin is registered: a check of plan files never needs it.


def _sniff(document: Document, context: LoadContext) -> float:
    from minzheng_plans_shanghai import chongming  # noqa: PLC0415 - the toolkit loads on first use

    return chongming.sniff(document, context)


def _load(document: Document, context: LoadContext) -> LoadResult:
    from minzheng_plans_shanghai import chongming  # noqa: PLC0415

    return chongming.load(document, context)


@hookimpl
def register_loaders() -> list[Loader]:
    return [
        Loader(
            name=LOADER_NAME,
            description="崇明区民政事业发展“十四五”规划: one table row per line with ' | ' "
            "separators and a formula column, prose targets",
            sniff=_sniff,
            load=_load,
        )
    ]
