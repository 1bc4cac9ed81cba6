"""minzheng-plans loaders for Henan plans (河南省): 开封市民政事业发展第十三个五年规划.

Registered through the ``minzheng_plans`` entry-point group like any third-party plugin.
"""

from __future__ import annotations

from minzheng_plans import Document, LoadContext, Loader, LoadResult, hookimpl

__all__ = ["LOADER_NAME", "register_loaders"]

LOADER_NAME = "henan.kaifeng-prose"

# The loader's module (and the text toolkit it imports) is imported on the first sniff or
# load, not when the plugin is registered: a check of plan files never needs it.


def _sniff(document: Document, context: LoadContext) -> float:
    from minzheng_plans_henan import kaifeng  # noqa: PLC0415 - the toolkit loads on first use

    return kaifeng.sniff(document, context)


def _load(document: Document, context: LoadContext) -> LoadResult:
    from minzheng_plans_henan import kaifeng  # noqa: PLC0415

    return kaifeng.load(document, context)


@hookimpl
def register_loaders() -> list[Loader]:
    return [
        Loader(
            name=LOADER_NAME,
            description="开封市民政事业发展第十三个五年规划: no table, every target in prose "
            "(ranges, relative targets)",
            sniff=_sniff,
            load=_load,
        )
    ]
